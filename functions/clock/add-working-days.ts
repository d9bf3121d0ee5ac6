import { loadCalendar, WorkingClock } from './working-clock.ts';

let clock: WorkingClock | undefined;

/** The office's working clock from config/calendar.json (PARAF_CALENDAR names another file), read once. */
export function officeClock(): WorkingClock {
  clock ??= new WorkingClock(loadCalendar(process.env.PARAF_CALENDAR || undefined));
  return clock;
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
