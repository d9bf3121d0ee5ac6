import { ParafError } from '#errors/paraf-error.ts';
import { readTypedText } from '#validation/typed-text.ts';
import { IKM_ELEMENTS, type SurveyAnswers } from './ikm.ts';

/** A survey as a form sent it: the answers given (kept to show again), the questions left, and the whole when complete. */
export interface SurveyForm {
  /** Each answered element's score (1 to 4), by element id. */
  given: Record<string, number>;
  saran: string;
  /** The elements with no valid answer, as the questionnaire numbers and names them ("U5. Produk ..."). */
  missing: string[];
  /** Whether any question was touched at all (an out-of-range value too): a survey begun must be completed. */
  begun: boolean;
  /** All nine answered: the survey to record. */
  complete: SurveyAnswers | undefined;
}

export const SARAN_MAX = 1000;

/**
 * Reads the nine IKM answers (u1 to u9, "1" to "4") and the saran from a form. A value that is not
 * 1 to 4 counts as unanswered, so the question is named again rather than a type shown.
 */
export function readSurveyForm(form: Record<string, unknown>): SurveyForm {
  const given: Record<string, number> = {};
  for (const element of IKM_ELEMENTS) {
    const value = form[element.id];
    if (typeof value === 'string' && /^[1-4]$/.test(value.trim())) given[element.id] = Number(value.trim());
  }
  const missing = IKM_ELEMENTS.flatMap((element, i) =>
    given[element.id] === undefined ? [`U${i + 1}. ${element.label}`] : [],
  );
  const typed = typeof form.saran === 'string' ? form.saran : '';
  let saran = typed.replace(/\r\n?/g, '\n').trim();
  try {
    saran = readTypedText(typed, { label: 'Saran', max: SARAN_MAX });
  } catch (error) {
    // Named among the questions left, so the page shows every problem at once and keeps what was typed.
    if (!(error instanceof ParafError)) throw error;
    missing.push(error.message.replace(/\.$/, ''));
  }
  const complete = missing.length === 0 ? ({ ...given, ...(saran ? { saran } : {}) } as SurveyAnswers) : undefined;
  const begun = IKM_ELEMENTS.some((element) => typeof form[element.id] === 'string' && form[element.id] !== '');
  return { given, saran, missing, begun, complete };
}

/** The refusal of a survey begun and not completed, naming each question left. */
export function incompleteSurveyMessage(missing: readonly string[]): string {
  const named = missing.map((question) =>
    question.startsWith('U') ? `${question}: pilih nilai 1, 2, 3 atau 4` : question,
  );
  return `Survei kepuasan belum lengkap: ${named.join('; ')}.`;
}
