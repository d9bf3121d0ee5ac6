import { getCase, type CaseRecord } from '#records/case-records.ts';
import { getDocumentState, type DocumentState } from '#records/document-state.ts';
import type { ApprovalLink } from '#records/links.ts';
import { caseFailure } from './rules/retired-link.ts';
import { peekNextNumber } from '#registry/next-number.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { officeRegisters } from '#sop/registers.ts';
import type { Sop } from '#sop/schema.ts';
import { listAttachments, type ArchivedAttachment } from './list-attachments.ts';
import { findLink } from './find-link.ts';

/** One document the numbering step numbers: the number it will likely get, then the number given and its stamped copies. */
export interface NumberedDocument {
  kind: string;
  title: string;
  register: string;
  state: DocumentState | undefined;
  /** While the step waits: the register's next number, if nobody numbers before. */
  next?: string;
  /** Once given: the number. */
  given?: string;
  /** The copies carry the number's stamp (the step's signature is on them). */
  stamped: boolean;
}

export interface NumberingView {
  link: ApprovalLink;
  sop: Sop;
  record: CaseRecord | undefined;
  documents: NumberedDocument[];
  attachments: ArchivedAttachment[];
  /** Retired by its case's failure (record-failure.ts): what the page says instead; nothing is numbered. */
  failed?: string;
}

/**
 * Shows Tata Usaha's numbering step of a case, changing nothing (no number is taken):
 *  1. the link, only a registration-number step's (otherwise undefined);
 *  2. the documents the step numbers, each with its state;
 *  3. while it waits: each register's next number, read from its counter (two documents of one
 *     register at one step: the second gets the one after);
 *  4. once decided: the number given, and whether the copies carry its stamp yet.
 */
export async function showNumbering(
  rt: Runtime,
  linkId: string,
  now: Date = new Date(),
): Promise<NumberingView | undefined> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (link?.purpose !== 'step') return undefined;
  const sop = rt.sopOf(link);
  if (sop.steps.find((s) => s.no === link.step)?.kind !== 'registration-number') return undefined;
  const [record, attachments] = await Promise.all([
    getCase(rt.dynamo, rt.config.table, link.caseId),
    listAttachments(rt, link.caseId),
  ]);
  const seen = new Map<string, number>();
  const documents: NumberedDocument[] = [];
  for (const doc of sop.documents.filter((d) => d.numberedAt === link.step)) {
    const register = officeRegisters().find((r) => r.id === doc.register);
    const state = await getDocumentState(rt.dynamo, rt.config.table, link.caseId, doc.kind);
    const ahead = seen.get(doc.register ?? '') ?? 0;
    seen.set(doc.register ?? '', ahead + 1);
    const waiting = link.status === 'waiting' && register && !state?.number;
    documents.push({
      kind: doc.kind,
      title: doc.title,
      register: register?.title ?? doc.register ?? '',
      state,
      ...(waiting ? { next: await peekNextNumber(rt.dynamo, rt.config.table, register, now, ahead) } : {}),
      ...(state?.number ? { given: state.number.number } : {}),
      stamped: !!state?.number && state.signers.some((s) => s.step === link.step),
    });
  }
  const failed = caseFailure(link, record);
  return { link, sop, record, documents, attachments, ...(failed ? { failed } : {}) };
}
