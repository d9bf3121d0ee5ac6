import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParafConfig } from '#config/read-config.ts';
import { migrateCase } from '#cases/migrate-case.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { claimCaseMove, createCase, getCase, listEvents } from '#records/case-records.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { findRevision, loadRevisions } from '#sop/load-catalog.ts';
import type { Sop } from '#sop/schema.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { type CaseMoveRequest, type MovedExecution, NotAtState, type Workflow } from '#workflow/workflow.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { tableItems } from '../support/stored-state.ts';

/**
 * migrateCase() against dynalite, in this process: two moves of one case asked at once, a move the
 * workflow refuses, a move that crashed. The workflow is a port whose moves the test holds and
 * releases, so the second move runs while the first is inside the engine; sop-revisions runs whole
 * moves through the real engine and pages.
 */
const TABLE = 'paraf-migrate-test';
const tables = dynaliteTable(TABLE);
const SOP = 'SOP-LP2N-PPK-01';
const catalogRevisions = loadRevisions();
const current = findRevision(catalogRevisions, SOP, '02') as Sop;
/** A newer revision with the same steps: every step is its own counterpart. */
const NEWER: Sop = { ...current, revision: '03', revisedDate: '2026-11-02', effectiveDate: '2026-11-02' };
const revisions = [...catalogRevisions, NEWER];
const staff = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), revisions);
const HEAD = { id: staff.head.id, name: staff.head.name };

let dynamo: DynamoDBDocumentClient;
let rt: Runtime;
beforeAll(() => {
  ({ dynamo } = tables);
  rt = {
    config: { table: TABLE } as ParafConfig,
    dynamo,
    staff,
    catalog: revisions,
    revisions,
    sop: () => NEWER,
    sopOf: (ref) => findRevision(revisions, ref.sop, ref.revision) as Sop,
  };
});

/**
 * A workflow that records every move asked of it: one the test said to `hold` waits until the test
 * settles it (the move is then inside the engine); any other is made at once, so a move that should
 * have been refused before the engine shows as asked rather than as a wait.
 */
function heldWorkflow() {
  const asked: CaseMoveRequest[] = [];
  const held: ((outcome: MovedExecution | Error) => void)[] = [];
  let holding = 0;
  const workflow: Workflow = {
    startCase: async () => {},
    sendTaskSuccess: async () => {},
    moveCase: (move: CaseMoveRequest) => {
      asked.push(move);
      if (holding === 0) return Promise.resolve({});
      holding -= 1;
      return new Promise((resolve, reject) => {
        held.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
      });
    },
  };
  return {
    workflow,
    asked,
    hold: () => {
      holding += 1;
    },
    /** The settle of the next held move, once it reaches the engine; throws if none does within two seconds. */
    async nextHeld(): Promise<(outcome: MovedExecution | Error) => void> {
      for (let waited = 0; waited < 200 && held.length === 0; waited += 1) await new Promise((r) => setTimeout(r, 10));
      const settle = held.shift();
      if (!settle) throw new Error('no held move reached the workflow');
      return settle;
    },
  };
}

let cases = 0;
/** A running case of its own under revision 02, waiting at step 6 for the processing officer. */
async function waitingCase(): Promise<string> {
  cases += 1;
  const caseId = `migrate-${cases}-${Date.now()}`;
  await createCase(dynamo, TABLE, {
    caseId,
    sop: SOP,
    revision: '02',
    fileNumber: `API-U/2026/${String(cases).padStart(5, '0')}`,
    applicant: { name: 'PT Mahakam Niaga Sentosa' },
    status: 'berjalan',
    createdAt: '2026-12-01T01:40:00.000Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-12-08',
    form: {},
    requirements: [],
    current: { step: 6, lane: 'pemrosesan', purpose: 'step', officialId: 'pemrosesan', dueAt: '2026-12-02T00:00:00Z' },
  });
  return caseId;
}

const move = (caseId: string, at?: Date) => ({
  caseId,
  toRevision: '03',
  reason: 'Revisi 03 berlaku.',
  actor: HEAD,
  ...(at ? { at } : {}),
});

