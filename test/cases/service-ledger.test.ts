import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fillServiceLedger, fillServiceLedgerOnce } from '#cases/fill-service-ledger.ts';
import { summarizeServices } from '#cases/summarize-service.ts';
import { officeClock } from '#clock/add-working-days.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { askedKey, caseKey, caseSopIndexKeys, ledgerKey, linkKey, surveyKey } from '#records/keys.ts';
import type { ApprovalLink } from '#records/links.ts';
import { recordReceived, recordWait, writeLedgerEntries } from '#records/service-ledger.ts';
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

  async function writeRecords(sop: string, steps: [number, number]) {
    const { dynamo, config } = started.paraf.runtime;
    const put = (Item: Record<string, unknown>) => dynamo.send(new PutCommand({ TableName: config.table, Item }));
    for (const day of DAYS)
      for (const [i, plan] of CASE_PLAN.entries()) {
        const caseId = `ledger-${day}-${i}`;
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
    expect(all).toMatchObject({ received: 18, onTime: 6, late: 3, rejected: 3 });
    // Step A's 18 waits are 10 to 60 minutes, three of each: the median (the upper middle) is 40.
    expect(all!.steps.map(({ step, decisions, medianMinutes }) => [step, decisions, medianMinutes])).toEqual([
      [steps[0], 18, 40],
      [steps[1], 18, 5],
    ]);
    expect(all!.waiting.map((row) => row.caseId)).toEqual(DAYS.map((day) => `ledger-${day}-4`));
    // Three respondents answering 4 everywhere and three answering 3: the mean per element is 3.5, 87.5 on the scale.
    expect(all!.ikm).toMatchObject({ respondents: 6, index: 87.5 });

    const [oneDay] = await summarizeServices(rt, sop.id, DAYS[1]!, DAYS[1]!);
    expect(oneDay).toMatchObject({ received: 6, onTime: 2, late: 1, rejected: 1 });
    expect(oneDay!.steps.map((row) => row.decisions)).toEqual([6, 6]);
    expect(oneDay!.ikm?.respondents).toBe(2);
    const [before] = await summarizeServices(rt, sop.id, '2025-07-01', '2025-07-07');
    expect(before).toMatchObject({ received: 0, onTime: 0, steps: [], waiting: [], ikm: null });

    // Entered again (a fill a kill cut off, run at the next start): the same figures.
    await fillServiceLedger(deps, sop.id);
    expect((await summarizeServices(rt, sop.id, DAYS[0]!, DAYS[2]!))[0]).toEqual(all);
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
