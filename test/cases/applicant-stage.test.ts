import { describe, expect, it } from 'vitest';
import { applicantStage } from '#cases/show-applicant-case.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { findSop } from '#sop/load-catalog.ts';

/** A finished case of `sop`, started against the permit numbered `permitNumber` (none for older records). */
const finished = (permitNumber?: string) =>
  ({
    status: 'selesai',
    current: null,
    permit: 'kasus.api-u',
    ...(permitNumber ? { permitNumber } : {}),
  }) as unknown as CaseRecord;

describe("the applicant's page of a finished case started against a permit", () => {
  it('says what became of the permit: revoked, recommended for revocation, or left in force by a follow-up', () => {
    const number = '503/001/API-U/DPMPTSP-III/XII/2026';
    const outcome = (sop: string, permitNumber?: string) => applicantStage(findSop(sop)!, finished(permitNumber), '');
    expect(outcome('dalak-013', number)).toEqual({
      kind: 'completed',
      permitOutcome: `Keputusan pencabutan izin Nomor ${number} sudah diterbitkan.`,
    });
    expect(outcome('dalak-014', number)).toEqual({
      kind: 'completed',
      permitOutcome: `Rekomendasi pencabutan izin Nomor ${number} sudah diterbitkan; izin itu tetap berlaku sampai pencabutannya ditetapkan.`,
    });
    for (const sop of ['dalak-011', 'dalak-012'])
      expect(outcome(sop, number), sop).toEqual({
        kind: 'completed',
        permitOutcome: `Kepala Dinas sudah menetapkan tindak lanjutnya. Berkas ini tidak menerbitkan keputusan pencabutan: izin Nomor ${number} tetap berlaku sampai dicabut dengan keputusan tersendiri.`,
      });
    // A case recorded before the number was kept names the permit without it; one not about a permit says nothing.
    expect(outcome('dalak-013')).toMatchObject({
      permitOutcome: 'Keputusan pencabutan izin yang dimaksud sudah diterbitkan.',
    });
    expect(outcome('dalak-001')).toEqual({ kind: 'completed' });
  });
});
