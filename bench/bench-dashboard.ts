import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeServices } from '#cases/summarize-service.ts';
import { fillServiceLedgers } from '#cases/fill-service-ledger.ts';
import { digestServiceLedgers } from '#cases/digest-service-ledgers.ts';
import { bumpLedgerVersion } from '#records/ledger-digests.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { startLocal } from '#local/start-local.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { askedKey, caseKey, caseSopIndexKeys, linkKey, surveyKey } from '#records/keys.ts';
import type { ApprovalLink } from '#records/links.ts';
import { IKM_ELEMENTS } from '#survey/ikm.ts';
import { writeItems } from './bench-archive.ts';
import { median, ms, percentile } from './measure.ts';

/**
 * The dashboard (the use case behind GET /api/dasbor and /dasbor, every SOP) over one year of
 * generated cases, written with the items createCase, openLink and putSurvey write: each case its
 * record, a decided link and its pointer for each step it went through, and a survey for one in two
 * closed cases. The answer is timed as the dashboard's first question (the whole year, every SOP)
 * and as one SOP over one month.
 */
export async function benchDashboard(cases: number, runs: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paraf-bench-dashboard-'));
  const paraf = await startLocal({ dataDir, port: 0 });
  try {
    const started = performance.now();
    const sops = paraf.runtime.catalog;
    let written = 0;
    for (let from = 0; from < cases; from += SLICE) {
      const items = Array.from({ length: Math.min(SLICE, cases - from) }, (_, i) => {
        const n = from + i;
        const sop = sops[n % sops.length]!;
        return caseItems(
          n,
          sop.id,
          sop.steps.map((step) => ({ no: step.no, lane: step.lane })),
          cases,
        );
      }).flat();
      await writeItems(paraf.runtime.dynamo, items);
      written += items.length;
    }
    const writtenIn = (performance.now() - started) / 1000;
    // Written around the use cases, as a table from before the ledger: entered as npm start enters one.
    const filling = performance.now();
    const deps = {
      dynamo: paraf.runtime.dynamo,
      table: paraf.runtime.config.table,
      clock: officeClock(),
      sopOf: (ref: { sop: string; revision?: string | undefined }) => paraf.runtime.sopOf(ref),
    };
    const filled = await fillServiceLedgers(
      deps,
      sops.map((sop) => sop.id),
    );
    const filledIn = (performance.now() - filling) / 1000;
    // What the sweep does after such a fill, all at once here (it spends at most 20 s a minute).
    const digesting = performance.now();
    const digested = await digestServiceLedgers(
      deps,
      sops.map((sop) => sop.id),
    );
    console.log(
      `\nDashboard over ${cases.toLocaleString('en')} cases received in 2025 across ${sops.length} SOPs (${written.toLocaleString('en')} items, written in ${writtenIn.toFixed(0)} s; the ledger filled from them in ${filledIn.toFixed(0)} s: ${filled.cases} cases, ${filled.waits} waits, ${filled.surveys} surveys; ${digested.digested} parts digested in ${((performance.now() - digesting) / 1000).toFixed(1)} s), the use case behind GET /api/dasbor, ${runs} runs each:`,
    );
    const wholeYear = () => summarizeServices(paraf.runtime, undefined, '2025-01-01', '2025-12-31');
    const ask = async (question: string, run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      console.log(
        `  ${question.padEnd(58)} median ${ms(median(times))}   p95 ${ms(percentile(times, 0.95))}   (goal: the year of 50,000 cases in at most 500 ms)`,
      );
    };
    await ask('every SOP, the whole year, every digest current', wholeYear);
    await ask('one SOP, one month', () => summarizeServices(paraf.runtime, sops[0]!.id, '2025-06-01', '2025-06-30'));
    // A working office between two sweeps: each SOP's newest part written since its digest, read from its entries.
    for (const sop of sops) await bumpLedgerVersion(deps.dynamo, deps.table, sop.id, '2025-12#4');
    await ask("every SOP, the whole year, each SOP's newest part written since", wholeYear);
  } finally {
    await paraf.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Cases generated and written per slice. */
const SLICE = 5_000;

/**
 * One case received in 2025 (spread evenly over the year): closed on time, late or rejected, or
 * still running at a step, with a decided link for each step it passed and a survey for one in two
 * of those closed.
 */
function caseItems(n: number, sop: string, steps: { no: number; lane: string }[], cases: number) {
  const caseId = `bench-case-${String(n).padStart(6, '0')}`;
  const receivedAt = Date.UTC(2025, 0, 1) + Math.floor((n / cases) * 364 * 86_400_000);
  // Still running: one in two of the last two weeks' cases, as in an office keeping its promised dates.
  const recent = receivedAt >= Date.UTC(2025, 11, 17);
  const outcome = recent && n % 2 === 0 ? 'berjalan' : (['selesai', 'selesai', 'selesai', 'ditolak'] as const)[n % 4]!;
  const passed = outcome === 'berjalan' ? steps.slice(0, 1 + (n % Math.max(1, steps.length - 1))) : steps;
  const at = (hours: number) => new Date(receivedAt + hours * 3_600_000).toISOString();
  const record: CaseRecord = {
    caseId,
    sop,
    fileNumber: `BENCH/2025/${String(n).padStart(6, '0')}`,
    applicant: { name: `PT Uji ${n}` },
    status: outcome,
    createdAt: at(0),
    receiptCode: 'K7QF-29XM',
    deadline: new Date(receivedAt + 7 * 86_400_000).toISOString().slice(0, 10),
    form: {},
    requirements: [],
    closedAt: outcome === 'berjalan' ? null : at(passed.length * (n % 7 === 0 ? 40 : 6)),
    current:
      outcome === 'berjalan'
        ? {
            step: passed.at(-1)!.no,
            lane: passed.at(-1)!.lane,
            purpose: 'step',
            officialId: 'kabid-layanan',
            dueAt: at(passed.length * 6 + 24),
          }
        : null,
  };
  const links = passed.map((step, i): ApprovalLink => {
    const createdAt = at(i * 6);
    return {
      linkId: `${caseId}-${step.no}`,
      caseId,
      sop,
      step: step.no,
      lane: step.lane,
      purpose: 'step',
      officialId: 'kabid-layanan',
      token: `token-${caseId}-${step.no}`,
      createdAt,
      expiresAt: at(i * 6 + 72),
      ...(outcome === 'berjalan' && i === passed.length - 1
        ? { status: 'waiting' as const }
        : { status: 'decided' as const, decision: { decision: 'approve', at: at(i * 6 + 1 + (n % 5)) } }),
    };
  });
  const survey =
    outcome === 'selesai' && n % 2 === 0
      ? [
          {
            ...surveyKey(sop, record.closedAt!, caseId),
            caseId,
            sop,
            at: record.closedAt!,
            answers: Object.fromEntries(IKM_ELEMENTS.map((element, i) => [element.id, 1 + ((n + i) % 4)])),
          },
        ]
      : [];
  return [
    { ...caseKey(caseId), ...record, ...caseSopIndexKeys(sop, record.createdAt) },
    ...links.flatMap((link) => [
      { ...linkKey(link.linkId), ...link },
      { ...askedKey(caseId, link.createdAt, link.linkId), linkId: link.linkId },
    ]),
    ...survey,
  ];
}
