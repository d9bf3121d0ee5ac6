import type { DocumentSpec, Sop } from '#sop/schema.ts';
import { KIND_SHEETS } from './kinds/sheets.ts';

/**
 * The copies a document is rendered, signed and archived as: a permit's triplicate (1 verification with
 * every paraf, 2 applicant, 3 archive), or the one sheet of a document the SOP issues once. That sheet
 * is copy 1: the copy the reviewers paraf and sign, as a permit's verification copy is. A kind may
 * say it is handed over otherwise than its catalog entry counts it (kinds/sheets.ts: the counter's
 * receipt).
 */
export function copyNumbers(document: Pick<DocumentSpec, 'kind' | 'copies'>): readonly (1 | 2 | 3)[] {
  return (KIND_SHEETS[document.kind]?.copies ?? document.copies) === 3 ? [1, 2, 3] : [1];
}

/** How many copies a document of the SOP has: its copyNumbers, or a permit's three where the SOP does not list it. */
export function copyCount(sop: Pick<Sop, 'documents'> | undefined, kind: string): number {
  const spec = sop?.documents.find((doc) => doc.kind === kind);
  return spec ? copyNumbers(spec).length : 3;
}

/** A copy as the pages and the history sheet name it: "rangkap 2", or "tanpa rangkap" where it has no other (a letter of two pages is still one). */
export const copyWord = (copy: number, count: number): string => (count === 1 ? 'tanpa rangkap' : `rangkap ${copy}`);

/** How the trail names a document's printing: "dicetak rangkap 3", or "dicetak tanpa rangkap" for one copy (of however many pages). */
export function printedAs(document: Pick<DocumentSpec, 'kind' | 'copies'>): string {
  const count = copyNumbers(document).length;
  return count === 1 ? 'dicetak tanpa rangkap' : `dicetak rangkap ${count}`;
}
