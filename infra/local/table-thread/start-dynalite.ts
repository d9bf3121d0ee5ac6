import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { makeTableWritesHoldable, type ReleaseTable } from '../backup/table-write-hold.ts';

export interface ListeningTable {
  /** dynalite's HTTP server, for a caller that must hear of its later failures. */
  server: Server;
  port: number;
  endpoint: string;
  /** Holds the table's writes once those under way have answered (backup/table-write-hold.ts). */
  holdWrites(): Promise<ReleaseTable>;
  close(): Promise<void>;
}

/**
 * dynalite listening on loopback, on the thread that calls this: in the folder `path` (LevelDB), or
 * in memory without one (the benchmark's "before"). A backup holds its writes for a moment
 * (backup/take-snapshot.ts), so the hold is made here for every caller.
 */
export async function startDynalite(path?: string): Promise<ListeningTable> {
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0 });
  const writes = makeTableWritesHoldable(server);
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    holdWrites: () => writes.hold(),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
