import { PDFDict, PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { type BsreClient, BsreError } from './bsre-client.ts';
import { type Appearance, drawAppearance } from './sign-pdf.ts';
import type { TimestampAuthority } from './timestamp-client.ts';
import { timestampLastSignature } from './timestamp-last-signature.ts';
import { verifyPdf } from './verify-pdf.ts';

export interface BsreSignatureRequest extends Appearance {
  /** Unique within the document, as for every signature (e.g. "paraf-8-<decision id>"). */
  fieldName: string;
  /** The signer's NIK, from the staff directory. */
  nik: string;
  /** Asked of the signer at this moment; passed on to BSrE and kept nowhere. */
  passphrase: string;
}

/** The stamp a BSrE signature leaves, found by its name: a retried step signs nothing twice. */
function hasStamp(doc: PDFDocument, fieldName: string): boolean {
  return doc.getPages().some((page) =>
    (page.node.Annots()?.asArray() ?? []).some((ref) => {
      const name = doc.context.lookupMaybe(ref, PDFDict)?.get(PDFName.of('NM'));
      return name instanceof PDFString && name.decodeText() === fieldName;
    }),
  );
}

/** Paraf's own appearance in the reserved box, as an incremental revision that BSrE's signature will cover. */
async function stampAppearance(pdf: Uint8Array, request: BsreSignatureRequest): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  const page = doc.getPage(request.page - 1);
  const { x, y, width, height } = request.rect;
  const stamp = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [x, y, x + width, y + height],
      NM: PDFString.of(request.fieldName),
      F: 4,
      P: page.ref,
      AP: { N: drawAppearance(doc, request) },
    }),
  );
  page.node.addAnnot(stamp);
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}

/**
 * Signs a copy with the signer's BSrE certificate. BSrE's API v2 signs whole PDFs, not digests, so
 * the service holds the file for a moment and places the signature itself. What Paraf keeps in its
 * hands: the appearance (its own revision, drawn before, and covered by BSrE's signature), and the
 * check of what comes back: the file must be the one sent with exactly one signature appended,
 * valid and reaching the end of the file. Anything else (a rewritten file, which would break the
 * earlier paraf and signatures, or no new signature) is refused and nothing is stored. With a TSA,
 * the new signature gets its signature timestamp as Paraf's own do (PAdES B-T): the contract offers
 * no timestamp option, so the token is added to the CMS BSrE returned (timestamp-last-signature.ts).
 *
 * Steps:
 * 1. A copy that already carries this signature's stamp is returned as it is (a retried step).
 * 2. The signer's certificate must be active (check-status ISSUE).
 * 3. The appearance is drawn as an incremental revision.
 * 4. BSrE signs the whole file, invisibly.
 * 5. The answer is checked as above.
 * 6. With a TSA, the signature is time-stamped in its CMS, and checked again.
 */
export async function signWithBsre(
  client: BsreClient,
  pdf: Uint8Array,
  request: BsreSignatureRequest,
  tsa?: TimestampAuthority,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (hasStamp(doc, request.fieldName)) return pdf;
  await client.assertCanSign(request.nik);
  const prepared = await stampAppearance(pdf, request);
  const signed = await client.signPdf({ nik: request.nik, passphrase: request.passphrase, pdf: prepared });
  await checkOneSignatureAppended(prepared, signed);
  if (!tsa) return signed;
  const stamped = await timestampLastSignature(signed, tsa);
  await checkOneSignatureAppended(prepared, stamped);
  return stamped;
}

async function checkOneSignatureAppended(sent: Uint8Array, received: Uint8Array): Promise<void> {
  const prefixKept =
    received.length > sent.length && Buffer.from(received.subarray(0, sent.length)).equals(Buffer.from(sent));
  if (!prefixKept) throw new BsreError('refused', 'the signed file does not begin with the file sent');
  const [before, after] = await Promise.all([verifyPdf(sent), verifyPdf(received)]);
  const added = after.signatures.at(-1);
  if (after.signatures.length !== before.signatures.length + 1 || !added?.valid || !added.coversWholeFile)
    throw new BsreError(
      'refused',
      'the signed file does not carry exactly one new valid signature over the whole file',
    );
}
