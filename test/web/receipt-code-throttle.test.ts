import { describe, expect, it } from 'vitest';
import { NOT_FOUND_FOR_APPLICANT } from '#cases/confirm-receipt.ts';
import { RECEIPT_CODE_LIMIT, WINDOW_MS } from '#identity/throttle.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import { fileCase } from '../support/file-case.ts';
import { postFormFrom } from '../support/post-from.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * The receipt code is the applicant's only secret (the attack pass of 2026-12-07: guesses were not
 * counted at all). Wrong pairs of file number and code are counted per client, on every public page
 * that takes them; the clients are distinct loopback addresses (all of 127/8 reaches 127.0.0.1 on Linux).
 */
const at = parafForFile({ prefix: 'paraf-receipt-throttle-' });

/** A form POST from the given local address, as a browser sends it: the status and the page. */
const post = (from: string, path: string, fields: Record<string, string>) =>
  postFormFrom(at.paraf.url, from, path, fields);

/**
 * The count runs in fixed quarters of an hour (throttle.ts): a test that needs its tries in one
 * window waits out the last seconds of a quarter rather than straddle two.
 */
async function clearOfWindowEdge(marginMs = 20_000): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

const STOPPED =
  'Terlalu banyak nomor berkas dan kode tanda terima yang tidak cocok dikirim dari jaringan Anda, sehingga berkas belum dicari. Coba lagi setelah';

describe('wrong receipt codes on the public pages, counted per client', () => {
  it('stops a client after its wrong pairs, even with the right code, and lets other clients and right pairs through', async () => {
    const filed = await fileCase(at.clerk, completeApplication(at.paraf.runtime.sop('SOP-LP2N-PPK-01')));
    const right = { berkas: filed.fileNumber, kode: filed.receiptCode };

    // Right pairs take no try for long: far more of them than the limit, from one client, all open the file.
    for (let i = 0; i < RECEIPT_CODE_LIMIT + 5; i += 1) {
      const opened = await post('127.0.0.5', '/cek-status', right);
      expect(opened.status).toBe(200);
      expect(opened.text).toContain(filed.fileNumber);
    }

    // A guesser's wrong codes, on both pages and the confirmation's post, are "not found" until the limit.
    await clearOfWindowEdge();
    const pages = [
      (guess: Record<string, string>) => post('127.0.0.2', '/cek-status', guess),
      (guess: Record<string, string>) => post('127.0.0.2', '/pemohon', { ...guess, aksi: 'buka' }),
      (guess: Record<string, string>) => post('127.0.0.2', '/pemohon', { ...guess, aksi: 'kirim' }),
    ];
    for (let i = 0; i < RECEIPT_CODE_LIMIT; i += 1) {
      const guess = { berkas: filed.fileNumber, kode: `ZZZZ-${String(i).padStart(4, '0')}` };
      const answer = await pages[i % pages.length]!(guess);
      expect(answer.text).toContain(NOT_FOUND_FOR_APPLICANT);
    }
    // Then nothing is looked up for that client, the right pair included, on either page.
    const stoppedStatus = await post('127.0.0.2', '/cek-status', right);
    expect(stoppedStatus.status).toBe(429);
    expect(stoppedStatus.text).toContain(STOPPED);
    expect(stoppedStatus.text).not.toContain('Janji selesai');
    const stoppedPage = await post('127.0.0.2', '/pemohon', { ...right, aksi: 'buka' });
    expect(stoppedPage.status).toBe(429);
    expect(stoppedPage.text).toContain(STOPPED);

    // The applicant on another network still opens their file.
    const applicant = await post('127.0.0.4', '/pemohon', { ...right, aksi: 'buka' });
    expect(applicant.status).toBe(200);
    expect(applicant.text).toContain('Permohonan Anda');
  });

  it('counts no pair no file can have (no code, or longer than the forms take)', async () => {
    await clearOfWindowEdge();
    for (let i = 0; i < RECEIPT_CODE_LIMIT + 2; i += 1) {
      const answer = await post('127.0.0.6', '/cek-status', {
        berkas: 'API-U/2026/99999',
        kode: i % 2 ? '' : 'Z'.repeat(21),
      });
      expect(answer.text).toContain(NOT_FOUND_FOR_APPLICANT);
      expect(answer.text).not.toContain(STOPPED);
    }
  });
});
