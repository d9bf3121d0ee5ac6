import * as z from 'zod/mini';

/** The nine service elements of the Survei Kepuasan Masyarakat (PermenPANRB 14/2017), U1 to U9. */
export const IKM_ELEMENTS = [
  { id: 'u1', label: 'Persyaratan' },
  { id: 'u2', label: 'Sistem, mekanisme, dan prosedur' },
  { id: 'u3', label: 'Waktu penyelesaian' },
  { id: 'u4', label: 'Biaya/tarif' },
  { id: 'u5', label: 'Produk spesifikasi jenis pelayanan' },
  { id: 'u6', label: 'Kompetensi pelaksana' },
  { id: 'u7', label: 'Perilaku pelaksana' },
  { id: 'u8', label: 'Penanganan pengaduan, saran dan masukan' },
  { id: 'u9', label: 'Sarana dan prasarana' },
] as const;

/** The answers' wording, 1 to 4, as the questionnaire prints them. */
export const IKM_SCALE = ['Tidak baik', 'Kurang baik', 'Baik', 'Sangat baik'] as const;

// A question left blank arrives as NaN once coerced: the message says what to do, not what type came.
const score = z.coerce
  .number({ error: 'pilih nilai 1, 2, 3 atau 4' })
  .check(z.int('nilai harus 1, 2, 3 atau 4'), z.gte(1, 'nilai paling kecil 1'), z.lte(4, 'nilai paling besar 4'));
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
export const SurveySchema = z.lazy(
  () =>
    z.strictObject({
      ...Object.fromEntries(IKM_ELEMENTS.map((element) => [element.id, score])),
      saran: z.optional(z.string().check(z.trim(), z.maxLength(1000, 'saran paling panjang 1000 karakter'))),
    }) as unknown as z.ZodMiniType<SurveyAnswers>,
);
export type SurveyAnswers = Record<(typeof IKM_ELEMENTS)[number]['id'], number> & { saran?: string };

export interface IkmResult {
  respondents: number;
  /** Nilai rata-rata per unsur (NRR), 1 to 4. */
  perElement: { id: string; label: string; average: number }[];
  /** The index converted to 25–100 (IKM unit pelayanan). */
  index: number;
  grade: 'A' | 'B' | 'C' | 'D';
  label: string;
}

/**
 * The IKM of a set of answers as PermenPANRB 14/2017 computes it: each element's average (NRR),
 * weighted equally (1/9), times 25; graded A (88.31–100, Sangat baik), B (76.61–88.30, Baik),
 * C (65.00–76.60, Kurang baik), D (25.00–64.99, Tidak baik).
 */
export function computeIkm(answers: readonly SurveyAnswers[]): IkmResult | undefined {
  return ikmOfSums(
    answers.length,
    IKM_ELEMENTS.map((element) => answers.reduce((sum, a) => sum + a[element.id], 0)),
  );
}

/** computeIkm from the number of respondents and each element's answers summed, in the order of IKM_ELEMENTS. */
export function ikmOfSums(respondents: number, sums: readonly number[]): IkmResult | undefined {
  if (respondents === 0) return undefined;
  const perElement = IKM_ELEMENTS.map((element, i) => ({
    id: element.id,
    label: element.label,
    average: (sums[i] ?? 0) / respondents,
  }));
  const index = Math.round((perElement.reduce((sum, e) => sum + e.average, 0) / IKM_ELEMENTS.length) * 25 * 100) / 100;
  const [grade, label] =
    index >= 88.31
      ? (['A', 'Sangat baik'] as const)
      : index >= 76.61
        ? (['B', 'Baik'] as const)
        : index >= 65
          ? (['C', 'Kurang baik'] as const)
          : (['D', 'Tidak baik'] as const);
  return { respondents, perElement, index, grade, label };
}
