import { getDocumentState } from '#records/document-state.ts';
import { getLongTermRecord } from '#records/long-term-records.ts';
import { fillNameEntries, fillPermitKeys, searchPermits } from '#records/permit-index.ts';
import { findHash } from '#records/revision-hashes.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { officeSealConfigured } from '#runtime/signer.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { indexCopyRevisions } from './index-copy-revisions.ts';
import { findHistorySheets, makeHistorySheets } from './make-history-sheets.ts';
import { recordLongTerm } from './record-long-term.ts';

/** What the archive index made for one document: each part it lacked, or why it failed. */
export interface IndexResult {
  documentId: string;
  /** Its copies' revisions and signatures by SHA-256 (verification by upload). */
  hashes: boolean;
  /** The long-term record (renewal finds by it). */
  longTerm: boolean;
  /** The history sheets. */
  sheets: boolean;
  /** The name entries' copies of the record (the search by name answers from them). */
  names: boolean;
  /** The record's status index keys (the search by status or dates alone) or its case's file number. */
  keys: boolean;
  /** Why it failed, for the logs; the others go on. */
  failed?: string;
}

/**
 * Fills in, for documents archived before them, the hash index, the long-term record, the history
 * sheets and the name entries' copies of the record; safe to repeat, a second run making nothing:
 *  1. every issued document, by each SOP of the catalog (the permit index's SOP index);
 *  2. its current copies (the document's state): any copy whose SHA-256 the hash index lacks gets
 *     its revisions and signatures indexed (index-copy-revisions.ts);
 *  3. no long-term record: one read from the copies (a copy without a document timestamp has none);
 *  4. where the office seal can sign, no history sheet of either view: they are made
 *     (make-history-sheets.ts), as its trail and status now stand;
 *  5. name entries without the record (written before they carried it): the record copied to them;
 *     before that, a record without its status index keys or file number gets them (fillPermitKeys).
 */
export async function indexArchive(rt: Runtime): Promise<IndexResult[]> {
  const results: IndexResult[] = [];
  const sealed = await officeSealConfigured(rt, OFFICE_SEAL.id);
  for (const sop of rt.catalog)
    for (const permit of await searchPermits(rt.dynamo, rt.config.table, { sop: sop.id })) {
      const result: IndexResult = {
        documentId: permit.documentId,
        hashes: false,
        longTerm: false,
        sheets: false,
        names: false,
        keys: false,
      };
      try {
        await indexDocument(rt, permit, sealed, result);
      } catch (error) {
        result.failed = (error as Error).message;
      }
      results.push(result);
    }
  return results;
}

async function indexDocument(
  rt: Runtime,
  permit: { documentId: string; caseId: string; kind: string },
  sealed: boolean,
  result: IndexResult,
): Promise<void> {
  // First: a new file number is a change of the record, which the name entries then take.
  result.keys = await fillPermitKeys(rt.dynamo, rt.config.table, permit.documentId);
  result.names = await fillNameEntries(rt.dynamo, rt.config.table, permit.documentId);
  const state = await getDocumentState(rt.dynamo, rt.config.table, permit.caseId, permit.kind);
  if (!state) return;
  const known = await Promise.all(
    state.copies.map((copy) => findHash(rt.dynamo, rt.config.table, 'revision', copy.sha256)),
  );
  if (known.some((hash) => !hash)) {
    await indexCopyRevisions(rt, permit.documentId, state.copies);
    result.hashes = true;
  }
  if (!(await getLongTermRecord(rt.dynamo, rt.config.table, permit.caseId, permit.kind)))
    result.longTerm = (await recordLongTerm(rt, permit.caseId, permit.kind)) !== undefined;
  const sheets = await findHistorySheets(rt, permit.caseId, permit.kind);
  if (sealed && (!sheets.lengkap || !sheets.publik)) {
    await makeHistorySheets(rt, permit.documentId);
    result.sheets = true;
  }
}
