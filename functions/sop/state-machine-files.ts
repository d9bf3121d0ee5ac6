import { fileURLToPath } from 'node:url';
import { compileToAsl } from './compile-to-asl.ts';
import type { Sop } from './schema.ts';

/** Anchored on this module, not the working directory, so every caller finds the same folder. */
export const STATE_MACHINES_DIR = fileURLToPath(new URL('../../state-machines/', import.meta.url));

export const stateMachineFileName = (sop: Sop) => `${sop.id}.asl.json`;

/** The exact bytes committed for an SOP's machine: a test compares them to catch a stale file. */
export function renderStateMachineFile(sop: Sop): string {
  return `${JSON.stringify(compileToAsl(sop), null, 2)}\n`;
}
