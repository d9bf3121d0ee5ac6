import * as z from 'zod';
import { ParafError } from '#errors/paraf-error.ts';
import { witaDaysAsInstants } from '#clock/wita.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { getPermit, searchPermits, searchPermitsByName, type PermitRecord } from '#records/permit-index.ts';
import { findCaseByFileNumber } from './find-case-by-file-number.ts';
import { calendarDay, periodOutOfOrder } from '#validation/calendar-day.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';

const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const PermitQuery = z
  .object({
    regNo: z.preprocess(blankAsMissing, z.string().trim().min(1).max(120).optional()),
    berkas: z.preprocess(
      blankAsMissing,
      z
        .string()
        .trim()
        .regex(
          /^[A-Za-z0-9-]{2,20}\/\d{4}\/\d{1,6}$/,
          'nomor berkas ditulis seperti pada tanda terima, misalnya API-U/2026/00001',
        )
        .optional(),
    ),
    nama: z.preprocess(blankAsMissing, z.string().trim().min(3, 'nama paling sedikit 3 huruf').max(120).optional()),
    nib: z.preprocess(
      blankAsMissing,
      z
        .string()
        .regex(/^\d{13}$/, 'NIB harus 13 angka')
        .optional(),
    ),
    npwp: z.preprocess(
      blankAsMissing,
      z
        .string()
        .regex(/^[\d.-]{15,20}$/, 'NPWP tidak valid')
        .optional(),
    ),
    sop: z.preprocess(
      blankAsMissing,
      z
        .string()
        .regex(/^SOP-[A-Z0-9-]{3,30}$/, 'kode SOP tidak valid')
        .optional(),
    ),
    from: z.preprocess(blankAsMissing, calendarDay.optional()),
    to: z.preprocess(blankAsMissing, calendarDay.optional()),
    status: z.preprocess(
      blankAsMissing,
      z.enum(['aktif', 'dicabut'], { error: 'status harus aktif atau dicabut' }).optional(),
    ),
    limit: z.preprocess(
      blankAsMissing,
      z.coerce
        .number()
        .int('batas harus bilangan bulat')
        .min(1, 'batas paling kecil 1')
        .max(500, 'batas paling besar 500')
        .default(100),
    ),
  })
  .strict();

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

/**
 * The archive search behind the API and the Arsip page:
 *  1. the query checked (an invalid one is refused as `invalid-query`, naming the field);
 *  2. one indexed key narrows: the file number (the documents of its case), register number, NIB, NPWP,
 *     SOP, or a company name's words;
 *  3. every other field given filters the result, newest first, up to the limit.
 */
export async function findPermits(rt: Runtime, query: Record<string, string>): Promise<PermitRecord[]> {
  const parsed = PermitQuery.safeParse(query, { error: indonesianErrors });
  if (!parsed.success)
    throw invalidQuery(`Isian pencarian belum benar: ${zodMessage(parsed.error.issues, SEARCH_FIELD_LABELS)}`);
  const { regNo, nama, limit, berkas, ...rest } = parsed.data;
  const disorder = periodOutOfOrder(rest.from, rest.to);
  if (disorder) throw invalidQuery(`Isian pencarian belum benar: ${disorder}`);
  if (!berkas && !regNo && !nama && !rest.nib && !rest.npwp && !rest.sop)
    throw invalidQuery('Cari dengan nomor berkas, nomor registrasi, nama perusahaan, NIB, NPWP atau SOP.');
  // The dates are the office's days (WITA), as the Arsip shows "Terbit"; the records keep UTC instants.
  const { from, to, ...others } = rest;
  const issued = from || to ? witaDaysAsInstants(from ?? '0001-01-01', to ?? '9999-12-31') : undefined;
  const permits = berkas
    ? await permitsOfFile(rt, berkas)
    : nama && !regNo && !rest.nib && !rest.npwp
      ? await searchPermitsByName(rt.dynamo, rt.config.table, nama, limit)
      : await searchPermits(rt.dynamo, rt.config.table, {
          registrationNumber: regNo,
          ...others,
          ...(issued ? { issuedSince: issued.since, issuedUntil: issued.until } : {}),
          limit: nama ? undefined : limit,
        });
  const words = nama ? nama.toLowerCase().split(/\s+/) : [];
  const inRange = (p: PermitRecord) => !issued || (p.issuedAt >= issued.since && p.issuedAt <= issued.until);
  return permits
    .filter(
      (p) =>
        (!rest.sop || p.sop === rest.sop) &&
        (!rest.status || p.status === rest.status) &&
        (!rest.nib || p.nib === rest.nib) &&
        inRange(p) &&
        words.every((w) => p.company.toLowerCase().includes(w.replace(/[^\p{L}\p{N}]/gu, ''))),
    )
    .slice(0, limit);
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
