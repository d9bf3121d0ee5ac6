import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar, WorkingClock } from '#clock/working-clock.ts';

const clock = new WorkingClock(loadCalendar());
/** An office time (WITA) as an instant. */
const wita = (local: string) => new Date(`${local}+08:00`);

describe('the working-day clock', () => {
  it('counts the promised date in working days from the receipt, over weekends, holidays and cuti bersama', () => {
    expect(clock.addWorkingDays(wita('2026-11-20T10:30'), 5)).toBe('2026-11-27'); // Friday: Mon..Fri
    expect(clock.addWorkingDays(wita('2026-12-23T14:00'), 3)).toBe('2026-12-30'); // 24 cuti bersama, 25 Natal
    expect(clock.addWorkingDays(wita('2026-03-17T10:00'), 2)).toBe('2026-03-26'); // Nyepi, Idulfitri and its cuti bersama
    expect(clock.addWorkingDays(wita('2026-08-14T09:00'), 1)).toBe('2026-08-18'); // Monday 17 August
  });

  it('moves a receipt after closing or on a closed day to the next working day', () => {
    expect(clock.workingDayOf(wita('2026-11-20T11:30'))).toBe('2026-11-23'); // Friday closes at 11.00
    expect(clock.workingDayOf(wita('2026-11-19T18:59'))).toBe('2026-11-19'); // Thursday closes at 19.00
    expect(clock.workingDayOf(wita('2026-11-19T19:00'))).toBe('2026-11-20');
    expect(clock.workingDayOf(wita('2026-11-21T09:00'))).toBe('2026-11-23'); // Saturday
    expect(clock.addWorkingDays(wita('2026-11-20T11:30'), 1)).toBe('2026-11-24');
    expect(clock.dayOff('2026-12-24')).toEqual(expect.objectContaining({ kind: 'cuti-bersama' }));
  });

  it("adds service minutes only within service hours, with Friday's short day", () => {
    expect(clock.addServiceMinutes(wita('2026-11-20T10:30'), 60)).toEqual(wita('2026-11-23T08:30')); // 30 on Friday, 30 on Monday
    expect(clock.addServiceMinutes(wita('2026-11-19T18:30'), 60)).toEqual(wita('2026-11-20T08:30'));
    expect(clock.addServiceMinutes(wita('2026-11-19T06:00'), 30)).toEqual(wita('2026-11-19T08:30')); // before opening
    expect(clock.addServiceMinutes(wita('2026-12-23T18:00'), 120)).toEqual(wita('2026-12-28T09:00')); // over Christmas
    expect(clock.serviceMinutesBetween(wita('2026-11-20T10:00'), wita('2026-11-23T09:00'))).toBe(120);
    expect(clock.serviceMinutesBetween(wita('2026-11-23T09:00'), wita('2026-11-20T10:00'))).toBe(0);
    expect(clock.endOfWorkingDay(wita('2026-11-20T10:00'), 1)).toEqual(wita('2026-11-23T19:00'));
    expect(clock.endOfWorkingDay(wita('2026-11-19T10:00'), 1)).toEqual(wita('2026-11-20T11:00'));
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
      expect(() => loadCalendar(file)).toThrow('daysOff.0.date: tanggal harus berformat TTTT-BB-HH');
      writeFileSync(
        file,
        JSON.stringify({ timeZone: 'Asia/Makassar', serviceHours: { friday: ['11:00', '08:00'] }, daysOff: [] }),
      );
      expect(() => loadCalendar(file)).toThrow('serviceHours.friday: opens at 11:00, after it closes at 08:00');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('step due times', () => {
  const office = { correctionWorkingDays: 10 };
  const step = (time: { maxMinutes?: number; dayTo?: number }) => ({ no: 8, time }) as never;
  it("come from the step's time standard in working time, and daily once overdue", async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-19T09:00'); // Thursday
    expect(stepDueAt(clock, step({ maxMinutes: 30 }), 'step', received, wita('2026-11-20T10:45'), office)).toEqual(
      wita('2026-11-23T08:15'),
    );
    expect(stepDueAt(clock, step({ dayTo: 1 }), 'step', received, wita('2026-11-19T15:00'), office)).toEqual(
      wita('2026-11-20T11:00'),
    );
    expect(
      stepDueAt(clock, step({ dayTo: 1 }), 'step', received, wita('2026-11-20T12:00'), { ...office, overdue: true }),
    ).toEqual(wita('2026-11-24T19:00'));
    expect(stepDueAt(clock, step({}), 'applicant-correction', received, wita('2026-11-19T15:00'), office)).toEqual(
      wita('2026-12-03T19:00'),
    );
    // The office's setting, not a seed's, sets the applicant's time.
    expect(
      stepDueAt(clock, step({}), 'applicant-correction', received, wita('2026-11-19T15:00'), {
        correctionWorkingDays: 3,
      }),
    ).toEqual(wita('2026-11-24T19:00'));
    // Already past its day: never less than a minute, so the reminder path runs rather than a zero wait.
    expect(stepDueAt(clock, step({ dayTo: 0 }), 'step', received, wita('2026-11-20T10:00'), office)).toEqual(
      wita('2026-11-20T10:01'),
    );
  });

  it('are the later of the day window and the minutes where a standard gives both ("Hari ke H- H+1, 10 - 30 menit")', async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-19T09:00'); // Thursday, H
    // Asked on H at 10.00: 30 minutes would end at 10.30, but the window runs to the close of H+1 (Friday 11.00).
    expect(
      stepDueAt(clock, step({ dayTo: 1, maxMinutes: 30 }), 'step', received, wita('2026-11-19T10:00'), office),
    ).toEqual(wita('2026-11-20T11:00'));
    // Asked at the end of the window: the minutes end later, on the next working day.
    expect(
      stepDueAt(clock, step({ dayTo: 1, maxMinutes: 30 }), 'step', received, wita('2026-11-20T10:50'), office),
    ).toEqual(wita('2026-11-23T08:20'));
  });

  it("count a step scheduled on a later date (the inspection on the Surat Tugas's date) from the opening of that date", async () => {
    const { stepDueAt } = await import('#clock/step-deadline.ts');
    const received = wita('2026-11-16T09:00');
    // Letter approved Thursday 15.00, inspection set for Tuesday: 180 service minutes from Tuesday 08.00.
    expect(
      stepDueAt(clock, step({ maxMinutes: 180 }), 'step', received, wita('2026-11-19T15:00'), {
        ...office,
        scheduledOn: '2026-11-24',
      }),
    ).toEqual(wita('2026-11-24T11:00'));
    // Without the date, the same step would be due on Thursday evening.
    expect(stepDueAt(clock, step({ maxMinutes: 180 }), 'step', received, wita('2026-11-19T15:00'), office)).toEqual(
      wita('2026-11-19T18:00'),
    );
    // A date already reached counts from now.
    expect(
      stepDueAt(clock, step({ maxMinutes: 180 }), 'step', received, wita('2026-11-24T10:00'), {
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
    expect(scheduleRefusal(clock, sop, 3, letter('2026-11-23'), friday)).toBeUndefined();
    expect(scheduleRefusal(clock, sop, 3, letter('2026-11-21'), friday)).toContain('paling cepat 2026-11-23');
    expect(scheduleRefusal(clock, sop, 3, letter('2026-11-20'), friday)).toContain('terlalu cepat');
    expect(scheduleRefusal(clock, sop, 3, {}, friday)).toContain('belum diisi');
    // Other steps set no date.
    expect(scheduleRefusal(clock, sop, 2, {}, friday)).toBeUndefined();
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
      expect(() => loadOfficeSettings(file)).toThrow(`${file}: applicantCorrectionWorkingDays`);
      writeFileSync(file, JSON.stringify({ applicantCorrectionWorkingDays: 5, rejectEverywhere: true }));
      expect(() => loadOfficeSettings(file)).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
