import { ParafError } from '#errors/paraf-error.ts';
import { HIDDEN_IN, hidesCharacters } from './inspect-json.ts';

/** How a typed field is read: its label in a refusal, its length, and whether it must fit on one line. */
export interface TextField {
  label: string;
  max: number;
  /** The fewest characters it takes, and what a shorter one is told (an empty note may be allowed). */
  min?: { length: number; message: string };
  oneLine?: boolean;
}

/**
 * A text a person typed, as Paraf keeps it: trimmed, within its length, on one line where asked,
 * and without hidden characters (refused, not cleaned: it could print other than it reads). The
 * one reader of the notes, names and reasons the forms and the API take; a refusal names the field
 * in Bahasa Indonesia and changes nothing.
 */
export function readTypedText(value: string | undefined, field: TextField): string {
  // A browser counts a line break as one character against maxlength and posts it as two (CRLF).
  const text = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (hidesCharacters(text)) throw new ParafError('invalid', HIDDEN_IN(field.label));
  if (field.oneLine && /[\r\n]/.test(text)) throw new ParafError('invalid', `${field.label} harus satu baris.`);
  if (text.length > field.max) throw new ParafError('invalid', `${field.label} paling panjang ${field.max} karakter.`);
  if (field.min && text.length < field.min.length) throw new ParafError('invalid', field.min.message);
  return text;
}
