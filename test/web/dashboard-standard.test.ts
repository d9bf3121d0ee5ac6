import { describe, expect, it } from 'vitest';
import { loadRevisions } from '#sop/load-catalog.ts';
import { readableStandard } from '#web/dashboard-routes.ts';

/** The Dasbor's "Standar SOP" as a person reads it, from the SOP's own reading of the seed's words. */
const revisions = loadRevisions();
const standardOf = (sopId: string, step: number) => {
  const asWritten = revisions.find((sop) => sop.id === sopId)!.steps.find((s) => s.no === step)!.time!.asWritten;
  return { asWritten, shown: readableStandard(revisions, sopId, step, asWritten) };
};

describe("the Dasbor's time standards", () => {
  it.each([
    ['SOP-LP2N-PPK-01', 13, 'Hari ke H- H+5', 'paling lambat H+5'],
    ['SOP-LP2N-PPK-01', 11, 'Hari ke H- H+3, 5 - 10 menit', 'paling lambat H+3, dikerjakan 5–\u206010 menit'],
    ['SOP-LP2N-PPK-01', 7, 'Hari ke H, 5 menit', 'hari H, dikerjakan 5 menit'],
    ['SOP-LP2N-TKT-02', 7, 'Hari ke H- H+1, 10 - 30 menit', 'paling lambat H+1, dikerjakan 10–\u206030 menit'],
    [
      'SOP-LP2N-PAR-05',
      14,
      'Hari H - H+1 (sesuai dengan jenis permohonan)',
      'paling lambat H+1 (sesuai dengan jenis permohonan)',
    ],
    ['SOP-DALAK-067-003', 2, '1 jam + 2 jam', '1 jam + 2 jam'],
    ['SOP-LP2N-PAR-05', 4, 'Sesuai kebutuhan & keperluan pemohon', 'Sesuai kebutuhan & keperluan pemohon'],
  ])('%s step %i: "%s" reads "%s"', (sopId, step, seed, readable) => {
    expect(standardOf(sopId, step)).toEqual({ asWritten: seed, shown: readable });
  });

  it('reads words that are no standard of that step as written', () => {
    expect(readableStandard(revisions, 'SOP-LP2N-PPK-01', 12, 'Hari ke H- H+5')).toBe('Hari ke H- H+5');
  });

  it('never shows the seed\'s "H- H" for a step of the catalog', () => {
    for (const sop of revisions)
      for (const step of sop.steps)
        if (step.time)
          expect(readableStandard(revisions, sop.id, step.no, step.time.asWritten), `${sop.id} ${step.no}`).not.toMatch(
            /H\s*-\s*H/,
          );
  });
});
