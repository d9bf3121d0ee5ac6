import { officeFiles } from '#config/office-files.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { loadCalendar, WorkingClock } from './working-clock.ts';

let cached: { file: string; clock: WorkingClock } | undefined;

/** The office's working clock from the configured calendar (PARAF_CALENDAR, office-files.ts), read once. */
export function officeClock(): WorkingClock {
  const file = officeFiles().calendarFile;
  if (cached?.file !== file) cached = { file, clock: new WorkingClock(loadCalendar(file)) };
  return cached.clock;
}

/** The promised date of a service: `days` working days after the receipt's working day, in WITA. */
export function addWorkingDays(from: Date, days: number): string {
  return officeClock().addWorkingDays(from, days);
}

/** The date and time of an instant in WITA, as the office writes them ("2026-11-23", "09.40"). */
export function witaDateTime(instant: Date): { date: string; time: string } {
  const wita = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return { date: wita.slice(0, 10), time: `${wita.slice(11, 13)}.${wita.slice(14, 16)}` };
}

/** An instant as the office's pages, letters and mails write it: "3 Desember 2026 pukul 11.00 WITA". */
export function witaMoment(instant: Date): string {
  const { date, time } = witaDateTime(instant);
  return `${formatTanggal(date)} pukul ${time} WITA`;
}
