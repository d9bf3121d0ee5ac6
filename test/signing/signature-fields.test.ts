import { PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { signatureFields } from '#signing/signature-fields.ts';

/** A document whose AcroForm holds signature fields with the given /Contents, as a signed PDF carries them. */
async function withContents(contents: (PDFHexString | PDFString)[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const fields = contents.map((value, i) =>
    doc.context.register(
      doc.context.obj({
        FT: 'Sig',
        T: PDFString.of(`Tanda tangan ${i + 1}`),
        V: doc.context.register(doc.context.obj({ Type: 'Sig', SubFilter: 'ETSI.CAdES.detached', Contents: value })),
      }),
    ),
  );
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: fields }));
  // Through the bytes and back, as every later step reads a signed file.
  return PDFDocument.load(await doc.save({ useObjectStreams: false }));
}

describe('signatureFields (issue 21: a signature hole decoded natively)', () => {
  it('reads each CMS as pdf-lib decodes it: plain hex, hex with whitespace or an odd digit, and a literal string', async () => {
    const der = Uint8Array.from([0x30, 0x05, 0x02, 0x01, 0x2a, 0x05, 0x00]);
    const hex = Buffer.from(der).toString('hex');
    const doc = await withContents([
      PDFHexString.of(`${hex.toUpperCase()}${'0'.repeat(24_000)}`),
      PDFHexString.of(`${hex.slice(0, 6)} \n${hex.slice(6)}0000`),
      PDFHexString.of(`${hex}000`),
      PDFString.of(Buffer.from(der).toString('latin1')),
    ]);
    const fields = signatureFields(doc);
    expect(fields.map((f) => f.field)).toEqual([
      'Tanda tangan 1',
      'Tanda tangan 2',
      'Tanda tangan 3',
      'Tanda tangan 4',
    ]);
    for (const field of fields) expect(Buffer.from(field.cms).equals(Buffer.from(der))).toBe(true);
    expect(fields.every((f) => !f.documentTimestamp)).toBe(true);
  });
});
