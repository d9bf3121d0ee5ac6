import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { removeDir, tempDataDir } from '../scripts/clerk.ts';
import { tool } from './support/pdf-signatures.ts';

/**
 * The office CA's CRL at a stable address: the app serves it at `<public URL>/pki/ca.crl`, and every
 * certificate the local PKI issues (officials, the office seal, the TSA) names it in
 * cRLDistributionPoints. openssl reads the extension, and checks a certificate against the CRL
 * fetched from that address, before and after a revocation.
 */
const dataDir = tempDataDir('paraf-crl-');
const pki = join(dataDir, 'pki');
let paraf: LocalParaf;

beforeAll(async () => {
  paraf = await startLocal({ dataDir, port: 0 });
}, 120_000);
afterAll(async () => {
  await paraf?.close();
  removeDir(dataDir);
});

const issued = () => readdirSync(pki).filter((name) => name.endsWith('.cert.pem') && name !== 'ca.cert.pem');
const openssl = (...args: string[]) => tool('openssl', args, 'openssl');
/** The address as the certificate names it, fetched over HTTP as any verifier would, and kept to a file. */
async function fetchNamed(url: string, file: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  const path = join(dataDir, file);
  writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
  return path;
}

describe('the CRL at <public URL>/pki/ca.crl', () => {
  it("is named in every certificate the office CA issues, with the CA certificate's address", () => {
    const names = issued();
    // The officials, the office seal and the TSA.
    expect(names).toEqual(expect.arrayContaining(['tsa.cert.pem', 'segel-kantor.cert.pem']));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const text = openssl('x509', '-in', join(pki, name), '-noout', '-text').stdout;
      expect(text, name).toMatch(
        new RegExp(`X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${paraf.url}/pki/ca.crl`),
      );
      expect(text, name).toContain(`CA Issuers - URI:${paraf.url}/pki/ca.crt`);
    }
  });

  it('serves the CRL signed by the CA, and openssl verify -crl_check accepts a certificate, then refuses it once revoked', async () => {
    const caPem = join(pki, 'ca.cert.pem');
    const official = issued().find((name) => name !== 'tsa.cert.pem' && name !== 'segel-kantor.cert.pem')!;
    const uri = (name: string) =>
      /CRL Distribution Points:\s+Full Name:\s+URI:(\S+)/.exec(
        openssl('x509', '-in', join(pki, name), '-noout', '-text').stdout,
      )![1]!;
    // The CA certificate from its caIssuers address is the one in the data folder.
    const caDer = await fetchNamed(`${paraf.url}/pki/ca.crt`, 'ca.der');
    expect(openssl('x509', '-inform', 'DER', '-in', caDer, '-noout', '-fingerprint', '-sha256').stdout).toBe(
      openssl('x509', '-in', caPem, '-noout', '-fingerprint', '-sha256').stdout,
    );
    const crl = await fetchNamed(uri(official), 'first.crl');
    const read = openssl('crl', '-inform', 'DER', '-in', crl, '-noout', '-text', '-CAfile', caPem);
    expect(read.stderr).toContain('verify OK');
    expect(read.stdout).toContain('No Revoked Certificates.');
    const crlPem = join(dataDir, 'first.crl.pem');
    openssl('crl', '-inform', 'DER', '-in', crl, '-out', crlPem);
    for (const name of [official, 'tsa.cert.pem', 'segel-kantor.cert.pem']) {
      const checked = openssl('verify', '-crl_check', '-CAfile', caPem, '-CRLfile', crlPem, join(pki, name));
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toContain(': OK');
    }

    const serial = /serial=([0-9A-F]+)/.exec(
      openssl('x509', '-in', join(pki, official), '-noout', '-serial').stdout,
    )![1]!;
    writeFileSync(join(pki, 'revoked.json'), JSON.stringify({ [serial.toLowerCase()]: new Date().toISOString() }));
    const later = await fetchNamed(uri(official), 'second.crl');
    const laterPem = join(dataDir, 'second.crl.pem');
    openssl('crl', '-inform', 'DER', '-in', later, '-out', laterPem);
    expect(openssl('crl', '-in', laterPem, '-noout', '-text').stdout).toContain(`Serial Number: ${serial}`);
    const refused = openssl('verify', '-crl_check', '-CAfile', caPem, '-CRLfile', laterPem, join(pki, official));
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('certificate revoked');
    // Another certificate of the same CA stays good under the same list.
    const other = openssl('verify', '-crl_check', '-CAfile', caPem, '-CRLfile', laterPem, join(pki, 'tsa.cert.pem'));
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(readFileSync(join(pki, 'revoked.json'), 'utf8')).toContain(serial.toLowerCase());
  });

  it('answers 404 for anything else under /pki, and nothing changes on HEAD', async () => {
    expect((await fetch(`${paraf.url}/pki/ca.key`)).status).toBe(404);
    expect((await fetch(`${paraf.url}/pki/ca.crl`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${paraf.url}/pki/ca.crl`, { method: 'POST' })).status).toBe(404);
  });
});
