import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientSettings } from '#config/read-config.ts';
import { handle } from 'hono/aws-lambda';
import { runtime, type Runtime } from '#runtime/runtime.ts';
import { buildApp } from './app.ts';
import { StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';

/** The web app behind API Gateway: the same routes as the local runtime, the workflow on Step Functions. */
function stateMachines(rt: Runtime): Record<string, string> {
  if (!rt.config.stateMachines)
    throw new Error('environment variable PARAF_STATE_MACHINES is not set (JSON: SOP id -> state machine ARN)');
  return rt.config.stateMachines;
}

const rt = runtime();
export const handler = handle(
  buildApp(rt, new StepFunctionsWorkflow(new SFNClient(sdkClientSettings(rt.config.aws, 'sfn')), stateMachines(rt))),
);
