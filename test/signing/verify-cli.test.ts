import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { issueApiUPermit } from '../support/issue-permit.ts';
import { signedElsewhereAsKepala } from '../support/pdf-signatures.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { scratchFolder } from '../support/scratch-folder.ts';

/**
 * `paraf verify` on a permit the local runtime issued, read back from its data folder: it fails
 * closed without trust anchors, refuses a copy re-signed by another installation, and tells the
 * issued revision from an earlier one cut back from it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const at = parafForFile({ prefix: 'paraf-verify-' });
const { dataDir } = at;
const { dir: work, file } = scratchFolder('paraf-verify-files-');
let issued: Uint8Array;
let documentId: string;
/**
 * The bin itself, as an operator runs it, with no data folder of its own to fall back on. Run
 * asynchronously: a synchronous run would stop this process's Paraf for its 10-45 s, and a kept-alive
 * connection the server closed meanwhile would then fail the next request (ECONNRESET).
 */
const verify = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      'npx',
      ['--no-install', 'paraf', 'verify', ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PARAF_DATA: join(work, 'no-data-folder') } },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });

beforeAll(async () => {
  ({ documentId, issued } = await issueApiUPermit(at));
}, 180_000);

/**
 * The file as it stood before its last `signaturesCut` signatures: each one is an appended revision
 * ending in %%EOF, and the last (the register stamp) is followed by two more, the validation data
 * (DSS) and the document timestamp.
 */
function cutBack(pdf: Uint8Array, signaturesCut: number): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const ends = [...text.matchAll(/%%EOF/g)].map((match) => match.index + match[0].length);
  return pdf.subarray(0, ends[ends.length - 3 - signaturesCut]);
}

