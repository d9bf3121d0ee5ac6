/**
 * The DOCX is the draft that was reviewed: it is rendered before the signatures and the number, and
 * never gets them (they are the PDF's incremental updates). So it says so, in its first line and in
 * its file name, wherever it is offered beside a numbered document.
 */
export function draftNotice(numbered: boolean): string {
  return numbered
    ? 'DRAF TANPA NOMOR: nomor registrasi dan tanda tangan elektronik hanya ada pada rangkap PDF. Berkas ini bukan dokumen resmi.'
    : 'DRAF: tanda tangan elektronik hanya ada pada rangkap PDF. Berkas ini bukan dokumen resmi.';
}

/** The download name of a document's DOCX draft. */
export const draftFileName = (kind: string, reference?: string): string =>
  `${kind}${referencePart(reference)}-draf-tanpa-nomor.docx`;

/**
 * A copy's file name as downloaded: its kind, the case's file number or the permit's registration
 * number, and the copy, so that copies of several cases printed one after the other keep apart
 * ("api-u-API-U-2026-00012-rangkap-1.pdf").
 */
export const copyFileName = (kind: string, reference: string | undefined, copy: string | number): string =>
  `${kind}${referencePart(reference)}-rangkap-${copy}.pdf`;

/** A number as a file name may hold it: letters and digits, a hyphen for every run of anything else. */
const referencePart = (reference: string | undefined) => {
  const plain = (reference ?? '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return plain ? `-${plain}` : '';
};
