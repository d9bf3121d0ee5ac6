import { sdkClientSettings } from '#config/read-config.ts';
import { sfnClientOnFirstCall, StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';
import type { Workflow } from '#workflow/workflow.ts';
import type { Runtime } from './runtime.ts';

const workflows = new WeakMap<Runtime, Workflow>();

/**
 * The workflow a handler answers a task through: Step Functions on AWS, built once per runtime and
 * only by the functions that answer tasks; the local runtime registers its own engine.
 */
export function workflow(rt: Runtime): Workflow {
  let built = workflows.get(rt);
  if (!built) {
    built = new StepFunctionsWorkflow(sfnClientOnFirstCall(sdkClientSettings(rt.config.aws, 'sfn')), {});
    workflows.set(rt, built);
  }
  return built;
}

/** The local runtime's engine, for the handlers of that runtime. */
export function useWorkflow(rt: Runtime, engine: Workflow): void {
  workflows.set(rt, engine);
}
