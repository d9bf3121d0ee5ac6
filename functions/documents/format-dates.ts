/** Dates and NIPs as Indonesian official letters print them; no template engine needed to use them. */

/** The months as the office writes them; the browser's date echo (web/form-messages.ts) takes its list from here. */
export const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;
/** Day names from Sunday, in the standard spelling (KBBI: Jumat; the seeds' quoted service hours keep their Jum'at). */
export const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new Error(`not a date (YYYY-MM-DD): ${String(value)}`);
  return new Date(`${value}T00:00:00Z`);
}

/** "2026-11-21" as an Indonesian letter writes it: "21 November 2026". */
export function formatTanggal(value: unknown): string {
  const date = parseDate(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** An 18-digit NIP grouped as it is printed: birth date, appointment, sex, sequence ("19790810 199802 1 001"). */
export function formatNip(value: unknown): string {
  const digits = String(value);
  return /^\d{18}$/.test(digits)
    ? `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`
    : digits;
}

/** The day of the week of a date, as letters write it ("Senin"). */
export function dayName(value: unknown): string {
  const day = DAYS[parseDate(value).getUTCDay()];
  if (day === undefined) throw new Error(`not a calendar day: ${String(value)}`);
  return day;
}
