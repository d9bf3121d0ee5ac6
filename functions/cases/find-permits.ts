import * as z from 'zod/mini';
import { ParafError } from '#errors/paraf-error.ts';
import { witaDaysAsInstants } from '#clock/wita.ts';
import type { Runtime } from '#runtime/runtime.ts';
import {
  getPermit,
  matchesSearch,
  searchPermits,
  searchPermitsByName,
  type PermitRecord,
  type PermitSearch,
} from '#records/permit-index.ts';
import { getCases } from '#records/case-records.ts';
import { findCaseByFileNumber } from './find-case-by-file-number.ts';
import { calendarDay, periodOutOfOrder } from '#validation/calendar-day.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import { sopParameter } from '#validation/sop-parameter.ts';

const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
/** What zod's classic `z.preprocess` is: the value rewritten, then checked by `schema`. */
const preprocess = <T extends z.core.$ZodType>(rewrite: (value: unknown) => unknown, schema: T) =>
  z.pipe(z.transform(rewrite), schema);
const PermitQuery = z.strictObject({
  regNo: preprocess(blankAsMissing, z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)))),
  berkas: preprocess(
    blankAsMissing,
    z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.regex(
            /^[A-Za-z0-9-]{2,20}\/\d{4}\/\d{1,6}$/,
            'nomor berkas ditulis seperti pada tanda terima, misalnya API-U/2026/00001',
          ),
        ),
    ),
  ),
  nama: preprocess(
    blankAsMissing,
    z.optional(z.string().check(z.trim(), z.minLength(3, 'nama paling sedikit 3 huruf'), z.maxLength(120))),
  ),
  nib: preprocess(
    // Grouped as people write it on paper ("9120 0012 34567"): the digits are the NIB.
    (value) => blankAsMissing(typeof value === 'string' ? value.replace(/[\s.-]/g, '') : value),
    z.optional(z.string().check(z.regex(/^\d{13}$/, 'NIB harus 13 angka'))),
  ),
  npwp: preprocess(
    // Grouped with spaces as people copy it ("02 345 678 9 721 000"), as the loket takes it: dots and dashes are kept.
    (value) => blankAsMissing(typeof value === 'string' ? value.replace(/\s/g, '') : value),
    z.optional(z.string().check(z.regex(/^[\d.-]{15,20}$/, 'NPWP tidak valid'))),
  ),
  sop: sopParameter,
  from: preprocess(blankAsMissing, z.optional(calendarDay)),
  to: preprocess(blankAsMissing, z.optional(calendarDay)),
  status: preprocess(
    blankAsMissing,
    z.optional(z.enum(['aktif', 'dicabut'], { error: 'status harus aktif atau dicabut' })),
  ),
  limit: preprocess(
    blankAsMissing,
    z.optional(
      z.coerce
        .number()
        .check(
          z.int('batas harus bilangan bulat'),
          z.gte(1, 'batas paling kecil 1'),
          z.lte(500, 'batas paling besar 500'),
        ),
    ),
  ),
});

/** The names a permit search reads from an address (the Arsip's form, GET /api/permits). */
export const PERMIT_QUERY_NAMES: readonly string[] = Object.keys(PermitQuery.shape);

const invalidQuery = (message: string) => new ParafError('invalid-query', message);

/** The search's fields as the Arsip page labels them, for a refusal a person reads. */
const SEARCH_FIELD_LABELS: Readonly<Record<string, string>> = {
  berkas: 'Nomor berkas',
  regNo: 'Nomor registrasi',
  nama: 'Nama perusahaan',
  nib: 'NIB',
  npwp: 'NPWP',
  sop: 'SOP',
  from: 'Terbit dari tanggal',
  to: 'Terbit sampai tanggal',
  status: 'Status',
  limit: 'Jumlah paling banyak',
};

export type { PermitRecord };

/** How many permits a search gives when the query names no limit (GET /api/permits). */
export const DEFAULT_PERMIT_LIMIT = 100;

/** A search's permits, and whether more matched than it shows (the list is cut at the limit). */
export interface FoundPermits {
  permits: PermitRecord[];
  cut: boolean;
}

/** The archive search's permits alone (GET /api/permits): searchArchive's list. */
export async function findPermits(rt: Runtime, query: Record<string, string>): Promise<PermitRecord[]> {
  return (await searchArchive(rt, query)).permits;
}

/**
 * The archive search behind the API and the Arsip page:
 *  1. the query checked (an invalid one is refused as `invalid-query`, naming the field);
 *  2. one indexed key narrows: the file number (the documents of its case), register number (as typed,
 *     then unspaced, then in capitals, until one finds), NIB, NPWP, SOP, a company name's words, or
 *     else the status or the issue dates alone (the status index);
 *  3. every other field given filters the result, newest first, up to the limit (the query's, else
 *     `defaultLimit`); one more than the limit is asked for, to know whether the list is cut;
 *  4. records written before they kept the file number get it from their cases, in one batch read.
 */
