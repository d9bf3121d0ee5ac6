import { formatTanggal } from '#documents/format-dates.ts';

/**
 * The office keeps WITA (Asia/Makassar) and records keep UTC instants; this module is the one place
 * that turns one into the other. WITA is UTC+8 all year (Indonesia has no daylight saving), so an
 * office date is arithmetic on the instant, with no time-zone database to consult.
 */
const WITA_OFFSET_MS = 8 * 3_600_000;

/** The office date (YYYY-MM-DD) of an instant: 23.30 UTC on the 2nd is 07.30 WITA on the 3rd. */
export function witaDate(instant: Date | number): string {
  return new Date(+instant + WITA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date and time of an instant in WITA, as the office writes them ("2026-11-23", "09.40"). */
export function witaDateTime(instant: Date): { date: string; time: string } {
  const wita = new Date(instant.getTime() + WITA_OFFSET_MS).toISOString();
  return { date: wita.slice(0, 10), time: `${wita.slice(11, 13)}.${wita.slice(14, 16)}` };
}

/** The office year and month of an instant: a number given at 23.30 WITA on 31 December belongs to that year. */
export function witaYearMonth(instant: Date): { year: number; month: number } {
  const date = witaDate(instant);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** An instant as the office's pages, letters and mails write it: "3 Desember 2026 pukul 11.00 WITA". */
export function witaMoment(instant: Date): string {
  const { date, time } = witaDateTime(instant);
  return `${formatTanggal(date)} pukul ${time} WITA`;
}

/** Midnight WITA at the start of an office date, as an instant. */
export function startOfWitaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - WITA_OFFSET_MS);
}

/**
 * A period of WITA days (YYYY-MM-DD, inclusive) as the first and last instant in it, in the records'
 * form: a case received at 07.00 WITA on the 3rd (23.00 UTC on the 2nd) belongs to the 3rd.
 */
export function witaDaysAsInstants(from: string, to: string): { since: string; until: string } {
  return {
    since: startOfWitaDay(from).toISOString(),
    until: new Date(startOfWitaDay(to).getTime() + 86_400_000 - 1).toISOString(),
  };
}
