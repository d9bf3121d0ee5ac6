import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ParafError } from '#errors/paraf-error.ts';

/** dynalite's operations that only read: everything else (PutItem, UpdateItem, BatchWriteItem, CreateTable ...) writes. */
const READS = new Set([
  'BatchGetItem',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'Query',
  'Scan',
]);

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** Lets go of the table's writes that a hold kept waiting. */
export type ReleaseTable = () => void;

/**
 * The table's writes can be held for a moment (a backup's snapshot, take-snapshot.ts): dynalite's
 * HTTP server gets a gate in front of its handler. While held, a write request waits unread (its
 * client simply waits longer for the answer) and reads pass; `hold()` resolves once the writes
 * already under way have answered, so from then until `release` the table does not change.
 * dynalite answers a write after LevelDB took it, so "answered" means "in the table".
 */
export function makeTableWritesHoldable(server: Server): { hold(): Promise<ReleaseTable> } {
  const handlers = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  let underWay = 0;
  let waiting: (() => void)[] | undefined;
  let drained: (() => void) | undefined;
  const pass: Listener = (request, response) => {
    for (const handler of handlers) handler.call(server, request, response);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (READS.has(target.slice(target.indexOf('.') + 1))) return pass(request, response);
    const write = () => {
      underWay += 1;
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        underWay -= 1;
        if (underWay === 0) drained?.();
      };
      response.once('finish', finished);
      response.once('close', finished);
      pass(request, response);
    };
    if (waiting) waiting.push(write);
    else write();
  });
  return {
    async hold() {
      if (waiting) {
        throw new ParafError(
          'backup-refused',
          'Cadangan lain sedang dibuat pada folder data ini; tunggu sampai selesai, lalu ulangi.',
        );
      }
      waiting = [];
      if (underWay > 0) await new Promise<void>((resolve) => (drained = resolve));
      drained = undefined;
      return () => {
        const queued = waiting ?? [];
        waiting = undefined;
        for (const write of queued) write();
      };
    },
  };
}
