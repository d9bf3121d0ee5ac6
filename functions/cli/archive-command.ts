import type { RenewalResult } from '#cases/renew-timestamps.ts';
import type { IndexResult } from '#cases/index-archive.ts';
import { type Command, readOptions } from './command-line.ts';
import { existingDataFolder, onDataFolder } from './local-paraf.ts';

const USAGE = `Pemakaian:
  paraf archive renew --before <TTTT-BB-HH> [--data <folder>]
      perbarui stempel waktu dokumen setiap salinan terbit yang sertifikat TSA stempel waktu terakhirnya
      berakhir sebelum tanggal itu (Paraf harus berjalan: npm start); ditolak tanpa mengubah apa pun
      (keluar 1) bila sertifikat TSA sendiri tidak berlaku melewati tanggal itu
  paraf archive index [--data <folder>]
      lengkapi dokumen yang diarsipkan sebelum indeks sidik jari, catatan validasi jangka panjang dan
      lembar riwayat ada (Paraf harus berjalan: npm start); aman diulang`;

/**
 * `npx paraf archive index` (alias `indeks`): the running Paraf fills in the hash index, the
 * long-term record and the history sheets of documents archived without them (cases/index-archive.ts).
 * `npx paraf archive renew --before <day>` (alias `arsip perbarui`): the running Paraf renews, through
 * its control port, every issued copy whose last timestamp's TSA certificate expires before that
 * day (cases/renew-timestamps.ts), and this prints what it did in Bahasa Indonesia. Exit 0 when
 * nothing failed, 1 when a document failed or the TSA's certificate would not outlast the day (nothing
 * written), 2 when it could not run.
 */
export const archiveCommand: Command = async (args, out, err, env = process.env) => {
  const [action, ...rest] = args;
  const values = readOptions(
    'paraf archive',
    rest,
    { before: { type: 'string' }, data: { type: 'string' } },
    USAGE,
    err,
  );
  if (!values) return 2;
  const indexing = action === 'index' || action === 'indeks';
  if (!indexing && ((action !== 'renew' && action !== 'perbarui') || !values.before)) {
    err(`paraf archive: perintah atau --before tidak ada.\n${USAGE}\n`);
    return 2;
  }
  const folder = existingDataFolder('paraf archive', values.data, env, err);
  if (!folder) return 2;
  const notRunning = `Paraf tidak berjalan pada folder data ${folder.dataDir}. Jalankan npm start, lalu ulangi.`;
  if (indexing) {
    const results = await onDataFolder<IndexResult[]>(
      folder,
      { method: 'POST', path: '/indeks-arsip', body: {} },
      notRunning,
    );
    if (!results) return 2;
    out(describeIndex(results));
    return results.some((result) => result.failed) ? 1 : 0;
  }
  const before = String(values.before);
  const refusal: { code?: string } = {};
  const results = await onDataFolder<RenewalResult[]>(
    folder,
    { method: 'POST', path: '/pembaruan-stempel-waktu', body: { before } },
    notRunning,
    refusal,
  );
  // A TSA certificate that would not outlast the day is a refused renewal, as a failed document: 1, not "could not run".
  if (!results) return refusal.code === 'tsa-certificate-ending' ? 1 : 2;
  out(describeRenewals(results, before));
  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
};

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

/** Each document that lacked something, what was made; then the count. */
export function describeIndex(results: readonly IndexResult[]): string {
  const parts = (result: IndexResult) =>
    [
      result.hashes ? 'indeks sidik jari' : '',
      result.longTerm ? 'catatan validasi jangka panjang' : '',
      result.sheets ? 'lembar riwayat' : '',
      result.names ? 'indeks nama' : '',
      result.keys ? 'indeks status dan nomor berkas' : '',
    ].filter(Boolean);
  const lines = results.flatMap((result) =>
    result.failed
      ? [`  GAGAL ${result.documentId}: dokumen tidak dapat dilengkapi; ulangi.`]
      : parts(result).length
        ? [`  ${result.documentId}: dibuat ${parts(result).join(', ')}`]
        : [],
  );
  const completed = results.filter((result) => !result.failed && parts(result).length).length;
  const failed = results.filter((result) => result.failed).length;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}Dokumen diperiksa: ${results.length}, dilengkapi: ${completed}, gagal: ${failed}.\n`;
}
