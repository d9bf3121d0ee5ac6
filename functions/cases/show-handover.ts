import { getCase, type CaseRecord } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { getLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { caseFailure } from './rules/retired-link.ts';
import { takenDecision } from './settle-decision.ts';
import type { Sop } from '#sop/schema.ts';

/** A recorded handover, as Tata Usaha's confirmation shows it. */
export interface HandoverView {
  caseId: string;
  sop: Sop;
  record: CaseRecord | undefined;
  collector: string;
  at: string;
  note: string;
  /** The numbers of the documents handed over. */
  numbers: { title: string; number: string }[];
  /** The Bukti Serah Terima the handover prints: its kind, and whether it is rendered yet. */
  receipt: { kind: string; title: string; ready: boolean } | undefined;
}

/** A handover link its case's failure retired: nothing was handed over, and the page says why, as the step's own pages do. */
export interface FailedHandover {
  failed: string;
}

/** A handover not yet recorded: its form is on Tata Usaha's work page. */
export interface OpenHandover {
  open: true;
}

/**
 * Shows a handover Tata Usaha recorded, changing nothing:
 *  1. the link, only a handover step's (otherwise undefined);
 *  2. retired by its case's failure: what the page says instead (nothing was handed over);
 *  3. not yet decided: only that it is open (an address typed again after a refused handover);
 *     otherwise who collected it and when (the decision),
 *     the case's registration numbers;
 *  4. the handover's receipt document (drafted at that step) and whether the workflow has rendered it.
 */
export async function showHandover(
  rt: Runtime,
  linkId: string,
): Promise<HandoverView | FailedHandover | OpenHandover | undefined> {
  const link = await getLink(rt.dynamo, rt.config.table, linkId);
  if (!link) return undefined;
  const sop = rt.sopOf(link);
  if (sop.steps.find((s) => s.no === link.step)?.kind !== 'handover') return undefined;
  const record = await getCase(rt.dynamo, rt.config.table, link.caseId);
  const failed = caseFailure(link, record);
  if (failed) return { failed };
  if (link.status !== 'decided') return { open: true };
  const decision = takenDecision(link);
  const data = decision?.documentData as Record<string, { penerima?: unknown }> | undefined;
  const receipt = sop.documents.find((doc) => doc.draftedAt === link.step);
  const [numbers, receiptState] = await Promise.all([
    caseNumbers(rt, sop, link.caseId),
    receipt ? getDocumentState(rt.dynamo, rt.config.table, link.caseId, receipt.kind) : undefined,
  ]);
  return {
    caseId: link.caseId,
    sop,
    record,
    collector: String((receipt && data?.[receipt.kind]?.penerima) ?? ''),
    at: decision?.at ?? '',
    note: decision?.note ?? '',
    numbers,
    receipt: receipt && {
      kind: receipt.kind,
      title: receipt.title,
      ready: (receiptState?.copies.length ?? 0) > 0,
    },
  };
}

/** The registration numbers a case's documents were given. */
async function caseNumbers(rt: Runtime, sop: Sop, caseId: string) {
  const states = await Promise.all(
    sop.documents.map(async (doc) => ({
      doc,
      state: await getDocumentState(rt.dynamo, rt.config.table, caseId, doc.kind),
    })),
  );
  return states.flatMap(({ doc, state }) => (state?.number ? [{ title: doc.title, number: state.number.number }] : []));
}

/** The handover's receipt of a case, where one was rendered: for the archive's record page. */
export async function handoverReceiptOf(rt: Runtime, sop: Sop, caseId: string) {
  const step = sop.steps.find((s) => s.kind === 'handover');
  const receipt = step && sop.documents.find((doc) => doc.draftedAt === step.no);
  if (!receipt) return undefined;
  const state = await getDocumentState(rt.dynamo, rt.config.table, caseId, receipt.kind);
  return state?.copies.length ? { kind: receipt.kind, title: receipt.title } : undefined;
}
