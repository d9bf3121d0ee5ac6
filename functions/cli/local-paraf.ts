import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { readDataDir } from '#config/read-config.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { isDataFolder, LAYOUT_FILE } from '#local/upgrade/data-layout.ts';
import { type Out, refusalMessage } from './command-line.ts';

/**
 * How the CLI's local commands (backup, doctor, archive) reach a data folder: the running Paraf that
 * holds it, through its control port (infra/local/control-server.ts), or the stopped folder itself.
 */

/** A local command on its data folder: its name and its error output, for what it says. */
export interface LocalFolder {
  command: string;
  dataDir: string;
  err: Out;
}

/**
 * The data folder a local command works on: the one given (`--data`), else PARAF_DATA, else
 * ./.paraf. One that does not exist, or is no Paraf data folder, is said on `err` and answers undefined.
 */
export function existingDataFolder(
  command: string,
  given: string | undefined,
  env: NodeJS.ProcessEnv,
  err: Out,
): LocalFolder | undefined {
  const dataDir = resolve(given ?? readDataDir(env));
  if (isDataFolder(dataDir)) return { command, dataDir, err };
  // A mistyped --data or PARAF_DATA (a cron line's, say) is said, not taken for a new, empty office.
  const what = !existsSync(dataDir)
    ? 'tidak ada'
    : `bukan folder data Paraf (tidak ada ${LAYOUT_FILE} maupun folder dynamodb di dalamnya)`;
  err(
    `${command}: ${dataDir} ${what}. Sebutkan folder data Paraf dengan --data <folder> atau PARAF_DATA (bawaan: ./.paraf).\n`,
  );
  return undefined;
}

type StandIns = Awaited<ReturnType<typeof import('#local/start-local.ts')['startStandIns']>>;

/** Posts to the running Paraf's control port (control-server.ts), with no time limit: a large backup takes minutes. */
function askRunningParaf(
  control: { url: string; token: string },
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const sent = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${control.url}${path}`,
      {
        method,
        headers: { authorization: `Bearer ${control.token}`, ...(sent ? { 'content-type': 'application/json' } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            done({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(sent);
  });
}

/**
 * The running Paraf that holds the data folder, through its control port; undefined when none runs
 * (the caller then takes the folder itself). A Paraf that runs without a control port is an error.
 */
async function runningParaf(dataDir: string): Promise<{ url: string; token: string } | undefined> {
  const { folderHolder } = await import('#local/data-folder-lock.ts');
  const { readControlFile } = await import('#local/control-server.ts');
  const pid = folderHolder(dataDir);
  if (pid === undefined) return undefined;
  const control = readControlFile(dataDir);
  if (!control || control.pid !== pid)
    throw new ParafError(
      'folder-in-use',
      `Paraf yang memegang folder data ${dataDir} (PID ${pid}) tidak menyediakan port kendali (versi lama?). Hentikan dan mulai lagi dengan versi ini, lalu ulangi.`,
    );
  return control;
}

/** Runs `act` on a stopped data folder: locked, its stand-ins started, stopped again after. */
async function withStoppedFolder<T>(dataDir: string, act: (standIns: StandIns) => Promise<T>): Promise<T> {
  const { lockDataFolder } = await import('#local/data-folder-lock.ts');
  const { startStandIns } = await import('#local/start-local.ts');
  const unlock = lockDataFolder(dataDir);
  try {
    const standIns = await startStandIns(dataDir);
    try {
      return await act(standIns);
    } finally {
      await standIns.close();
    }
  } finally {
    unlock();
  }
}

/**
 * One local command's work on a data folder: asked of the running Paraf (`ask`), or, when none runs,
 * done here on the stopped folder (`stopped`); a command that needs the running Paraf gives instead
 * what to say when none runs. A refusal (the control port's answer, a ParafError, a `Paraf.*`) is
 * said on `err` after the command's name and answers undefined; anything else is thrown.
 */
export async function onDataFolder<T>(
  { command, dataDir, err }: LocalFolder,
  ask: { method: 'GET' | 'POST'; path: string; body?: unknown },
  stopped: ((standIns: StandIns) => Promise<T>) | string,
  /** Given, it is told the running Paraf's refusal code (`error`), for a command whose exit code depends on it. */
  refusal?: { code?: string },
): Promise<T | undefined> {
  try {
    const control = await runningParaf(dataDir);
    if (control) {
      const answer = await askRunningParaf(control, ask.method, ask.path, ask.body);
      if (answer.status === 200) return answer.body as T;
      if (refusal && typeof answer.body.error === 'string') refusal.code = answer.body.error;
      err(`${command}: ${String(answer.body.message ?? answer.status)}\n`);
      return undefined;
    }
    if (typeof stopped !== 'string') return await withStoppedFolder(dataDir, stopped);
    err(`${command}: ${stopped}\n`);
    return undefined;
  } catch (error) {
    const refusal = refusalMessage(error);
    if (refusal === undefined) throw error;
    err(`${command}: ${refusal}\n`);
    return undefined;
  }
}
