import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import { fetchOcspResponse, ocspAddress, RevocationError } from './ocsp-client.ts';
import { signatureFieldNames } from './sign-pdf.ts';
import { readSignatureTimestamp, type TimestampAuthority } from './timestamp-client.ts';

const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
/** Room for a document timestamp's token with the TSA's chain. */
const DOCUMENT_TIMESTAMP_BYTES = 8192;

export interface LongTermSources {
  tsa: TimestampAuthority;
  /** The OCSP responder for certificates that name none (AIA); the local runtime's stand-in. */
  ocspUrl?: string;
}

/**
 * PAdES B-LT and B-LTA after a document's last signature, each as its own incremental update:
 *  1. the validation data (`addValidationData`): a /DSS with every certificate of every signature
 *     and of its timestamp, and an OCSP response for each certificate a CA issued;
 *  2. a document timestamp (`addDocumentTimestamp`) over the whole file, DSS included, so that the
 *     validation data is itself under a TSA's signature, renewable before that TSA's certificate expires.
 * A retry finds its document timestamp field and leaves the file as it is.
 */
export async function makeLongTerm(pdf: Uint8Array, fieldName: string, sources: LongTermSources): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  if (signatureFieldNames(doc).includes(fieldName)) return pdf;
  const withDss = await addValidationData(pdf, sources.ocspUrl);
  return addDocumentTimestamp(withDss, fieldName, sources.tsa);
}

/** Every signature's and document timestamp's CMS (DER, padding cut off), in field order. */
export function signatureContents(doc: PDFDocument): Uint8Array[] {
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  return fields.flatMap(([field]) => {
    if (field.dict.get(PDFName.of('FT')) !== PDFName.of('Sig')) return [];
    const value = field.dict.lookup(PDFName.of('V'));
    if (!(value instanceof PDFDict)) return [];
    const contents = value.lookup(PDFName.of('Contents'));
    if (!(contents instanceof PDFHexString) && !(contents instanceof PDFString)) return [];
    return [withoutPadding(contents.asBytes())];
  });
}

/** The TSA's time and name on a file's last signature, as its CMS says (for the records; verify-pdf checks it). */
export async function lastSignatureTimestamp(pdf: Uint8Array): Promise<{ at: string; tsa: string } | undefined> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const last = signatureContents(doc).at(-1);
  return last ? readSignatureTimestamp(last) : undefined;
}

/** The certificates a CMS carries, and those of the timestamp tokens in its signers' unsigned attributes. */
function certificatesOf(cms: Uint8Array): Uint8Array[] {
  const info = AsnConvert.parse(cms, ContentInfo);
  const signedData = AsnConvert.parse(info.content, SignedData);
  const own = (signedData.certificates ?? []).flatMap((choice) =>
    choice.certificate ? [new Uint8Array(AsnConvert.serialize(choice.certificate))] : [],
  );
  const tokens = signedData.signerInfos.flatMap((signer) =>
    (signer.unsignedAttrs ?? [])
      .filter((attribute) => attribute.attrType === TIMESTAMP_TOKEN)
      .flatMap((attribute) => attribute.attrValues.map((value) => certificatesOf(new Uint8Array(value)))),
  );
  return [...own, ...tokens.flat()];
}

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/**
 * Adds (or extends) the /DSS of the catalog in an incremental update: /Certs with every certificate
 * the signatures and their timestamps carry, /OCSPs with a fresh OCSP response for each one a CA in
 * that set issued (a self-signed root has none). A responder that cannot answer stops it: nothing
 * is added, and the caller's step fails and is retried.
 */
export async function addValidationData(pdf: Uint8Array, ocspUrl: string | undefined): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  const certificates = new Map<string, Uint8Array>();
  for (const cms of signatureContents(doc)) for (const der of certificatesOf(cms)) certificates.set(sha256(der), der);
  if (certificates.size === 0) throw new RevocationError('the document has no signature to add validation data for');
  const parsed = [...certificates.values()].map((der) => ({ der, cert: AsnConvert.parse(der, Certificate) }));
  const name = (value: object) => Buffer.from(AsnConvert.serialize(value));
  const responses: Uint8Array[] = [];
  for (const { der, cert } of parsed) {
    const issuerName = name(cert.tbsCertificate.issuer);
    if (issuerName.equals(name(cert.tbsCertificate.subject))) continue;
    const issuer = parsed.find((other) => name(other.cert.tbsCertificate.subject).equals(issuerName));
    if (!issuer) throw new RevocationError('a certificate of the document came without its issuer');
    const url = ocspAddress(der, ocspUrl);
    if (!url) throw new RevocationError('a certificate names no OCSP responder, and none is configured');
    responses.push(await fetchOcspResponse(der, issuer.der, url));
  }

  const context = doc.context;
  const stream = (bytes: Uint8Array): PDFRef => context.register(context.flateStream(bytes));
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const dss = existing ?? context.obj({});
  const append = (key: string, refs: PDFRef[]) => {
    const array = dss.lookupMaybe(PDFName.of(key), PDFArray) ?? context.obj([]);
    for (const ref of refs) array.push(ref);
    dss.set(PDFName.of(key), array);
  };
  append(
    'Certs',
    parsed.map(({ der }) => stream(der)),
  );
  append('OCSPs', responses.map(stream));
  if (!existing) doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  else context.registerObjectChange(dss);
  return doc.save({ useObjectStreams: false });
}

class DocumentTimestamper extends Signer {
  constructor(private readonly tsa: TimestampAuthority) {
    super();
  }
  override async sign(bytes: Buffer): Promise<Buffer> {
    return Buffer.from(await this.tsa.timestamp(bytes));
  }
}

/**
 * A document timestamp (PDF 2.0 /DocTimeStamp, /SubFilter /ETSI.RFC3161) as an invisible field in
 * its own incremental update: its /Contents is the TSA's token over the byte ranges, the whole file.
 */
export async function addDocumentTimestamp(
  pdf: Uint8Array,
  fieldName: string,
  tsa: TimestampAuthority,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  if (signatureFieldNames(doc).includes(fieldName)) return pdf;
  const context = doc.context;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i += 1) byteRange.push(PDFName.of('**********'));
  const value = context.register(
    context.obj({
      Type: 'DocTimeStamp',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.RFC3161',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(DOCUMENT_TIMESTAMP_BYTES * 2)),
    }),
  );
  const page = doc.getPage(0);
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: value,
      T: PDFString.of(fieldName),
      F: 4,
      P: page.ref,
    }),
  );
  page.node.addAnnot(widget);
  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widget);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  const withPlaceholder = await doc.save({ useObjectStreams: false });
  return new Uint8Array(await new SignPdf().sign(Buffer.from(withPlaceholder), new DocumentTimestamper(tsa)));
}

/** The /Contents hole is padded with zeros after the DER; the DER header says where it ends. */
export function withoutPadding(der: Uint8Array): Uint8Array {
  const first = der[1] ?? 0;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (der[2 + i] ?? 0);
    header = 2 + count;
  }
  return der.subarray(0, header + length);
}
