import { MessageChannel, Worker } from 'node:worker_threads';
import type { HttpHandler } from '@smithy/core/protocols';
import { ParafError, type ParafErrorCode } from '#errors/paraf-error.ts';
import type { ReleaseTable } from '../backup/table-write-hold.ts';
import { tableRequestHandler } from './table-requests.ts';

export type TableThreadRequest = { kind: 'hold'; id: number } | { kind: 'release' } | { kind: 'close' };
export type TableThreadAnswer =
  | { kind: 'listening'; port: number }
  | { kind: 'held'; id: number }
  | { kind: 'hold-refused'; id: number; code: ParafErrorCode; message: string }
  | { kind: 'closed' };

export interface TableThread {
  endpoint: string;
  /** The runtime's DynamoDB transport to this thread, without HTTP (table-requests.ts). */
  requestHandler: HttpHandler;
  /** Holds the table's writes once those under way have answered (backup/table-write-hold.ts). */
  holdWrites(): Promise<ReleaseTable>;
  close(): Promise<void>;
}

/**
 * The table's dynalite on a worker thread of this process (serve-table.ts). It is in the process
 * still: a kill stops it with the rest, as before, and LevelDB's files are the same. A failure of
 * dynalite is thrown on the main thread, so the process stops as it did when dynalite ran on it.
 */
export async function startTableThread(path: string): Promise<TableThread> {
  const requests = new MessageChannel();
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
    workerData: { path, requests: requests.port2 },
    transferList: [requests.port2],
  });
  const requestHandler = tableRequestHandler(requests.port1);
  const holds = new Map<number, { resolve: (release: ReleaseTable) => void; reject: (error: Error) => void }>();
  let nextHold = 0;
  let closing: (() => void) | undefined;
  worker.on('error', (error) => {
    requestHandler.fail(error);
    throw error;
  });
  worker.on('exit', (code) => {
    const stopped = new Error(`the table's thread stopped (exit code ${code})`);
    requestHandler.fail(stopped);
    for (const hold of holds.values()) hold.reject(stopped);
    holds.clear();
    requests.port1.close();
    // A thread that stopped while closing has closed, however it ended: close() must not wait on.
    if (closing) closing();
    else throw stopped;
  });
  const port = await new Promise<number>((resolve) => {
    worker.on('message', (message: TableThreadAnswer) => {
      if (message.kind === 'listening') resolve(message.port);
      else if (message.kind === 'held') holds.get(message.id)?.resolve(() => worker.postMessage({ kind: 'release' }));
      else if (message.kind === 'hold-refused')
        holds.get(message.id)?.reject(new ParafError(message.code, message.message));
      else closing?.();
      if ('id' in message) holds.delete(message.id);
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestHandler,
    holdWrites: () =>
      new Promise<ReleaseTable>((resolve, reject) => {
        nextHold += 1;
        holds.set(nextHold, { resolve, reject });
        worker.postMessage({ kind: 'hold', id: nextHold } satisfies TableThreadRequest);
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => (closing = resolve));
      requestHandler.stop();
      worker.postMessage({ kind: 'close' } satisfies TableThreadRequest);
      await closed;
      await worker.terminate();
    },
  };
}
