import { getCases } from '#records/case-records.ts';
import { getPermits } from '#records/permit-index.ts';
import { listRegister, type RegisterEntry, type RegisterListing } from '#registry/list-register.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { FILE_NUMBER_KIND } from './start-case.ts';

/** One number of the book, with the file and the applicant it was given to, as a clerk's paper register has them. */
export interface RegisterBookEntry extends RegisterEntry {
  /** The file (nomor berkas) the number was given to; absent when its case was never recorded (an intake cut off). */
  fileNumber?: string;
  /** Who it was given to: the holder the issued document prints, else the applicant named at the counter. */
  applicant?: string;
  /** The archive record (`/arsip/<documentId>`) of the document issued with this number; absent until it is archived, and for a void number. */
  documentId?: string;
}

export interface RegisterBook extends Omit<RegisterListing, 'entries'> {
  entries: RegisterBookEntry[];
}

/**
 * A register's year as the Tata Usaha's book shows it, changing nothing:
 *  1. every number in order, used or void with its reason (registry/list-register.ts);
 *  2. the cases the numbers were given to, and the documents issued with the used ones, each set in
 *     one batch read per 100 and both at once: a book of a thousand numbers costs tens of requests, not a thousand;
 *  3. each number with its file, its applicant (the printed holder where the document was issued) and its archive record.
 */
export async function readRegisterBook(
  rt: Pick<Runtime, 'dynamo' | 'config'>,
  register: string,
  year: number,
): Promise<RegisterBook> {
  const listing = await listRegister(rt.dynamo, rt.config.table, register, year);
  const caseIds = [...new Set(listing.entries.map((entry) => entry.caseId))];
  const issued = listing.entries
    .filter((entry) => !entry.void && entry.documentKind !== FILE_NUMBER_KIND)
    .map((entry) => `${entry.caseId}.${entry.documentKind}`);
  const [cases, permits] = await Promise.all([
    getCases(rt.dynamo, rt.config.table, caseIds),
    getPermits(rt.dynamo, rt.config.table, issued),
  ]);
  const caseOf = new Map(cases.flatMap((record) => (record ? [[record.caseId, record] as const] : [])));
  const permitOf = new Map(permits.flatMap((permit) => (permit ? [[permit.documentId, permit] as const] : [])));
  const entries = listing.entries.map((entry): RegisterBookEntry => {
    const record = caseOf.get(entry.caseId);
    const permit = entry.void ? undefined : permitOf.get(`${entry.caseId}.${entry.documentKind}`);
    // A permit bearing another number is not this number's (a duplicate voided beside it keeps the case's own).
    const own = permit?.registrationNumber === entry.number ? permit : undefined;
    return {
      ...entry,
      ...(record ? { fileNumber: record.fileNumber } : {}),
      ...(own || record ? { applicant: own?.company ?? record?.applicant.name } : {}),
      ...(own ? { documentId: own.documentId } : {}),
    };
  });
  return { ...listing, entries };
}
