import { readDataDir } from '#config/read-config.ts';
import { compileToAsl } from '#sop/compile-to-asl.ts';
import { findRevision, findSop, loadCatalog, loadRevisions } from '#sop/load-catalog.ts';
import { CatalogError } from '#sop/validate-catalog.ts';
import { compareRevisions } from '#sop/compare-revisions.ts';
import { renderCommand } from './render-command.ts';
import { verifyCommand } from './verify-command.ts';
import { stafCommand } from './staf-command.ts';
import { backupCommand, restoreCommand } from './backup-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { archiveCommand } from './archive-command.ts';
import { awsCommand } from './aws-certify-command.ts';
import type { Command } from './command-line.ts';
import { renderMermaid } from '#sop/render-mermaid.ts';
import { describeServiceTime, formatRevisions, formatSopList, formatStepsTable } from './format-sop.ts';

const USAGE = `Pemakaian:
  paraf sops                 daftar SOP dalam katalog
  paraf sop <id> [--json]    satu SOP: langkah-langkahnya dan diagram alir (Mermaid) mesinnya,
                             atau entri katalognya sebagai JSON (id atau alias, mis. api-u, dalak-013)
  paraf sop <id> --revisions revisi yang disimpan katalog: tanggal berlaku, perubahan, dasar hukum, mesin
  paraf sop <id> --diff <revisi-a> <revisi-b>
                             perbedaannya: langkah, jalur, standar waktu, pengembalian, persyaratan, dokumen
  paraf render --sop <id> --doc <jenis> --data <berkas.json> --out <folder>
                             membuat dokumen rangkap tiga (copy-1.pdf, copy-2.pdf, copy-3.pdf) atau satu tanpa rangkap
                             (copy-1.pdf) menurut katalog, serta draft.docx
  paraf verify <berkas.pdf> [--ca ca.pem ...] [--data <folder> | --archive <folder>]
                             memeriksa setiap tanda tangan terhadap CA yang diberikan (tanpa CA: keluar 2); dengan
                             folder data atau salinan bucket arsip, juga apakah ini revisi yang diterbitkan;
                             keluar 1 bila ada tanda tangan tidak sah atau tidak tepercaya, berkas diubah
                             setelah tanda tangan terakhir, atau bukan revisi yang diterbitkan
  paraf staf daftar | buat <id> | buat --semua [--ulang] [--data <folder>]
                             akun para pejabat (kata sandi dan kunci autentikator)
  paraf backup <berkas.tar.gz> [--data <folder>]
                             cadangan folder data yang utuh, juga selagi npm start berjalan (alias: cadangkan)
  paraf restore <berkas.tar.gz> <folder>
                             memulihkan cadangan ke folder kosong; cadangan rusak ditolak (alias: pulihkan)
  paraf doctor [--data <folder>]
                             laporan kesehatan: disk, penyimpanan, eksekusi, langkah terlambat, e-mail gagal,
                             sertifikat, cadangan terakhir; keluar 1 bila ada yang perlu ditangani (alias: periksa)
  paraf archive renew --before <TTTT-BB-HH> [--data <folder>]
                             stempel waktu dokumen baru pada setiap rangkap terbit yang sertifikat TSA stempel
                             terakhirnya berakhir sebelum hari itu (Paraf yang berjalan melakukannya; alias: arsip perbarui);
                             ditolak tanpa mengubah apa pun (keluar 1) bila sertifikat TSA tidak berlaku melewati hari itu
  paraf archive index [--data <folder>]
                             melengkapi indeks hash, catatan jangka panjang dan lembar riwayat dokumen yang
                             diarsipkan tanpanya; aman diulang (Paraf yang berjalan melakukannya; alias: arsip indeks)
  paraf aws certify --csr <folder> | --ca-key <kunci.pem> --ca-cert <ca.pem> | --import <folder> [--stage <s>] [--table <t>]
                             di AWS: kunci KMS setiap pejabat dan segel kantor disertifikasi (CSR ditandatangani di
                             KMS, atau oleh CA yang diberikan) dan rantainya disimpan di tabel, tempat fungsi membacanya`;

/** The commands in their own files, each by its name and its Indonesian alias. */
const COMMANDS = new Map<string, Command>([
  ['staf', stafCommand],
  ['backup', backupCommand],
  ['cadangkan', backupCommand],
  ['restore', restoreCommand],
  ['pulihkan', restoreCommand],
  ['doctor', doctorCommand],
  ['periksa', doctorCommand],
  ['archive', archiveCommand],
  ['arsip', archiveCommand],
  ['aws', awsCommand],
]);

