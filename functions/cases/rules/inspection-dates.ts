import { formatTanggal } from '#documents/format-dates.ts';

/** A date a document gives, where it is, and how a person names it. */
interface DateField {
  kind: string;
  path: readonly string[];
  label: string;
}

/**
 * The period the officials are sent for (the Surat Tugas's "Waktu pelaksanaan"), and the dates other
 * documents of the same inspection give, which must fall within it: the notice the business gets
 * (DALAK 009-012 step 3) and the minutes signed on the spot (step 4). Drafted by hand, one form apart,
 * they went out disagreeing (the walk: a notice of the 14th beside an assignment for the 9th and 10th).
 */
const PERIOD = {
  kind: 'surat-tugas',
  from: ['waktu', 'mulai'],
  to: ['waktu', 'selesai'],
  label: 'waktu pelaksanaan pada Surat Tugas',
} as const;
const WITHIN_PERIOD: readonly DateField[] = [
  { kind: 'pemberitahuan-inspeksi', path: ['jadwal', 'tanggal'], label: 'Tanggal inspeksi pada Surat Pemberitahuan' },
  { kind: 'berita-acara-pemeriksaan', path: ['tanggal'], label: 'Tanggal pemeriksaan pada Berita Acara' },
];

const dayAt = (data: unknown, path: readonly string[]): string | undefined => {
  const value = path.reduce<unknown>(
    (at, name) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[name] : undefined),
    data,
  );
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
};

/**
 * Why the documents of a case, with what the step now drafts (`drafted`), disagree on the days of
 * their inspection, in Bahasa Indonesia; undefined when they agree, or when a document this step
 * does not draft is the only one concerned (an earlier step's letters are that step's to mend).
 */
export function inspectionDatesRefusal(
  documents: Record<string, unknown>,
  drafted: readonly string[],
): string | undefined {
  const from = dayAt(documents[PERIOD.kind], PERIOD.from);
  const to = dayAt(documents[PERIOD.kind], PERIOD.to);
  if (!from || !to) return undefined;
  for (const field of WITHIN_PERIOD) {
    if (!drafted.includes(field.kind) && !drafted.includes(PERIOD.kind)) continue;
    const day = dayAt(documents[field.kind], field.path);
    if (day && (day < from || day > to))
      return `${field.label} ${formatTanggal(day)} di luar ${PERIOD.label} (${formatTanggal(from)}${from === to ? '' : ` sampai ${formatTanggal(to)}`}): samakan tanggalnya.`;
  }
  return undefined;
}
