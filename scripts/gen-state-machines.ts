import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '#sop/load-catalog.ts';
import { STATE_MACHINES_DIR, renderStateMachineFile, stateMachineFileName } from '#sop/state-machine-files.ts';

/** Regenerates state-machines/*.asl.json from the catalog and removes files of SOPs no longer in it. */
const catalog = loadCatalog();
const wanted = new Set(catalog.map(stateMachineFileName));
for (const sop of catalog) {
  const target = join(STATE_MACHINES_DIR, stateMachineFileName(sop));
  // Write beside, then rename: a crash never leaves a half-written machine behind.
  writeFileSync(`${target}.tmp`, renderStateMachineFile(sop));
  renameSync(`${target}.tmp`, target);
}
for (const file of readdirSync(STATE_MACHINES_DIR)) {
  if (file.endsWith('.asl.json') && !wanted.has(file)) rmSync(join(STATE_MACHINES_DIR, file));
}
console.log(`${catalog.length} state machines written to ${STATE_MACHINES_DIR}`);
