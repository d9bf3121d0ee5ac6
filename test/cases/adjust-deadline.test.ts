import { describe, expect, it } from 'vitest';
import { adjustDeadline } from '#cases/adjust-deadline.ts';
import { loadCalendar, WorkingClock } from '#clock/working-clock.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { loadCatalog } from '#sop/load-catalog.ts';

const clock = new WorkingClock(loadCalendar());
const catalog = loadCatalog();
const sop = (id: string) => catalog.find((s) => s.id === id)!;
const wita = (local: string) => new Date(`${local}+08:00`);
const record = (fields: Partial<CaseRecord>) => ({ deadline: null, ...fields }) as CaseRecord;
/** The change a decision at WITA time `at` makes to a case of `sopId` with these fields. */
const adjust = (
  sopId: string,
  fields: Partial<CaseRecord>,
  link: Parameters<typeof adjustDeadline>[3],
  route: string,
  at: string,
) => adjustDeadline(clock, sop(sopId), record(fields), link, route, wita(at));

describe('the promised date as decisions move the case', () => {
  it("starts EO's count when the technical recommendation arrives (step 10), not at the receipt", () => {
    expect(sop('SOP-LP2N-PAR-05').serviceTime?.startsAt).toEqual({ event: 'technical-recommendation', step: 10 });
    const step = (no: number) => ({ step: no, purpose: 'step' }) as const;
    expect(adjust('SOP-LP2N-PAR-05', {}, step(10), 'approve', '2026-11-19T10:00')).toEqual({ deadline: '2026-11-20' });
    expect(adjust('SOP-LP2N-PAR-05', {}, step(9), 'approve', '2026-11-19T10:00')).toBeUndefined();
    expect(
      adjust('SOP-LP2N-PAR-05', { deadline: '2026-11-20' }, step(10), 'approve', '2026-11-24T10:00'),
    ).toBeUndefined();
  });

  it('stops the count while the file is back with the applicant and moves the date by the working days it was away', () => {
    const apiU = 'SOP-LP2N-PPK-01';
    const correction = { step: 6, purpose: 'applicant-correction' } as const;
    const paused = adjust(
      apiU,
      { deadline: '2026-11-27' },
      { step: 9, purpose: 'step' },
      'return:applicant',
      '2026-11-23T10:00',
    );
    expect(paused).toEqual({ clockPausedAt: wita('2026-11-23T10:00').toISOString() });
    // Back on Thursday: Monday to Thursday is 3 working days, so Friday 27 becomes Wednesday 2 December.
    expect(adjust(apiU, { deadline: '2026-11-27', ...paused }, correction, 'approve', '2026-11-26T10:00')).toEqual({
      deadline: '2026-12-02',
      clockPausedAt: null,
    });
    // Over Christmas: sent back on 23 December, back on 28 December, one working day away.
    const awayOverChristmas = { deadline: '2026-12-29', clockPausedAt: wita('2026-12-23T10:00').toISOString() };
    expect(adjust(apiU, awayOverChristmas, correction, 'approve', '2026-12-28T10:00')).toEqual({
      deadline: '2026-12-30',
      clockPausedAt: null,
    });
    expect(
      adjust(apiU, { deadline: '2026-11-27' }, { step: 8, purpose: 'step' }, 'return:7', '2026-11-23T10:00'),
    ).toBeUndefined();
  });

  it("stops it too while the front office's check asks the applicant for the correction, until it hands the file on (PAR-05 step 8)", () => {
    const eo = 'SOP-LP2N-PAR-05';
    const step = (no: number) => ({ step: no, purpose: 'step' }) as const;
    const paused = adjust(eo, { deadline: '2026-11-27' }, step(14), 'return:8', '2026-11-23T10:00');
    expect(paused).toEqual({ clockPausedAt: wita('2026-11-23T10:00').toISOString() });
    // A send-back to an official's step does not wait on the applicant.
    expect(adjust(eo, { deadline: '2026-11-27' }, step(14), 'return:12', '2026-11-23T10:00')).toBeUndefined();
    // Paused already: a second send-back keeps the first moment.
    expect(adjust(eo, { deadline: '2026-11-27', ...paused }, step(7), 'return:8', '2026-11-24T10:00')).toBeUndefined();
    // The corrected file handed on at step 8 on Thursday: three working days away.
    expect(adjust(eo, { deadline: '2026-11-27', ...paused }, step(8), 'approve', '2026-11-26T10:00')).toEqual({
      deadline: '2026-12-02',
      clockPausedAt: null,
    });
    // Before the count starts (no date yet), nothing is paused.
    expect(adjust(eo, {}, step(7), 'return:8', '2026-11-23T10:00')).toBeUndefined();
  });
});
