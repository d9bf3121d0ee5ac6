import { witaDateTime } from '#clock/wita.ts';
import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { printedHolder } from '#documents/kinds/index.ts';
import type { CaseRecord } from '#records/case-records.ts';
import type { Sop } from '#sop/schema.ts';

/** One thing a drafted document says otherwise than the case, in the signer's words. */
export interface DraftDifference {
  /** The document's title in the SOP. */
  document: string;
  /** What differs, in Bahasa Indonesia: "Nama perusahaan: ... , di berkas: ...". */
  text: string;
}

/** Whom the case is for: the permit it acts on, else the company the counter registered. */
export interface RegisteredHolder {
  name: string;
  nib?: string | null | undefined;
  npwp?: string | null | undefined;
}

// A name compared as people read it ("PT. Mahakam" is "PT Mahakam"); numbers by their digits.
const asName = (value: string) => value.toLocaleLowerCase('id').replace(/[^\p{L}\p{N}]+/gu, '');
const asDigits = (value: string) => value.replace(/\D/g, '');

/**
 * Where a drafted document names another holder than the case, or is dated before the file was
 * received. Not refused: a drafter may correct a misspelt name, but the signer sees it before signing
 * (a walk found a permit signed and numbered for another company than the file's, dated 13 days before
 * the file was received, with no word anywhere).
 */
export function draftDifferences(sop: Sop, record: CaseRecord, registered: RegisteredHolder): DraftDifference[] {
  const received = witaDateTime(new Date(record.createdAt)).date;
  const differences: DraftDifference[] = [];
  for (const doc of sop.documents) {
    const data = record.form.documents?.[doc.kind];
    if (BUILT_FROM_CASE.includes(doc.kind) || !data || typeof data !== 'object') continue;
    const say = (text: string) => differences.push({ document: doc.title, text });
    const printed = printedHolder(doc.kind, data);
    if (printed && asName(printed.name) !== asName(registered.name))
      say(`nama "${printed.name}", sedangkan di berkas "${registered.name}"`);
    for (const [label, onPaper, onFile] of [
      ['NIB', printed?.nib, registered.nib],
      ['NPWP', printed?.npwp, registered.npwp],
    ] as const)
      if (onPaper && onFile && asDigits(onPaper) !== asDigits(onFile))
        say(`${label} ${onPaper}, sedangkan di berkas ${onFile}`);
    const dated = (data as { tanggal?: unknown }).tanggal;
    if (typeof dated === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dated) && dated < received)
      say(`bertanggal ${formatTanggal(dated)}, sebelum berkas diterima pada ${formatTanggal(received)}`);
  }
  return differences;
}
