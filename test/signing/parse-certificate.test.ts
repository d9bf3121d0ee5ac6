import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '#signing/parse-certificate.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { scratchFolder } from '../support/scratch-folder.ts';
import { makeTestCa } from '../support/test-ca.ts';

/**
 * The parsed-certificate cache the signing path shares (build-cms, the OCSP client and responder,
 * the DSS, the TSA stand-in): certificates made by openssl, the cache's answers read back.
 */
const scratch = scratchFolder('paraf-parse-certificate-');
const certificateDer = (name: string) =>
  pemToDer(readFileSync(makeTestCa(join(scratch.dir, name), `Paraf ${name}`).cert, 'utf8'));

const commonName = (der: Uint8Array) => {
  const subject = parseCertificate(der).tbsCertificate.subject;
  return subject.flatMap((rdn) => rdn.filter((entry) => entry.type === '2.5.4.3').map((entry) => String(entry.value)));
};

describe('parseCertificate', () => {
  it('parses a certificate once: the same bytes, wherever they sit, give the same structure, which encodes back to them', () => {
    const der = certificateDer('kepala');
    const first = parseCertificate(der);
    expect(Buffer.from(AsnConvert.serialize(first)).equals(Buffer.from(der))).toBe(true);
    expect(commonName(der)).toEqual(['Paraf kepala']);
    // The same certificate read again, inside a larger buffer at an offset (as a PDF's DSS holds it).
    const within = new Uint8Array(der.length + 7);
    within.set(der, 5);
    expect(parseCertificate(within.subarray(5, 5 + der.length))).toBe(first);
    expect(parseCertificate(der.slice().buffer)).toBe(first);

    const other = certificateDer('sekretaris');
    expect(parseCertificate(other)).not.toBe(first);
    expect(commonName(other)).toEqual(['Paraf sekretaris']);
  });

  it('keeps the 64 used last: a certificate not used since 64 others were parsed is parsed again', () => {
    const kept = certificateDer('lama');
    const first = parseCertificate(kept);
    const others = Array.from({ length: 63 }, (_, i) => certificateDer(`lain-${i}`));
    for (const der of others) parseCertificate(der);
    // 64 held: the first is still there, and using it makes it the newest.
    expect(parseCertificate(kept)).toBe(first);
    parseCertificate(certificateDer('baru-1'));
    expect(parseCertificate(kept)).toBe(first);
    for (const der of others) parseCertificate(der);
    parseCertificate(certificateDer('baru-2'));
    const again = parseCertificate(kept);
    expect(again).not.toBe(first);
    expect(Buffer.from(AsnConvert.serialize(again)).equals(Buffer.from(kept))).toBe(true);
  });
});
