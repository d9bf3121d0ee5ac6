import type { Sop } from './schema.ts';

/**
 * The lane whose official signs a document: the step the SOP signs it at, or the office's signer
 * of a letter the seed names no signer for (config/signers.json). None: nobody signs it (a receipt).
 */
export function signingLaneOf(sop: Sop, kind: string): string | undefined {
  const doc = sop.documents.find((d) => d.kind === kind);
  if (!doc) return undefined;
  if (doc.signedAt !== undefined) return sop.steps.find((step) => step.no === doc.signedAt)?.lane;
  return doc.officeSigner;
}
