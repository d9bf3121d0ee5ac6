import { looseObject, string } from 'zod/mini';
import { readOfficeFile } from './read-office-file.ts';
import { resourcePath } from './resource-path.ts';

/**
 * The office as its letters and its e-mails to applicants name it (templates/kantor.json, which the
 * office edits, not the templates): the letterhead's lines in capitals, the name as a sentence writes
 * it, and where it is. Read when the runtime is built (runtime.ts), so a file without them stops the start.
 */
// Loose: a field an office adds for its own letterhead partial reaches the templates as written.
const LETTERHEAD = looseObject({
  pemerintah: string(),
  dinas: string(),
  provinsi: string(),
  alamat: string(),
  laman: string(),
  kota: string(),
  jabatanKepala: string(),
  nama: string(),
});

export type OfficeLetterhead = Readonly<ReturnType<typeof LETTERHEAD.parse>>;

let letterhead: OfficeLetterhead | undefined;

/** templates/kantor.json, read and checked at the first call (a missing field stops with the field named). */
export function officeLetterhead(): OfficeLetterhead {
  letterhead ??= readOfficeFile(resourcePath('templates', 'kantor.json'), LETTERHEAD);
  return letterhead;
}
