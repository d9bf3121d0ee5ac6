import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { ParafError } from '#errors/paraf-error.ts';
import { makeTableWritesHoldable, type ReleaseTable } from '../backup/table-write-hold.ts';
import type { TableThreadAnswer, TableThreadRequest } from './table-thread.ts';

/**
 * dynalite on its own thread, so that its CPU (parsing every request's expressions, LevelDB) runs
 * on another core than the engine and the web server. The main thread asks it to hold and release
 * the table's writes (a backup's snapshot) and to close; it answers when listening, held and closed.
 */
if (!parentPort) throw new Error('serve-table.ts runs on the table thread only (table-thread.ts)');
const port = parentPort;
const answer = (message: TableThreadAnswer) => port.postMessage(message);
const server = dynalite({ path: (workerData as { path: string }).path, createTableMs: 0 });
const writes = makeTableWritesHoldable(server);
let release: ReleaseTable | undefined;

server.once('error', (error: Error) => {
  throw error;
});
server.listen(0, '127.0.0.1', () => answer({ kind: 'listening', port: (server.address() as AddressInfo).port }));

port.on('message', async (request: TableThreadRequest) => {
  if (request.kind === 'hold') {
    try {
      release = await writes.hold();
      answer({ kind: 'held', id: request.id });
    } catch (error) {
      const refused = error instanceof ParafError ? error : new ParafError('backup-refused', String(error));
      answer({ kind: 'hold-refused', id: request.id, code: refused.code, message: refused.message });
    }
  } else if (request.kind === 'release') {
    release?.();
    release = undefined;
  } else server.close(() => answer({ kind: 'closed' }));
});
