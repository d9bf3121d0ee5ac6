import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { CmsSigner, signPdfWith } from '#signing/sign-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';
import { parafRequest } from '../support/paraf-request.ts';
import { tool } from '../support/pdf-signatures.ts';

/**
 * A new Kepala Dinas under the same id in the staff directory (the staff walk: the new head signed
 * with the certificate that named the one before). Each start gives an official whose name, NIP or
 * position changed a key and certificate of their own; what the one before signed still verifies.
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-successor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const before = { id: 'kepala', name: 'Dr. H. Bambang Suryadi', nip: '197205141998031007', position: 'Kepala Dinas' };
const after = { id: 'kepala', name: 'Ir. Sri Wahyuni, M.Sc.', nip: '197803122003122004', position: 'Kepala Dinas' };
const pki = join(work, 'pki');
const subjectOf = (file: string) =>
  tool('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', file], 'openssl').stdout.trim();

async function signedBy(official: typeof before, file: string): Promise<string> {
  const data = JSON.parse(readFileSync(new URL('../../examples/api-u.json', import.meta.url), 'utf8'));
  const pdf = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
  const signed = await signPdfWith(
    pdf,
    parafRequest(official, 'paraf-1', 120),
    new CmsSigner(new LocalSigner(work), official.id),
  );
  const path = join(work, file);
  writeFileSync(path, signed);
  return path;
}

describe("an official's successor under the same id", () => {
  it('gets a key and certificate naming them; the one before is set aside, kept, and its signature still verifies', async () => {
    await new LocalPki(work).ensureOfficials([before]);
    const firstKey = readFileSync(join(pki, 'kepala.key.pem'), 'utf8');
    const old = await signedBy(before, 'bambang.pdf');
    // The same identity again: nothing changes.
    await new LocalPki(work).ensureOfficials([before]);
    expect(readFileSync(join(pki, 'kepala.key.pem'), 'utf8')).toBe(firstKey);
    expect(readdirSync(pki).filter((name) => name.includes('diganti'))).toEqual([]);

    await new LocalPki(work).ensureOfficials([after]);
    expect(subjectOf(join(pki, 'kepala.cert.pem'))).toContain('CN=Ir. Sri Wahyuni\\, M.Sc.');
    expect(subjectOf(join(pki, 'kepala.cert.pem'))).toContain('197803122003122004');
    expect(readFileSync(join(pki, 'kepala.key.pem'), 'utf8')).not.toBe(firstKey);
    const setAside = readdirSync(pki)
      .filter((name) => name.includes('.diganti-'))
      .sort();
    expect(setAside).toHaveLength(2);
    expect(setAside[0]).toMatch(/^kepala\.diganti-[0-9a-f]+\.cert\.pem$/);
    expect(readFileSync(join(pki, setAside[1]!), 'utf8')).toBe(firstKey);
    expect(subjectOf(join(pki, setAside[0]!))).toContain('CN=Dr. H. Bambang Suryadi');

    // What each signed names its own signer, both against the same CA.
    const ca = join(pki, 'ca.cert.pem');
    const nss = mkdtempSync(join(work, 'nss-'));
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'ca', '-t', 'CT,C,C', '-i', ca]);
    const fresh = await signedBy(after, 'sri.pdf');
    for (const [path, name] of [
      [old, 'Dr. H. Bambang Suryadi'],
      [fresh, 'Ir. Sri Wahyuni, M.Sc.'],
    ] as const) {
      const report = tool('pdfsig', ['-nssdir', `sql:${nss}`, path], 'poppler-utils').stdout;
      expect(report, path).toContain(`Signer Certificate Common Name: ${name}`);
      expect(report, path).toContain('Signature Validation: Signature is Valid.');
      expect(report, path).toContain('Certificate Validation: Certificate is Trusted.');
    }
    expect(existsSync(join(pki, 'kepala.cert.pem'))).toBe(true);
  });
});
