import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataDir } from '#config/read-config.ts';
import type { RenewalResult } from '#cases/renew-timestamps.ts';
import { askRunningParaf, runningParaf } from './backup-command.ts';

type Out = (text: string) => void;

const USAGE = `Pemakaian:
  paraf archive renew --before <TTTT-BB-HH> [--data <folder>]
      perbarui stempel waktu dokumen setiap salinan terbit yang sertifikat TSA stempel waktu terakhirnya
      berakhir sebelum tanggal itu (Paraf harus berjalan: npm start)`;

/**
 * `npx paraf archive renew --before <day>` (alias `arsip perbarui`): the running Paraf renews, through
 * its control port, every issued copy whose last timestamp's TSA certificate expires before that
 * day (cases/renew-timestamps.ts), and this prints what it did in Bahasa Indonesia. Exit 0 when
 * nothing failed, 1 when a document failed, 2 when it could not run.
 */
export async function archiveCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [action, ...rest] = args;
  let parsed: { values: { before?: string; data?: string } };
  try {
    parsed = parseArgs({
      args: rest,
      options: { before: { type: 'string' }, data: { type: 'string' } },
      allowPositionals: false,
    });
  } catch (error) {
    err(`paraf archive: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if ((action !== 'renew' && action !== 'perbarui') || !parsed.values.before) {
    err(`paraf archive: perintah atau --before tidak ada.\n${USAGE}\n`);
    return 2;
  }
  const dataDir = resolve(parsed.values.data ?? readDataDir(env));
  if (!existsSync(dataDir)) {
    err(`paraf archive: folder data ${dataDir} tidak ada.\n`);
    return 2;
  }
  const control = await runningParaf(dataDir).catch((error: Error) => error);
  if (control instanceof Error || !control) {
    err(
      `paraf archive: ${control instanceof Error ? control.message : `Paraf tidak berjalan pada folder data ${dataDir}. Jalankan npm start, lalu ulangi.`}\n`,
    );
    return 2;
  }
  const answer = await askRunningParaf(control, 'POST', '/pembaruan-stempel-waktu', { before: parsed.values.before });
  if (answer.status !== 200) {
    err(`paraf archive: ${String(answer.body.message ?? answer.status)}\n`);
    return 2;
  }
  const results = answer.body as unknown as RenewalResult[];
  out(describeRenewals(results, parsed.values.before));
  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '-');

/** One line per document, then the count: what a person running it reads. */
export function describeRenewals(results: readonly RenewalResult[], before: string): string {
  if (!results.length)
    return `Tidak ada salinan terbit yang sertifikat TSA stempel waktu terakhirnya berakhir sebelum ${before}.\n`;
  const lines = results.map((result) => {
    if (result.outcome === 'failed') return `  GAGAL ${result.documentId}: ${result.problem ?? ''}`;
    const what =
      result.outcome === 'renewed'
        ? `diperbarui menjadi revisi ${result.revision}`
        : `sudah diperbarui sebelumnya (revisi ${result.revision}), tidak ada yang baru`;
    const warning = result.stillBefore
      ? `; sertifikat TSA tetap berakhir ${day(result.expiresAt)}, sebelum ${before}: ganti sertifikat TSA`
      : `; sertifikat TSA berakhir ${day(result.expiresAt)}`;
    return `  ${result.documentId}: ${what}${warning}`;
  });
  const count = (outcome: RenewalResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return `${lines.join('\n')}\nDiperbarui: ${count('renewed')}, sudah sebelumnya: ${count('already')}, gagal: ${count('failed')}.\n`;
}
