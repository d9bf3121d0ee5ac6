import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CalendarData, loadCalendar, WorkingClock } from '#clock/working-clock.ts';
import type { Step } from '#sop/schema.ts';

/**
 * The office's clock from config/calendar.json, built when a test first asks for it: a calendar that
 * fails to load then fails the tests, where one built at import would fail the file before any test
 * ran (which Stryker's vitest runner counts as no test failing).
 */
let officeClockCache: WorkingClock | undefined;
const theClock = () => (officeClockCache ??= new WorkingClock(loadCalendar()));
/** An office time (WITA) as an instant. */
const wita = (local: string) => new Date(`${local}+08:00`);

describe('the working-day clock', () => {
  it('counts the promised date in working days from the receipt, over weekends, holidays and cuti bersama', () => {
    expect(theClock().addWorkingDays(wita('2026-11-20T10:30'), 5)).toBe('2026-11-27'); // Friday: Mon..Fri
    expect(theClock().addWorkingDays(wita('2026-12-23T14:00'), 3)).toBe('2026-12-30'); // 24 cuti bersama, 25 Natal
    expect(theClock().addWorkingDays(wita('2026-03-17T10:00'), 2)).toBe('2026-03-26'); // Nyepi, Idulfitri and its cuti bersama
    expect(theClock().addWorkingDays(wita('2026-08-14T09:00'), 1)).toBe('2026-08-18'); // Monday 17 August
  });

  it('moves a receipt after closing or on a closed day to the next working day', () => {
    expect(theClock().workingDayOf(wita('2026-11-20T11:30'))).toBe('2026-11-23'); // Friday closes at 11.00
    expect(theClock().workingDayOf(wita('2026-11-19T18:59'))).toBe('2026-11-19'); // Thursday closes at 19.00
    expect(theClock().workingDayOf(wita('2026-11-19T19:00'))).toBe('2026-11-20');
    expect(theClock().workingDayOf(wita('2026-11-21T09:00'))).toBe('2026-11-23'); // Saturday
    expect(theClock().addWorkingDays(wita('2026-11-20T11:30'), 1)).toBe('2026-11-24');
    expect(theClock().dayOff('2026-12-24')).toEqual(expect.objectContaining({ kind: 'cuti-bersama' }));
  });

  it("adds service minutes only within service hours, with Friday's short day", () => {
    expect(theClock().addServiceMinutes(wita('2026-11-20T10:30'), 60)).toEqual(wita('2026-11-23T08:30')); // 30 on Friday, 30 on Monday
    expect(theClock().addServiceMinutes(wita('2026-11-19T18:30'), 60)).toEqual(wita('2026-11-20T08:30'));
    expect(theClock().addServiceMinutes(wita('2026-11-19T06:00'), 30)).toEqual(wita('2026-11-19T08:30')); // before opening
    expect(theClock().addServiceMinutes(wita('2026-12-23T18:00'), 120)).toEqual(wita('2026-12-28T09:00')); // over Christmas
    expect(theClock().serviceMinutesBetween(wita('2026-11-20T10:00'), wita('2026-11-23T09:00'))).toBe(120);
    expect(theClock().serviceMinutesBetween(wita('2026-11-23T09:00'), wita('2026-11-20T10:00'))).toBe(0);
    expect(theClock().endOfWorkingDay(wita('2026-11-20T10:00'), 1)).toEqual(wita('2026-11-23T19:00'));
    expect(theClock().endOfWorkingDay(wita('2026-11-19T10:00'), 1)).toEqual(wita('2026-11-20T11:00'));
  });

  it('refuses a calendar file with a wrong entry, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paraf-calendar-'));
    try {
      const file = join(dir, 'calendar.json');
      writeFileSync(
        file,
        JSON.stringify({
          timeZone: 'Asia/Makassar',
          serviceHours: { monday: ['08:00', '19:00'] },
          daysOff: [{ date: '17-08-2026', name: 'Proklamasi', kind: 'libur' }],
        }),
      );
      expect(() => loadCalendar(file)).toThrow(
        'daysOff.0.date: harus tanggal yang ada di kalender, dengan format TTTT-BB-HH',
      );
      writeFileSync(
        file,
        JSON.stringify({ timeZone: 'Asia/Makassar', serviceHours: { friday: ['11:00', '08:00'] }, daysOff: [] }),
      );
      expect(() => loadCalendar(file)).toThrow(
        'serviceHours.friday: buka pukul 11:00, tidak sebelum tutup pukul 08:00',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a calendar file', () => {
  const base = {
    timeZone: 'Asia/Makassar',
    serviceHours: { monday: ['08:00', '16:00'] },
    daysOff: [{ date: '2026-08-17', name: 'Proklamasi', kind: 'libur' }],
  };
  /** loadCalendar on a file holding `data`: what it read, or the message it refused it with. */
  const load = (data: unknown): string | object => {
    const dir = mkdtempSync(join(tmpdir(), 'paraf-calendar-'));
    try {
      const file = join(dir, 'calendar.json');
      writeFileSync(file, JSON.stringify(data));
      try {
        return loadCalendar(file);
      } catch (error) {
        // One line per problem, after the file's name: read here as "<file>: a; b".
        return (error as Error).message
          .replace(`Berkas ${file} tidak dapat dipakai:\n- `, '<file>: ')
          .replaceAll('\n- ', '; ');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const hours = (open: string, close: string) => ({ ...base, serviceHours: { monday: [open, close] } });

  it('is read when every entry is right: hours from 00:00 to 23:59, a holiday and a cuti bersama', () => {
    const calendar = {
      ...base,
      serviceHours: { monday: ['00:00', '23:59'], friday: ['08:30', '08:45'] },
      daysOff: [
        ...base.daysOff,
        { date: '2026-12-24', name: 'Cuti bersama Natal', kind: 'cuti-bersama', estimated: true },
      ],
    };
    expect(load(calendar)).toEqual(calendar);
  });

  it('refuses a time that is not HH:MM on the 24-hour clock, naming the day and the rule', () => {
    for (const wrong of ['24:00', '7:30', '08:60', '08:0', 'x08:00', '08:00x', '08-00', '2a:00'])
      expect(load(hours(wrong, '16:00')), wrong).toBe('<file>: serviceHours.monday.0: jam harus berformat JJ:MM');
    expect(load(hours('08:00', '16:7'))).toBe('<file>: serviceHours.monday.1: jam harus berformat JJ:MM');
    for (const right of ['00:01', '09:59', '19:30', '20:00', '23:59'])
      expect(load(hours('00:00', right)), right).toMatchObject({ serviceHours: { monday: ['00:00', right] } });
  });

  it('refuses a day that opens when or after it closes, by the minute', () => {
    expect(load(hours('08:30', '08:30'))).toBe(
      '<file>: serviceHours.monday: buka pukul 08:30, tidak sebelum tutup pukul 08:30',
    );
    expect(load(hours('08:31', '08:30'))).toBe(
      '<file>: serviceHours.monday: buka pukul 08:31, tidak sebelum tutup pukul 08:30',
    );
    expect(load(hours('09:00', '08:59'))).toBe(
      '<file>: serviceHours.monday: buka pukul 09:00, tidak sebelum tutup pukul 08:59',
    );
    expect(load(hours('08:30', '08:31'))).toMatchObject({ serviceHours: { monday: ['08:30', '08:31'] } });
  });

  it('refuses a day off with a wrong date, no name or an unknown kind, another time zone, and unknown fields', () => {
    const dayOff = (entry: object) => ({ ...base, daysOff: [{ ...base.daysOff[0], ...entry }] });
    // A day the calendar lacks too: it would never match a day, and the holiday would be a working day.
    for (const date of ['2026-8-17', '26-08-17', '2026-08-1', 'x2026-08-17', '2026-08-17x', 'abcd-ef-gh', '2026-02-30'])
      expect(load(dayOff({ date })), date).toBe(
        '<file>: daysOff.0.date: harus tanggal yang ada di kalender, dengan format TTTT-BB-HH',
      );
    expect(load(dayOff({ name: '' }))).toMatch(/^<file>: daysOff\.0\.name: /);
    expect(load(dayOff({ name: 'Hari Raya' }))).toMatchObject({ daysOff: [{ name: 'Hari Raya' }] });
    expect(load(dayOff({ kind: 'cuti' }))).toMatch(/^<file>: daysOff\.0\.kind: /);
    expect(load(dayOff({ holiday: true }))).toMatch(/^<file>: daysOff\.0: /);
    expect(load({ ...base, timeZone: 'Asia/Jakarta' })).toMatch(/^<file>: timeZone: /);
    expect(load({ ...base, serviceHours: { monday: ['08:00'] } })).toMatch(/^<file>: serviceHours\.monday/);
    expect(load({ ...base, holidays: [] })).toMatch(/^<file>: : /);
  });

  it('keeps a day off closed and the hours to the minute (an 07:30 opening, a 08:45 close)', () => {
    const clock = new WorkingClock(
      load({
        ...base,
        serviceHours: { monday: ['07:30', '08:45'], tuesday: ['07:30', '08:45'], wednesday: ['07:30', '08:45'] },
        daysOff: [{ date: '2026-11-24', name: 'Libur daerah', kind: 'libur' }],
      }) as CalendarData,
    );
    expect(clock.dayOff('2026-11-24')).toEqual({ date: '2026-11-24', name: 'Libur daerah', kind: 'libur' });
    expect(clock.dayOff('2026-11-23')).toBeUndefined();
    // Monday 23 November: 07:30 to 08:45; Tuesday off; Wednesday again.
    expect(clock.addServiceMinutes(wita('2026-11-23T07:00'), 30)).toEqual(wita('2026-11-23T08:00'));
    expect(clock.addServiceMinutes(wita('2026-11-23T08:15'), 30)).toEqual(wita('2026-11-23T08:45')); // ends at the close
    expect(clock.addServiceMinutes(wita('2026-11-23T08:15'), 31)).toEqual(wita('2026-11-25T07:31')); // over the day off
    expect(clock.addServiceMinutes(wita('2026-11-23T08:45'), 1)).toEqual(wita('2026-11-25T07:31')); // asked at the close
    expect(clock.addServiceMinutes(wita('2026-11-23T09:00'), 1)).toEqual(wita('2026-11-25T07:31')); // and after it
    expect(clock.workingDayOf(wita('2026-11-23T08:44'))).toBe('2026-11-23');
    expect(clock.workingDayOf(wita('2026-11-23T08:45'))).toBe('2026-11-25');
    expect(clock.serviceMinutesBetween(wita('2026-11-23T07:00'), wita('2026-11-25T08:00'))).toBe(75 + 30);
  });

  it('has no service hours at all: adding service minutes says so instead of looping', () => {
    const closed = new WorkingClock({ timeZone: 'Asia/Makassar', serviceHours: {}, daysOff: [] });
    expect(() => closed.addServiceMinutes(wita('2026-11-23T08:00'), 1)).toThrow(
      'the calendar has no service hours in the next 5000 days',
    );
    // Open one day far ahead: found within the guard's 5000 days, counted from where it started.
    const farDay = new Date(Date.parse('2026-11-23T00:00:00Z') + 4998 * 86_400_000).toISOString().slice(0, 10);
    const sparse = new WorkingClock({
      timeZone: 'Asia/Makassar',
      serviceHours: Object.fromEntries(
        ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d) => [
          d,
          ['08:00', '09:00'],
        ]),
      ),
      daysOff: Array.from({ length: 4998 }, (_, i) => ({
        date: new Date(Date.parse('2026-11-23T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
        name: 'tutup',
        kind: 'libur' as const,
      })),
    });
    expect(sparse.addServiceMinutes(wita('2026-11-23T08:00'), 10)).toEqual(wita(`${farDay}T08:10`));
  });
});

describe('the office clock of the runtime (config/calendar.json, or PARAF_CALENDAR)', () => {
  it('is read once, and gives office dates and times in WITA', async () => {
    const { addWorkingDays, officeClock } = await import('#clock/add-working-days.ts');
    expect(officeClock()).toBe(officeClock());
    expect(addWorkingDays(wita('2026-11-20T10:30'), 5)).toBe('2026-11-27');
  });

  it('turns instants into WITA dates and back in one module (clock/wita.ts)', async () => {
    const { startOfWitaDay, witaDate, witaDateTime, witaDaysAsInstants, witaMoment, witaYearMonth } = await import(
      '#clock/wita.ts'
    );
    expect(witaDateTime(new Date('2026-12-31T16:30:00Z'))).toEqual({ date: '2027-01-01', time: '00.30' });
    expect(witaDateTime(new Date('2026-11-20T02:05:00Z'))).toEqual({ date: '2026-11-20', time: '10.05' });
    // The last millisecond of a WITA year, and the first of the next.
    expect(witaDate(Date.parse('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(witaYearMonth(new Date('2026-12-31T15:59:59.999Z'))).toEqual({ year: 2026, month: 12 });
    expect(witaYearMonth(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(startOfWitaDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(witaDaysAsInstants('2026-11-04', '2026-11-05')).toEqual({
      since: '2026-11-03T16:00:00.000Z',
      until: '2026-11-05T15:59:59.999Z',
    });
    expect(witaMoment(new Date('2026-12-03T03:00:00Z'))).toBe('3 Desember 2026 pukul 11.00 WITA');
  });
});

describe("a scheduled step's date in the documents", () => {
  it('is read from its dotted field only when it is a YYYY-MM-DD string', async () => {
    const { scheduledDay } = await import('#clock/scheduled-day.ts');
    const step = { scheduledBy: { document: 'surat-tugas', field: 'waktu.mulai' } } as Step;
    const at = (mulai: unknown) => ({ 'surat-tugas': { waktu: { mulai } } });
    expect(scheduledDay(step, at('2026-11-24'))).toBe('2026-11-24');
    for (const wrong of ['24-11-2026', '2026-11-24T08:00', 'x2026-11-24', 20261124, null, ['2026-11-24']])
      expect(scheduledDay(step, at(wrong)), JSON.stringify(wrong)).toBeUndefined();
    expect(scheduledDay(step, { 'surat-tugas': { waktu: '2026-11-24' } })).toBeUndefined();
    expect(scheduledDay(step, { 'surat-tugas': null })).toBeUndefined();
    expect(scheduledDay(step, {})).toBeUndefined();
    expect(scheduledDay(step, undefined)).toBeUndefined();
    expect(scheduledDay({}, at('2026-11-24'))).toBeUndefined();
    expect(scheduledDay(undefined, at('2026-11-24'))).toBeUndefined();
  });
});

describe('step due times', () => {
  const office = { correctionWorkingDays: 10 };
  const step = (time: { maxMinutes?: number; dayTo?: number }) => ({ no: 8, time }) as Step;
  it("come from the step's time standard in working time, and daily once overdue", async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-19T09:00'); // Thursday
    expect(stepDueAt(theClock(), step({ maxMinutes: 30 }), 'step', received, wita('2026-11-20T10:45'), office)).toEqual(
      wita('2026-11-23T08:15'),
    );
    expect(stepDueAt(theClock(), step({ dayTo: 1 }), 'step', received, wita('2026-11-19T15:00'), office)).toEqual(
      wita('2026-11-20T11:00'),
    );
    expect(
      stepDueAt(theClock(), step({ dayTo: 1 }), 'step', received, wita('2026-11-20T12:00'), {
        ...office,
        overdue: true,
      }),
    ).toEqual(wita('2026-11-24T19:00'));
    expect(stepDueAt(theClock(), step({}), 'applicant-correction', received, wita('2026-11-19T15:00'), office)).toEqual(
      wita('2026-12-03T19:00'),
    );
    // The office's setting, not a seed's, sets the applicant's time.
    expect(
      stepDueAt(theClock(), step({}), 'applicant-correction', received, wita('2026-11-19T15:00'), {
        correctionWorkingDays: 3,
      }),
    ).toEqual(wita('2026-11-24T19:00'));
    // Already past its day: never less than a minute, so the reminder path runs rather than a zero wait.
    expect(stepDueAt(theClock(), step({ dayTo: 0 }), 'step', received, wita('2026-11-20T10:00'), office)).toEqual(
      wita('2026-11-20T10:01'),
    );
  });

  it('come from the minutes alone when a standard gives no day window, and from the next close when it gives neither', async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-19T09:00'); // Thursday
    // 30 minutes asked at 10.00 on the day of receipt: 10.30, not the close of that day.
    expect(stepDueAt(theClock(), step({ maxMinutes: 30 }), 'step', received, wita('2026-11-19T10:00'), office)).toEqual(
      wita('2026-11-19T10:30'),
    );
    // No time standard, or no step at all: the close of the next working day (Friday 11.00).
    for (const none of [{ no: 8 } as Step, undefined])
      expect(stepDueAt(theClock(), none, 'step', received, wita('2026-11-19T10:00'), office)).toEqual(
        wita('2026-11-20T11:00'),
      );
  });

  it('are the later of the day window and the minutes where a standard gives both ("Hari ke H- H+1, 10 - 30 menit")', async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-19T09:00'); // Thursday, H
    // Asked on H at 10.00: 30 minutes would end at 10.30, but the window runs to the close of H+1 (Friday 11.00).
    expect(
      stepDueAt(theClock(), step({ dayTo: 1, maxMinutes: 30 }), 'step', received, wita('2026-11-19T10:00'), office),
    ).toEqual(wita('2026-11-20T11:00'));
    // Asked at the end of the window: the minutes end later, on the next working day.
    expect(
      stepDueAt(theClock(), step({ dayTo: 1, maxMinutes: 30 }), 'step', received, wita('2026-11-20T10:50'), office),
    ).toEqual(wita('2026-11-23T08:20'));
  });

  it("count a step scheduled on a later date (the inspection on the Surat Tugas's date) from the opening of that date", async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-16T09:00');
    // Letter approved Thursday 15.00, inspection set for Tuesday: 180 service minutes from Tuesday 08.00.
    expect(
      stepDueAt(theClock(), step({ maxMinutes: 180 }), 'step', received, wita('2026-11-19T15:00'), {
        ...office,
        scheduledOn: '2026-11-24',
      }),
    ).toEqual(wita('2026-11-24T11:00'));
    // Without the date, the same step would be due on Thursday evening.
    expect(
      stepDueAt(theClock(), step({ maxMinutes: 180 }), 'step', received, wita('2026-11-19T15:00'), office),
    ).toEqual(wita('2026-11-19T18:00'));
    // A date already reached counts from now.
    expect(
      stepDueAt(theClock(), step({ maxMinutes: 180 }), 'step', received, wita('2026-11-24T10:00'), {
        ...office,
        scheduledOn: '2026-11-24',
      }),
    ).toEqual(wita('2026-11-24T13:00'));
  });

  it('allow a scheduled date only from one working day after the letter is issued', async () => {
    const { scheduleRefusal } = await import('#clock/scheduled-day.ts');
    const { findSop } = await import('#sop/load-catalog.ts');
    const sop = findSop('dalak-009')!;
    const letter = (mulai: string) => ({ 'surat-tugas': { waktu: { mulai, selesai: mulai } } });
    const friday = wita('2026-11-20T10:00');
    expect(scheduleRefusal(theClock(), sop, 3, letter('2026-11-23'), friday)).toBeUndefined();
    expect(scheduleRefusal(theClock(), sop, 3, letter('2026-11-21'), friday)).toContain(
      'paling cepat 23 November 2026',
    );
    expect(scheduleRefusal(theClock(), sop, 3, letter('2026-11-20'), friday)).toContain('terlalu cepat');
    expect(scheduleRefusal(theClock(), sop, 3, {}, friday)).toContain('belum diisi');
    // Other steps set no date.
    expect(scheduleRefusal(theClock(), sop, 2, {}, friday)).toBeUndefined();
  });
});

describe('the office settings (config/office.json)', () => {
  it("give the applicant's correction time, and a wrong file is refused with the field named", async () => {
    const { loadOfficeSettings } = await import('#config/office-settings.ts');
    expect(loadOfficeSettings().applicantCorrectionWorkingDays).toBe(10);
    const dir = mkdtempSync(join(tmpdir(), 'paraf-office-'));
    try {
      const file = join(dir, 'office.json');
      writeFileSync(file, JSON.stringify({ applicantCorrectionWorkingDays: 0 }));
      expect(() => loadOfficeSettings(file)).toThrow(
        `Berkas ${file} tidak dapat dipakai:\n- applicantCorrectionWorkingDays: `,
      );
      writeFileSync(file, JSON.stringify({ applicantCorrectionWorkingDays: 5, rejectEverywhere: true }));
      expect(() => loadOfficeSettings(file)).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the service hours in words (what an applicant e-mail says of the counter)', () => {
  it('groups the days that share their hours, from the calendar that counts the deadlines', () => {
    expect(new WorkingClock(loadCalendar()).serviceHoursInWords()).toBe(
      'Senin sampai Kamis pukul 08.00–19.00 WITA, Jumat pukul 08.00–11.00 WITA',
    );
    const ramadan: CalendarData = {
      ...loadCalendar(),
      serviceHours: {
        monday: ['08:00', '15:00'],
        tuesday: ['08:00', '15:00'],
        wednesday: ['08:00', '15:00'],
        thursday: ['08:00', '15:00'],
        friday: ['08:00', '11:30'],
        saturday: ['08:00', '12:00'],
      },
    };
    expect(new WorkingClock(ramadan).serviceHoursInWords()).toBe(
      'Senin sampai Kamis pukul 08.00–15.00 WITA, Jumat pukul 08.00–11.30 WITA, Sabtu pukul 08.00–12.00 WITA',
    );
  });
});
