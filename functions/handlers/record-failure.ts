import { recordFailure } from '#cases/record-failure.ts';
import { recordTimedOutExecution } from '#cases/record-timed-out-execution.ts';
import { runtime } from '#runtime/runtime.ts';
import { ExecutionTimedOutEvent, RecordFailureEvent } from './events.ts';
import { machineHandler } from './machine-handler.ts';

/** Failed_Record: a machine step failed after its retries; the case shows it (cases/record-failure.ts). */
const fromMachine = machineHandler('record-failure', RecordFailureEvent, (input) => recordFailure(runtime(), input));

/** An execution Step Functions ended at its one-year limit, told by EventBridge (workflow-stack.ts). */
const fromTimeout = machineHandler('record-timed-out-execution', ExecutionTimedOutEvent, (event) =>
  recordTimedOutExecution(runtime(), event.detail),
);

/** One function for both: EventBridge's events name their source, the machines' never do. */
export const handler = (event: unknown, context?: Parameters<typeof fromMachine>[1]) =>
  (event as { source?: unknown } | null)?.source === 'aws.states'
    ? fromTimeout(event, context)
    : fromMachine(event, context);
