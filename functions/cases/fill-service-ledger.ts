import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WorkingClock } from '#clock/working-clock.ts';
import { listCases, type CaseRecord } from '#records/case-records.ts';
import { listCaseLinks } from '#records/links.ts';
import { ledgerPartOf } from '#records/keys.ts';
import { bumpLedgerVersion } from '#records/ledger-digests.ts';
import {
  closedEntry,
  ledgerFillMark,
  listLedgerParts,
  markLedgerFilled,
  receivedEntry,
  surveyEntry,
  waitEntry,
  writeLedgerEntries,
  type LedgerEntry,
} from '#records/service-ledger.ts';
import { listSurveys } from '#records/survey-records.ts';
import type { Sop } from '#sop/schema.ts';
import { closedAs, waitOf, witaDay } from './ledger-entries.ts';

export interface FillDeps {
  dynamo: DynamoDBDocumentClient;
  table: string;
  clock: WorkingClock;
  /** The revision a link was asked under (Runtime.sopOf). */
  sopOf: (ref: { sop: string; revision?: string | undefined }) => Sop;
  /** Told before the first case is entered (by fillServiceLedgerOnce: once for all the SOPs). */
  announce?: () => void;
}

/** Cases entered at once: enough to keep the table busy, few enough to leave it to the office. */
const CASES_AT_ONCE = 16;

/**
 * Fills the ledger of every SOP of `sopIds` from the records, once per table: a table is marked when
 * it is done, and one whose fill a kill cut off is filled again (every entry written again is the
 * same). A ledger filled before its parts carried versions has each part given one, so the sweep
 * digests it. The local runtime runs it as it starts; on a new table there is nothing to enter.
 */
export async function fillServiceLedgerOnce(
  deps: FillDeps,
  sopIds: readonly string[],
  now = new Date(),
): Promise<{ cases: number; waits: number; surveys: number } | undefined> {
  const mark = await ledgerFillMark(deps.dynamo, deps.table);
  if (mark?.versioned) return undefined;
  // A year of a busy office takes minutes to enter: whoever started it is told before, not only after
  // (once, at the first SOP with cases; a new table has none and says nothing).
  let told = false;
  const announce = () => {
    if (!told) deps.announce?.();
    told = true;
  };
  const filled = mark ? undefined : await fillServiceLedgers({ ...deps, announce }, sopIds);
  if (mark)
    for (const sop of sopIds)
      for (const part of await listLedgerParts(deps.dynamo, deps.table, sop))
        await bumpLedgerVersion(deps.dynamo, deps.table, sop, part);
  await markLedgerFilled(deps.dynamo, deps.table, now.toISOString());
  return filled;
}

/** fillServiceLedger for each SOP of `sopIds`, with what it entered in all. */
export async function fillServiceLedgers(
  deps: FillDeps,
  sopIds: readonly string[],
): Promise<{ cases: number; waits: number; surveys: number }> {
  const filled = { cases: 0, waits: 0, surveys: 0 };
  for (const sopId of sopIds) {
    const one = await fillServiceLedger(deps, sopId);
    filled.cases += one.cases;
    filled.waits += one.waits;
    filled.surveys += one.surveys;
  }
  return filled;
}

/**
 * Enters what the records hold in the dashboard's ledger, for a table written before the ledger was
 * kept. Each entry is the one the use case writes when the
 * thing happens, so a second run, or a run while cases move, writes the same entries:
 *  1. each case of the SOP: received, and how it closed where it has;
 *  2. each decision on a step's link: the wait it ended;
 *  3. each survey: its answers.
 */
export async function fillServiceLedger(
  deps: FillDeps,
  sopId: string,
): Promise<{ cases: number; waits: number; surveys: number }> {
  const cases = await listCases(deps.dynamo, deps.table, sopId, '0000', '9999');
  if (cases.length) deps.announce?.();
  let waits = 0;
  for (let from = 0; from < cases.length; from += CASES_AT_ONCE) {
    const slice = cases.slice(from, from + CASES_AT_ONCE);
    const entries = await Promise.all(slice.map((record) => caseEntries(deps, record)));
    // Cases listed in the order received mostly share a ledger part: one write of up to 40 entries and
    // one version bump per part, not one of each per case.
    const byPart = new Map<string, { day: string; entries: LedgerEntry[] }>();
    slice.forEach((record, i) => {
      const day = witaDay(record.createdAt);
      const group = byPart.get(ledgerPartOf(day)) ?? { day, entries: [] };
      group.entries.push(...(entries[i] ?? []));
      byPart.set(ledgerPartOf(day), group);
    });
    for (const group of byPart.values())
      await writeLedgerEntries(deps.dynamo, deps.table, { sop: sopId, day: group.day }, group.entries);
    waits += entries.flat().filter(([field]) => field === 'waited').length;
  }
  const surveys = await listSurveys(deps.dynamo, deps.table, sopId, '0000', '9999');
  const byDay = new Map<string, LedgerEntry[]>();
  for (const survey of surveys) {
    const day = witaDay(survey.at);
    byDay.set(day, [...(byDay.get(day) ?? []), surveyEntry({ caseId: survey.caseId, day, answers: survey.answers })]);
  }
  for (const [day, entries] of byDay) await writeLedgerEntries(deps.dynamo, deps.table, { sop: sopId, day }, entries);
  return { cases: cases.length, waits, surveys: surveys.length };
}

/** A case's entries, all in the item of the day it was received. */
async function caseEntries(deps: FillDeps, record: CaseRecord): Promise<LedgerEntry[]> {
  const receivedDay = witaDay(record.createdAt);
  const closing = closedAs(record, deps.clock);
  const links = await listCaseLinks(deps.dynamo, deps.table, record.caseId);
  return [
    receivedEntry({ caseId: record.caseId, receivedDay }),
    ...(closing ? [closedEntry({ caseId: record.caseId, closedAs: closing })] : []),
    ...links.flatMap((link) => {
      const wait = waitOf(link, link.decision, deps.sopOf(link), deps.clock);
      return wait ? [waitEntry({ linkId: link.linkId, caseId: record.caseId, ...wait })] : [];
    }),
  ];
}
