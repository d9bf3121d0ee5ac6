import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import { Signer } from '@signpdf/utils';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  type Certificate,
  CertificateList,
  CRLDistributionPoints,
  id_ce_cRLDistributionPoints,
} from '@peculiar/asn1-x509';
import { isOutageStatus } from '#errors/service-outage.ts';
import { fetchOcspResponseFrom, ocspAddresses, RevocationError } from './ocsp-client.ts';
import { ocspFacts } from './ocsp-facts.ts';
import { certificateDer, parseCertificate } from './parse-certificate.ts';
import { addSignatureField, signatureFieldNames } from './sign-pdf.ts';
import { signatureFields } from './signature-fields.ts';
import { signedDataOf } from './signed-data-of.ts';
import {
  commonName,
  describeToken,
  signatureTimestampToken,
  type TimestampAuthority,
  type TsaCertificateFacts,
} from './timestamp-client.ts';

const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
/** Room for a document timestamp's token with the TSA's chain. */
const DOCUMENT_TIMESTAMP_BYTES = 8192;

export interface LongTermSources {
  tsa: TimestampAuthority;
  /** The OCSP responder for certificates that name none (AIA); the local runtime's stand-in. */
  ocspUrl?: string;
  /** A CRL the DSS carries beside the OCSP responses (the local runtime's development CA's). */
  crlUrl?: string | undefined;
  /**
   * Revocation answers fetched once for every copy made long-term in one step (the copies carry the
   * same signatures), by certificate or address; fetched after every copy is signed, so each answer is
   * as fresh for every copy's signatures as a fetch of its own would be. A failed fetch fails every copy.
   */
  fetched?: RevocationFetches;
}

export type RevocationFetches = Map<string, Promise<Uint8Array>>;

/** `fetch()` once per key in `fetched`, or every time without it. */
function fetchOnce(fetched: RevocationFetches | undefined, key: string, fetch: () => Promise<Uint8Array>) {
  if (!fetched) return fetch();
  let answer = fetched.get(key);
  if (!answer) {
    answer = fetch();
    fetched.set(key, answer);
  }
  return answer;
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
  const doc = await loadForUpdate(pdf);
  if (signatureFieldNames(doc).includes(fieldName)) return pdf;
  const withDss = await validationDataUpdate(doc, sources.ocspUrl, 'all', sources.crlUrl, sources.fetched);
  return addDocumentTimestamp(withDss, fieldName, sources.tsa);
}

/** A whole signed file parsed for an incremental update: the retry check and the DSS share one parse. */
const loadForUpdate = (pdf: Uint8Array) => PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });

/** Every signature's and document timestamp's CMS (DER, padding cut off), in field order. */
export function signatureContents(doc: PDFDocument): Uint8Array[] {
  return signatureValues(doc).map((value) => value.contents);
}

interface SignatureValue {
  field: string;
  contents: Uint8Array;
  /** A /DocTimeStamp (/SubFilter /ETSI.RFC3161): its contents are the TSA's token itself. */
  documentTimestamp: boolean;
  /** Where its byte range ends: the length of the file as it signed it. */
  end: number;
}

function signatureValues(doc: PDFDocument): SignatureValue[] {
  return signatureFields(doc).map(({ field, value, cms, documentTimestamp }) => {
    const range = (value.lookupMaybe(PDFName.of('ByteRange'), PDFArray)?.asArray() ?? []).map((n) =>
      n instanceof PDFNumber ? n.asNumber() : 0,
    );
    return { field, contents: cms, documentTimestamp, end: (range[2] ?? 0) + (range[3] ?? 0) };
  });
}

