import { makeTestCa, nssTrusting } from '../support/test-ca.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { officeSealConfigured } from '#runtime/signer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { KmsSigner } from '#signing/kms-signer.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { signPdf } from '#signing/sign-pdf.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';
import { startKmsStandIn } from '../support/kms-stand-in.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-kms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the KMS signer', () => {
  it('signs through the AWS SDK with KMS signing the digest; pdfsig finds it valid and trusted', async () => {
    const kms = await startKmsStandIn('alias/paraf-kepala');
    try {
      const kepala = {
        id: 'kepala',
        name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
        nip: '197205141998031007',
        position: 'Kepala Dinas',
      };
      const ca = new LocalPki(join(work, 'data'));
      const certificates = await ca.issueCertificate(kepala, kms.publicKeySpki);
      const client = new KMSClient({
        endpoint: kms.endpoint,
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const signer = new KmsSigner(client, (id) =>
        id === 'kepala'
          ? { keyId: 'alias/paraf-kepala', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', certificates }
          : undefined,
      );

      const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
      const pdf = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[1]!.pdf;
      const signed = await signPdf(
        pdf,
        {
          officialId: 'kepala',
          fieldName: 'tanda-tangan-d10',
          reason: 'Tanda tangan',
          signerName: kepala.name,
          location: 'Samarinda',
          signingTime: new Date('2026-11-24T02:10:00Z'),
          page: 1,
          rect: { x: 330, y: 150, width: 200, height: 50 },
          lines: ['Ditandatangani secara elektronik oleh', kepala.name, 'pada 24 November 2026 pukul 10.10 WITA'],
        },
        signer,
      );
      client.destroy();

      expect(kms.requests).toEqual([
        expect.objectContaining({
          target: 'TrentService.Sign',
          KeyId: 'alias/paraf-kepala',
          MessageType: 'DIGEST',
          SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
        }),
      ]);
      writeFileSync(join(work, 'ca.pem'), await ca.caCertificatePem());
      const nss = nssTrusting(join(work, 'nss'), join(work, 'ca.pem'));
      writeFileSync(join(work, 'signed.pdf'), signed);
      const out = spawnSync('pdfsig', ['-nssdir', nss, join(work, 'signed.pdf')], { encoding: 'utf8' }).stdout;
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Certificate Validation: Certificate is Trusted.');
      expect(out).toContain('Signer Certificate Common Name: Dr. H. Bambang Suryadi, S.E., M.Si.');
      const report = await verifyPdf(signed, [certificates[1]!]);
      expect(report.ok).toBe(true);
    } finally {
      await kms.close();
    }
  });

  it('tells archive-case whether the office seal has a key: always locally, on KMS once the key file maps segel-kantor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paraf-seal-keys-'));
    const certificate = readFileSync(makeTestCa(dir, 'Segel').cert, 'utf8');
    const entry = { keyId: 'alias/uji', algorithm: 'ECDSA_SHA_256', certificates: [certificate] };
    const file = join(dir, 'kms-keys.json');
    const sealed = (signer: 'local' | 'kms', keys: Record<string, unknown>) => {
      writeFileSync(file, JSON.stringify(keys));
      return officeSealConfigured(
        { config: { signer, kmsKeysFile: signer === 'kms' ? file : undefined } } as Runtime,
        'segel-kantor',
      );
    };
    expect(await sealed('kms', { kepala: entry })).toBe(false);
    expect(await sealed('kms', { kepala: entry, 'segel-kantor': entry })).toBe(true);
    expect(await sealed('local', {})).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the official whose key is not certified, with the code the machines wait on', async () => {
    const signer = new KmsSigner(new KMSClient({ region: 'ap-southeast-3' }), () => undefined);
    await expect(signer.sign('kabid', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'certificate-missing',
      message: expect.stringContaining('Kunci tanda tangan kabid belum bersertifikat'),
    });
  });
});