async function refusal(run: Promise<unknown>): Promise<ParafError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ParafError);
  return error as ParafError;
}

const moveLines = async (caseId: string) =>
  (await listEvents(dynamo, TABLE, caseId)).filter((event) => event.actionId.startsWith('revision-move-'));

describe('moving a case to a newer revision', () => {
  it('of two moves asked at once, goes on with one: the other is refused while the first is in the engine and changes nothing', async () => {
    const caseId = await waitingCase();
    const { workflow, asked, hold, nextHeld } = heldWorkflow();
    hold();
    const first = migrateCase(rt, workflow, move(caseId));
    const settleFirst = await nextHeld();
    expect(asked).toMatchObject([{ caseId, fromRevision: '02', toRevision: '03', fromState: 'Step06_Wait' }]);

    const before = await tableItems(dynamo);
    const second = await refusal(migrateCase(rt, workflow, move(caseId)));
    expect([second.code, second.message]).toEqual([
      'not-movable',
      'Berkas sedang dipindahkan ke revisi lain atau baru saja berubah; muat ulang halaman dan coba lagi.',
    ]);
    expect(await tableItems(dynamo)).toEqual(before);
    expect(asked).toHaveLength(1);

    settleFirst({});
    expect(await first).toMatchObject({ from: '02', to: '03', fromStep: 6, toStep: 6 });
    const record = await getCase(dynamo, TABLE, caseId);
    expect([record?.revision, record?.moveClaim]).toEqual(['03', undefined]);
    expect(await moveLines(caseId)).toHaveLength(1);
  });

  it('refuses a move that read the old revision but claims after the first was recorded', async () => {
    const caseId = await waitingCase();
    const { workflow } = heldWorkflow();
    await migrateCase(rt, workflow, move(caseId));
    // The second move's read happened before: it still believes the case is under 02.
    const claimed = await claimCaseMove(
      dynamo,
      TABLE,
      caseId,
      '02',
      { moveId: 'late', at: new Date().toISOString() },
      new Date(Date.now() - 300_000).toISOString(),
    );
    expect(claimed).toBe(false);
    expect((await getCase(dynamo, TABLE, caseId))?.moveClaim).toBeUndefined();
  });

  it('gives the claim up when the workflow refuses, so the move can be asked again', async () => {
    const caseId = await waitingCase();
    const { workflow, hold, nextHeld } = heldWorkflow();
    hold();
    const refused = migrateCase(rt, workflow, move(caseId));
    (await nextHeld())(new NotAtState('Step06_Wait'));
    expect((await refusal(refused)).message).toBe(
      'Berkas sedang diproses atau sudah berpindah langkah; muat ulang halaman dan coba lagi.',
    );
    const record = await getCase(dynamo, TABLE, caseId);
    expect([record?.revision, record?.moveClaim]).toEqual(['02', undefined]);

    hold();
    const again = migrateCase(rt, workflow, move(caseId));
    (await nextHeld())({ execution: 'arn:moved' });
    await again;
    const moved = await getCase(dynamo, TABLE, caseId);
    expect([moved?.revision, moved?.execution, moved?.moveClaim]).toEqual(['03', 'arn:moved', undefined]);
  });

  it("a crashed move's claim stops other moves for five minutes, then goes stale", async () => {
    const caseId = await waitingCase();
    const now = Date.now();
    const crashedAt = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const stale = new Date(now - 5 * 60_000).toISOString();
    expect(await claimCaseMove(dynamo, TABLE, caseId, '02', { moveId: 'crashed', at: crashedAt(4) }, stale)).toBe(true);
    const { workflow, asked } = heldWorkflow();
    const blocked = await refusal(migrateCase(rt, workflow, move(caseId, new Date(now))));
    expect(blocked.message).toContain('sedang dipindahkan');
    expect(asked).toHaveLength(0);

    await migrateCase(rt, workflow, move(caseId, new Date(now + 2 * 60_000)));
    expect(asked).toHaveLength(1);
    const record = await getCase(dynamo, TABLE, caseId);
    expect([record?.revision, record?.moveClaim]).toEqual(['03', undefined]);
  });
});
