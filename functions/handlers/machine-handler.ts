import type { $ZodType, output } from 'zod/v4/core';
import { isParafError, type ParafErrorCode } from '#errors/paraf-error.ts';
import { isServiceOutage } from '#errors/service-outage.ts';
import { beginInvocation, type CorrelationKeys, flushMetrics, given, logger } from '#runtime/observability.ts';
import { parseEvent } from './events.ts';

type LambdaContext = Parameters<typeof logger.addContext>[0];

/**
 * The one map from Paraf's error codes to the error names a machine sees (`Error` in its Catch,
 * the trail's failure line): `Paraf.` and the code in PascalCase, `lane-unstaffed` as
 * `Paraf.LaneUnstaffed`. The Lambda runtime reports an error's name as its type.
 */
export function stepFunctionsErrorName(code: ParafErrorCode): string {
  return `Paraf.${code.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
}

/**
 * A machine task's handler: parse the event (a malformed one is `malformed-event`), run one use
 * case, answer what it returns; a ParafError, or a service's outage, leaves named for Step Functions. Every line it logs
 * carries the case's keys, and what `measure` counts goes out when the invocation ends.
 */
export function machineHandler<T extends $ZodType, R>(
  name: string,
  schema: T,
  run: (input: output<T>) => Promise<R>,
  measure?: (input: output<T>, result: R) => void,
): (event: unknown, context?: LambdaContext) => Promise<R> {
  return async (event, context) => {
    const keys = given(correlationOf(event));
    beginInvocation(keys);
    if (context) logger.addContext(context);
    logger.info(`${name}: begins`, keys);
    try {
      const input = parseEvent(schema, event, name);
      const result = await run(input);
      measure?.(input, result);
      logger.info(`${name}: done`, keys);
      return result;
    } catch (error) {
      if (isParafError(error)) error.name = stepFunctionsErrorName(error.code);
      else if (isServiceOutage(error)) (error as Error).name = stepFunctionsErrorName('service-unavailable');
      logger.error(`${name}: failed`, { ...keys, error: error as Error });
      throw error;
    } finally {
      await flushMetrics();
    }
  };
}

/** The ids an event carries, read before it is checked so that a malformed one is logged with them too. */
function correlationOf(event: unknown): CorrelationKeys {
  const at = (value: unknown, key: string): unknown =>
    value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const decisionId = text(at(at(event, 'decision'), 'id')) ?? text(at(at(event, 'previousDecision'), 'id'));
  const step = at(event, 'step');
  return {
    caseId: text(at(event, 'caseId')),
    sop: text(at(event, 'sop')),
    step: typeof step === 'number' ? step : undefined,
    decisionId,
    executionArn: text(at(event, 'execution')),
  };
}
