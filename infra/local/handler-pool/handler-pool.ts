import { Piscina } from 'piscina';
import type { ParafConfig } from '#config/read-config.ts';
import type { invokeLocal } from '../lambda-handlers.ts';
import type { PooledAnswer, PoolWorkerData } from './pooled-task.ts';

type Invoke = typeof invokeLocal;

/**
 * The functions whose work is CPU: drawing the PDFs and the DOCX, CMS signatures with their
 * timestamps and validation data, hashing and the history sheet's seal at archiving. The others
 * wait on the table and the outbox and stay on the main thread with the engine.
 */
export const POOLED = new Set(['local:renderDocuments', 'local:signDocuments', 'local:archiveCase']);

/**
 * A task is mostly CPU, but it also waits on dynalite and s3rver over loopback HTTP; a few at a
 * time per worker keep its core busy through those waits.
 */
const TASKS_PER_WORKER = 4;

export interface HandlerPool {
  /** `invoke` with the CPU-heavy functions sent to the workers. */
  invoke: Invoke;
  /** Stops the workers; a task cut off is run again by its execution at the next start, as after a kill. */
  close(): Promise<void>;
}

/**
 * A piscina pool of `size` worker threads, each with its own runtime built from `config` (its
 * clients call the same loopback endpoints); with 0, every function on the main thread.
 */
export function startHandlerPool(config: ParafConfig, size: number, inProcess: Invoke): HandlerPool {
  if (size === 0) return { invoke: inProcess, close: async () => undefined };
  const workerData: PoolWorkerData = { config };
  // Started at once: the workers load their handlers while the runtime starts and the first case is
  // taken, not when its first document is due (a cold worker takes seconds on a loaded machine).
  const pool = new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: size,
    maxThreads: size,
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
  });
  return {
    invoke: async (functionName, payload) => {
      if (!POOLED.has(functionName)) return inProcess(functionName, payload);
      const answer = (await pool.run({ functionName, payload })) as PooledAnswer;
      if ('error' in answer) throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
      return answer.output;
    },
    close: () => pool.destroy(),
  };
}
