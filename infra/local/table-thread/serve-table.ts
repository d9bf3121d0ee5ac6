import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { ParafError, type ParafErrorCode } from '#errors/paraf-error.ts';
import type { ReleaseTable } from '../backup/table-write-hold.ts';
import { startDynalite } from './start-dynalite.ts';
import { serveTableRequests } from './table-requests.ts';
import type { TableThreadAnswer, TableThreadRequest } from './table-thread.ts';

/**
 * dynalite on its own thread, so that its CPU (parsing every request's expressions, LevelDB) runs
 * on another core than the engine and the web server. The runtime's table requests arrive on the
 * `requests` port (table-requests.ts); tools reach the same table over HTTP. The main thread asks it
 * to hold and release the table's writes (a backup's snapshot) and to close; it answers when
 * listening, held and closed. Closing first stops the port's requests, then closes dynalite.
 */
if (!parentPort) throw new Error('serve-table.ts runs on the table thread only (table-thread.ts)');
const port = parentPort;
const answer = (message: TableThreadAnswer) => port.postMessage(message);
const { path, requests } = workerData as { path: string; requests: MessagePort };
const table = await startDynalite(path);
const served = serveTableRequests(table.server, requests);
let release: ReleaseTable | undefined;

table.server.on('error', (error: Error) => {
  throw error;
});
answer({ kind: 'listening', port: table.port });

port.on('message', async (request: TableThreadRequest) => {
  if (request.kind === 'hold') {
    try {
      release = await table.holdWrites();
      answer({ kind: 'held', id: request.id });
    } catch (error) {
      answer({ kind: 'hold-refused', id: request.id, ...refusalOf(error) });
    }
  } else if (request.kind === 'release') {
    release?.();
    release = undefined;
  } else {
    await served.stop();
    await table.close();
    answer({ kind: 'closed' });
  }
});

/** What the person taking a backup reads: the hold's own Indonesian refusal, or a general one with the cause logged. */
function refusalOf(error: unknown): { code: ParafErrorCode; message: string } {
  if (error instanceof ParafError) return { code: error.code, message: error.message };
  console.error('the table thread could not hold writes:', error);
  return { code: 'backup-refused', message: 'Tabel tidak dapat ditahan untuk cadangan; ulangi sebentar lagi.' };
}
