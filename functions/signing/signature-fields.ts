import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import { withoutPadding } from './der-length.ts';

/** A signature field of a PDF that carries a value: its dictionary and its CMS (or timestamp token). */
export interface SignatureField {
  field: string;
  value: PDFDict;
  /** The /Contents without the gap's zero padding. */
  cms: Uint8Array;
  /** A /DocTimeStamp (/SubFilter /ETSI.RFC3161): its contents are the TSA's token itself. */
  documentTimestamp: boolean;
}

/**
 * The PDF's signature fields that hold a signature, in field order, as the file carries them (read,
 * not checked: verify-pdf checks). An empty field, or one whose /Contents is not a string, is left out.
 */
export function signatureFields(doc: PDFDocument): SignatureField[] {
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  return fields.flatMap(([field]) => {
    if (field.dict.get(PDFName.of('FT')) !== PDFName.of('Sig')) return [];
    const value = field.dict.lookup(PDFName.of('V'));
    if (!(value instanceof PDFDict)) return [];
    const contents = value.lookup(PDFName.of('Contents'));
    if (!(contents instanceof PDFHexString) && !(contents instanceof PDFString)) return [];
    return [
      {
        field: field.getPartialName() ?? '',
        value,
        cms: withoutPadding(contents instanceof PDFHexString ? hexBytes(contents) : contents.asBytes()),
        documentTimestamp: value.get(PDFName.of('SubFilter')) === PDFName.of('ETSI.RFC3161'),
      },
    ];
  });
}

/**
 * A hex string's bytes. pdf-lib decodes one pair of digits at a time (parseInt of each substring),
 * which for a signature's 24,576 digits, read at every later step, was a tenth of a permit's PDF
 * work; Buffer decodes them natively. Whitespace or an odd count (PDF 7.3.4.3) goes to pdf-lib's own.
 */
function hexBytes(contents: PDFHexString): Uint8Array {
  const digits = contents.asString();
  return digits.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(digits)
    ? new Uint8Array(Buffer.from(digits, 'hex'))
    : contents.asBytes();
}
