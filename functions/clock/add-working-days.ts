/**
 * The promised date of a service: `days` working days after `from`, Monday to Friday, in WITA.
 * Public holidays and the short Friday come with the working-day clock of issue 8.
 */
export function addWorkingDays(from: Date, days: number): string {
  const wita = new Date(from.getTime() + 8 * 3_600_000);
  const date = new Date(Date.UTC(wita.getUTCFullYear(), wita.getUTCMonth(), wita.getUTCDate()));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

/** The date and time of an instant in WITA, as the office writes them ("2026-11-23", "09.40"). */
export function witaDateTime(instant: Date): { date: string; time: string } {
  const wita = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return { date: wita.slice(0, 10), time: `${wita.slice(11, 13)}.${wita.slice(14, 16)}` };
}
