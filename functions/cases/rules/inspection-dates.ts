import { dayAt } from '#clock/scheduled-day.ts';
import { formatTanggal } from '#documents/format-dates.ts';

/** The days the officials are sent for: the Surat Tugas's "Waktu pelaksanaan". */
const PERIOD = { kind: 'surat-tugas', from: 'waktu.mulai', to: 'waktu.selesai' } as const;

/**
 * Dates other documents of the same inspection give, against the Surat Tugas's days. Drafted by hand,
 * one form apart, they went out disagreeing (the walk: a notice of the 14th beside an assignment for
 * the 9th and 10th, minutes dated before the officials were sent):
 * - the notice the business gets names a day within them (drafted with the letter, DALAK 009-012 step 3);
 * - the minutes signed on the spot are not dated before them (step 4). After them they may be: the
 *   Kepala's policy return sends the file back to the inspection (step 4) under the same letter.
 */
const AGAINST_PERIOD = [
  {
    kind: 'pemberitahuan-inspeksi',
    path: 'jadwal.tanggal',
    label: 'Tanggal inspeksi pada Surat Pemberitahuan',
    within: true,
  },
  { kind: 'berita-acara-pemeriksaan', path: 'tanggal', label: 'Tanggal pemeriksaan pada Berita Acara', within: false },
] as const;

/**
 * Why what a step drafts (`drafted`) disagrees with the days of its case's inspection, in Bahasa
 * Indonesia; undefined when it agrees. Only the kinds drafted at this step are judged: an earlier
 * step's documents are that step's, and a later step's kept after a send-back (the minutes of an
 * inspection before it) are drafted again there.
 */
export function inspectionDatesRefusal(
  documents: Record<string, unknown>,
  drafted: readonly string[],
): string | undefined {
  const from = dayAt(documents[PERIOD.kind], PERIOD.from);
  const to = dayAt(documents[PERIOD.kind], PERIOD.to);
  if (!from || !to) return undefined;
  const days = `waktu pelaksanaan pada Surat Tugas (${formatTanggal(from)}${from === to ? '' : ` sampai ${formatTanggal(to)}`})`;
  for (const field of AGAINST_PERIOD) {
    if (!drafted.includes(field.kind)) continue;
    const day = dayAt(documents[field.kind], field.path);
    if (!day) continue;
    if (day < from) return `${field.label} ${formatTanggal(day)} sebelum ${days}: sesuaikan tanggalnya.`;
    if (field.within && day > to) return `${field.label} ${formatTanggal(day)} sesudah ${days}: sesuaikan tanggalnya.`;
  }
  return undefined;
}
