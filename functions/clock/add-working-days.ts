import { officeFiles } from '#config/office-files.ts';
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
