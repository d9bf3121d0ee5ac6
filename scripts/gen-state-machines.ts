import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSop, loadCatalog, loadRevisions } from '#sop/load-catalog.ts';
import { REPO_ROOT, renderMermaidSection, renderSopMap, replaceSection } from '#sop/render-doc-sections.ts';
import { STATE_MACHINES_DIR, renderStateMachineFile, stateMachineFileName } from '#sop/state-machine-files.ts';

/** Write beside, then rename: a crash never leaves a half-written file behind. */
function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Regenerates state-machines/*.asl.json and the generated sections of the docs from the catalog. */
// One machine per revision the catalog keeps: the newest as <id>.asl.json, older ones as <id>@<revision>.asl.json.
const catalog = loadCatalog();
const revisions = loadRevisions();
const wanted = new Set(revisions.map((sop) => stateMachineFileName(sop)));
for (const sop of revisions)
  writeAtomically(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), renderStateMachineFile(sop));
for (const file of readdirSync(STATE_MACHINES_DIR)) {
  if (file.endsWith('.asl.json') && !wanted.has(file)) rmSync(join(STATE_MACHINES_DIR, file));
}

const architecture = join(REPO_ROOT, 'ARCHITECTURE.md');
writeAtomically(architecture, replaceSection(readFileSync(architecture, 'utf8'), 'sop-map', renderSopMap(catalog)));
const readme = join(REPO_ROOT, 'README.md');
const apiU = findSop('api-u');
if (!apiU) throw new Error('the catalog has no API-U, whose flowchart README.md shows');
writeAtomically(readme, replaceSection(readFileSync(readme, 'utf8'), 'api-u-flowchart', renderMermaidSection(apiU)));

console.log(
  `${revisions.length} state machines (${catalog.length} SOPs) written to ${STATE_MACHINES_DIR}; ARCHITECTURE.md and README.md sections updated`,
);
