import type { Name } from '@peculiar/asn1-x509';
import { lastSignatureCms } from './last-signature-hole.ts';
import { signedDataOf } from './signed-data-of.ts';
import { readSignatureTimestamp } from './timestamp-client.ts';

const COMMON_NAME = '2.5.4.3';
const ORGANISATION = '2.5.4.10';

function attributeOf(name: Name, type: string): string | undefined {
  for (const rdn of name) for (const attribute of rdn) if (attribute.type === type) return attribute.value.toString();
  return undefined;
}

/**
 * What the records keep of the signature just made, the one that reaches the end of the file, read
 * without parsing the file (last-signature-hole.ts): its timestamp
 * (the TSA's time and name) and who issued its certificate, as its CMS says (not checked: verify-pdf
 * checks the chain): the issuing CA's common name, with its organisation where it names one. The
 * verification page names BSrE where BSrE's chain signed, and the office CA where Paraf's own keys did.
 */
export function lastSignatureFacts(pdf: Uint8Array): {
  timestamp?: { at: string; tsa: string } | undefined;
  issuer?: string | undefined;
} {
  const last = lastSignatureCms(pdf);
  if (!last) return {};
  return { timestamp: readSignatureTimestamp(last), issuer: issuerOf(last) };
}

function issuerOf(cms: Uint8Array): string | undefined {
  const signedData = signedDataOf(cms);
  const sid = signedData.signerInfos[0]?.sid.issuerAndSerialNumber;
  if (!sid) return undefined;
  const common = attributeOf(sid.issuer, COMMON_NAME);
  const organisation = attributeOf(sid.issuer, ORGANISATION);
  if (!common) return organisation;
  return organisation && !common.includes(organisation) ? `${common}, ${organisation}` : common;
}
