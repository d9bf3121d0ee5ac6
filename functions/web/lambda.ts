import { sdkClientSettings } from '#config/read-config.ts';
import { handle } from 'hono/aws-lambda';
import { beginInvocation, flushMetrics, logger } from '#runtime/observability.ts';
import { runtime, type Runtime } from '#runtime/runtime.ts';
import { sfnClientOnFirstCall, StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';
import { caseIdInPath, loggedPath } from './logged-path.ts';

/** The web app behind API Gateway: the same routes as the local runtime, the workflow on Step Functions. */
function stateMachines(rt: Runtime): Record<string, string> {
  if (!rt.config.stateMachines)
    throw new Error('environment variable PARAF_STATE_MACHINES is not set (JSON: SOP id -> state machine ARN)');
  return rt.config.stateMachines;
}

/**
 * The routes, with the documents and signature code some of them use, are imported with the first
 * request rather than at init (BENCHMARKS.md, bundles), and the runtime is built then too, as the
 * machines' task handlers build theirs at their first invocation: a wrong setting or office file
 * fails that request and every one after it, as it failed init before.
 */
let app: Promise<ReturnType<typeof handle>> | undefined;
const routes = () => {
  app ??= import('./app.ts').then(({ buildApp }) => {
    const rt = runtime();
    const workflow = new StepFunctionsWorkflow(
      sfnClientOnFirstCall(sdkClientSettings(rt.config.aws, 'sfn')),
      stateMachines(rt),
    );
    return handle(buildApp(rt, workflow));
  });
  return app;
};

type LambdaHandler = ReturnType<typeof handle>;
type HttpEvent = Parameters<LambdaHandler>[0];
type LambdaContext = NonNullable<Parameters<LambdaHandler>[1]> & Parameters<typeof logger.addContext>[0];

/** Each request's lines carry API Gateway's request id and the case its address names (logged-path.ts). */
export const handler = async (event: HttpEvent, context: LambdaContext) => {
  const path = 'rawPath' in event ? event.rawPath : event.path;
  beginInvocation({
    requestId: (event.requestContext as { requestId?: string } | undefined)?.requestId,
    caseId: caseIdInPath(path),
  });
  logger.addContext(context);
  try {
    const response = await (await routes())(event, context);
    logger.info('request', { path: loggedPath(path), status: response.statusCode });
    return response;
  } catch (error) {
    logger.error('request failed', { path: loggedPath(path), error: error as Error });
    throw error;
  } finally {
    await flushMetrics();
  }
};
