import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { readSignatures } from '#signing/read-signatures.ts';
import { CmsSigner, signPdfWith } from '#signing/sign-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';
import { parafRequest } from '../support/paraf-request.ts';
import { extractSignatures, tool } from '../support/pdf-signatures.ts';

/**
 * What a permit's signatures say of themselves, as the history sheets print them: read from the
 * file, checked against pdfsig and openssl, and each signer's certificate described once per process
 * (issue 21: a permit's sheets read the same few certificates at every copy and signature).
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-read-signatures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const officials = [
  { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' },
  { id: 'kabid', name: 'Dra. Siti Rahmawati', nip: '197505052000032002', position: 'Kepala Bidang' },
];

describe("a permit's signatures read from the file", () => {
  it('names each signer as pdfsig and openssl read the certificate, and describes a certificate read before without parsing it again', async () => {
    await new LocalPki(work).ensureOfficials(officials);
    const data = JSON.parse(readFileSync(new URL('../../examples/api-u.json', import.meta.url), 'utf8'));
    let pdf = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
    for (const [i, official] of officials.entries())
      pdf = await signPdfWith(
        pdf,
        parafRequest(official, `paraf-${i + 1}`, 120 + 50 * i),
        new CmsSigner(new LocalSigner(work), official.id),
      );
    const path = join(work, 'signed.pdf');
    writeFileSync(path, pdf);

    const facts = await readSignatures(pdf);
    expect(facts.map((f) => [f.field, f.reason, f.documentTimestamp])).toEqual([
      ['paraf-1', 'Paraf', false],
      ['paraf-2', 'Paraf', false],
    ]);
    const pdfsig = tool('pdfsig', [path], 'poppler-utils').stdout;
    expect([...pdfsig.matchAll(/Signer Certificate Common Name: (.+)/g)].map((m) => m[1])).toEqual(
      facts.map((f) => f.certificate?.commonName),
    );
    for (const [i, cms] of extractSignatures(pdf).entries()) {
      const der = join(work, `cms-${i}.der`);
      writeFileSync(der, cms.cms);
      const certificates = tool('openssl', ['pkcs7', '-inform', 'DER', '-in', der, '-print_certs'], 'openssl').stdout;
      const pem = certificates.split(/(?=-----BEGIN CERTIFICATE-----)/).filter((part) => part.includes('BEGIN'));
      const described = pem.map((one) => {
        const text = tool(
          'openssl',
          ['x509', '-noout', '-serial', '-subject', '-nameopt', 'RFC2253'],
          'openssl',
          Buffer.from(one),
        ).stdout;
        return {
          serial: /serial=(\w+)/.exec(text)?.[1]?.toLowerCase(),
          subject: /subject=(.+)/.exec(text)?.[1]?.trim(),
        };
      });
      const signer = described.find(
        (c) => c.serial?.replace(/^0+/, '') === facts[i]!.certificate?.serial.replace(/^0+/, ''),
      );
      expect(signer, `signature ${i + 1}: the signer's certificate among the CMS's`).toBeDefined();
      expect(signer?.subject).toContain(`CN=${facts[i]!.certificate?.commonName}`);
    }

    // The same file read again (the next copy's sheet): no certificate parsed or encoded again.
    const parse = vi.spyOn(AsnConvert, 'parse');
    const serialize = vi.spyOn(AsnConvert, 'serialize');
    try {
      const again = await readSignatures(pdf);
      expect(again).toEqual(facts);
      expect(parse.mock.calls.filter(([, type]) => type === Certificate)).toHaveLength(0);
      expect(serialize.mock.calls.filter(([value]) => value instanceof Certificate)).toHaveLength(0);
    } finally {
      parse.mockRestore();
      serialize.mockRestore();
    }
    // Each read's facts are its own: a caller changing one changes nothing the next read returns.
    (facts[0]!.certificate as { commonName: string }).commonName = 'diubah';
    expect((await readSignatures(pdf))[0]!.certificate?.commonName).not.toBe('diubah');
  });
});
