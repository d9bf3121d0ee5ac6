/**
 * The names Paraf uses from Step Functions' SDK, for the import() that loads them with the first call
 * (step-functions-workflow.ts): an import() of the package itself would bring every command into the bundle.
 */
export {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
