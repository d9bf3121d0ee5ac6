import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { markedWhileWaitingForOperator } from '#cases/wait-for-operator.ts';
import { putCertificate } from '#records/certificates.ts';
import { getCase } from '#records/case-records.ts';
import { KmsSigner } from '#signing/kms-signer.ts';
import { storedKmsKeys } from '#runtime/signer.ts';
import { Clerk, completeApplication } from '../../scripts/clerk.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

const at = personAtParaf('paraf-menunggu-operator-');
const SOP = 'SOP-LP2N-PPK-01';

describe('a case a missing certificate pauses', () => {
  it('is shown as "menunggu operator" with the reason, then clears once the certificate is stored', async () => {
    const { paraf, page, credentials } = at;
    const rt = paraf.runtime;
    const clerk = new Clerk(paraf.url, credentials);
    const opened = await clerk.submit(completeApplication(rt.sop(SOP)!, 'PT Mahakam Menunggu Sertifikat'));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = String(opened.body.id);
    const fileNumber = String(opened.body.fileNumber);

    // The KMS signer as runtime/signer.ts builds it on AWS: its keys and chains read from the table.
    const signer = new KmsSigner(new KMSClient({ region: 'ap-southeast-3' }), storedKmsKeys(rt));
    const work = () => signer.certificates('kabid-baru');
    const failed = await markedWhileWaitingForOperator(rt, caseId, work, () => new Date('2026-12-02T02:00:00Z')).catch(
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failed).toMatchObject({ code: 'certificate-missing' });
    // A retry an hour later keeps the first failure's time.
    await markedWhileWaitingForOperator(rt, caseId, work, () => new Date('2026-12-02T03:00:00Z')).catch(
      () => undefined,
    );
    const reason =
      'Kunci tanda tangan kabid-baru belum bersertifikat: operator perlu menjalankan npx paraf aws certify. Berkas menunggu dan dicoba lagi.';
    expect((await getCase(rt.dynamo, rt.config.table, caseId))?.waitingForOperator).toEqual({
      since: '2026-12-02T02:00:00.000Z',
      reason,
    });
    expect((await clerk.json(`/api/cases/${caseId}`)).body.waitingForOperator).toEqual({
      since: '2026-12-02T02:00:00.000Z',
      reason,
    });

    await signInPage(page, paraf.url, credentials, 'tata-usaha');
    await page.goto(`${paraf.url}/dasbor?sop=${SOP}`);
    const shown = page.locator('li.menunggu-operator', { hasText: fileNumber });
    expect(await shown.innerText()).toBe(
      `${fileNumber}: menunggu operator sejak 2 Desember 2026 pukul 10.00 WITA. ${reason}`,
    );
    await checkAtBothWidths(page, 'dasbor-menunggu-operator', { skipTextsContaining: ['npx paraf aws certify'] });
    // The case's status page says it to staff; the applicant (not signed in) sees the file in progress only.
    const statusUrl = `${paraf.url}/cek-status?berkas=${encodeURIComponent(fileNumber)}&kode=${encodeURIComponent(String(opened.body.receiptCode))}`;
    await page.goto(statusUrl);
    expect(await page.locator('p.menunggu-operator').innerText()).toBe(
      `Menunggu operator sejak 2 Desember 2026 pukul 10.00 WITA. ${reason}`,
    );
    await checkAtBothWidths(page, 'cek-status-menunggu-operator', { skipTextsContaining: ['npx paraf aws certify'] });
    const anonymous = await (await fetch(statusUrl)).text();
    expect(anonymous).toContain(fileNumber);
    expect(anonymous).not.toContain('Menunggu operator');

    // The operator stores the chain (what `npx paraf aws certify` writes); the next try succeeds and clears the mark.
    const pem = readFileSync(join(paraf.dataDir, 'pki', 'ca.cert.pem'), 'utf8');
    await putCertificate(rt.dynamo, rt.config.table, {
      signerId: 'kabid-baru',
      keyId: 'arn:aws:kms:ap-southeast-3:111122223333:key/uji',
      algorithm: 'ECDSA_SHA_256',
      certificates: [pem],
      subject: 'CN=Kabid Baru',
      notAfter: '2028-12-02T00:00:00.000Z',
      storedAt: new Date().toISOString(),
    });
    expect(await markedWhileWaitingForOperator(rt, caseId, work)).toHaveLength(1);
    expect((await getCase(rt.dynamo, rt.config.table, caseId))?.waitingForOperator).toBeUndefined();
    expect((await clerk.json(`/api/cases/${caseId}`)).body.waitingForOperator).toBeNull();
    await page.goto(`${paraf.url}/dasbor?sop=${SOP}`);
    expect(await page.locator('li.menunggu-operator').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('Menunggu operator');
    await page.goto(statusUrl);
    expect(await page.locator('p.menunggu-operator').count()).toBe(0);
    await checkAtBothWidths(page, 'dasbor-operator-selesai');
  }, 180_000);

  it('waits for the operator when the stored certificate names someone else than the official now under its id (a new head)', async () => {
    const rt = at.paraf.runtime;
    const head = rt.staff.byId('kepala')!;
    const pem = readFileSync(join(at.paraf.dataDir, 'pki', 'ca.cert.pem'), 'utf8');
    const stored = (name: string) => ({
      signerId: 'kepala',
      keyId: 'arn:aws:kms:ap-southeast-3:111122223333:key/kepala',
      algorithm: 'ECDSA_SHA_256' as const,
      certificates: [pem],
      subject: `CN=${name.replaceAll(',', '\\,')}, 2.5.4.5=197205141998031007, T=Kepala Dinas, O=DPMPTSP Provinsi Kalimantan Timur, C=ID`,
      notAfter: '2028-12-02T00:00:00.000Z',
      storedAt: new Date(Date.now() + 120_000).toISOString(),
    });
    const keys = storedKmsKeys(rt);
    await putCertificate(rt.dynamo, rt.config.table, stored('Dr. H. Kepala Terdahulu, M.Si.'));
    await expect(keys('kepala')).rejects.toMatchObject({
      code: 'certificate-missing',
      message: `Sertifikat tanda tangan kepala menyebut Dr. H. Kepala Terdahulu, M.Si., bukan ${head.name} yang kini tercatat di daftar pejabat: operator perlu menjalankan npx paraf staf buat kepala dan npx paraf aws certify. Berkas menunggu dan dicoba lagi.`,
    });
    await putCertificate(rt.dynamo, rt.config.table, {
      ...stored(head.name),
      storedAt: new Date(Date.now() + 240_000).toISOString(),
    });
    expect(await storedKmsKeys(rt)('kepala')).toMatchObject({
      keyId: 'arn:aws:kms:ap-southeast-3:111122223333:key/kepala',
    });
  });

  it("waits for the operator when the certificate's CA says it is revoked (OCSP), and signs once it is not", async () => {
    const rt = at.paraf.runtime;
    const pki = join(at.paraf.dataDir, 'pki');
    const own = readFileSync(join(pki, 'kabid-layanan.cert.pem'), 'utf8');
    await putCertificate(rt.dynamo, rt.config.table, {
      signerId: 'kabid-layanan',
      keyId: 'arn:aws:kms:ap-southeast-3:111122223333:key/kabid',
      algorithm: 'ECDSA_SHA_256',
      // A chain the office CA certified, whose certificate names the CA's OCSP responder (here the local one's).
      certificates: [own, readFileSync(join(pki, 'ca.cert.pem'), 'utf8')],
      subject: `CN=${rt.staff.byId('kabid-layanan')!.name.replaceAll(',', '\\,')}`,
      notAfter: '2028-12-02T00:00:00.000Z',
      storedAt: new Date(Date.now() + 360_000).toISOString(),
    });
    const serial = new X509Certificate(own).serialNumber.toLowerCase().replace(/^(00)+/, '');
    const revokedFile = join(pki, 'revoked.json');
    writeFileSync(revokedFile, JSON.stringify({ [serial]: new Date(Date.now() - 60_000).toISOString() }));
    try {
      await expect(storedKmsKeys(rt)('kabid-layanan')).rejects.toMatchObject({
        code: 'certificate-missing',
        message:
          'Sertifikat tanda tangan kabid-layanan dicabut menurut layanan status sertifikat (OCSP): tidak ada yang ditandatangani dengannya. Operator perlu memberi pejabat itu kunci dan sertifikat baru lalu menjalankan npx paraf aws certify; berkas menunggu dan dicoba lagi.',
      });
    } finally {
      rmSync(revokedFile, { force: true });
    }
    expect(await storedKmsKeys(rt)('kabid-layanan')).toMatchObject({
      keyId: 'arn:aws:kms:ap-southeast-3:111122223333:key/kabid',
    });
  });
});
