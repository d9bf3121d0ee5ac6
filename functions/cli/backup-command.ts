import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readDataDir, sdkClientSettings } from '#config/read-config.ts';
import { formatBytes } from '#runtime/health-report.ts';

type Out = (text: string) => void;

const USAGE = `Pemakaian:
  paraf backup <berkas.tar.gz> [--data <folder>]   cadangkan folder data (juga saat Paraf berjalan)
  paraf restore <berkas.tar.gz> <folder baru>      pulihkan cadangan ke folder kosong
Folder data: --data, atau PARAF_DATA, atau ./.paraf.`;

interface BackupSummary {
  file: string;
  bytes: number;
  sha256: string;
  takenAt: string;
  counts: {
    items: number;
    archiveObjects: number;
    executions: number;
    executionsRunning: number;
    messages: number;
    keys: number;
  };
  heldMs: number;
}

const dataDirOf = (args: readonly string[], env: NodeJS.ProcessEnv) => {
  const given = args[args.indexOf('--data') + 1];
  return resolve(args.includes('--data') && given ? given : readDataDir(env));
};
const positionals = (args: readonly string[]) =>
  args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--data');

/** Posts to the running Paraf's control port (control-server.ts), with no time limit: a large backup takes minutes. */
export function askRunningParaf(
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

class ControlUnavailable extends Error {
  override name = 'Paraf.ControlUnavailable';
}

/**
 * The running Paraf that holds the data folder, through its control port; undefined when none runs
 * (the caller then takes the folder itself). A Paraf that runs without a control port is an error.
 */
export async function runningParaf(dataDir: string): Promise<{ url: string; token: string } | undefined> {
  const { folderHolder } = await import('#local/data-folder-lock.ts');
  const { readControlFile } = await import('#local/control-server.ts');
  const pid = folderHolder(dataDir);
  if (pid === undefined) return undefined;
  const control = readControlFile(dataDir);
  if (!control || control.pid !== pid)
    throw new ControlUnavailable(
      `Paraf yang memegang folder data ${dataDir} (PID ${pid}) tidak menyediakan port kendali (versi lama?). Hentikan dan mulai lagi dengan versi ini, lalu ulangi.`,
    );
  return control;
}

/** Runs `act` on a stopped data folder: locked, its stand-ins started, stopped again after. */
export async function withStoppedFolder<T>(
  dataDir: string,
  act: (standIns: Awaited<ReturnType<typeof import('#local/start-local.ts')['startStandIns']>>) => Promise<T>,
): Promise<T> {
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

/** `npx paraf backup <file>` (or `cadangkan`): see infra/local/backup/backup.ts. */
export async function backupCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [file] = positionals(args);
  if (!file) {
    err(`paraf backup: berkas cadangan mana?\n${USAGE}\n`);
    return 2;
  }
  const dataDir = dataDirOf(args, env);
  if (!existsSync(dataDir)) {
    err(`paraf backup: folder data ${dataDir} tidak ada.\n`);
    return 1;
  }
  let summary: BackupSummary;
  try {
    const control = await runningParaf(dataDir);
    if (control) {
      const answer = await askRunningParaf(control, 'POST', '/cadangan', { file: resolve(file) });
      if (answer.status !== 200) {
        err(`paraf backup: ${String(answer.body.message ?? answer.status)}\n`);
        return 1;
      }
      summary = answer.body as unknown as BackupSummary;
    } else {
      const { backupDataFolder } = await import('#local/backup/backup.ts');
      const { TABLE } = await import('#local/start-local.ts');
      summary = await withStoppedFolder(dataDir, async (standIns) => {
        const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
        try {
          // No ensureTable: a table of an older layout (which npm start upgrades) is backed up as it is.
          return await backupDataFolder(dataDir, { client, name: TABLE, hold: standIns.holdTableWrites }, file);
        } finally {
          client.destroy();
        }
      });
    }
  } catch (error) {
    if (!(error as Error).name?.startsWith('Paraf.')) throw error;
    err(`paraf backup: ${(error as Error).message}\n`);
    return 1;
  }
  const c = summary.counts;
  out(`Cadangan tertulis: ${summary.file}\n`);
  out(`  ukuran ${formatBytes(summary.bytes)}, SHA-256 ${summary.sha256}\n`);
  out(`  keadaan pada ${summary.takenAt}\n`);
  out(
    `  ${c.items} catatan tabel, ${c.archiveObjects} objek arsip, ${c.executions} eksekusi (${c.executionsRunning} berjalan), ${c.messages} e-mail kotak keluar, ${c.keys} berkas kunci dan sertifikat\n`,
  );
  out(`  penulisan ke tabel ditahan ${summary.heldMs} ms\n`);
  return 0;
}

/** `npx paraf restore <file> <folder>` (or `pulihkan`). */
export async function restoreCommand(args: readonly string[], out: Out, err: Out): Promise<number> {
  const [file, folder] = positionals(args);
  if (!file || !folder) {
    err(`paraf restore: sebutkan berkas cadangan dan folder tujuan.\n${USAGE}\n`);
    return 2;
  }
  const { restoreDataFolder } = await import('#local/backup/backup.ts');
  const { startStandIns, TABLE } = await import('#local/start-local.ts');
  try {
    const { folder: restored, manifest } = await restoreDataFolder(file, folder, startStandIns, TABLE);
    const c = manifest.counts;
    out(`Cadangan ${resolve(file)} dipulihkan ke ${restored}\n`);
    out(`  keadaan pada ${manifest.takenAt}, dari ${manifest.source}\n`);
    out(
      `  ${c.items} catatan tabel, ${c.archiveObjects} objek arsip, ${c.executions} eksekusi (${c.executionsRunning} berjalan), ${c.messages} e-mail kotak keluar, ${c.keys} berkas kunci dan sertifikat; ${manifest.files.length} berkas diperiksa dengan SHA-256\n`,
    );
    out(`Jalankan: PARAF_DATA=${restored} npm start\n`);
    return 0;
  } catch (error) {
    if (!(error as Error).name?.startsWith('Paraf.')) throw error;
    err(`paraf restore: ${(error as Error).message}\n`);
    return 1;
  }
}
