import { documentDataFor } from '#documents/document-data.ts';
import { renderDocument } from '#documents/render-document.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { getDocumentFile } from './get-document-file.ts';
import { showReceipt } from './show-receipt.ts';

const RECEIPT = 'tanda-terima';

/**
 * The counter's receipt of a case as a PDF, for the one holding its receipt code:
 *  1. the case and its SOP, only with the code it printed (showReceipt);
 *  2. the copy the workflow rendered and archived, where the SOP drafts the receipt and it is there;
 *  3. otherwise rendered now from the case (before the workflow got to it, or for an SOP whose seed
 *     has no receipt: the DALAK activities), from the same template. Nothing is stored.
 */
export async function getReceiptFile(
  rt: Runtime,
  caseId: string,
  receiptCode: string | undefined,
): Promise<Uint8Array | undefined> {
  const receipt = await showReceipt(rt, caseId, receiptCode);
  if (!receipt) return undefined;
  const { record, sop } = receipt;
  const archived = sop.documents.some((doc) => doc.kind === RECEIPT)
    ? await getDocumentFile(rt, caseId, RECEIPT, { copy: 2 })
    : undefined;
  if (archived) return archived.bytes;
  const rendered = await renderDocument(withReceipt(sop), RECEIPT, documentDataFor(RECEIPT, sop, record, rt.staff));
  return rendered.copies.at(-1)?.pdf;
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
