import * as z from 'zod/mini';
import { resourcePath } from '#config/resource-path.ts';
import { badOfficeFile, readOfficeFile } from '#config/read-office-file.ts';
import { DAYS } from '#documents/format-dates.ts';
import { startOfWitaDay, witaDate } from './wita.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const TIME = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam harus berformat JJ:MM'));
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const CalendarFile = z.lazy(() =>
  z.strictObject({
    note: z.optional(z.string()),
    timeZone: z.literal('Asia/Makassar'),
    serviceHours: z.partialRecord(z.enum(WEEKDAYS), z.tuple([TIME, TIME])),
    daysOff: z.array(
      z.strictObject({
        // A day the calendar lacks (2026-02-30) would never match a day and leave a holiday a working day.
        date: z.iso.date({ error: 'harus tanggal yang ada di kalender, dengan format TTTT-BB-HH' }),
        name: z.string().check(z.minLength(1)),
        kind: z.enum(['libur', 'cuti-bersama']),
        estimated: z.optional(z.boolean()),
      }),
    ),
  }),
);

export type CalendarData = z.infer<typeof CalendarFile>;

const DAY_MS = 86_400_000;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Reads the office calendar (config/calendar.json by default); a wrong entry is named with its place. */
export function loadCalendar(file: string = resourcePath('config', 'calendar.json')): CalendarData {
  const calendar = readOfficeFile(file, CalendarFile);
  for (const [day, [open, close]] of Object.entries(calendar.serviceHours)) {
    if (minutesOf(open) >= minutesOf(close))
      throw badOfficeFile(file, [`serviceHours.${day}: buka pukul ${open}, tidak sebelum tutup pukul ${close}`]);
  }
  return calendar;
}

/**
 * Working time as the SOPs count it: service hours per weekday (Friday's short day), no service on
 * weekends, national holidays and cuti bersama. Dates are office dates (WITA).
 */
export class WorkingClock {
  private readonly daysOff: Map<string, { name: string; kind: string }>;

  constructor(private readonly calendar: CalendarData) {
    this.daysOff = new Map(calendar.daysOff.map((day) => [day.date, day]));
  }

  /**
   * The service hours as a sentence ("Senin sampai Kamis pukul 08.00–19.00 WITA, Jumat pukul
   * 08.00–11.00 WITA"), from the calendar whose hours count the deadlines, so that what an e-mail tells
   * the applicant and what the clock counts cannot disagree (a Ramadan timetable changes both).
   */
  serviceHoursInWords(): string {
    const runs: { from: number; to: number; hours: string }[] = [];
    for (const [index, weekday] of WEEKDAYS.entries()) {
      const window = this.calendar.serviceHours[weekday];
      if (!window) continue;
      const hours = `${window[0].replace(':', '.')}–${window[1].replace(':', '.')}`;
      const last = runs.at(-1);
      if (last && last.to === index - 1 && last.hours === hours) last.to = index;
      else runs.push({ from: index, to: index, hours });
    }
    const day = (index: number) => DAYS[index] ?? '';
    return runs
      .map(({ from, to, hours }) =>
        from === to ? `${day(from)} pukul ${hours} WITA` : `${day(from)} sampai ${day(to)} pukul ${hours} WITA`,
      )
      .join(', ');
  }

  /** The day off a date is, if it is one (a holiday or cuti bersama; weekends are simply closed). */
  dayOff(date: string): { name: string; kind: string } | undefined {
    return this.daysOff.get(date);
  }

  /** The service window of an office date, as instants; none on a closed day. */
  window(date: string): { open: number; close: number } | undefined {
    if (this.daysOff.has(date)) return undefined;
    const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
    const hours = weekday && this.calendar.serviceHours[weekday];
    if (!hours) return undefined;
    const midnight = startOfWitaDay(date).getTime();
    return { open: midnight + minutesOf(hours[0]) * 60_000, close: midnight + minutesOf(hours[1]) * 60_000 };
  }

  /** The working day a moment belongs to: its own date during or before service, else the next working day. */
  workingDayOf(at: Date): string {
    let date = witaDate(at.getTime());
    const today = this.window(date);
    if (today && at.getTime() < today.close) return date;
    do date = nextDate(date);
    while (!this.window(date));
    return date;
  }

  /** The `days`-th working day after the working day of `from` (H + days): the promised completion date. */
  addWorkingDays(from: Date, days: number): string {
    let date = this.workingDayOf(from);
    for (let left = days; left > 0; ) {
      date = nextDate(date);
      if (this.window(date)) left -= 1;
    }
    return date;
  }

  /** Working days from the working day of `from` to that of `to` (0 on the same working day). */
  workingDaysBetween(from: Date, to: Date): number {
    const end = this.workingDayOf(to);
    let count = 0;
    for (let date = this.workingDayOf(from); date < end; date = nextDate(date))
      if (this.window(nextDate(date))) count += 1;
    return count;
  }

  /** The close of service on H + `days`, the end of a step whose standard is "Hari ke H+n". */
  endOfWorkingDay(from: Date, days: number): Date {
    const day = this.addWorkingDays(from, days);
    const window = this.window(day);
    // addWorkingDays gives a working day only, so it has service hours.
    if (!window) throw new Error(`working day ${day} has no service hours`);
    return new Date(window.close);
  }

  /** The moment `minutes` of service time after `from`; time outside service hours does not count. */
  addServiceMinutes(from: Date, minutes: number): Date {
    let at = from.getTime();
    let left = minutes * 60_000;
    let date = witaDate(at);
    for (let guard = 0; guard < 5000; guard += 1, date = nextDate(date)) {
      const window = this.window(date);
      if (!window || at >= window.close) continue;
      const start = Math.max(at, window.open);
      if (start + left <= window.close) return new Date(start + left);
      left -= window.close - start;
      at = window.close;
    }
    throw new Error('the calendar has no service hours in the next 5000 days');
  }

  /** Service minutes between two moments (0 when `to` is earlier). */
  serviceMinutesBetween(from: Date, to: Date): number {
    let total = 0;
    for (let date = witaDate(from.getTime()); date <= witaDate(to.getTime()); date = nextDate(date)) {
      const window = this.window(date);
      if (!window) continue;
      total += Math.max(0, Math.min(window.close, to.getTime()) - Math.max(window.open, from.getTime()));
    }
    return Math.round(total / 60_000);
  }
}
