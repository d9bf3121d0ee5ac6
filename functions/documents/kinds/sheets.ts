/**
 * How a kind's documents are handed over, where that is not what their catalog entry's `copies` makes
 * them: how many copies are rendered (`copies`, over the entry's; documents/copies.ts), and what a copy
 * is for where it is not a permit's (`purposes`, by copy: its footer; render-document.ts copyLabel).
 * Data alone, apart from the kinds' schemas (index.ts): the functions that only count copies (the
 * history sheets, the pages) need not load every kind.
 */
export interface KindSheets {
  readonly copies?: 1 | 3;
  readonly purposes?: Readonly<Partial<Record<1 | 2 | 3, string>>>;
}

export const KIND_SHEETS: Readonly<Record<string, KindSheets>> = {
  /**
   * The counter's receipt: one "bukti tanda terima" in the catalog (`copies: 1`, as the seeds count it),
   * yet handed over as two sheets: the applicant's (copy 2, rendered again with the receipt code) and
   * the office's, which carries no paraf and goes into the file's map proses, as the seeds' intake step
   * keeps it. Three copies are rendered, so that copy 2 stays where the applicant's page fetches it.
   */
  'tanda-terima': { copies: 3, purposes: { 1: 'Rangkap 1: untuk map proses berkas' } },
  /** The handover receipt's one sheet, as the seeds' handover step keeps it: signed by whoever collects the permit, filed and entered in the book. */
  'tanda-terima-penyerahan': {
    purposes: { 1: 'Satu lembar: disimpan dalam map proses, dicatat pada buku serah terima surat izin' },
  },
};
