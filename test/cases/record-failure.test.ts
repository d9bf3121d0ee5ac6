import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordFailure } from '#cases/record-failure.ts';
import { type CaseRecord, createCase, getCase, listEvents } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';

/**
 * The failure path against dynalite: a running case becomes `gagal` with the reason on its trail; a
 * closed one keeps its outcome (the failure is on its trail only); a repeat records nothing twice.
 */
const TABLE = 'paraf-record-failure-test';
const tables = dynaliteTable(TABLE);
let dynamo: DynamoDBDocumentClient;
let rt: Runtime;
beforeAll(() => {
  ({ dynamo } = tables);
  rt = { dynamo, config: { table: TABLE } } as Runtime;
});

async function caseWith(caseId: string, status: CaseRecord['status']) {
  await createCase(dynamo, TABLE, {
    caseId,
    sop: 'SOP-LP2N-PPK-01',
    fileNumber: `API-U/2026/${caseId.slice(-5)}`,
    applicant: { name: 'PT Mahakam Niaga Sentosa' },
    status,
    createdAt: '2026-12-01T01:40:00Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-12-10',
    form: {},
    requirements: [],
  });
}

const lanelessError = {
  Error: 'Paraf.NoOfficial',
  Cause: JSON.stringify({ errorMessage: 'Tidak ada petugas pada lajur pemrosesan.' }),
};

describe('recordFailure', () => {
  it('makes a running case gagal and says why on its trail, once however often it is told', async () => {
    await caseWith('case-00001', 'berjalan');
    await recordFailure(rt, { caseId: 'case-00001', error: lanelessError });
    await recordFailure(rt, { caseId: 'case-00001', error: lanelessError });
    expect((await getCase(dynamo, TABLE, 'case-00001'))?.status).toBe('gagal');
    const events = await listEvents(dynamo, TABLE, 'case-00001');
    expect(events.map((e) => e.action)).toEqual(['Proses terhenti: Tidak ada petugas pada lajur pemrosesan.']);
  });

  it.each(['selesai', 'ditolak'] as const)(
    'leaves a %s case as it was, the failure on its trail only',
    async (status) => {
      const caseId = status === 'selesai' ? 'case-00002' : 'case-00003';
      await caseWith(caseId, status);
      await recordFailure(rt, { caseId, error: { Error: 'States.TaskFailed', Cause: 'S3 timeout' } });
      expect((await getCase(dynamo, TABLE, caseId))?.status).toBe(status);
      const events = await listEvents(dynamo, TABLE, caseId);
      expect(events.map((e) => e.action)).toEqual(['Proses terhenti karena kesalahan sistem']);
    },
  );

  it('records nothing as a status for a case it does not know, and creates no case', async () => {
    await recordFailure(rt, { caseId: 'case-99999', error: lanelessError });
    expect(await getCase(dynamo, TABLE, 'case-99999')).toBeUndefined();
  });
});
