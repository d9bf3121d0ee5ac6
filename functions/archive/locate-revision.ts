import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseEvent } from '#records/case-records.ts';
import { endsWithDocumentTimestamp } from '#signing/pdf-revisions.ts';

/**
 * Where a PDF stands in an archive copied to disk: the local runtime's data folder (s3rver keeps
 * each object as `<key>._S3rver_object` under `<data>/s3/<bucket>/`) or a copy of the bucket
 * (`aws s3 sync`). Each signature is an incremental update, so every earlier revision of a copy is
 * a byte prefix of the issued one, and each revision is archived under its own hash
 * (archive-layout.ts): a file cut back to an earlier revision is found by its hash, and its place
 * in the chain says which signatures it lacks.
 */

const COPY = /(?:^|\/)cases\/([^/]+)\/documents\/([^/]+)\/copy-(\d+)\/(\d+)-([0-9a-f]{64})\.pdf(?:\._S3rver_object)?$/;
const TRAIL = /(?:^|\/)cases\/([^/]+)\/audit-trail\/(\d+)-[0-9a-f]{64}\.json(?:\._S3rver_object)?$/;

export interface ArchivedCopy {
  caseId: string;
  kind: string;
  copy: number;
  sha256: string;
  path: string;
}

export type RevisionPlace =
  | { status: 'not-archived'; sha256: string }
  /** The case has no audit trail yet: nothing of it has been issued. */
  | { status: 'not-issued'; archived: ArchivedCopy }
  /** A draft that a send-back replaced: not in the chain of the issued copy. */
  | { status: 'replaced'; archived: ArchivedCopy; issued: ArchivedCopy }
  | { status: 'final' | 'earlier'; archived: ArchivedCopy; issued: ArchivedCopy; position: number; of: number };

/** The folder that holds `cases/` for a data folder or a bucket copy, whichever `dir` is. */
export function archiveRoot(dir: string): string | undefined {
  if (existsSync(join(dir, 's3'))) return join(dir, 's3');
  return existsSync(dir) ? dir : undefined;
}

export function locateRevision(root: string, pdf: Uint8Array): RevisionPlace {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const { copies, trails } = listArchive(root);
  const archived = copies.find((copy) => copy.sha256 === sha256);
  if (!archived) return { status: 'not-archived', sha256 };
  const sameCopy = copies.filter(
    (c) => c.caseId === archived.caseId && c.kind === archived.kind && c.copy === archived.copy,
  );
  const trail = trails.get(archived.caseId);
  const issuedSha = trail ? lastRecordedCopy(trail, archived) : undefined;
  const issued = sameCopy.find((c) => c.sha256 === issuedSha);
  if (!issued) return { status: 'not-issued', archived };
  const issuedBytes = readFileSync(issued.path);
  const chain = sameCopy
    .map((c) => ({ copy: c, bytes: readFileSync(c.path) }))
    .filter(({ bytes }) => bytes.length <= issuedBytes.length && issuedBytes.subarray(0, bytes.length).equals(bytes))
    .sort((a, b) => a.bytes.length - b.bytes.length);
  const position = chain.findIndex(({ copy }) => copy.sha256 === sha256) + 1;
  if (position === 0) return { status: 'replaced', archived, issued };
  // The copy as issued before a renewal of its timestamps ends with a document timestamp too: given, not a step on the way.
  const given = sha256 === issued.sha256 || endsWithDocumentTimestamp(pdf, pdf.length);
  return { status: given ? 'final' : 'earlier', archived, issued, position, of: chain.length };
}

/** Every archived PDF copy, and the latest audit trail of each case. */
function listArchive(root: string): { copies: ArchivedCopy[]; trails: Map<string, string> } {
  const copies: ArchivedCopy[] = [];
  const trails = new Map<string, { count: number; path: string }>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const relative = entry.split('\\').join('/');
    const [, caseId, kind, copy, , sha256] = COPY.exec(relative) ?? [];
    if (caseId && kind && sha256) copies.push({ caseId, kind, copy: Number(copy), sha256, path: join(root, entry) });
    const [, trailCase, count] = TRAIL.exec(relative) ?? [];
    if (trailCase && Number(count) >= (trails.get(trailCase)?.count ?? -1))
      trails.set(trailCase, { count: Number(count), path: join(root, entry) });
  }
  return { copies, trails: new Map([...trails].map(([caseId, trail]) => [caseId, trail.path])) };
}

/** The hash of the copy the trail recorded last for this kind and copy number: the issued one. */
function lastRecordedCopy(trailPath: string, copy: ArchivedCopy): string | undefined {
  const trail = JSON.parse(readFileSync(trailPath, 'utf8')) as { events: CaseEvent[] };
  for (const event of [...trail.events].reverse()) {
    const found = event.documents.find((d) => d.kind === copy.kind && d.copy === copy.copy);
    if (found) return found.sha256;
  }
  return undefined;
}
