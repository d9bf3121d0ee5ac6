import { witaDateTime } from '#clock/wita.ts';
import { revisionInForce } from '#sop/load-catalog.ts';
import { PHASE_LABELS, STEP_KIND_LABELS, revisionLabel, revisionOf, type Sop, type Step } from '#sop/schema.ts';
import { stateMachineFileName } from '#sop/state-machine-files.ts';

/** Entry i of a row or of the widths: the callers build every row with a cell under each header. */
function column<T>(list: readonly T[], i: number): T {
  const entry = list[i];
  if (entry === undefined) throw new Error(`format-sop table: no column ${i + 1} in a row of ${list.length}`);
  return entry;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => column(row, i).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(column(widths, i)))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

export function describeServiceTime(sop: Sop): string {
  const time = sop.serviceTime;
  if (!time) return 'tidak ditetapkan (jumlah mutu baku per langkah)';
  const unit = time.unit === 'working-days' ? 'hari kerja' : 'hari';
  const from = time.startsAt.event === 'receipt' ? 'sejak tanda terima' : 'sejak rekomendasi teknis diterima';
  return `${time.limit} ${unit} ${from} (langkah ${time.startsAt.step})`;
}

export function formatSopList(sops: readonly Sop[]): string {
  const rows = sops.map((sop) => [
    sop.id,
    String(sop.steps.length),
    sop.serviceTime
      ? `${sop.serviceTime.limit} ${sop.serviceTime.unit === 'working-days' ? 'hari kerja' : 'hari'}`
      : '-',
    sop.title,
  ]);
  return table(['SOP', 'Langkah', 'Batas waktu', 'Judul'], rows);
}

function describeReturns(step: Step): string {
  const parts = step.returns.map((r) => {
    const target =
      r.to === 'applicant'
        ? r.resumeAt
          ? `pemohon (via ${r.via}, lanjut ${r.resumeAt})`
          : 'pemohon (di loket)'
        : String(r.to);
    return r.answer ? `${r.answer}: ${target}` : target;
  });
  if (step.canReject) parts.push('tolak');
  return parts.join('; ') || '-';
}

export function formatStepsTable(sop: Sop): string {
  const rows = sop.steps.map((step) => [
    String(step.no),
    step.lane,
    STEP_KIND_LABELS[step.kind],
    PHASE_LABELS[step.phase],
    step.time?.asWritten ?? '-',
    describeReturns(step),
    step.title.length > 70 ? `${step.title.slice(0, 67)}...` : step.title,
  ]);
  return table(['No', 'Pelaksana', 'Jenis', 'Tahap', 'Mutu baku waktu', 'Dikembalikan ke', 'Uraian'], rows);
}

/**
 * The revisions of one SOP the catalog keeps, oldest first: the one in force today (WITA) marked,
 * each with its machine file, what changed and its legal basis.
 */
export function formatRevisions(
  revisions: readonly Sop[],
  id: string,
  today: string = witaDateTime(new Date()).date,
): string {
  const kept = revisions.filter((sop) => sop.id === id);
  const inForce = revisionInForce(revisions, id, today);
  const rows = kept.map((sop) => [
    revisionOf(sop),
    sop.effectiveDate,
    sop === inForce ? 'berlaku' : sop.effectiveDate > today ? 'akan berlaku' : 'lama',
    String(sop.steps.length),
    sop.serviceTime ? describeServiceTime(sop) : '-',
    `state-machines/${stateMachineFileName(sop, revisions)}`,
  ]);
  const details = kept
    .map((sop) => {
      const changes = sop.changes.length
        ? sop.changes.map((c) => `    - ${c}\n`).join('')
        : '    (katalog tidak mencatat perubahan; seed tidak mencetaknya)\n';
      const basis = sop.legalBasis ?? sop.sections.dasarHukum ?? [];
      return `${revisionOf(sop)} (${revisionLabel(sop)}):\n  Perubahan:\n${changes}  Dasar hukum${sop.legalBasis ? ' revisi' : ' (dasar hukum SOP)'}:\n${basis.map((b) => `    - ${b}\n`).join('') || '    -\n'}`;
    })
    .join('\n');
  return `${id}: ${kept.length} revisi disimpan katalog\n\n${table(['Revisi', 'Berlaku sejak', 'Status', 'Langkah', 'Waktu penyelesaian', 'Mesin'], rows)}\n${details}`;
}
