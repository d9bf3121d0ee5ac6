import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DocumentDataError, renderDocument } from '#documents/render-document.ts';
import { writeDocumentSet } from '#documents/write-document-set.ts';
import { findSop } from '#sop/load-catalog.ts';

/** `paraf render --sop <id> --doc <kind> --data <file.json> --out <dir>`. */
export async function renderCommand(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let values: { sop?: string; doc?: string; data?: string; out?: string };
  try {
    values = parseArgs({
      args: [...args],
      options: { sop: { type: 'string' }, doc: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' } },
    }).values;
  } catch (error) {
    err(`paraf render: ${(error as Error).message}\n`);
    return 2;
  }
  const { sop: sopId, doc, data: dataFile, out: outDir } = values;
  if (!sopId || !doc || !dataFile || !outDir) {
    const missing = (['sop', 'doc', 'data', 'out'] as const).filter((name) => !values[name]);
    err(`paraf render: missing ${missing.map((name) => `--${name}`).join(', ')}\n`);
    return 2;
  }
  const sop = findSop(sopId);
  if (!sop) {
    err(`paraf render: tidak ada SOP "${sopId}"\n`);
    return 1;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(dataFile, 'utf8'));
  } catch (error) {
    err(`paraf render: berkas data ${dataFile} tidak dapat dibaca sebagai JSON: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const rendered = await renderDocument(sop, doc, data);
    for (const file of writeDocumentSet(outDir, rendered)) out(`${file}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DocumentDataError)) throw error;
    err(`${error.message}\n`);
    return 1;
  }
}
