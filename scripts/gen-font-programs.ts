import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { buildFontProgram } from '#documents/build-font-program.ts';
import { FONT_FILES, PROGRAMS_DIR, programFiles, type FontStyle } from '#documents/fonts.ts';

/** Write beside, then rename: a crash never leaves a half-written file behind. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Regenerates templates/fonts/programs/: each face's pre-subset and the metrics of both. */
mkdirSync(PROGRAMS_DIR, { recursive: true });
for (const style of Object.keys(FONT_FILES) as FontStyle[]) {
  const { subset, metrics } = buildFontProgram(style);
  const files = programFiles(style);
  writeAtomically(files.subset, subset);
  writeAtomically(files.metrics, `${JSON.stringify(metrics)}\n`);
}
console.log(`font programs written to ${PROGRAMS_DIR}`);
