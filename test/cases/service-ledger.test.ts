import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fillServiceLedger, fillServiceLedgerOnce } from '#cases/fill-service-ledger.ts';
import { summarizeServices } from '#cases/summarize-service.ts';
import { officeClock } from '#clock/add-working-days.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { digestServiceLedgers } from '#cases/digest-service-ledgers.ts';
import {
  LEDGER_FILLED,
  askedKey,
  caseKey,
  caseSopIndexKeys,
  ledgerKey,
  ledgerPartOf,
  linkKey,
  surveyKey,
} from '#records/keys.ts';
import { bumpLedgerVersion, readLedgerVersions } from '#records/ledger-digests.ts';
import { revisionOf } from '#sop/schema.ts';
import type { ApprovalLink } from '#records/links.ts';
import { ledgerFillMark, readLedger, recordReceived, recordWait, writeLedgerEntries } from '#records/service-ledger.ts';
import { IKM_ELEMENTS } from '#survey/ikm.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * The dashboard reads its ledger (records/service-ledger.ts): these tests write cases, links and
 * surveys as records only (as a table from before the ledger holds them), enter them with the fill,
 * and check the dashboard's figures against what the test made, counted here by hand.
 *
 * Three working days in July 2025 (no holiday), days 8, 9 and 10: the 8th is in the month's first
 * ledger item and the 9th and 10th in its second, so a period across them reads two items. On each
 * day six cases received at 08.00 WITA, as `CASE_PLAN` says; each has two steps decided the same
 * morning (step A waited 10, 20 ... 60 minutes by the case's place in the day, step B 5 minutes),
 * plus a link another official's decision closed and an applicant's correction, neither counted.
 */
const DAYS = ['2025-07-08', '2025-07-09', '2025-07-10'];
const CASE_PLAN = [
  { outcome: 'selesai', promised: 'same day', surveyScore: 4 },
  { outcome: 'selesai', promised: 'same day', surveyScore: 3 },
  { outcome: 'selesai', promised: 'day before' },
  { outcome: 'ditolak', promised: 'same day' },
  { outcome: 'berjalan', promised: 'same day' },
  { outcome: 'selesai', promised: 'none' },
] as const;
/** An instant on `day` at `hhmm` WITA (UTC+8). */
const wita = (day: string, hhmm: string) =>
  new Date(Date.parse(`${day}T${hhmm}:00.000Z`) - 8 * 3_600_000).toISOString();

describe("the dashboard's ledger", () => {
  const started = parafForFile({ prefix: 'paraf-ledger-' });
  const sopOf = (ref: { sop: string; revision?: string | undefined }) => started.paraf.runtime.sopOf(ref);

  async function writeRecords(sop: string, steps: [number, number], prefix = 'ledger') {
    const { dynamo, config } = started.paraf.runtime;
    const put = (Item: Record<string, unknown>) => dynamo.send(new PutCommand({ TableName: config.table, Item }));
    for (const day of DAYS)
      for (const [i, plan] of CASE_PLAN.entries()) {
        const caseId = `${prefix}-${day}-${i}`;
        const closedAt = plan.outcome === 'berjalan' ? null : wita(day, '14:00');
        const record: CaseRecord = {
          caseId,
          sop,
          fileNumber: `UJI/${day}/${i}`,
          applicant: { name: `PT Uji ${i}` },
          status: plan.outcome,
          createdAt: wita(day, `08:0${i}`),
          receiptCode: 'K7QF-29XM',
          deadline: plan.promised === 'none' ? null : plan.promised === 'same day' ? day : '2025-07-07',
          form: {},
          requirements: [],
          closedAt,
          current:
            plan.outcome === 'berjalan'
              ? {
                  step: steps[1] + 1,
                  lane: 'kabid',
                  purpose: 'step',
                  officialId: 'kabid-layanan',
                  dueAt: wita(day, '16:00'),
                }
              : null,
        };
        await put({ ...caseKey(caseId), ...record, ...caseSopIndexKeys(sop, record.createdAt) });
        const links: ApprovalLink[] = [
          link(caseId, sop, steps[0], wita(day, '09:00'), {
            at: new Date(Date.parse(wita(day, '09:00')) + (i + 1) * 600_000).toISOString(),
          }),
          link(caseId, sop, steps[1], wita(day, '11:00'), { at: wita(day, '11:05') }),
          link(caseId, sop, steps[1], wita(day, '11:00'), { supersededBy: 'other', at: wita(day, '11:05') }, 'sibling'),
          {
            ...link(caseId, sop, steps[0], wita(day, '10:00'), { at: wita(day, '10:30') }, 'fix'),
            purpose: 'applicant-correction',
          },
        ];
        for (const one of links) {
          await put({ ...linkKey(one.linkId), ...one });
          await put({ ...askedKey(caseId, one.createdAt, one.linkId), linkId: one.linkId });
        }
        if ('surveyScore' in plan && closedAt) {
          const answers = Object.fromEntries(IKM_ELEMENTS.map((element) => [element.id, plan.surveyScore]));
          await put({ ...surveyKey(sop, closedAt, caseId), caseId, sop, at: closedAt, answers });
        }
      }
  }

  it('gives the figures of the cases received in the period, across two items of the ledger and within one day', async () => {
    const rt = started.paraf.runtime;
    const sop = rt.catalog[0]!;
    const steps: [number, number] = [sop.steps[0]!.no, sop.steps[1]!.no];
    await writeRecords(sop.id, steps);
    const deps = { dynamo: rt.dynamo, table: rt.config.table, clock: officeClock(), sopOf };
    expect(await fillServiceLedger(deps, sop.id)).toEqual({ cases: 18, waits: 36, surveys: 6 });

    const [all] = await summarizeServices(rt, sop.id, DAYS[0]!, DAYS[2]!);
    // Every case received counts once: on time, late, completed without a promised date, rejected, or open.
    expect(all).toMatchObject({ received: 18, onTime: 6, late: 3, completed: 3, rejected: 3, open: 3 });
    // Step A's 18 waits are 10 to 60 minutes, three of each: the median (the upper middle) is 40.
    expect(all!.steps.map(({ step, decisions, medianMinutes }) => [step, decisions, medianMinutes])).toEqual([
      [steps[0], 18, 40],
      [steps[1], 18, 5],
    ]);
    expect(all!.waiting.map((row) => row.caseId)).toEqual(DAYS.map((day) => `ledger-${day}-4`));
    // Three respondents answering 4 everywhere and three answering 3: the mean per element is 3.5, 87.5 on the scale.
    expect(all!.ikm).toMatchObject({ respondents: 6, index: 87.5 });

    const [oneDay] = await summarizeServices(rt, sop.id, DAYS[1]!, DAYS[1]!);
    expect(oneDay).toMatchObject({ received: 6, onTime: 2, late: 1, completed: 1, rejected: 1, open: 1 });
    expect(oneDay!.steps.map((row) => row.decisions)).toEqual([6, 6]);
    expect(oneDay!.ikm?.respondents).toBe(2);
    const [before] = await summarizeServices(rt, sop.id, '2025-07-01', '2025-07-07');
    expect(before).toMatchObject({ received: 0, onTime: 0, steps: [], waiting: [], ikm: null });

    // Entered again (a fill a kill cut off, run at the next start): the same figures.
    await fillServiceLedger(deps, sop.id);
    expect((await summarizeServices(rt, sop.id, DAYS[0]!, DAYS[2]!))[0]).toEqual(all);
  });

  it('answers a period of whole parts from their digests, made again by the sweep once a part is written since', async () => {
    const rt = started.paraf.runtime;
    const sop = rt.catalog[2]!;
    const steps: [number, number] = [sop.steps[0]!.no, sop.steps[1]!.no];
    await writeRecords(sop.id, steps, 'digest');
    const deps = { dynamo: rt.dynamo, table: rt.config.table, clock: officeClock(), sopOf };
    await fillServiceLedger(deps, sop.id);
    // July's first two parts (days 1-8 and 9-16) lie wholly in the period; the 17th starts a third, read from its entries.
    const [from, to] = ['2025-07-01', '2025-07-17'];
    const summary = async () => (await summarizeServices(rt, sop.id, from, to))[0]!;
    const fromEntries = await summary();
    expect(fromEntries).toMatchObject({
      received: 18,
      onTime: 6,
      late: 3,
      completed: 3,
      rejected: 3,
      open: 3,
      ikm: { respondents: 6 },
    });

    const records = { dynamo: rt.dynamo, table: rt.config.table };
    expect(await digestServiceLedgers(records, [sop.id], 0)).toEqual({ digested: 0, left: 2, failed: 0 });
    expect(await digestServiceLedgers(records, [sop.id])).toEqual({ digested: 2, left: 0, failed: 0 });
    expect(await digestServiceLedgers(records, [sop.id])).toEqual({ digested: 0, left: 0, failed: 0 });
    expect(await summary()).toEqual(fromEntries);

    // An entry whose version is not bumped yet (a crash between the two) is not in the current digest:
    // the figures are the digest's, which shows the dashboard read it and not the entries.
    const unbumped = { TableName: rt.config.table, Key: ledgerKey(sop.id, DAYS[1]!) };
    await rt.dynamo.send(
      new UpdateCommand({
        ...unbumped,
        UpdateExpression: 'SET received.#case = :day',
        ExpressionAttributeNames: { '#case': 'digest-unbumped' },
        ExpressionAttributeValues: { ':day': DAYS[1] },
      }),
    );
    expect((await summary()).received).toBe(18);

    // An entry written through the ledger bumps its part: the stale digest is set aside at once, before any sweep.
    await recordWait(rt.dynamo, rt.config.table, {
      sop: sop.id,
      receivedDay: DAYS[1]!,
      caseId: `digest-${DAYS[1]}-0`,
      linkId: 'digest-late-link',
      revision: revisionOf(sop),
      step: steps[1],
      minutes: 7,
    });
    const written = await summary();
    expect(written.received).toBe(19);
    expect(written.steps.find((row) => row.step === steps[1])?.decisions).toBe(19);
    expect(await digestServiceLedgers(records, [sop.id])).toEqual({ digested: 1, left: 0, failed: 0 });
    expect(await summary()).toEqual(written);
    // The longest period the dashboard takes costs only the parts written in it.
    expect((await summarizeServices(rt, sop.id, '0001-01-01', '9999-12-31'))[0]).toMatchObject({ received: 19 });
    // A period that ends inside a part reads that part's entries, so the digest of the whole part is not used for it.
    expect((await summarizeServices(rt, sop.id, DAYS[1]!, DAYS[1]!))[0]).toMatchObject({ received: 7 });
  });

  it('gives each part of a ledger filled before digests a version, so the sweep digests it', async () => {
    const rt = started.paraf.runtime;
    const { dynamo, config } = rt;
    const sop = 'SOP-UJI-VERSIONLESS';
    const day = '2025-09-03';
    // As the release before digests left it: entries with no version, the table marked filled.
    await dynamo.send(
      new PutCommand({
        TableName: config.table,
        Item: { ...ledgerKey(sop, day), received: { 'lama-1': day, 'lama-2': day }, closed: { 'lama-1': 'tepat' } },
      }),
    );
    await dynamo.send(
      new PutCommand({ TableName: config.table, Item: { ...LEDGER_FILLED, at: '2025-09-04T00:00:00Z' } }),
    );
    const deps = { dynamo, table: config.table, clock: officeClock(), sopOf };
    expect(await fillServiceLedgerOnce(deps, [sop])).toBeUndefined();
    expect((await readLedgerVersions(dynamo, config.table, sop)).versions).toEqual({ [ledgerPartOf(day)]: 1 });
    // A part whose entries cannot be read (written by hand, say) is logged and left; the others are digested.
    await dynamo.send(
      new PutCommand({ TableName: config.table, Item: { ...ledgerKey(sop, '2025-10-02'), received: { rusak: 7 } } }),
    );
    await bumpLedgerVersion(dynamo, config.table, sop, ledgerPartOf('2025-10-02'));
    expect(await digestServiceLedgers({ dynamo, table: config.table }, [sop])).toEqual({
      digested: 1,
      left: 0,
      failed: 1,
    });
    const tally = await readLedger(dynamo, config.table, sop, '2025-09-01', '2025-09-30');
    expect(tally).toMatchObject({ received: 2, open: ['lama-2'], closed: { tepat: 1 } });
    expect((await ledgerFillMark(dynamo, config.table))?.versioned).toBe(true);
  });

  it('keeps every entry of writes that make the same new item at once, and a write repeated writes one entry', async () => {
    const { dynamo, config } = started.paraf.runtime;
    const at = { sop: 'SOP-UJI-LEDGER', day: '2025-03-20' };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeLedgerEntries(dynamo, config.table, at, [
          ['received', `case-${i}`, at.day],
          ['closed', `case-${i}`, 'tepat'],
        ]),
      ),
    );
    const wait = {
      sop: at.sop,
      receivedDay: at.day,
      caseId: 'case-1',
      linkId: 'link-1',
      revision: '01',
      step: 3,
      minutes: 12,
    };
    await recordWait(dynamo, config.table, wait);
    await recordWait(dynamo, config.table, wait);
    const { Item } = await dynamo.send(new GetCommand({ TableName: config.table, Key: ledgerKey(at.sop, at.day) }));
    expect(Object.keys(Item?.received ?? {})).toHaveLength(20);
    expect(Object.keys(Item?.closed ?? {})).toHaveLength(20);
    expect(Item?.waited).toEqual({ 'link-1': 'case-1|01|3|12' });
  });

  it('counts a closed case whose closing is not in the ledger as its record says, and goes on when an item is full', async () => {
    const rt = started.paraf.runtime;
    const sop = rt.catalog[1]!;
    const day = '2025-08-12';
    const caseId = 'ledger-closed-unentered';
    const { dynamo, config } = rt;
    await dynamo.send(
      new PutCommand({
        TableName: config.table,
        Item: {
          ...caseKey(caseId),
          caseId,
          sop: sop.id,
          fileNumber: 'UJI/closed',
          applicant: { name: 'PT Uji' },
          status: 'selesai',
          createdAt: wita(day, '08:00'),
          receiptCode: 'K7QF-29XM',
          deadline: '2025-08-11',
          form: {},
          requirements: [],
          closedAt: wita(day, '14:00'),
          current: null,
          ...caseSopIndexKeys(sop.id, wita(day, '08:00')),
        },
      }),
    );
    await recordReceived(dynamo, config.table, { sop: sop.id, caseId, receivedDay: day });
    expect((await summarizeServices(rt, sop.id, day, day))[0]).toMatchObject({ received: 1, late: 1, waiting: [] });

    // An item at DynamoDB's 400 KB: a use case's entry is refused for good, logged, and the case goes on.
    const full = { sop: sop.id, day: '2025-08-20' };
    const filler = 'x'.repeat(9_000);
    for (let i = 0; i < 45; i += 1)
      await writeLedgerEntries(dynamo, config.table, full, [['received', `isi-${i}`, `${full.day}${filler}`]]);
    await expect(
      writeLedgerEntries(dynamo, config.table, full, [['received', 'isi-akhir', `${full.day}${filler}`]]),
    ).rejects.toThrow(/size/i);
    await expect(
      recordReceived(dynamo, config.table, { sop: sop.id, caseId: 'kasus-baru', receivedDay: full.day }),
    ).resolves.toBeUndefined();
  });

  it('is filled once per table: the start filled this one, so a second fill enters nothing', async () => {
    const rt = started.paraf.runtime;
    const deps = { dynamo: rt.dynamo, table: rt.config.table, clock: officeClock(), sopOf };
    expect(await fillServiceLedgerOnce(deps, [rt.catalog[0]!.id])).toBeUndefined();
  });
});

function link(
  caseId: string,
  sop: string,
  step: number,
  createdAt: string,
  decision: Record<string, unknown>,
  tag = '',
): ApprovalLink {
  return {
    linkId: `${caseId}-${step}${tag}`,
    caseId,
    sop,
    step,
    lane: 'kabid',
    purpose: 'step',
    officialId: 'kabid-layanan',
    token: `token-${caseId}-${step}${tag}`,
    createdAt,
    expiresAt: '2025-12-31T00:00:00.000Z',
    status: 'decided',
    decision,
  };
}
