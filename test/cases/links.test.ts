import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApprovalLink,
  claimAsking,
  closeSiblingLinks,
  decideLink,
  failedBy,
  findOpenLink,
  getLink,
  listCaseLinks,
  listStepLinks,
  listTasks,
  markLinkDelivered,
  markLinkNotified,
  movedBy,
  openLink,
  restoreRetiredLinks,
  retireCaseLinks,
  retireStepLinks,
} from '#records/links.ts';
import { MalformedRecord } from '#records/check-record.ts';
import { linkKey } from '#records/keys.ts';
import { takenDecision } from '#cases/settle-decision.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { tableItems } from '../support/stored-state.ts';

/**
 * The approval links' records against dynalite, in this process and in seconds: what the e-mailed
 * links rest on (one per official and step, following each new task token until decided, decided
 * once, the step's other links closed, one claim per asking). Stryker's `links` module runs it.
 */
const TABLE = 'paraf-links-test';
const tables = dynaliteTable(TABLE);
let dynamo: DynamoDBDocumentClient;
beforeAll(() => {
  ({ dynamo } = tables);
});

let cases = 0;
/** What an ask hands openLink, for a case of its own (each test its own case: any order). */
function ask(overrides: Partial<Omit<ApprovalLink, 'linkId' | 'createdAt' | 'status'>> = {}) {
  cases += 1;
  return {
    caseId: `case-${cases}-${Date.now()}`,
    sop: 'SOP-LP2N-PPK-01',
    revision: '02',
    step: 8,
    lane: 'kasi-layanan',
    purpose: 'step' as const,
    officialId: 'kasi-layanan',
    token: 'token-1',
    expiresAt: '2099-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('approval links', () => {
  it('are made waiting with a random id, and found by id, by step and official, in the case and in the task list', async () => {
    const asked = ask({ officialId: `kasi-${Date.now()}` });
    const { link, created } = await openLink(dynamo, TABLE, asked);
    expect(created).toBe(true);
    expect(link).toMatchObject({ ...asked, status: 'waiting' });
    expect(link.linkId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(link.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await getLink(dynamo, TABLE, link.linkId)).toEqual(link);
    expect(await findOpenLink(dynamo, TABLE, asked.caseId, 8, 'step', asked.officialId)).toEqual(link);
    expect(await findOpenLink(dynamo, TABLE, asked.caseId, 9, 'step', asked.officialId)).toBeUndefined();
    expect(
      await findOpenLink(dynamo, TABLE, asked.caseId, 8, 'applicant-correction', asked.officialId),
    ).toBeUndefined();
    expect(await listCaseLinks(dynamo, TABLE, asked.caseId)).toEqual([link]);
    expect(await listTasks(dynamo, TABLE, asked.officialId)).toEqual([link]);
    expect(await listTasks(dynamo, TABLE, 'someone-else')).not.toContainEqual(link);
  });

  it('are read only by a well-formed id: a short, long or foreign one is unknown without a lookup', async () => {
    const { link } = await openLink(dynamo, TABLE, ask());
    for (const id of ['', 'pendek', 'a'.repeat(65), `${link.linkId}/x`, `${link.linkId.slice(0, 15)}`, '../../etc'])
      expect(await getLink(dynamo, TABLE, id), id).toBeUndefined();
    expect(await getLink(dynamo, TABLE, 'a'.repeat(16))).toBeUndefined();
    expect(await getLink(dynamo, TABLE, link.linkId)).toBeDefined();
  });

  it('follow a new task token while waiting (the e-mail already sent stays valid), and stand as they are on a retried ask', async () => {
    const asked = ask();
    const { link } = await openLink(dynamo, TABLE, asked);
    const retried = await openLink(dynamo, TABLE, { ...asked, expiresAt: '2099-06-01T00:00:00.000Z' });
    expect(retried).toEqual({ link, created: false });
    expect((await getLink(dynamo, TABLE, link.linkId))!.expiresAt).toBe(asked.expiresAt);

    const next = await openLink(dynamo, TABLE, { ...asked, token: 'token-2', expiresAt: '2099-02-01T00:00:00.000Z' });
    expect(next.created).toBe(false);
    expect(next.link).toEqual({ ...link, token: 'token-2', expiresAt: '2099-02-01T00:00:00.000Z' });
    expect(await getLink(dynamo, TABLE, link.linkId)).toEqual(next.link);
    // A case moved to a newer revision: the link follows it; an ask without a revision leaves it as it was.
    const newer = await openLink(dynamo, TABLE, { ...asked, token: 'token-3', revision: '03' });
    expect((await getLink(dynamo, TABLE, link.linkId))!).toMatchObject({ token: 'token-3', revision: '03' });
    expect(newer.link.revision).toBe('03');
    const { revision: _, ...unrevised } = asked;
    await openLink(dynamo, TABLE, { ...unrevised, token: 'token-4' });
    expect((await getLink(dynamo, TABLE, link.linkId))!).toMatchObject({ token: 'token-4', revision: '03' });
    expect(await listCaseLinks(dynamo, TABLE, asked.caseId)).toHaveLength(1);
  });

  it('are decided once: the second decision is refused and changes nothing; the step asked again gets a new link', async () => {
    const asked = ask({ officialId: `kabid-${Date.now()}` });
    const { link } = await openLink(dynamo, TABLE, asked);
    expect(await decideLink(dynamo, TABLE, link.linkId, { id: 'd1', route: 'approve' })).toMatchObject({
      status: 'decided',
    });
    // The second decision changes nothing stored: not the link, not any other item.
    const before = await tableItems(dynamo);
    expect(await decideLink(dynamo, TABLE, link.linkId, { id: 'd2', route: 'reject' })).toBeUndefined();
    expect(await tableItems(dynamo)).toEqual(before);
    const decided = (await getLink(dynamo, TABLE, link.linkId))!;
    expect(decided).toMatchObject({ status: 'decided', decision: { id: 'd1', route: 'approve' }, token: 'token-1' });
    expect(await listTasks(dynamo, TABLE, asked.officialId)).toEqual([]);

    // The retried ask with the same token finds the decided link as it is; a new asking (a send-back) gets a new one.
    expect(await openLink(dynamo, TABLE, asked)).toEqual({ link: decided, created: false });
    const again = await openLink(dynamo, TABLE, { ...asked, token: 'token-2' });
    expect(again.created).toBe(true);
    expect(again.link.linkId).not.toBe(link.linkId);
    expect(again.link.status).toBe('waiting');
    expect((await listCaseLinks(dynamo, TABLE, asked.caseId)).map((l) => l.linkId)).toEqual([
      link.linkId,
      again.link.linkId,
    ]);
    expect(await findOpenLink(dynamo, TABLE, asked.caseId, 8, 'step', asked.officialId)).toEqual(again.link);
  });

  it("close the step's other officials' links once one decides, leaving another step's and an already decided one's", async () => {
    const holder = ask();
    const caseId = holder.caseId;
    const supervisor = { ...holder, officialId: 'kabid-layanan' };
    const deputy = { ...holder, officialId: 'plh-kasi' };
    const { link: mine } = await openLink(dynamo, TABLE, holder);
    const { link: theirs } = await openLink(dynamo, TABLE, supervisor);
    const { link: deputys } = await openLink(dynamo, TABLE, deputy);
    const { link: later } = await openLink(dynamo, TABLE, { ...holder, step: 9 });
    expect((await listStepLinks(dynamo, TABLE, mine)).map((l) => l.linkId).sort()).toEqual(
      [mine.linkId, theirs.linkId, deputys.linkId].sort(),
    );
    expect(await decideLink(dynamo, TABLE, deputys.linkId, { id: 'd0', route: 'approve' })).toMatchObject({
      status: 'decided',
    });
    expect(await decideLink(dynamo, TABLE, mine.linkId, { id: 'd1', route: 'approve' })).toMatchObject({
      status: 'decided',
    });
    await closeSiblingLinks(dynamo, TABLE, mine, 'd1');

    expect((await getLink(dynamo, TABLE, theirs.linkId))!).toMatchObject({
      status: 'decided',
      decision: { supersededBy: 'd1', by: holder.officialId },
    });
    expect((await getLink(dynamo, TABLE, mine.linkId))!.decision).toEqual({ id: 'd1', route: 'approve' });
    expect((await getLink(dynamo, TABLE, deputys.linkId))!.decision).toEqual({ id: 'd0', route: 'approve' });
    expect((await getLink(dynamo, TABLE, later.linkId))!.status).toBe('waiting');
    expect((await listTasks(dynamo, TABLE, 'kabid-layanan')).map((l) => l.caseId)).not.toContain(caseId);
  });

  it("retire on a move that keeps the step only the links the new ask will not re-point (a supervisor's escalation), and wait again when the move is undone", async () => {
    const holder = ask();
    const { link: mine } = await openLink(dynamo, TABLE, holder);
    const { link: escalation } = await openLink(dynamo, TABLE, { ...holder, officialId: 'kabid-layanan' });
    const move = {
      moveId: `move-${holder.caseId}`,
      toRevision: '03',
      toRevisionLabel: 'revisi 03',
      toStep: 8,
      at: new Date().toISOString(),
    };
    const retirement = await retireStepLinks(
      dynamo,
      TABLE,
      mine,
      move,
      (link) => link.officialId !== holder.officialId,
    );
    expect(retirement).toMatchObject({ decided: false, retired: [{ linkId: escalation.linkId }] });
    expect(movedBy((await getLink(dynamo, TABLE, escalation.linkId))!)).toEqual(move);
    expect((await listTasks(dynamo, TABLE, 'kabid-layanan')).map((l) => l.caseId)).not.toContain(holder.caseId);
    // The holder's link waits, and the new machine's ask re-points it at the new token.
    const next = await openLink(dynamo, TABLE, { ...holder, token: 'token-after-move', revision: '03' });
    expect(next).toMatchObject({
      created: false,
      link: { linkId: mine.linkId, token: 'token-after-move', status: 'waiting' },
    });
    await restoreRetiredLinks(dynamo, TABLE, retirement.retired, move.moveId);
    expect((await getLink(dynamo, TABLE, escalation.linkId))!.status).toBe('waiting');
  });

  it("retire every waiting link of a failed case, each holding the failure, and leave decided ones, another case's and a repeat alone", async () => {
    const holder = ask({ officialId: `kasi-gagal-${Date.now()}` });
    const { link: waiting } = await openLink(dynamo, TABLE, holder);
    const { link: correction } = await openLink(dynamo, TABLE, { ...holder, step: 2, purpose: 'applicant-correction' });
    const { link: decided } = await openLink(dynamo, TABLE, { ...holder, step: 7, token: 'token-7' });
    expect(await decideLink(dynamo, TABLE, decided.linkId, { id: 'd7', route: 'approve' })).toMatchObject({
      status: 'decided',
    });
    const other = ask({ officialId: holder.officialId });
    const { link: elsewhere } = await openLink(dynamo, TABLE, other);

    const failure = { at: '2026-12-02T03:00:00.000Z' };
    const retired = await retireCaseLinks(dynamo, TABLE, holder.caseId, failure);
    expect(retired.map((l) => l.linkId).sort()).toEqual([waiting.linkId, correction.linkId].sort());
    for (const link of [waiting, correction]) {
      const now = (await getLink(dynamo, TABLE, link.linkId))!;
      expect(now).toMatchObject({ status: 'decided', decision: { caseFailed: failure } });
      expect(failedBy(now)).toEqual(failure);
      expect(movedBy(now)).toBeUndefined();
    }
    expect((await getLink(dynamo, TABLE, decided.linkId))!.decision).toEqual({ id: 'd7', route: 'approve' });
    expect(failedBy((await getLink(dynamo, TABLE, decided.linkId))!)).toBeUndefined();
    expect((await listTasks(dynamo, TABLE, holder.officialId)).map((l) => l.linkId)).toEqual([elsewhere.linkId]);

    // A repeat (record-failure retried) finds nothing waiting: the first retirement stands as it was.
    expect(await retireCaseLinks(dynamo, TABLE, holder.caseId, { at: '2026-12-02T04:00:00.000Z' })).toEqual([]);
    expect(failedBy((await getLink(dynamo, TABLE, waiting.linkId))!)).toEqual(failure);
  });

  it('hold decisions read back checked: one of the wrong shape is refused with the link and the field named', async () => {
    const refusal = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedRecord);
        return error as MalformedRecord;
      }
      throw new Error('read without a refusal');
    };
    const { link: moved } = await openLink(dynamo, TABLE, ask());
    const move = { moveId: 'move-x', toRevision: '03', toStep: '9', at: '2026-12-02T03:00:00.000Z' };
    expect(await decideLink(dynamo, TABLE, moved.linkId, { movedTo: move })).toMatchObject({ status: 'decided' });
    const movedNow = (await getLink(dynamo, TABLE, moved.linkId))!;
    const wrongMove = refusal(() => movedBy(movedNow));
    expect(wrongMove).toMatchObject({ record: 'tautan', key: `LINK#${moved.linkId} / META` });
    expect(wrongMove.fields.join('; ')).toMatch(/^decision\.movedTo\.toRevisionLabel: .*; decision\.movedTo\.toStep: /);
    expect(failedBy(movedNow)).toBeUndefined();
    expect(takenDecision(movedNow)).toBeUndefined();

    const { link: decided } = await openLink(dynamo, TABLE, ask());
    const decision = { id: 'd1', route: 'approve', by: 'kasi-layanan', at: '2026-12-02T03:00:00.000Z' };
    expect(
      await decideLink(dynamo, TABLE, decided.linkId, { ...decision, factor: { kind: 'totp', officialId: 'kasi' } }),
    ).toMatchObject({ status: 'decided' });
    const decidedNow = (await getLink(dynamo, TABLE, decided.linkId))!;
    const wrongDecision = refusal(() => takenDecision(decidedNow));
    expect(wrongDecision.key).toBe(`LINK#${decided.linkId} / META`);
    expect(wrongDecision.fields.join('; ')).toMatch(/^decision\.note: .*; decision\.factor\.checkedAt: /);
    const { link: fine } = await openLink(dynamo, TABLE, ask());
    const whole = { ...decision, note: '', factor: { kind: 'link' } };
    expect(await decideLink(dynamo, TABLE, fine.linkId, whole)).toMatchObject({ status: 'decided' });
    expect(takenDecision((await getLink(dynamo, TABLE, fine.linkId))!)).toEqual(whole);
  });

  it('let one link claim an asking: the first claim wins, its own claim again holds, a new asking is free again', async () => {
    const holder = ask();
    const { link: mine } = await openLink(dynamo, TABLE, holder);
    const { link: theirs } = await openLink(dynamo, TABLE, { ...holder, officialId: 'kabid-layanan' });
    expect(await claimAsking(dynamo, TABLE, theirs)).toBe(true);
    expect(await claimAsking(dynamo, TABLE, mine)).toBe(false);
    expect(await claimAsking(dynamo, TABLE, theirs)).toBe(true);
    // The step asked again (a new token): the holder may claim that asking.
    const next = await openLink(dynamo, TABLE, { ...holder, token: 'token-2' });
    expect(await claimAsking(dynamo, TABLE, next.link)).toBe(true);
    // Another step's asking with the same token is its own.
    const { link: step9 } = await openLink(dynamo, TABLE, { ...holder, step: 9 });
    expect(await claimAsking(dynamo, TABLE, step9)).toBe(true);
  });

  it('record when their e-mail went out and when the workflow took their decision, on that link only', async () => {
    const holder = ask();
    const { link } = await openLink(dynamo, TABLE, holder);
    const { link: other } = await openLink(dynamo, TABLE, { ...holder, officialId: 'kabid-layanan' });
    await markLinkNotified(dynamo, TABLE, link.linkId, '2026-12-02T01:00:00.000Z', 'kasi@dpmptsp.test');
    await markLinkDelivered(dynamo, TABLE, link.linkId, '2026-12-02T02:00:00.000Z');
    expect(await getLink(dynamo, TABLE, link.linkId)).toEqual({
      ...link,
      notifiedAt: '2026-12-02T01:00:00.000Z',
      notifiedTo: 'kasi@dpmptsp.test',
      deliveredAt: '2026-12-02T02:00:00.000Z',
    });
    expect(await getLink(dynamo, TABLE, other.linkId)).toEqual(other);
  });

  it("of a case are listed whole beyond one batch read's 100 keys, oldest first, leaving out a pointer whose link is gone", async () => {
    const first = ask();
    const opened: ApprovalLink[] = [];
    for (let step = 1; step <= 150; step += 1)
      opened.push((await openLink(dynamo, TABLE, { ...first, step, officialId: `pejabat-${step}` })).link);
    const oldestFirst = [...opened].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.linkId.localeCompare(b.linkId),
    );
    expect(await listCaseLinks(dynamo, TABLE, first.caseId)).toEqual(oldestFirst);
    const gone = opened[120]!;
    await dynamo.send(new DeleteCommand({ TableName: TABLE, Key: linkKey(gone.linkId) }));
    expect(await listCaseLinks(dynamo, TABLE, first.caseId)).toEqual(oldestFirst.filter((l) => l !== gone));
  });
});
