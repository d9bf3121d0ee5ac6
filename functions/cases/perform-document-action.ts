import { archiveDocumentVersion, recordDocumentEvent, type ArchiveTargets } from '#archive/archive-document.ts';
import type { CaseEvent } from '#records/case-records.ts';
import { getDocumentState, saveDocumentState, type DocumentState } from '#records/document-state.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';

type StoredVersion = Awaited<ReturnType<typeof archiveDocumentVersion>>;

/** A new version of one document: its copies' PDFs (and draft), and the state that records it. */
export interface DocumentVersion {
  revision: number;
  copies: { copy: number; pdf: Uint8Array }[];
  draft?: Uint8Array;
  /** The document's state once the version is stored. */
  state(stored: StoredVersion): DocumentState;
}

/**
 * One machine action on a step's documents (render, paraf, signature, registration stamp), as the
 * render and sign use cases define it; this module runs it. Its id is the idempotency key.
 */
export interface DocumentAction {
  /** The handler's name, in the errors of a retried attempt. */
  name: string;
  id: string;
  /** What the retried attempt failed at: "rendered", "being signed". */
  doing: string;
  /** The step and lane of the trail's event; its id is the action's and the document's. */
  step: number;
  lane: string;
  event(kind: string): Omit<CaseEvent, 'documents' | 'actionId' | 'step' | 'lane'>;
  /** The files the trail names for an action already recorded on the document (a retry after a crash). */
  recorded(state: DocumentState): Pick<DocumentState, 'copies' | 'draft'>;
  /** The document's new version, or undefined where the action leaves it as it is. */
  produce(kind: string, state: DocumentState | undefined): Promise<DocumentVersion | undefined>;
}

/**
 * Performs a document action on each of a step's documents, once whatever the retries:
 *  1. the document's state; an action it already records (the attempt before a crash) only makes
 *     sure the trail has its event, from what the state holds;
 *  2. the action's new version (the render, or the copies signed), or nothing to do;
 *  3. the version archived (content-addressed, so a repeat writes the same keys);
 *  4. the state saved conditionally on the one read: a change meanwhile fails the attempt, and
 *     the machine retries it;
 *  5. the trail's event with every new file's SHA-256, after the state, so the trail never names
 *     files the state does not hold.
 */
export async function performDocumentAction(
  rt: Runtime,
  caseId: string,
  documents: readonly string[],
  action: DocumentAction,
): Promise<void> {
  const targets: ArchiveTargets = {
    s3: archiveClient(rt),
    bucket: rt.config.bucket,
    dynamo: rt.dynamo,
    table: rt.config.table,
  };
  for (const kind of documents) {
    const state = await getDocumentState(rt.dynamo, rt.config.table, caseId, kind);
    if (state?.actions.includes(action.id)) {
      const { copies, draft } = action.recorded(state);
      await recordDocumentEvent(targets, caseId, kind, eventOf(action, kind), copies, draft);
      continue;
    }
    const version = await action.produce(kind, state);
    if (!version) continue;
    const stored = await archiveDocumentVersion(targets, {
      caseId,
      kind,
      revision: version.revision,
      copies: version.copies,
      ...(version.draft ? { draft: version.draft } : {}),
    });
    const saved = await saveDocumentState(
      rt.dynamo,
      rt.config.table,
      version.state(stored),
      state ? { revision: state.revision, actions: state.actions.length } : null,
    );
    if (!saved)
      throw new Error(`${action.name}: ${kind} of case ${caseId} changed while it was ${action.doing}; retry`);
    await recordDocumentEvent(targets, caseId, kind, eventOf(action, kind), stored.copies, stored.draft);
  }
}

/** The trail's event of an action on one document, keyed by both: a retry records it once. */
function eventOf(action: DocumentAction, kind: string): Omit<CaseEvent, 'documents'> {
  return { actionId: `${action.id}-${kind}`, step: action.step, lane: action.lane, ...action.event(kind) };
}
