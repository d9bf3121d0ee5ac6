import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tool } from '../support/pdf-signatures.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { expectNothingChanged } from '../support/stored-state.ts';

/**
 * The office CA's CRL at a stable address: the app serves it at `<public URL>/pki/ca.crl`, and every
 * certificate the local PKI issues (officials, the office seal, the TSA) names it in
 * cRLDistributionPoints. openssl reads the extension, and checks a certificate against the CRL
 * fetched from that address, before and after a revocation.
 */
const at = parafForFile({ prefix: 'paraf-crl-' });
const { dataDir } = at;
const pki = join(dataDir, 'pki');

// Each test starts from the folder's own revocation list, in whatever order the tests run: the ones
// that revoke a certificate put the list back after them.
const revocations = join(pki, 'revoked.json');
let revocationsBefore: string | undefined;
beforeEach(() => {
  revocationsBefore = existsSync(revocations) ? readFileSync(revocations, 'utf8') : undefined;
});
afterEach(() => {
  if (revocationsBefore === undefined) rmSync(revocations, { force: true });
  else writeFileSync(revocations, revocationsBefore);
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
        new RegExp(`X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${at.paraf.url}/pki/ca.crl`),
      );
      expect(text, name).toContain(`CA Issuers - URI:${at.paraf.url}/pki/ca.crt`);
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
    const caDer = await fetchNamed(`${at.paraf.url}/pki/ca.crt`, 'ca.der');
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
    await expectNothingChanged(at.paraf, 'HEAD of the CRL and requests under /pki', async () => {
      expect((await fetch(`${at.paraf.url}/pki/ca.key`)).status).toBe(404);
      expect((await fetch(`${at.paraf.url}/pki/ca.crl`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${at.paraf.url}/pki/ca.crl`, { method: 'POST' })).status).toBe(404);
    });
  });
});

describe('the OCSP responder at <public URL>/pki/ocsp', () => {
  const caPem = () => join(pki, 'ca.cert.pem');
  // Not named in the certificates yet (local-pki.ts says why): asked at its address.
  const ocspUri = (_name: string) => `${at.paraf.url}/pki/ocsp`;
  const serialOf = (name: string) =>
    /serial=([0-9A-F]+)/.exec(openssl('x509', '-in', join(pki, name), '-noout', '-serial').stdout)![1]!.toLowerCase();
  /**
   * openssl as the client, at the address the certificate names, the answer checked against the CA.
   * Asynchronous: the responder runs in this process, which a synchronous child would block.
   */
  const ask = async (name: string) => {
    const result = await opensslAsync(
      'ocsp',
      '-issuer',
      caPem(),
      '-cert',
      join(pki, name),
      '-url',
      ocspUri(name)!,
      '-CAfile',
      caPem(),
    );
    return result.stdout + result.stderr;
  };

  it('says good for a valid certificate and revoked, with its time, once pki/revoked.json lists it (openssl ocsp)', async () => {
    const official = issued().find(
      (name) => !['tsa.cert.pem', 'segel-kantor.cert.pem'].includes(name) && !(serialOf(name) in revokedNow()),
    )!;
    const good = await ask(official);
    expect(good).toContain('Response verify OK');
    expect(good).toMatch(new RegExp(`${join(pki, official).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: good`));
    const at = '2026-11-30T02:00:00.000Z';
    writeFileSync(join(pki, 'revoked.json'), JSON.stringify({ ...revokedNow(), [serialOf(official)]: at }));
    const revoked = await ask(official);
    expect(revoked).toContain('Response verify OK');
    expect(revoked).toContain(': revoked');
    expect(revoked).toContain('Revocation Time: Nov 30 02:00:00 2026 GMT');
    // The TSA's certificate is not listed: still good under the same CA.
    expect(await ask('tsa.cert.pem')).toMatch(/tsa\.cert\.pem: good/);
  });

  it('answers a GET (RFC 6960 A.1) as a POST, and changes nothing on either', async () => {
    const before = snapshot();
    await expectNothingChanged(at.paraf, 'an OCSP request by GET and by POST', async () => {
      const request = join(dataDir, 'req.der');
      openssl('ocsp', '-issuer', caPem(), '-cert', join(pki, 'tsa.cert.pem'), '-no_nonce', '-reqout', request);
      const encoded = encodeURIComponent(readFileSync(request).toString('base64'));
      const got = await fetch(`${at.paraf.url}/pki/ocsp/${encoded}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/ocsp-response');
      const response = join(dataDir, 'resp.der');
      writeFileSync(response, new Uint8Array(await got.arrayBuffer()));
      const read = openssl(
        'ocsp',
        '-respin',
        response,
        '-issuer',
        caPem(),
        '-cert',
        join(pki, 'tsa.cert.pem'),
        '-CAfile',
        caPem(),
      );
      expect(read.stdout + read.stderr).toContain('Response verify OK');
      expect(read.stdout).toMatch(/tsa\.cert\.pem: good/);
      // Garbage is a malformed request (OCSP status 1), not an error page; the wrong type is refused.
      const garbage = await fetch(`${at.paraf.url}/pki/ocsp/${encodeURIComponent('bukan-ocsp')}`);
      expect(garbage.status).toBe(200);
      expect(new Uint8Array(await garbage.arrayBuffer())).toEqual(new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x01]));
      const wrongType = await fetch(`${at.paraf.url}/pki/ocsp`, { method: 'POST', body: readFileSync(request) });
      expect(wrongType.status).toBe(415);
      expect(await wrongType.text()).toContain('application/ocsp-request');
    });
    expect(snapshot()).toEqual(before);
  });
});

function revokedNow(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(join(pki, 'revoked.json'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

async function opensslAsync(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile('openssl', args, { encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    ),
  );
}

/** Every file of the data folder's pki/ with its content: what an OCSP answer must leave as it was. */
function snapshot(): Record<string, string> {
  return Object.fromEntries(readdirSync(pki).map((name) => [name, readFileSync(join(pki, name), 'base64')]));
}
