import { readDataDir } from '#config/read-config.ts';
import { compileToAsl } from '#sop/compile-to-asl.ts';
import { CatalogError, findRevision, findSop, loadCatalog, loadRevisions } from '#sop/load-catalog.ts';
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

const USAGE = `Usage:
  paraf sops                 list the SOPs of the catalog
  paraf sop <id> [--json]    one SOP: its steps and the Mermaid flowchart of its machine,
                             or its catalog entry as JSON (id or alias, e.g. api-u, dalak-013)
  paraf sop <id> --revisions the revisions the catalog keeps: effective date, what changed, legal basis, machine
  paraf sop <id> --diff <rev-a> <rev-b>
                             what differs: steps, lanes, time standards, send-backs, requirements, documents
  paraf render --sop <id> --doc <kind> --data <file.json> --out <dir>
                             render a document in triplicate: copy-1.pdf, copy-2.pdf, copy-3.pdf, draft.docx
  paraf verify <file.pdf> [--ca ca.pem ...] [--data <folder> | --archive <dir>]
                             check every signature against the CAs given (none given: exit 2); with the
                             data folder or a copy of the archive bucket, whether it is the issued revision;
                             exit 1 if a signature is invalid or untrusted, the file changed after the last,
                             or it is not the issued revision
  paraf staf daftar | buat <id> | buat --semua [--data <folder>]
                             the officials' accounts (password and authenticator key), in Bahasa Indonesia
  paraf backup <file.tar.gz> [--data <folder>]
                             a consistent backup of the data folder, also while npm start runs (alias: cadangkan)
  paraf restore <file.tar.gz> <folder>
                             restore a backup into an empty folder; a damaged one is refused (alias: pulihkan)
  paraf doctor [--data <folder>]
                             the health report: disk, storage, executions, late steps, failed mail, certificates,
                             the last backup; exit 1 when something needs attention (alias: periksa)
  paraf archive renew --before <YYYY-MM-DD> [--data <folder>]
                             a new document timestamp on every issued copy whose last timestamp's TSA
                             certificate expires before that day (the running Paraf does it; alias: arsip perbarui)
  paraf archive index [--data <folder>]
                             fills in the hash index, long-term record and history sheets of documents archived
                             without them; safe to repeat (the running Paraf does it; alias: arsip indeks)
  paraf aws certify --csr <dir> | --ca-key <key.pem> --ca-cert <ca.pem> | --import <dir> [--stage <s>] [--table <t>]
                             on AWS: each official's and the office seal's KMS key certified (a CSR signed in KMS,
                             or by the CA given) and its chain stored in the table, where the functions read it`;

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
    if (args[0] === 'render') return await renderCommand(args.slice(1), out, err);
    if (args[0] === 'verify') return await verifyCommand(args.slice(1), out, err, dataDir);
    const command = COMMANDS.get(args[0] ?? '');
    if (command) return await command(args.slice(1), out, err);
    return runCommand(args, out, err);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    err(`paraf: the SOP catalog is invalid:\n${error.message}\n`);
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
      err(`paraf sop: SOP mana? Sebutkan id atau aliasnya sebelum --diff.\n${USAGE}\n`);
      return 2;
    }
    if (!id) {
      err(`paraf sop: which SOP? Give an id or alias.\n${USAGE}\n`);
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
        `paraf sop: no SOP "${id}". Known: ${loadCatalog()
          .map((s) => s.id)
          .join(', ')}\n`,
      );
      return 1;
    }
    if (rest.includes('--json')) {
      out(`${JSON.stringify(sop, null, 2)}\n`);
      return 0;
    }
    out(`${sop.id}${sop.revision ? ` rev ${sop.revision}` : ''}: ${sop.title}\n`);
    out(
      `Nomor dokumen ${sop.documentNumber}, efektif ${sop.effectiveDate}. Waktu penyelesaian: ${describeServiceTime(sop)}\n\n`,
    );
    out(formatStepsTable(sop));
    out('\n```mermaid\n');
    out(renderMermaid(sop, compileToAsl(sop)));
    out('```\n');
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help') {
    out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  err(`paraf: unknown command "${command}"\n${USAGE}\n`);
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
