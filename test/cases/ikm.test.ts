import { describe, expect, it } from 'vitest';
import { computeIkm, SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';

const all = (score: number, change: Partial<SurveyAnswers> = {}) =>
  ({
    u1: score,
    u2: score,
    u3: score,
    u4: score,
    u5: score,
    u6: score,
    u7: score,
    u8: score,
    u9: score,
    ...change,
  }) as SurveyAnswers;

describe('the IKM of PermenPANRB 14/2017', () => {
  it('weights the nine elements equally and converts to 25-100 with its grades', () => {
    expect(computeIkm([])).toBeUndefined();
    expect(computeIkm([all(4)])).toMatchObject({ respondents: 1, index: 100, grade: 'A', label: 'Sangat baik' });
    expect(computeIkm([all(1)])).toMatchObject({ index: 25, grade: 'D', label: 'Tidak baik' });
    expect(computeIkm([all(3)])).toMatchObject({ index: 75, grade: 'C', label: 'Kurang baik' });
    // 3.0644 and 3.5324 on the 1-4 scale are the B and A thresholds: 76.61 and 88.31.
    expect(computeIkm([all(4, { u3: 3 })])).toMatchObject({ index: 97.22, grade: 'A' });
    expect(computeIkm([all(3), all(4, { u1: 3, u2: 3 })])).toMatchObject({
      respondents: 2,
      index: 84.72,
      grade: 'B',
      label: 'Baik',
    });
    expect(computeIkm([all(3), all(4)])!.perElement[0]).toEqual({ id: 'u1', label: 'Persyaratan', average: 3.5 });
  });

  it('takes scores 1 to 4 for all nine elements, and says which is wrong', () => {
    expect(SurveySchema.safeParse(all(2)).success).toBe(true);
    expect(SurveySchema.safeParse({ ...all(2), u9: 5 }).success).toBe(false);
    expect(SurveySchema.safeParse({ ...all(2), u4: undefined }).success).toBe(false);
    expect(SurveySchema.safeParse({ ...all(2), extra: 1 }).success).toBe(false);
  });
});
