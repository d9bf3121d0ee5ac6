import { createHash } from 'node:crypto';
import { BasicOCSPResponse, OCSPResponse } from '@peculiar/asn1-ocsp';
import { AsnConvert } from '@peculiar/asn1-schema';

/** What Paraf reads of an OCSP response it carries in a DSS: when it was produced, and its statuses. */
export interface OcspFacts {
  readonly producedAt: string;
  readonly statuses: readonly { readonly serial: string; readonly status: 'good' | 'revoked' | 'unknown' }[];
}

/** A few permits' answers: a step's copies share theirs, and the archive's record reads them again. */
const KEPT = 256;
const known = new Map<string, OcspFacts | undefined>();

/**
 * The facts of an OCSP response (DER), or undefined when it carries no basic response. The same
 * answers are read for every copy of a step (whether each is good, for the DSS's CRLs) and again for
 * the copy's archive record (long-term-records.ts), and decoding them was a third of a permit's
 * remaining ASN.1 work; so each content is decoded once, found again by its SHA-256. The object is
 * shared and frozen: callers read it, and copy what they keep. Throws on what is not an
 * OCSPResponse, as the decoder does, and keeps nothing of it.
 */
export function ocspFacts(der: Uint8Array): OcspFacts | undefined {
  const key = createHash('sha256').update(der).digest('base64');
  if (known.has(key)) {
    const facts = known.get(key);
    known.delete(key);
    known.set(key, facts);
    return facts;
  }
  const facts = decodedFacts(der);
  known.set(key, facts);
  if (known.size > KEPT) known.delete(known.keys().next().value as string);
  return facts;
}

function decodedFacts(der: Uint8Array): OcspFacts | undefined {
  const response = AsnConvert.parse(der, OCSPResponse);
  if (!response.responseBytes) return undefined;
  const basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
  // Frozen: the cache hands the same object to every caller.
  return Object.freeze({
    producedAt: basic.tbsResponseData.producedAt.toISOString(),
    statuses: Object.freeze(
      basic.tbsResponseData.responses.map((single) =>
        Object.freeze({
          serial: Buffer.from(single.certID.serialNumber).toString('hex'),
          status: single.certStatus.good !== undefined ? 'good' : single.certStatus.revoked ? 'revoked' : 'unknown',
        } as const),
      ),
    ),
  });
}
