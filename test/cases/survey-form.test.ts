import { describe, expect, it } from 'vitest';
import { IKM_ELEMENTS, SurveySchema } from '#survey/ikm.ts';
import { incompleteSurveyMessage, readSurveyForm, SARAN_MAX } from '#survey/survey-form.ts';

/** Every question answered, as the applicant's page posts them. */
const answered = Object.fromEntries(IKM_ELEMENTS.map((element) => [element.id, '4']));

describe("the survey's suggestion (saran), read as every typed text is", () => {
  it('counts a line break the browser posts as CRLF once, as its maxlength did', () => {
    // 1000 characters in the textarea: 998 letters and one line break, which the browser sends as \r\n.
    const typed = `${'a'.repeat(499)}\r\n${'b'.repeat(499)}`;
    const form = readSurveyForm({ ...answered, saran: typed });
    expect(form.missing).toEqual([]);
    expect(form.complete?.saran).toBe(`${'a'.repeat(499)}\n${'b'.repeat(499)}`);
    expect(SurveySchema.parse(form.complete).saran).toHaveLength(SARAN_MAX - 1);
  });

  it('names a suggestion too long or with a hidden character beside the questions left, and keeps what was typed', () => {
    const long = readSurveyForm({ ...answered, u3: '', saran: 'x'.repeat(SARAN_MAX + 1) });
    expect(long.complete).toBeUndefined();
    expect(incompleteSurveyMessage(long.missing)).toBe(
      `Survei kepuasan belum lengkap: U3. ${IKM_ELEMENTS[2]!.label}: pilih nilai 1, 2, 3 atau 4; Saran paling panjang ${SARAN_MAX} karakter.`,
    );
    expect(long.saran).toHaveLength(SARAN_MAX + 1);
    const hidden = readSurveyForm({ ...answered, saran: 'Pelayanan \u202ecepat' });
    expect(hidden.complete).toBeUndefined();
    expect(hidden.missing).toEqual([
      'Saran memuat karakter tersembunyi (pengatur arah tulisan atau karakter kendali) atau huruf yang rusak; ketik ulang isian ini',
    ]);
  });
});
