import { witaMoment } from '#clock/wita.ts';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { formatBytes } from '#runtime/health-report.ts';
import { type Command, givenDataFolder, positionals, refusalMessage } from './command-line.ts';
import { existingDataFolder, onDataFolder } from './local-paraf.ts';

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

/** `npx paraf backup <file>` (or `cadangkan`): see infra/local/backup/backup.ts. */
export const backupCommand: Command = async (args, out, err, env = process.env) => {
  const [file] = positionals(args);
  if (!file) {
    err(`paraf backup: berkas cadangan mana?\n${USAGE}\n`);
    return 2;
  }
  const folder = existingDataFolder('paraf backup', givenDataFolder(args), env, err);
  if (!folder) return 1;
  const { dataDir } = folder;
  const summary = await onDataFolder<BackupSummary>(
    folder,
    { method: 'POST', path: '/cadangan', body: { file: resolve(file) } },
    async (standIns) => {
      const { backupDataFolder } = await import('#local/backup/backup.ts');
      const { TABLE } = await import('#local/start-local.ts');
      const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
      try {
        // No ensureTable: a table of an older layout (which npm start upgrades) is backed up as it is.
        return await backupDataFolder(dataDir, { client, name: TABLE, hold: standIns.holdTableWrites }, file);
      } finally {
        client.destroy();
      }
    },
  );
  if (!summary) return 1;
  const c = summary.counts;
  out(`Cadangan tertulis: ${summary.file}\n`);
  out(`  ukuran ${formatBytes(summary.bytes)}, SHA-256 ${summary.sha256}\n`);
  // The instant to the millisecond too: the office's logs and the console's lines are read against it.
  out(`  keadaan pada ${witaMoment(new Date(summary.takenAt))} (${summary.takenAt})\n`);
  out(
    `  ${c.items} catatan tabel, ${c.archiveObjects} objek arsip, ${c.executions} eksekusi (${c.executionsRunning} berjalan), ${c.messages} e-mail kotak keluar, ${c.keys} berkas kunci dan sertifikat\n`,
  );
  out(`  penulisan ke tabel ditahan ${summary.heldMs} ms\n`);
  return 0;
};

/** `npx paraf restore <file> <folder>` (or `pulihkan`). */
export const restoreCommand: Command = async (args, out, err) => {
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
    out(`  keadaan pada ${witaMoment(new Date(manifest.takenAt))}, dari ${manifest.source}\n`);
    out(
      `  ${c.items} catatan tabel, ${c.archiveObjects} objek arsip, ${c.executions} eksekusi (${c.executionsRunning} berjalan), ${c.messages} e-mail kotak keluar, ${c.keys} berkas kunci dan sertifikat; ${manifest.files.length} berkas diperiksa dengan SHA-256\n`,
    );
    out(`Jalankan: PARAF_DATA=${restored} npm start\n`);
    return 0;
  } catch (error) {
    const refusal = refusalMessage(error);
    if (refusal === undefined) throw error;
    err(`paraf restore: ${refusal}\n`);
    return 1;
  }
};
