import type { Runtime } from '#runtime/runtime.ts';
import { readTypedText } from '#validation/typed-text.ts';
import { searchArchive } from './find-permits.ts';

/**
 * A name as people type it and as a document prints it: letters and digits, in small letters, one
 * space apart. Stricter than the name index's words (nameWords drops "PT", "CV" and short words): here
 * the whole name stands in for a secret.
 */
const comparable = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The public lookup of an issued document by what its paper prints, for a reader whose QR code will not scan:
 *  1. the register number and the holder's name, each checked as typed text (a refusal names the field);
 *  2. the number as typed, unspaced or in capitals (as the archive takes it), and the holder's name as
 *     the document prints it, capitals and punctuation aside: both must match one issued document.
 *     A number alone names no one: numbers run in order, so every holder would be a list for anyone;
 *  3. the document's id, to open its verification page, or undefined: a wrong name and an unknown
 *     number read alike.
 */
export async function findDocumentByNumber(
  rt: Runtime,
  typed: { number: string | undefined; holder: string | undefined },
): Promise<string | undefined> {
  const number = readTypedText(typed.number, {
    label: 'Nomor registrasi',
    max: 120,
    oneLine: true,
    min: { length: 3, message: 'Tulis nomor registrasi seperti tercetak pada dokumen.' },
  });
  const holder = readTypedText(typed.holder, {
    label: 'Nama pemegang',
    max: 200,
    oneLine: true,
    min: { length: 3, message: 'Tulis nama pemegang seperti tercetak pada dokumen (paling sedikit 3 huruf).' },
  });
  // The archive's own search by register number, with the spellings it forgives.
  const { permits } = await searchArchive(rt, { regNo: number, limit: '5' });
  return permits.find((permit) => comparable(permit.company) === comparable(holder))?.documentId;
}
