import { object, string } from 'zod/mini';
import { readOfficeFile } from './read-office-file.ts';
import { resourcePath } from './resource-path.ts';

/**
 * The office as its letters and its e-mails to applicants name it (templates/kantor.json, which the
 * office edits, not the templates): the letterhead's lines in capitals, the name as a sentence writes
 * it, where it is and when the counter serves.
 */
const LETTERHEAD = object({
  pemerintah: string(),
  dinas: string(),
  provinsi: string(),
  alamat: string(),
  laman: string(),
  kota: string(),
  jabatanKepala: string(),
  nama: string(),
  jamPelayanan: string(),
});

export type OfficeLetterhead = Readonly<ReturnType<typeof LETTERHEAD.parse>>;

let letterhead: OfficeLetterhead | undefined;

/** templates/kantor.json, read and checked at the first call (a missing field stops with the field named). */
export function officeLetterhead(): OfficeLetterhead {
  letterhead ??= readOfficeFile(resourcePath('templates', 'kantor.json'), LETTERHEAD);
  return letterhead;
}
