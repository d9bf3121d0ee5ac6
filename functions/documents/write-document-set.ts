import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedDocument } from './render-document.ts';

/**
 * Writes copy-1.pdf, copy-2.pdf, copy-3.pdf and draft.docx into `dir`. Every file is written
 * beside its final name and renamed once all are on disk, so a failure leaves no half set.
 */
export function writeDocumentSet(dir: string, rendered: RenderedDocument): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, Uint8Array][] = [
    ...rendered.copies.map((c) => [`copy-${c.copy}.pdf`, c.pdf] as [string, Uint8Array]),
    ['draft.docx', rendered.docx],
  ];
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  try {
    for (const [name, bytes] of files) writeFileSync(join(dir, name + suffix), bytes);
  } catch (error) {
    for (const [name] of files) rmSync(join(dir, name + suffix), { force: true });
    throw error;
  }
  for (const [name] of files) renameSync(join(dir, name + suffix), join(dir, name));
  return files.map(([name]) => join(dir, name));
}
