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
export const draftFileName = (kind: string): string => `${kind}-draf-tanpa-nomor.docx`;
