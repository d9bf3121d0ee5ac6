import type { Schedule, Sop, Step } from '#sop/schema.ts';
import type { WorkingClock } from './working-clock.ts';
import { formatTanggal } from '#documents/format-dates.ts';

/** A value at a dotted path of document data ("waktu.mulai"), if there is one. */
function valueAt(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      data,
    );
}

/** A day (YYYY-MM-DD) at a dotted path of document data, if one is there. */
export function dayAt(data: unknown, path: string): string | undefined {
  const value = valueAt(data, path);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** The date a scheduled step happens on, from the documents' data; undefined when it is not set. */
export function scheduledDay(
  step: Pick<Step, 'scheduledBy'> | undefined,
  documents: Record<string, unknown> | undefined,
): string | undefined {
  if (!step?.scheduledBy) return undefined;
  return dayAt(documents?.[step.scheduledBy.document], step.scheduledBy.field);
}

/** The first date a scheduled step may be set on when its document is issued at `issuedAt`. */
export function earliestScheduledDay(clock: WorkingClock, schedule: Schedule, issuedAt: Date): string {
  return clock.addWorkingDays(issuedAt, schedule.minWorkingDaysAfter);
}

/**
 * Why approving step `approving` now would schedule a later step on a date the SOP does not allow,
 * in Bahasa Indonesia; undefined when every date it sets is allowed. The documents drafted at that
 * step set the dates, so this is asked when the drafter approves.
 */
export function scheduleRefusal(
  clock: WorkingClock,
  sop: Sop,
  approving: number,
  documents: Record<string, unknown> | undefined,
  now: Date,
): string | undefined {
  const drafted = new Set(sop.documents.filter((doc) => doc.draftedAt === approving).map((doc) => doc.kind));
  for (const step of sop.steps) {
    if (!step.scheduledBy || !drafted.has(step.scheduledBy.document)) continue;
    const earliest = earliestScheduledDay(clock, step.scheduledBy, now);
    const day = scheduledDay(step, documents);
    if (!day)
      return `${step.scheduledBy.label} belum diisi. Langkah ${step.no} dilaksanakan pada tanggal itu, paling cepat ${formatTanggal(earliest)}.`;
    if (day < earliest)
      return `${step.scheduledBy.label} ${formatTanggal(day)} terlalu cepat: paling cepat ${formatTanggal(earliest)}, ${step.scheduledBy.minWorkingDaysAfter} hari kerja setelah surat terbit hari ini (SOP: "${step.scheduledBy.asWritten}").`;
  }
  return undefined;
}
