import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';

/**
 * How many composite schemas zod has built in this file's modules, counted through zod/mini's builders
 * of objects, records, arrays and unions (every record's schema has one of them at its top): every
 * schema a Lambda carries is written with zod/mini (bundle-size.test holds the bundles free of classic zod).
 */
const built = vi.hoisted(() => ({ schemas: 0 }));
const counted = vi.hoisted(
  () =>
    <F extends (...args: never[]) => unknown>(build: F) =>
      ((...args: Parameters<F>) => {
        built.schemas += 1;
        return build(...args);
      }) as unknown as F,
);
vi.mock('zod/mini', async (original) => {
  const z = await original<typeof import('zod/mini')>();
  return {
    ...z,
    object: counted(z.object),
    strictObject: counted(z.strictObject),
    looseObject: counted(z.looseObject),
    record: counted(z.record),
    array: counted(z.array),
    union: counted(z.union),
    discriminatedUnion: counted(z.discriminatedUnion),
  };
});

/**
 * The modules whose schemas check what a function reads (the table's records, the office's files,
 * a decision): a Lambda's init imports most of them and reads few, so none is built at import. The
 * permit index and the long-term records, which bring the document kinds' schemas, are no function's
 * init (bundle-size.test.ts).
 */
const CHECKED_AT_READ = [
  () => import('#records/absences.ts'),
  () => import('#records/case-records.ts'),
  () => import('#records/certificates.ts'),
  () => import('#records/decision-markers.ts'),
  () => import('#records/document-state.ts'),
  () => import('#records/intake-markers.ts'),
  () => import('#records/ledger-digests.ts'),
  () => import('#records/links.ts'),
  () => import('#records/mail-retries.ts'),
  () => import('#records/revision-hashes.ts'),
  () => import('#records/service-ledger.ts'),
  () => import('#records/standing-in.ts'),
  () => import('#records/survey-records.ts'),
  () => import('#staff/load-staff-directory.ts'),
  () => import('#config/office-settings.ts'),
  () => import('#clock/working-clock.ts'),
  () => import('#cases/settle-decision.ts'),
  () => import('#registry/assign-number.ts'),
  () => import('#survey/ikm.ts'),
];

/** A table that answers every read with `item`. */
const tableWith = (item: Record<string, unknown>) =>
  ({ send: async () => ({ Item: { pk: 'CASE#c-1', sk: 'CASE', ...item } }) }) as unknown as DynamoDBDocumentClient;

describe("the records' schemas", () => {
  it('are not built at import, and a record is checked as strictly when its schema is built on the first read', async () => {
    // A fresh import, counted from zero, whichever test of this file ran first.
    vi.resetModules();
    built.schemas = 0;
    for (const load of CHECKED_AT_READ) await load();
    expect(built.schemas).toBe(0);

    const { getCase } = await import('#records/case-records.ts');
    const { MalformedRecord } = await import('#records/check-record.ts');
    const malformed = getCase(tableWith({ caseId: 'c-1', sop: 'SOP-1', status: 'hilang' }), 'paraf', 'c-1');
    await expect(malformed).rejects.toBeInstanceOf(MalformedRecord);
    await expect(malformed).rejects.toThrow('fileNumber: ');
    await expect(malformed).rejects.toThrow('status: ');
    const forCases = built.schemas;
    expect(forCases).toBeGreaterThan(0);
    // Built once: the next read checks with the same schema.
    await expect(getCase(tableWith({ caseId: 'c-1' }), 'paraf', 'c-1')).rejects.toBeInstanceOf(MalformedRecord);
    expect(built.schemas).toBe(forCases);
  });
});
