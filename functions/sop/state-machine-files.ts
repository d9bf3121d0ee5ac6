import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { compileToAsl } from './compile-to-asl.ts';
import { isNewestRevision, loadRevisions } from './load-catalog.ts';
import { revisionOf, type Sop } from './schema.ts';

/** Anchored on this module, not the working directory, so every caller finds the same folder. */
export const STATE_MACHINES_DIR = fileURLToPath(new URL('../../state-machines/', import.meta.url));

/**
 * The machine file of a revision: the newest revision of an SOP is `<id>.asl.json` (the file the docs
 * link), every older revision the catalog keeps `<id>@<revision>.asl.json`, so that cases still under it
 * (and a deploy that publishes it) find its machine as it was.
 */
export const stateMachineFileName = (sop: Sop, revisions: readonly Sop[] = loadRevisions()) =>
  isNewestRevision(revisions, sop) ? `${sop.id}.asl.json` : `${sop.id}@${revisionOf(sop)}.asl.json`;

/** The exact bytes committed for an SOP's machine: a test compares them to catch a stale file. */
export function renderStateMachineFile(sop: Sop): string {
  return `${JSON.stringify(compileToAsl(sop), null, 2)}\n`;
}

/** The SHA-256 of a machine definition as JSON: what an execution record names the definition it started with by. */
export const definitionHash = (definitionText: string): string =>
  createHash('sha256').update(definitionText).digest('hex');
