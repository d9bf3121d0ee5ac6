import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getAccount, setUpAccount } from '#identity/accounts.ts';
import { newPasswordProblem } from '#identity/password-rules.ts';
import { currentTotp } from '#identity/totp.ts';
import {
  checkAtBothWidths,
  DESK,
  launchChromium,
  newPersonPage,
  signInOnPage,
  submitByClick,
} from '../support/as-a-person.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { officialsAt } from '../support/staff-accounts.ts';
import { Clerk } from '../../scripts/clerk.ts';

/**
 * A password `npx paraf staf buat` printed was seen by whoever ran it, so it opens nothing but the page
 * where the official chooses their own (found by a walk of the running app: the IT officer could sign
 * as the Kepala for good). The reset here is the CLI's own function (setUpAccount) on the runtime's
 * table, which this process holds.
 */
const at = parafForFile({ prefix: 'paraf-change-password-' });
const { store, send, signIn } = officialsAt(at);

describe('the password becomes the official’s own', () => {
  it('says a retyped password must differ, even when the printed one has no digit (one in twelve has none)', () => {
    const printed = 'abcdefghjkmnpqrs';
    expect(newPasswordProblem({ current: printed, next: printed, repeat: printed }, 'kabid-layanan')).toBe(
      'Kata sandi baru harus berbeda dari kata sandi yang sekarang.',
    );
  });

  it('sends a CLI-made password to the change page, refuses every other request, and changes nothing on a wrong try', async () => {
    const official = 'kabid-layanan';
    const made = await setUpAccount(store(), official, { withPassword: true });
    const first = await signIn(official, made.password!, made.totpSecret);
    expect(first).toMatchObject({ status: 303, location: '/kata-sandi?lanjut=%2Ftugas' });
    const session = first.cookie!;

    expect(await send('/tugas', session)).toMatchObject({ status: 302, location: '/kata-sandi?lanjut=%2Ftugas' });
    expect(await send('/verifikasi', session)).toMatchObject({ status: 302 });
    const api = await send('/api/cases', session, { form: {} });
    expect(api.status).toBe(403);
    expect(api.text).toContain('Pilih kata sandi Anda sendiri sebelum membuka halaman lain. Tidak ada yang diubah.');
    const form = await send('/kata-sandi?lanjut=%2Ftugas', session);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Kata sandi Anda masih kata sandi yang dibuat oleh pengelola Paraf.');

    const good = 'Samarinda-2026-sungai';
    const refusals: [Record<string, string>, string][] = [
      [
        { kata_sandi_lama: made.password!, kata_sandi_baru: 'pendek-1', ulangi_kata_sandi: 'pendek-1' },
        'Kata sandi baru terlalu pendek: paling sedikit 12 karakter (yang diisi 8).',
      ],
      [
        { kata_sandi_lama: made.password!, kata_sandi_baru: 'hanyahurufsaja', ulangi_kata_sandi: 'hanyahurufsaja' },
        'Kata sandi baru harus memuat huruf dan paling sedikit satu angka atau tanda baca.',
      ],
      [
        {
          kata_sandi_lama: made.password!,
          kata_sandi_baru: 'saya-kabid-layanan-1',
          ulangi_kata_sandi: 'saya-kabid-layanan-1',
        },
        'Kata sandi baru tidak boleh memuat nama akun Anda (kabid-layanan).',
      ],
      [
        { kata_sandi_lama: made.password!, kata_sandi_baru: made.password!, ulangi_kata_sandi: made.password! },
        'Kata sandi baru harus berbeda dari kata sandi yang sekarang.',
      ],
      [
        { kata_sandi_lama: made.password!, kata_sandi_baru: good, ulangi_kata_sandi: `${good}x` },
        'Kata sandi baru dan ulangannya tidak sama.',
      ],
      [
        { kata_sandi_lama: 'bukan-sandinya-1', kata_sandi_baru: good, ulangi_kata_sandi: good },
        'Kata sandi sekarang salah. Kata sandi belum diganti.',
      ],
      [{ kata_sandi_lama: made.password!, kata_sandi_baru: good }, 'ulangi_kata_sandi'],
    ];
    const before = await getAccount(store(), official);
    for (const [fields, message] of refusals) {
      const refused = await send('/kata-sandi?lanjut=%2Ftugas', session, { form: fields });
      expect({ message, status: refused.status, shown: refused.text.includes(message) }).toEqual({
        message,
        status: 422,
        shown: true,
      });
    }
    // Another site's form changes nothing either (the app's origin check).
    const crossSite = { kata_sandi_lama: made.password!, kata_sandi_baru: good, ulangi_kata_sandi: good };
    expect((await send('/kata-sandi', session, { form: crossSite, origin: 'https://jahat.example' })).status).toBe(403);
    expect(await getAccount(store(), official)).toEqual(before);
    expect(await send('/tugas', session)).toMatchObject({ status: 302, location: '/kata-sandi?lanjut=%2Ftugas' });
  });

  it('makes the chosen password the only one: the old one and the other sessions end, the new session opens every page', async () => {
    const official = 'kasi-layanan';
    // The key's own first sign-in is enrol-authenticator.test.ts's.
    const made = await setUpAccount(store(), official, { withPassword: true, mustEnrolAuthenticator: false });
    const elsewhere = (await signIn(official, made.password!, made.totpSecret)).cookie!;
    const session = (await signIn(official, made.password!, made.totpSecret)).cookie!;
    const good = 'Mahakam-sore-2026!';
    const changed = await send('/kata-sandi?lanjut=%2Ftugas', session, {
      form: { kata_sandi_lama: made.password!, kata_sandi_baru: good, ulangi_kata_sandi: good },
    });
    expect(changed).toMatchObject({ status: 303, location: '/kata-sandi?diganti=1&lanjut=%2Ftugas' });
    const fresh = changed.cookie!;
    expect(fresh).not.toBe(session);
    expect((await send('/tugas', fresh)).status).toBe(200);
    expect((await send('/kata-sandi?diganti=1&lanjut=%2Ftugas', fresh)).text).toContain(
      'Kata sandi Anda sudah diganti.',
    );
    // The session it replaced and the one on another computer open nothing now.
    for (const old of [session, elsewhere])
      expect(await send('/tugas', old)).toMatchObject({ status: 302, location: '/masuk?lanjut=%2Ftugas' });
    expect((await signIn(official, made.password!, made.totpSecret)).status).toBe(401);
    expect(await signIn(official, good, made.totpSecret)).toMatchObject({ status: 303, location: '/tugas' });
    expect((await getAccount(store(), official))?.mustChangePassword).toBeUndefined();

    // Later, from a normal session: the current password is asked again.
    const later = 'Mahakam-malam-2027?';
    const wrong = await send('/kata-sandi', fresh, {
      form: { kata_sandi_lama: 'salah-salah-1', kata_sandi_baru: later, ulangi_kata_sandi: later },
    });
    expect(wrong.status).toBe(422);
    const right = await send('/kata-sandi', fresh, {
      form: { kata_sandi_lama: good, kata_sandi_baru: later, ulangi_kata_sandi: later },
    });
    expect(right.status).toBe(303);
    expect(await signIn(official, later, made.totpSecret)).toMatchObject({ status: 303, location: '/tugas' });
  });

  it("lets the tests' Clerk, given what the CLI printed, choose a password and enrol a key first and then work as the official", async () => {
    const official = 'pemeriksa';
    const made = await setUpAccount(store(), official, { withPassword: true });
    const credentials = { [official]: { password: made.password!, totpSecret: made.totpSecret } };
    const clerk = new Clerk(at.paraf.url, credentials);
    const tasks = await clerk.fetch('/tugas', { redirect: 'manual' }, official);
    expect(tasks.status).toBe(200);
    expect(credentials[official]!.password).not.toBe(made.password);
    expect(credentials[official]!.totpSecret).not.toBe(made.totpSecret);
    const account = await getAccount(store(), official);
    expect(account?.mustChangePassword).toBeUndefined();
    expect(account?.mustEnrolAuthenticator).toBeUndefined();
    expect(account?.totpSecret).toBe(credentials[official]!.totpSecret);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('takes the official from sign-in to choosing their password and on to their tasks, at 412 and 1280 px', async () => {
      const official = 'sekretaris';
      const made = await setUpAccount(store(), official, { withPassword: true, mustEnrolAuthenticator: false });
      const page = await newPersonPage(browser);
      const code = currentTotp(made.totpSecret);
      await signInOnPage(page, `${at.paraf.url}/tugas`, { official, password: made.password!, code });
      expect(new URL(page.url()).pathname).toBe('/kata-sandi');
      expect(await page.locator('h1').innerText()).toBe('Pilih kata sandi Anda sendiri');
      await checkAtBothWidths(page, 'kata-sandi-pertama');

      const choose = async (repeat: string) => {
        await page.fill('#kata-sandi-lama', made.password!);
        await page.fill('#kata-sandi-baru', 'Balikpapan-2026');
        await page.fill('#ulangi-kata-sandi', repeat);
        await submitByClick(page, page.getByRole('button', { name: 'Simpan kata sandi' }));
      };
      await choose('Balikpapan-2025');
      expect(await page.getByRole('alert').innerText()).toContain('Kata sandi baru dan ulangannya tidak sama.');
      await checkAtBothWidths(page, 'kata-sandi-ditolak');

      await choose('Balikpapan-2026');
      expect(await page.getByRole('status').innerText()).toContain('Kata sandi Anda sudah diganti.');
      await checkAtBothWidths(page, 'kata-sandi-diganti');
      await page.setViewportSize(DESK);
      await page.getByRole('link', { name: 'Lanjutkan' }).click();
      await page.waitForURL(`${at.paraf.url}/tugas`);
      expect(await page.getByRole('link', { name: 'Ganti kata sandi' }).count()).toBe(1);
      await checkAtBothWidths(page, 'tugas-setelah-ganti');
    });
  });
});