/** The certificates a CMS carries, and those of the timestamp tokens in its signers' unsigned attributes. */
function certificatesOf(cms: Uint8Array): Uint8Array[] {
  const signedData = signedDataOf(cms);
  const own = (signedData.certificates ?? []).flatMap((choice) =>
    choice.certificate ? [certificateDer(choice.certificate)] : [],
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
 * the signatures and their timestamps carry that it does not hold yet, /OCSPs with a fresh OCSP
 * response for each one a CA in that set issued (a self-signed root has none); with `scope`
 * 'last-timestamp' (a renewal), only for the certificates of the last document timestamp; /CRLs
 * with the configured CRL (`crlUrl`), and, for a certificate the responder does not say good of,
 * the CRL its own distribution point serves, when it answers. A responder that cannot answer stops
 * it: nothing is added, and the caller fails and is retried.
 */
export async function addValidationData(
  pdf: Uint8Array,
  ocspUrl: string | undefined,
  scope: 'all' | 'last-timestamp' = 'all',
  crlUrl?: string,
  fetched?: RevocationFetches,
): Promise<Uint8Array> {
  return validationDataUpdate(await loadForUpdate(pdf), ocspUrl, scope, crlUrl, fetched);
}

async function validationDataUpdate(
  doc: PDFDocument,
  ocspUrl: string | undefined,
  scope: 'all' | 'last-timestamp',
  crlUrl: string | undefined,
  fetched: RevocationFetches | undefined,
): Promise<Uint8Array> {
  const values = signatureValues(doc);
  const held = new Map(dssStreams(doc, 'Certs').map((der) => [sha256(der), der]));
  const certificates = new Map<string, Uint8Array>();
  for (const { contents } of values) for (const der of certificatesOf(contents)) certificates.set(sha256(der), der);
  if (certificates.size === 0) throw new RevocationError('the document has no signature to add validation data for');
  const lastStamp = values.filter((value) => value.documentTimestamp).at(-1);
  let scoped = [...certificates.values()];
  if (scope === 'last-timestamp') {
    if (!lastStamp) throw new RevocationError('the document has no document timestamp');
    scoped = certificatesOf(lastStamp.contents);
  }
  const parsed = [...new Map([...held, ...certificates]).values()].map((der) => ({
    der,
    cert: parseCertificate(der),
  }));
  const { responses, crls } = await revocationData(parsed, new Set(scoped.map(sha256)), ocspUrl, crlUrl, fetched);
  appendToDss(doc, {
    Certs: parsed.filter(({ der }) => !held.has(sha256(der))).map(({ der }) => der),
    OCSPs: responses,
    CRLs: crls,
  });
  return doc.save({ useObjectStreams: false });
}

/**
 * An OCSP response for each target certificate a CA in `known` issued, and the CRLs: the configured
 * one, and, for a certificate the responder does not say good of, the one its own distribution
 * point serves (best effort: a CRL that does not come is left out).
 */
async function revocationData(
  known: { der: Uint8Array; cert: Certificate }[],
  targets: Set<string>,
  ocspUrl: string | undefined,
  crlUrl: string | undefined,
  fetched?: RevocationFetches,
): Promise<{ responses: Uint8Array[]; crls: Uint8Array[] }> {
  const name = (value: object) => Buffer.from(AsnConvert.serialize(value));
  const responses: Uint8Array[] = [];
  const namedCrls = new Set<string>();
  for (const { der, cert } of known) {
    if (!targets.has(sha256(der))) continue;
    const issuerName = name(cert.tbsCertificate.issuer);
    if (issuerName.equals(name(cert.tbsCertificate.subject))) continue;
    const issuer = known.find((other) => name(other.cert.tbsCertificate.subject).equals(issuerName));
    if (!issuer) throw new RevocationError('a certificate of the document came without its issuer');
    const response = await fetchOnce(fetched, `ocsp ${sha256(der)}`, () =>
      fetchOcspResponseFrom(der, issuer.der, ocspAddresses(der, ocspUrl)),
    );
    responses.push(response);
    // A responder that knows nothing of it (another CA's, as BSrE's are to the office's responder):
    // the CRL the certificate itself names proves it instead.
    if (!saysGood(response)) for (const url of crlDistributionPoints(cert)) if (url !== crlUrl) namedCrls.add(url);
  }
  const crls = [
    ...(crlUrl ? [await fetchOnce(fetched, `crl ${crlUrl}`, () => fetchCrl(crlUrl))] : []),
    ...(
      await Promise.all(
        [...namedCrls].map((url) => fetchOnce(fetched, `crl ${url}`, () => fetchCrl(url)).catch(() => undefined)),
      )
    ).filter((der): der is Uint8Array => der !== undefined),
  ];
  return { responses, crls };
}

/** Appends each entry's DER objects as streams to the catalog's /DSS arrays, making the /DSS if there is none. */
function appendToDss(doc: PDFDocument, entries: Record<'Certs' | 'OCSPs' | 'CRLs', Uint8Array[]>): void {
  const context = doc.context;
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const dss = existing ?? context.obj({});
  for (const [key, objects] of Object.entries(entries)) {
    if (objects.length === 0 && key === 'CRLs') continue;
    const array = dss.lookupMaybe(PDFName.of(key), PDFArray) ?? context.obj([]);
    for (const bytes of objects) array.push(context.register(context.flateStream(bytes)));
    dss.set(PDFName.of(key), array);
  }
  if (!existing) doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  else context.registerObjectChange(dss);
}

/** Whether an OCSP response (DER) says good for the certificate it answers for. */
function saysGood(response: Uint8Array): boolean {
  try {
    return ocspFacts(response)?.statuses.some(({ status }) => status === 'good') ?? false;
  } catch {
    return false;
  }
}

/** The http(s) addresses a certificate's CRL distribution points name. */
function crlDistributionPoints(certificate: Certificate): string[] {
  const extension = certificate.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_cRLDistributionPoints);
  if (!extension) return [];
  return AsnConvert.parse(extension.extnValue, CRLDistributionPoints).flatMap(
    (point) =>
      point.distributionPoint?.fullName
        ?.map((general) => general.uniformResourceIdentifier)
        .filter((url): url is string => Boolean(url && /^https?:\/\//.test(url))) ?? [],
  );
}

/** A CRL as its distribution point serves it (DER), once it is known to be one; the verifier checks its signature. */
async function fetchCrl(url: string): Promise<Uint8Array> {
  let answer: Response;
  try {
    answer = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    throw new RevocationError(`the CRL at ${url} could not be fetched: ${(error as Error).message}`, true);
  }
  if (!answer.ok)
    throw new RevocationError(`the CRL at ${url} answered HTTP ${answer.status}`, isOutageStatus(answer.status));
  const der = new Uint8Array(await answer.arrayBuffer());
  try {
    AsnConvert.parse(der, CertificateList);
  } catch (error) {
    throw new RevocationError(`the CRL at ${url} is not a CertificateList: ${(error as Error).message}`);
  }
  return der;
}

/** The decoded streams of one array of the catalog's /DSS (/Certs, /OCSPs, /CRLs). */
function dssStreams(doc: PDFDocument, key: string): Uint8Array[] {
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  return (dss?.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).flatMap((ref) => {
    const stream = doc.context.lookup(ref);
    return stream instanceof PDFRawStream ? [decodePDFRawStream(stream).decode()] : [];
  });
}

/**
 * A renewal of a B-LTA file (PAdES's archive timestamp chain, ETSI EN 319 142-1 5.5): the current
 * OCSP response for the last document timestamp's TSA in a DSS update, then a new document
 * timestamp over everything, each its own incremental update. A retry finds its field and stops.
 */
export async function renewLongTerm(pdf: Uint8Array, fieldName: string, sources: LongTermSources): Promise<Uint8Array> {
  const doc = await loadForUpdate(pdf);
  if (signatureFieldNames(doc).includes(fieldName)) return pdf;
  const withDss = await validationDataUpdate(doc, sources.ocspUrl, 'last-timestamp', sources.crlUrl, undefined);
  return addDocumentTimestamp(withDss, fieldName, sources.tsa);
}

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** What the archive keeps of a copy's long-term validation (records/long-term-records.ts). */
export interface LongTermFacts {
  /** The level the file's structure reaches; verify-pdf checks the signatures and statuses behind it. */
  level: PadesLevel;
  /** Every TSA that time-stamped a signature or the document, once each. */
  tsas: TsaCertificateFacts[];
  lastTimestamp: { field: string; at: string; tsa: TsaCertificateFacts } | null;
  validationData: {
    certificates: { subject: string; serial: string; notAfter: string; sha256: string }[];
    ocspResponses: { sha256: string; producedAt: string; statuses: { serial: string; status: string }[] }[];
  };
}

/** Reads a signed copy's long-term facts from its bytes: the timestamps' TSAs, the DSS, the level it reaches. */
export async function describeLongTerm(pdf: Uint8Array): Promise<LongTermFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const values = signatureValues(doc);
  const stamps = values.flatMap((value) => {
    const token = value.documentTimestamp ? value.contents : signatureTimestampToken(value.contents);
    return token ? [{ value, ...describeToken(token) }] : [];
  });
  const tsas = new Map(stamps.map(({ tsa }) => [`${tsa.name}#${tsa.serial}`, tsa]));
  const certificates = dssStreams(doc, 'Certs').map((der) => {
    const cert = parseCertificate(der);
    return {
      subject: commonName(cert),
      serial: Buffer.from(cert.tbsCertificate.serialNumber).toString('hex'),
      notAfter: cert.tbsCertificate.validity.notAfter.getTime().toISOString(),
      sha256: sha256(der),
    };
  });
  const ocspResponses = dssStreams(doc, 'OCSPs').map((der) => {
    const facts = ocspFacts(der);
    return { sha256: sha256(der), producedAt: facts?.producedAt ?? '', statuses: [...(facts?.statuses ?? [])] };
  });
  const last = stamps.filter(({ value }) => value.documentTimestamp).at(-1);
  const dssAt = Buffer.from(pdf).indexOf('/DSS');
  const signatures = values.filter((value) => !value.documentTimestamp);
  const level: PadesLevel =
    !signatures.length || !signatures.every((value) => signatureTimestampToken(value.contents))
      ? 'B-B'
      : !certificates.length || !ocspResponses.length
        ? 'B-T'
        : last && dssAt >= 0 && last.value.end > dssAt
          ? 'B-LTA'
          : 'B-LT';
  return {
    level,
    tsas: [...tsas.values()],
    lastTimestamp: last ? { field: last.value.field, at: last.at, tsa: last.tsa } : null,
    validationData: { certificates, ocspResponses },
  };
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
  return addSignatureField(
    pdf,
    {
      fieldName,
      pageIndex: 0,
      rect: [0, 0, 0, 0],
      type: 'DocTimeStamp',
      subFilter: 'ETSI.RFC3161',
      contentsBytes: DOCUMENT_TIMESTAMP_BYTES,
    },
    new DocumentTimestamper(tsa),
  );
}
