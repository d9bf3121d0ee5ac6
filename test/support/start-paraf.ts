import { afterAll, beforeAll } from 'vitest';
import { startLocal, type LocalOptions, type LocalParaf } from '#local/start-local.ts';
import { Clerk, removeDir, tempDataDir, type StaffCredentials } from '../../scripts/clerk.ts';
import { staffAccounts } from './staff-accounts.ts';

/**
 * The one way a test file starts the local runtime in this process: a data folder of its own, an
 * account for every official (as `npx paraf staf buat --semua` makes them), a Clerk acting as the
 * office's officials over HTTP, and a stop that closes the runtime and removes the folder. Files that
 * need a crash, a second process or a data folder prepared by hand start `startLocal` themselves.
 */

export interface ParafOptions extends Pick<LocalOptions, 'env' | 'config' | 'timeScale' | 'workers'> {
  /** The data folder's name in the system's temporary folder (`paraf-http-`...). */
  prefix: string;
  /** A data folder the test chose (inside a folder it also fills), used instead of a fresh one; removed by stop. */
  dataDir?: string;
  /** Every official signs in at the start: a session is a write, so tests comparing stored state ask for this. */
  signInAll?: boolean;
}

export interface StartedParaf {
  paraf: LocalParaf;
  dataDir: string;
  credentials: StaffCredentials;
  /** Files cases at the loket and acts on e-mailed links as the officials they were sent to. */
  clerk: Clerk;
  stop: () => Promise<void>;
}

export async function startParaf(options: ParafOptions): Promise<StartedParaf> {
  const { prefix, dataDir = tempDataDir(prefix), signInAll = false, ...local } = options;
  let paraf: LocalParaf | undefined;
  const stop = async () => {
    await paraf?.close();
    removeDir(dataDir);
  };
  try {
    paraf = await startLocal({ dataDir, port: 0, ...local });
    const credentials = await staffAccounts(paraf);
    const clerk = new Clerk(paraf.url, credentials);
    if (signInAll) await clerk.signInAll();
    return { paraf, dataDir, credentials, clerk, stop };
  } catch (error) {
    // A start that failed half-way leaves no runtime holding a port or a folder behind.
    await stop();
    throw error;
  }
}

/**
 * `startParaf` for the tests of one file (or one describe): started in beforeAll, stopped in
 * afterAll. `dataDir` is there at once (a file names its paths at load); the rest once beforeAll has run.
 */
export function parafForFile(options: ParafOptions, timeoutMs = 120_000): StartedParaf {
  const at = { dataDir: options.dataDir ?? tempDataDir(options.prefix) } as StartedParaf;
  beforeAll(async () => {
    Object.assign(at, await startParaf({ ...options, dataDir: at.dataDir }));
  }, timeoutMs);
  afterAll(() => at.stop?.());
  return at;
}
