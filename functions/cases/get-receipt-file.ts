import { applicantReceiptData } from '#documents/document-data.ts';
import { renderDocument } from '#documents/render-document.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { showReceipt } from './show-receipt.ts';

const RECEIPT = 'tanda-terima';

/**
 * The counter's receipt of a case as a PDF for the applicant, for the one holding its receipt code:
 *  1. the case and its SOP, only with the code it printed (showReceipt);
 *  2. rendered now from the case with the code and the Cek status address, the applicant's copy (rangkap 2), from the template
 *     the workflow archives the office's copies with (those print no code: document-data.ts). An SOP
 *     whose seed has no receipt (the DALAK activities) gets one signed by the official of its first
 *     step. Nothing is stored.
 */
export async function getReceiptFile(
  rt: Runtime,
  caseId: string,
  receiptCode: string | undefined,
): Promise<Uint8Array | undefined> {
  const receipt = await showReceipt(rt, caseId, receiptCode);
  if (!receipt) return undefined;
  const { record, sop } = receipt;
  const data = applicantReceiptData(sop, record, rt.staff, rt.config.publicUrl);
  const rendered = await renderDocument(withReceipt(sop), RECEIPT, { ...data, ...firstOfficial(rt, sop) });
  return rendered.copies.find((copy) => copy.copy === 2)?.pdf;
}

/**
 * Where the SOP has no registration step (the DALAK activities), the receipt is signed by the official
 * of its first step, who takes the file up, rather than by an unnamed counter clerk.
 */
function firstOfficial(rt: Pick<Runtime, 'staff'>, sop: Sop): { petugas: { nama: string; jabatan: string } } | object {
  if (sop.steps.some((step) => step.kind === 'registration')) return {};
  const first = sop.steps.find((step) => step.phase !== 'before-case');
  const official = first && rt.staff.forLane(first.lane)[0];
  return official ? { petugas: { nama: official.name, jabatan: official.position } } : {};
}

/** The SOP with the receipt among its documents, where its seed lists none: received at intake, on the office's letterhead. */
function withReceipt(sop: Sop): Sop {
  if (sop.documents.some((doc) => doc.kind === RECEIPT)) return sop;
  const intake = sop.steps.find((step) => step.phase !== 'before-case')?.no ?? 1;
  return {
    ...sop,
    documents: [
      ...sop.documents,
      {
        kind: RECEIPT,
        title: 'Bukti Tanda Terima Berkas',
        letterhead: 'dpmptsp',
        copies: 1,
        draftedAt: intake,
        parafAt: [],
      },
    ],
  };
}