export async function searchArchive(
  rt: Runtime,
  query: Record<string, string>,
  defaultLimit = DEFAULT_PERMIT_LIMIT,
): Promise<FoundPermits> {
  const parsed = PermitQuery.safeParse(query, { error: indonesianErrors });
  if (!parsed.success)
    throw invalidQuery(`Isian pencarian belum benar: ${zodMessage(parsed.error.issues, SEARCH_FIELD_LABELS)}`);
  const { regNo, nama, berkas, ...rest } = parsed.data;
  const disorder = periodOutOfOrder(rest.from, rest.to);
  if (disorder) throw invalidQuery(`Isian pencarian belum benar: ${disorder}`);
  const { from, to, status, nib, npwp, sop } = rest;
  if (!berkas && !regNo && !nama && !nib && !npwp && !sop && !status && !from && !to)
    throw invalidQuery(
      'Cari dengan nomor berkas, nomor registrasi, nama perusahaan, NIB, NPWP, SOP, status atau tanggal terbit.',
    );
  const checked = { ...parsed.data, limit: rest.limit ?? defaultLimit };
  if (!regNo) return searchOnce(rt, checked);
  const spellings = registrationNumberSpellings(regNo);
  for (const spelling of spellings.slice(0, -1)) {
    const found = await searchOnce(rt, { ...checked, regNo: spelling });
    if (found.permits.length > 0) return found;
  }
  return searchOnce(rt, { ...checked, regNo: spellings.at(-1) });
}

/**
 * How a register number a person typed may be written on the document: as typed, without the
 * spaces people put around its slashes, then in capitals (the registers' formats write their codes
 * and Roman months in capitals, and people type them small). The first spelling that finds a
 * permit wins, so a format with small letters is still found as typed.
 */
function registrationNumberSpellings(typed: string): string[] {
  const unspaced = typed.replace(/\s*\/\s*/g, '/');
  return [...new Set([typed, unspaced, unspaced.toUpperCase()])];
}

type ArchiveQuery = z.infer<typeof PermitQuery> & { limit: number };

/** One search with the register number spelled one way: steps 2 to 4 of searchArchive. */
async function searchOnce(rt: Runtime, query: ArchiveQuery): Promise<FoundPermits> {
  const { regNo, nama, berkas, limit, from, to, status, nib, npwp, sop } = query;
  // The dates are the office's days (WITA), as the Arsip shows "Terbit"; the records keep UTC instants.
  const issued = from || to ? witaDaysAsInstants(from ?? '0001-01-01', to ?? '9999-12-31') : undefined;
  const byName = nama && !berkas && !regNo && !nib && !npwp ? nama : undefined;
  const search: PermitSearch = {
    registrationNumber: regNo,
    nib,
    npwp,
    sop,
    status,
    ...(issued ? { issuedSince: issued.since, issuedUntil: issued.until } : {}),
  };
  const permits = berkas
    ? await permitsOfFile(rt, berkas)
    : byName
      ? await searchPermitsByName(rt.dynamo, rt.config.table, byName, limit + 1)
      : await searchPermits(rt.dynamo, rt.config.table, { ...search, limit: nama ? undefined : limit + 1 });
  const words = nama ? nama.toLowerCase().split(/\s+/) : [];
  const named = (p: PermitRecord) =>
    words.every((w) => p.company.toLowerCase().includes(w.replace(/[^\p{L}\p{N}]/gu, '')));
  // searchPermits filtered every other field in its query; a file's documents and the name index's entries are read by their key alone.
  const readByKeyAlone = berkas !== undefined || byName !== undefined;
  const matching = permits.filter((p) => named(p) && (!readByKeyAlone || matchesSearch(p, search)));
  // The name index is read only up to the limit, the other fields filtered after: more there is a cut list too.
  const cut = matching.length > limit || (byName !== undefined && permits.length > limit);
  return { permits: await withFileNumbers(rt, matching.slice(0, limit)), cut };
}

/** Permits written before their records kept the file number get their cases' (one BatchGetItem per 100). */
async function withFileNumbers(rt: Runtime, permits: PermitRecord[]): Promise<PermitRecord[]> {
  const lacking = permits.filter((p) => !p.fileNumber);
  if (lacking.length === 0) return permits;
  // A case may have issued two documents (PAR-05): a batch must not name a key twice.
  const caseIds = [...new Set(lacking.map((p) => p.caseId))];
  const cases = await getCases(rt.dynamo, rt.config.table, caseIds);
  const fileNumbers = new Map(caseIds.map((caseId, i) => [caseId, cases[i]?.fileNumber]));
  for (const permit of lacking) {
    const fileNumber = fileNumbers.get(permit.caseId);
    if (fileNumber) permit.fileNumber = fileNumber;
  }
  return permits;
}

/** The documents issued on the case of a file number (the receipt's): one read per registered kind of its SOP. */
async function permitsOfFile(rt: Runtime, fileNumber: string): Promise<PermitRecord[]> {
  const record = await findCaseByFileNumber(rt.dynamo, rt.config.table, rt.catalog, fileNumber);
  if (!record) return [];
  const registered = rt.sopOf(record).documents.filter((doc) => doc.register);
  const found = await Promise.all(
    registered.map((doc) => getPermit(rt.dynamo, rt.config.table, `${record.caseId}.${doc.kind}`)),
  );
  return found.filter((permit) => permit !== undefined);
}
