import { X509Certificate, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isParafError } from '#errors/paraf-error.ts';
import { LocalPki, type OfficialIdentity } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';

/**
 * An official's key the office revoked (pki/revoked.json, the walk of 2026-12-07: a permit was signed
 * four seconds after its Kepala's certificate was revoked, and issued). The key signs nothing from
 * the moment the revocation is written; the next start gives the official a new pair.
 */
const work = mkdtempSync(join(tmpdir(), 'paraf-revoked-'));
const data = join(work, 'data');
const pkiDir = join(data, 'pki');
const KEPALA: OfficialIdentity = {
  id: 'kepala',
  name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
  nip: '197205141998031007',
  position: 'Kepala Dinas',
};

afterAll(() => rmSync(work, { recursive: true, force: true }));

const certificateOf = () => new X509Certificate(readFileSync(join(pkiDir, 'kepala.cert.pem')));
/** The serial as openssl and the OCSP stand-in write it: lower-case hex, no leading zero byte. */
const serialOf = (certificate: X509Certificate) => certificate.serialNumber.toLowerCase().replace(/^(00)+/, '');

describe('a revoked official key', () => {
  it('signs nothing once revoked, waiting for the operator; the next start gives a new pair that signs', async () => {
    await new LocalPki(data).ensureOfficials([KEPALA]);
    const signer = new LocalSigner(data);
    const message = new TextEncoder().encode('izin');
    const before = certificateOf();
    const first = await signer.sign('kepala', message);
    expect(verify('sha256', message, before.publicKey, first.signature)).toBe(true);

    writeFileSync(join(pkiDir, 'revoked.json'), JSON.stringify({ [serialOf(before)]: '2026-12-07T10:00:00Z' }));
    const refused = await signer.sign('kepala', message).catch((error: unknown) => error);
    expect(isParafError(refused) && refused.code).toBe('certificate-missing');
    expect((refused as Error).message).toContain(
      `Sertifikat tanda tangan kepala (nomor seri ${serialOf(before)}) dicabut sejak 7 Desember 2026 pukul 18.00 WITA: tidak ada yang ditandatangani dengannya`,
    );
    expect((refused as Error).message).toContain('memulai ulang Paraf');

    // The next start: the revoked pair is set aside (kept: permits it signed before carry it), a new one made.
    expect(await new LocalPki(data).ensureOfficials([KEPALA])).toEqual([
      { id: 'kepala', serial: expect.stringMatching(new RegExp(`^${before.serialNumber}$`, 'i')), why: 'revoked' },
    ]);
    const after = certificateOf();
    expect(serialOf(after)).not.toBe(serialOf(before));
    expect(after.subject).toBe(before.subject);
    const setAside = readdirSync(pkiDir).filter((name) => name.startsWith('kepala.diganti-'));
    expect(setAside.map((name) => name.toLowerCase()).sort()).toEqual(
      ['cert', 'key'].map((kind) => `kepala.diganti-${before.serialNumber.toLowerCase()}.${kind}.pem`),
    );
    const renewed = await new LocalSigner(data).sign('kepala', message);
    expect(verify('sha256', message, after.publicKey, renewed.signature)).toBe(true);
    // A start after that changes nothing more.
    expect(await new LocalPki(data).ensureOfficials([KEPALA])).toEqual([]);
    expect(serialOf(certificateOf())).toBe(serialOf(after));
    expect(readdirSync(pkiDir).filter((name) => name.startsWith('kepala.'))).toHaveLength(4);
  });

  it('reads a serial as openssl prints it (capitals, a leading zero byte), and refuses a malformed file by its name', async () => {
    const dir = join(work, 'serials');
    const pki = join(dir, 'pki');
    await new LocalPki(dir).ensureOfficials([KEPALA]);
    const certificate = new X509Certificate(readFileSync(join(pki, 'kepala.cert.pem')));
    const asOpenssl = `00${serialOf(certificate).toUpperCase()}`;
    writeFileSync(join(pki, 'revoked.json'), JSON.stringify({ [asOpenssl]: '2026-12-07T10:00:00Z' }));
    await expect(new LocalSigner(dir).sign('kepala', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'certificate-missing',
    });
    writeFileSync(join(pki, 'revoked.json'), '{"1f3a": "kemarin"}');
    await expect(new LocalSigner(dir).sign('kepala', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'bad-setting',
      message: `${join(pki, 'revoked.json')} harus berisi {"<nomor seri sertifikat>": "<waktu pencabutan ISO 8601>"}; perbaiki berkas itu.`,
    });
  });

  it("sets the office seal's revoked pair aside too: the history sheets need a seal that signs", async () => {
    const pki = new LocalPki(data);
    expect(await pki.ensureSeal(OFFICE_SEAL)).toBeUndefined();
    const seal = new X509Certificate(readFileSync(join(pkiDir, `${OFFICE_SEAL.id}.cert.pem`)));
    writeFileSync(join(pkiDir, 'revoked.json'), JSON.stringify({ [serialOf(seal)]: '2026-12-07T10:00:00Z' }));
    await expect(new LocalSigner(data).sign(OFFICE_SEAL.id, new Uint8Array([1]))).rejects.toMatchObject({
      code: 'certificate-missing',
    });
    expect(await new LocalPki(data).ensureSeal(OFFICE_SEAL)).toMatchObject({ id: OFFICE_SEAL.id, why: 'revoked' });
    const renewed = new X509Certificate(readFileSync(join(pkiDir, `${OFFICE_SEAL.id}.cert.pem`)));
    expect(serialOf(renewed)).not.toBe(serialOf(seal));
    expect(renewed.subject).toBe(seal.subject);
    const signed = await new LocalSigner(data).sign(OFFICE_SEAL.id, new Uint8Array([1]));
    expect(verify('sha256', new Uint8Array([1]), renewed.publicKey, signed.signature)).toBe(true);
  });
});
