import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An office open all day, every day, with no day off, written to `dir`/calendar.json (PARAF_CALENDAR's
 * format): a step's due time is its minutes after it was asked, whatever the hour a test runs.
 */
export function allDayCalendar(dir: string): string {
  const file = join(dir, 'calendar.json');
  const allDay = ['00:00', '23:59'];
  writeFileSync(
    file,
    JSON.stringify({
      timeZone: 'Asia/Makassar',
      serviceHours: Object.fromEntries(
        ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((day) => [day, allDay]),
      ),
      daysOff: [],
    }),
  );
  return file;
}