/**
 * Runs one CLI command and returns its exit code; an invalid catalog is reported, not thrown. The
 * environment is read here, at the CLI's start: the data folder `verify` falls back on (PARAF_DATA).
 */
export async function runCli(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  dataDir: string = readDataDir(),
): Promise<number> {
  try {
    // Asked anywhere (`paraf doctor --help`, `paraf verify --help`): the usage, and nothing run.
    if (args.some((arg) => arg === '--help' || arg === '-h') || args[0] === 'help') {
      out(`${USAGE}\n`);
      return 0;
    }
    if (args[0] === 'render') return await renderCommand(args.slice(1), out, err);
    if (args[0] === 'verify') return await verifyCommand(args.slice(1), out, err, dataDir);
    const command = COMMANDS.get(args[0] ?? '');
    if (command) return await command(args.slice(1), out, err);
    return runCommand(args, out, err);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    err(`paraf: katalog SOP tidak sah:\n${error.message}\n`);
    return 1;
  }
}

function runCommand(args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const [command, ...rest] = args;
  if (command === 'sops') {
    out(formatSopList(loadCatalog()));
    return 0;
  }
  if (command === 'sop') {
    const id = rest.find((arg) => !arg.startsWith('--'));
    if (!id || (rest.includes('--diff') && rest.indexOf(id) > rest.indexOf('--diff'))) {
      const where = rest.includes('--diff') ? ' sebelum --diff' : '';
      err(`paraf sop: SOP mana? Sebutkan id atau aliasnya${where}, mis. paraf sop api-u.\n${USAGE}\n`);
      return 2;
    }
    const sop = findSop(id);
    if (sop && rest.includes('--revisions')) {
      out(formatRevisions(loadRevisions(), sop.id));
      return 0;
    }
    if (sop && rest.includes('--diff')) return diffCommand(sop.id, rest, out, err);
    if (!sop) {
      err(
        `paraf sop: tidak ada SOP "${id}". Yang dikenal: ${loadCatalog()
          .map((s) => s.id)
          .join(', ')}\n`,
      );
      return 1;
    }
    if (rest.includes('--json')) {
      out(`${JSON.stringify(sop, null, 2)}\n`);
      return 0;
    }
    out(`${sop.id}${sop.revision ? ` revisi ${sop.revision}` : ''}: ${sop.title}\n`);
    out(
      `Nomor dokumen ${sop.documentNumber}, efektif ${sop.effectiveDate}. Waktu penyelesaian: ${describeServiceTime(sop)}\n\n`,
    );
    out(formatStepsTable(sop));
    out('\n```mermaid\n');
    out(renderMermaid(sop, compileToAsl(sop)));
    out('```\n');
    return 0;
  }
  if (command === undefined) {
    out(`${USAGE}\n`);
    return 2;
  }
  err(`paraf: perintah "${command}" tidak dikenal\n${USAGE}\n`);
  return 2;
}

/** `paraf sop <id> --diff <rev-a> <rev-b>`: the two revisions named, compared; an unknown one is named with those kept. */
function diffCommand(
  sopId: string,
  rest: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  const at = rest.indexOf('--diff');
  const [a, b] = [rest[at + 1], rest[at + 2]];
  const revisions = loadRevisions();
  const kept = revisions
    .filter((s) => s.id === sopId)
    .map((s) => s.revision ?? s.effectiveDate)
    .join(', ');
  if (!a || !b || a.startsWith('--') || b.startsWith('--')) {
    err(`paraf sop: --diff memerlukan dua revisi, misalnya --diff <revisi-a> <revisi-b>. Revisi ${sopId}: ${kept}\n`);
    return 2;
  }
  const from = findRevision(revisions, sopId, a);
  const to = findRevision(revisions, sopId, b);
  if (!from || !to) {
    err(`paraf sop: ${sopId} tidak memiliki revisi "${!from ? a : b}". Revisi yang disimpan katalog: ${kept}\n`);
    return 1;
  }
  const diff = compareRevisions(from, to);
  out(`${sopId}: revisi ${diff.from} dibandingkan dengan revisi ${diff.to}\n`);
  if (!diff.sections.length)
    out('Tidak ada perbedaan pada langkah, lane, mutu baku waktu, pengembalian, persyaratan dan dokumen.\n');
  for (const section of diff.sections)
    out(`\n${section.title}:\n${section.lines.map((line) => `  ${line}\n`).join('')}`);
  return 0;
}
