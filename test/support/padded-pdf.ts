import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

/** A real one-page PDF followed by `padding` random bytes after its %%EOF, as a large scan would be. */
export async function pdfOf(text: string, padding = 0): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 18, font });
  return Buffer.concat([Buffer.from(await pdf.save()), randomBytes(padding)]);
}