describe('paraf verify', () => {
  it('fails closed without trust anchors, and says which to pass', async () => {
    const result = await verify(file('issued.pdf', issued));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('tidak ada sertifikat akar tepercaya');
    expect(result.stderr).toContain('--ca <ca.pem>');
    expect(result.stdout).not.toContain('SAH');
    // A ceiling, not a wait: each `npx paraf verify` starts tsx, 20-45 s of wall time on a loaded shared machine.
  }, 120_000);

  it('passes the issued copy with the data folder, and says it is the issued revision', async () => {
    const signatures = (await verifyPdf(issued)).signatures.length;
    expect(signatures).toBe(4); // Kasi's and Kabid's paraf, the Kepala's signature, the registration
    const result = await verify(file('issued.pdf', issued), '--data', dataDir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Sertifikat akar tepercaya: ${join(dataDir, 'pki', 'ca.cert.pem')}`);
    expect(result.stdout).toMatch(
      /Revisi terbit: ya, revisi 5 dari 5, salinan 1 api-u, permohonan [\w-]+, 4 tanda tangan/,
    );
    expect(result.stdout.trim().endsWith('HASIL: SAH')).toBe(true);
    expect(result.stdout.match(/^Tanda tangan \d: sah$/gm)).toHaveLength(4);
    // PAdES B-T: each signature's time is the local TSA's, which the data folder's CA certified.
    expect(
      result.stdout.match(
        /stempel waktu \d{4}-\d\d-\d\dT[\d:.]+Z dari Layanan Stempel Waktu Lokal \(penyedia tepercaya\); sertifikat berlaku pada waktu penandatanganan menurut stempel waktu\n {4}tingkat PAdES B-LTA/g,
      ),
    ).toHaveLength(4);
    // B-LT and B-LTA: the validation data after the register stamp, and a document timestamp over it all.
    expect(result.stdout).toMatch(
      /Data validasi \(DSS\): 6 sertifikat, 5 respons OCSP \(5 terverifikasi baik\), 1 daftar pencabutan CRL \(1 terverifikasi\)\n/,
    );
    expect(result.stdout).toMatch(
      /Stempel waktu dokumen stempel-waktu-[\w-]+: sah, \d{4}-[\d-]+T[\d:.]+Z dari Layanan Stempel Waktu Lokal \(penyedia tepercaya\); mencakup seluruh berkas/,
    );
  }, 120_000);

  it("names each signature's timestamp and its TSA on the public verification page", async () => {
    const page = await (
      await fetch(`${at.paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(
      page.match(/penanda waktu tepercaya dari Layanan Stempel Waktu Lokal: \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WITA/g),
    ).toHaveLength(4);
    const json = (await (
      await fetch(`${at.paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'application/json' } })
    ).json()) as { signers: { at: string; timestamp?: { at: string; tsa: string } }[] };
    // The TSA's time of each signature, checked against what paraf verify reads from the file itself.
    const fromFile = (await verifyPdf(issued)).signatures.map((s) => s.timestamp?.time);
    expect(json.signers.map((s) => s.timestamp?.at)).toEqual(fromFile);
    expect(json.signers.every((s) => s.timestamp?.tsa === 'Layanan Stempel Waktu Lokal')).toBe(true);
  });

  it('names the earlier revision of a copy cut back before its registration number, and fails it', async () => {
    const cut = cutBack(issued, 1);
    // Every signature left covers the whole cut file: on its signatures alone it would pass.
    const alone = await verifyPdf(cut);
    expect(alone.signatures.map((s) => s.valid)).toEqual([true, true, true]);
    expect(alone.unsignedTailBytes).toBe(0);
    const result = await verify(file('cut.pdf', cut), '--data', dataDir);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /BUKAN REVISI TERBIT: revisi 4 dari 5, salinan 1 api-u, permohonan [\w-]+: setelah Tanda tangan oleh .+ \(Kepala Dinas[^)]*\), sebelum Registrasi oleh .+ \(Petugas Tata Usaha\); salinan terbit memiliki 4 tanda tangan, berkas ini 3/,
    );
    expect(result.stdout.trim().endsWith('HASIL: TIDAK SAH')).toBe(true);
    const earlier = await verify(file('cut-2.pdf', cutBack(issued, 3)), '--data', dataDir);
    expect(earlier.status).toBe(1);
    expect(earlier.stdout).toMatch(
      /revisi 2 dari 5, .*: setelah Paraf oleh .+, sebelum Paraf oleh .+; salinan terbit memiliki 4 tanda tangan, berkas ini 1/,
    );
    // A ceiling, not a wait: each `npx paraf verify` starts tsx, 20-25 s of wall time on a loaded shared machine.
  }, 120_000);

  it('refuses a copy re-signed "as the Kepala" by another installation, whichever CA is given', async () => {
    const strangerDir = join(work, 'another-installation');
    const { signed: forged } = await signedElsewhereAsKepala(
      issued,
      at.paraf.runtime.staff.officials,
      strangerDir,
      'tanda-tangan-ulang',
    );
    const path = file('forged.pdf', forged);
    const ours = await verify(path, '--data', dataDir);
    expect(ours.status).toBe(1);
    expect(ours.stdout).toMatch(
      /Tanda tangan 5: TIDAK SAH \(sertifikat tidak diterbitkan oleh CA tepercaya\)\n {4}Tanda tangan oleh .+, kolom tanda-tangan-ulang; .+\n {4}sertifikat TIDAK tepercaya; mencakup seluruh berkas/,
    );
    expect(ours.stdout).toContain('TIDAK ADA DI ARSIP');
    const theirs = await verify(path, '--ca', join(strangerDir, 'pki', 'ca.cert.pem'));
    expect(theirs.status).toBe(1);
    expect(theirs.stdout).toMatch(/Tanda tangan 1: TIDAK SAH .+\n.+\n {4}sertifikat TIDAK tepercaya/);
    expect(theirs.stdout).toContain('Revisi terbit: tidak diperiksa');
    // A ceiling, not a wait: each `npx paraf verify` starts tsx, 20-25 s of wall time on a loaded shared machine.
  }, 120_000);
});
