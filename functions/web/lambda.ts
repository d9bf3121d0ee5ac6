import { SFNClient } from '@aws-sdk/client-sfn';
import { handle } from 'hono/aws-lambda';
import { runtime } from '#runtime/runtime.ts';
import { buildApp } from './app.ts';
import { StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';

/** The web app behind API Gateway: the same routes as the local runtime, the workflow on Step Functions. */
function stateMachines(): Record<string, string> {
  const value = process.env.PARAF_STATE_MACHINES;
  if (!value)
    throw new Error('environment variable PARAF_STATE_MACHINES is not set (JSON: SOP id -> state machine ARN)');
  return JSON.parse(value) as Record<string, string>;
}

export const handler = handle(buildApp(runtime(), new StepFunctionsWorkflow(new SFNClient({}), stateMachines())));
