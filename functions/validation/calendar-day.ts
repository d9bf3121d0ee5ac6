import * as z from 'zod/mini';
import { formatTanggal } from '#documents/format-dates.ts';

/** What a day given as text must be, as a refusal says it after the field's name. */
export const calendarDayRule = 'harus tanggal yang ada di kalender, dengan format TTTT-BB-HH';

/** A day as YYYY-MM-DD that exists in the calendar: 2026-02-29 and 2026-13-45 are refused, not rolled over. */
export const calendarDay = z.iso.date({ error: calendarDayRule });

/** Whether a text is a day that exists in the calendar, as `calendarDay` checks it. */
export const isCalendarDay = (value: unknown): value is string => z.safeParse(calendarDay, value).success;

/** A period whose start comes after its end, named with both days; undefined when it is in order. */
export function periodOutOfOrder(
  from: string | undefined,
  to: string | undefined,
  toIsToday = false,
): string | undefined {
  if (!from || !to || from <= to) return undefined;
  return `tanggal awal ${formatTanggal(from)} sesudah ${toIsToday ? 'hari ini' : 'tanggal akhir'} ${formatTanggal(to)}; tanggal awal harus sama dengan atau sebelum tanggal akhir`;
}
