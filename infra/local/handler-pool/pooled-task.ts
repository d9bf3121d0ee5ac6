import { workerData } from 'node:worker_threads';
import type { ParafConfig } from '#config/read-config.ts';
import { buildRuntime, setRuntime } from '#runtime/runtime.ts';
import { invokeLocal, loadHandler } from '../lambda-handlers.ts';
import { POOLED } from './handler-pool.ts';

/** What the main thread gives every worker at its start: the runtime's settings, the stand-ins' endpoints among them. */
export interface PoolWorkerData {
  config: ParafConfig;
}

/** A task's answer: the handler's output, or its error by name and message (a thrown Error loses its name crossing threads). */
export type PooledAnswer =
  | { output: Awaited<ReturnType<typeof invokeLocal>> }
  | { error: { name: string; message: string } };

// The worker's own runtime, from the same settings: its clients call the same loopback stand-ins, as a second Lambda container would.
setRuntime(buildRuntime((workerData as PoolWorkerData).config));
// Loaded before the worker says it is ready: piscina hands it no task until this module has run.
await Promise.all([...POOLED].map(loadHandler));

/** One Lambda invocation in this worker, as the main thread would run it (lambda-handlers.ts). */
export async function runPooledTask(task: {
  functionName: string;
  payload: Parameters<typeof invokeLocal>[1];
}): Promise<PooledAnswer> {
  try {
    return { output: await invokeLocal(task.functionName, task.payload) };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { error: { name, message } };
  }
}
