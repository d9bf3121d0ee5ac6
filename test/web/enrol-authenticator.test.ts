import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getAccount, setUpAccount } from '#identity/accounts.ts';
import { checkSigningFactor } from '#identity/signing-factor.ts';
import { MAX_FAILURES } from '#identity/throttle.ts';
import { currentTotp } from '#identity/totp.ts';
import { accountKey } from '#records/keys.ts';
import {
  checkAtBothWidths,
  DESK,
  launchChromium,
  newPersonPage,
  signInOnPage,
  submitByClick,
} from '../support/as-a-person.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { officialsAt } from '../support/staff-accounts.ts';
import { completeApplication } from '../../scripts/clerk.ts';

/**
 * The signing factor becomes the official's own: the authenticator key `npx paraf staf buat` printed
 * was seen by whoever ran it (a fresh-eyes walk: "the IT officer knows every official's signing key"),
 * so after the password the official enrols a key of their own at /autentikator before anything else
 * opens, and may enrol another later (the current key's code asked too). Accounts are made by the
 * CLI's own function (setUpAccount) on the runtime's table, which this process holds.
 */
const at = parafForFile({ prefix: 'paraf-enrol-authenticator-' });
const { store, send, signIn } = officialsAt(at);

/** The key a page shows as text, without its spaces. */
const keyOn = (text: string) => /id="kunci-baru">([A-Z2-7 ]+)</.exec(text)?.[1]?.replaceAll(' ', '');

/** A code that is not the secret's of this moment. */
const wrongCode = (secret: string) => (currentTotp(secret) === '123456' ? '654321' : '123456');

/** A CLI-made account whose official has chosen their password: what is left is the key. */
async function passwordChosen(official: string) {
  const made = await setUpAccount(store(), official, { withPassword: true });
  const first = await signIn(official, made.password!, made.totpSecret);
  const password = `${made.password}-Sendiri-1`;
  const changed = await send('/kata-sandi?lanjut=%2Ftugas', first.cookie!, {
    form: { kata_sandi_lama: made.password!, kata_sandi_baru: password, ulangi_kata_sandi: password },
  });
  expect(changed.status).toBe(303);
  return { printedKey: made.totpSecret, password, session: changed.cookie! };
}

/**
 * The reads of this official's account (GetItem, BatchGetItem naming it) while `act` runs, by command,
 * counted at the runtime's table client as bench/count-calls.ts counts them.
 */
async function accountReads<T>(official: string, act: () => Promise<T>): Promise<{ result: T; reads: string[] }> {
  const dynamo = at.paraf.runtime.dynamo;
  const { pk } = accountKey(official);
  const reads: string[] = [];
  const send = dynamo.send;
  dynamo.send = ((command: { constructor: { name: string }; input: object }, ...rest: unknown[]) => {
    const input = command.input as {
      Key?: { pk?: unknown };
      RequestItems?: Record<string, { Keys?: { pk?: unknown }[] }>;
    };
    const keys = [input.Key, ...Object.values(input.RequestItems ?? {}).flatMap((asked) => asked.Keys ?? [])];
    if (/^(Get|BatchGet)Command$/.test(command.constructor.name) && keys.some((key) => key?.pk === pk))
      reads.push(command.constructor.name);
    return (send as (...args: unknown[]) => unknown).call(dynamo, command, ...rest);
  }) as typeof dynamo.send;
  try {
    return { result: await act(), reads };
  } finally {
    dynamo.send = send;
  }
}

describe('the authenticator key becomes the official’s own', () => {
  it('after the password, opens nothing but the enrolment page, keeps its key per session, and changes nothing on a refusal', async () => {
    const official = 'kabid-layanan';
    const { printedKey, password, session } = await passwordChosen(official);

    expect(await send('/tugas', session)).toMatchObject({ status: 302, location: '/autentikator?lanjut=%2Ftugas' });
    expect(await send('/verifikasi', session)).toMatchObject({ status: 302 });
    const api = await send('/api/cases', session, { form: {} });
    expect(api.status).toBe(403);
    expect(api.text).toContain(
      'Daftarkan kunci baru Anda sendiri sebelum membuka halaman lain. Tidak ada yang diubah.',
    );
    // The password page still says the password was changed.
    expect((await send('/kata-sandi?diganti=1&lanjut=%2Ftugas', session)).text).toContain(
      'Kata sandi Anda sudah diganti.',
    );

    // Opening the page (HEAD, GET) stores nothing: the key offered is derived, not kept.
    const form = await expectNothingChanged(at.paraf, 'opening /autentikator', async () => {
      expect((await send('/autentikator?lanjut=%2Ftugas', session, { method: 'HEAD' })).status).toBe(200);
      return send('/autentikator?lanjut=%2Ftugas', session);
    });
    expect(form.status).toBe(200);
    expect(form.text).toContain('Kunci autentikator Anda masih kunci yang dibuat oleh pengelola Paraf.');
    const key = keyOn(form.text)!;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    expect(key).not.toBe(printedKey);
    // The first time only the new key's code is asked.
    expect(form.text).not.toContain('name="kode_lama"');
    // A reload shows the same key; another session of the same official gets its own.
    expect(keyOn((await send('/autentikator', session)).text)).toBe(key);
    const elsewhere = (await signIn(official, password, printedKey)).cookie!;
    const otherKey = keyOn((await send('/autentikator', elsewhere)).text);
    expect(otherKey).toMatch(/^[A-Z2-7]{32}$/);
    expect(otherKey).not.toBe(key);

    const before = await getAccount(store(), official);
    const refusals: [Record<string, string>, number, string][] = [
      [
        { kode_baru: wrongCode(key) },
        403,
        'Kode dari kunci baru salah atau sudah berganti (kodenya berganti tiap 30 detik). Kunci autentikator belum diganti;',
      ],
      // A throttle of its own counts it (the key is the one this page shows): one wrong code more, one try fewer.
      [
        { kode_baru: wrongCode(key) },
        403,
        'Sisa percobaan kode dari kunci baru: 3; sesudah itu halaman ini tidak menerima kode dari kunci baru sampai pukul',
      ],
      [
        { kode_baru: wrongCode(key) },
        403,
        'Kode salah di kolom ini tidak mengurangi percobaan kode saat menandatangani.',
      ],
      // The old key's code is no code of the new key.
      [{ kode_baru: currentTotp(printedKey) }, 403, 'Kode dari kunci baru salah'],
      [{ kode_baru: '' }, 403, 'Masukkan kode dari kunci baru (6 angka) untuk mengganti kunci autentikator.'],
      [
        { kode_baru: currentTotp(key), kode_lama: currentTotp(printedKey) },
        422,
        'Isian tidak dikenal: kode_lama. Kunci autentikator belum diganti.',
      ],
    ];
    for (const [fields, status, message] of refusals) {
      const refused = await send('/autentikator?lanjut=%2Ftugas', session, { form: fields });
      expect({ message, status: refused.status, shown: refused.text.includes(message) }).toEqual({
        message,
        status,
        shown: true,
      });
      // The page that answers shows the key already scanned.
      expect(keyOn(refused.text)).toBe(key);
    }
    // Another site's form changes nothing either (the app's origin check).
    const crossSite = await send('/autentikator', session, {
      form: { kode_baru: currentTotp(key) },
      origin: 'https://jahat.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await getAccount(store(), official)).toEqual(before);
    expect(keyOn((await send('/autentikator', session)).text)).toBe(key);
    // The new key's wrong codes spent none of the signing code's tries: a wrong signing code now is the first.
    expect(await checkSigningFactor(store(), official, wrongCode(printedKey), false)).toMatchObject({
      ok: false,
      reason: 'wrong',
      left: MAX_FAILURES - 1,
    });

    const saved = await send('/autentikator?lanjut=%2Ftugas', session, { form: { kode_baru: currentTotp(key) } });
    expect(saved).toMatchObject({ status: 303, location: '/autentikator?diganti=1&lanjut=%2Ftugas' });
    expect(saved.location).not.toContain(key);
    const fresh = saved.cookie!;
    expect((await send('/tugas', fresh)).status).toBe(200);
    const account = await getAccount(store(), official);
    expect(account?.totpSecret).toBe(key);
    expect(account?.mustEnrolAuthenticator).toBeUndefined();
    // The session it replaced and the one on another computer open nothing now; the printed key signs nobody in.
    for (const old of [session, elsewhere])
      expect(await send('/tugas', old)).toMatchObject({ status: 302, location: '/masuk?lanjut=%2Ftugas' });
    expect((await signIn(official, password, printedKey)).status).toBe(401);
    expect(await signIn(official, password, key)).toMatchObject({ status: 303, location: '/tugas' });
    // The Clerk acts as this official in the other tests (a shuffled order may walk a case through them).
    at.credentials[official] = { password, totpSecret: key };
  });

  it('reads the account once per view, GET and POST: the session check’s read serves the page', async () => {
    const official = 'analis';
    const { password, session } = await passwordChosen(official);
    const form = await accountReads(official, () => send('/autentikator?lanjut=%2Ftugas', session));
    expect(form.result.status).toBe(200);
    expect(form.reads).toEqual(['BatchGetCommand']);
    const key = keyOn(form.result.text)!;
    const saved = await accountReads(official, () =>
      send('/autentikator?lanjut=%2Ftugas', session, { form: { kode_baru: currentTotp(key) } }),
    );
    expect(saved.result).toMatchObject({ status: 303, location: '/autentikator?diganti=1&lanjut=%2Ftugas' });
    expect(saved.reads).toEqual(['BatchGetCommand']);
    expect((await getAccount(store(), official))?.totpSecret).toBe(key);
    // The Clerk acts as this official in the other tests.
    at.credentials[official] = { password, totpSecret: key };
  });

  it('re-enrols from a normal session only with the current key’s code too, and ends the other sessions', async () => {
    const official = 'kabid-pengendalian';
    const own = at.credentials[official]!;
    const session = (await signIn(official, own.password, own.totpSecret)).cookie!;
    const elsewhere = (await signIn(official, own.password, own.totpSecret)).cookie!;
    const tasks = await send('/tugas', session);
    expect(tasks.status).toBe(200);
    expect(tasks.text).toContain('<a href="/autentikator">Ganti kunci autentikator</a>');
    const form = await send('/autentikator', session);
    expect(form.text).toContain('<h1>Ganti kunci autentikator</h1>');
    expect(form.text).toContain('name="kode_lama"');
    const key = keyOn(form.text)!;

    const before = await getAccount(store(), official);
    const refusals: [Record<string, string>, string][] = [
      [
        { kode_baru: currentTotp(key) },
        'Masukkan kode dari kunci yang sekarang (6 angka) untuk mengganti kunci autentikator.',
      ],
      [
        { kode_lama: wrongCode(own.totpSecret), kode_baru: currentTotp(key) },
        'Kode dari kunci yang sekarang salah atau sudah berganti (kodenya berganti tiap 30 detik). Kunci autentikator belum diganti;',
      ],
      // The current key's code is the signing code: its wrong tries are the signature's, and the page says so.
      [
        { kode_lama: wrongCode(own.totpSecret), kode_baru: currentTotp(key) },
        'Kode salah di kolom ini dihitung bersama kode salah saat menandatangani: paling banyak 5 tiap 15 menit.',
      ],
      [{ kode_lama: currentTotp(own.totpSecret), kode_baru: wrongCode(key) }, 'Kode dari kunci baru salah'],
      [
        { kode_lama: currentTotp(own.totpSecret), kode_baru: currentTotp(key), kode: '1' },
        'Isian tidak dikenal: kode.',
      ],
    ];
    for (const [fields, message] of refusals) {
      const refused = await send('/autentikator', session, { form: fields });
      expect({ message, refused: refused.status >= 400, shown: refused.text.includes(message) }).toEqual({
        message,
        refused: true,
        shown: true,
      });
    }
    expect(await getAccount(store(), official)).toEqual(before);

    const saved = await send('/autentikator', session, {
      form: { kode_lama: currentTotp(own.totpSecret), kode_baru: currentTotp(key) },
    });
    expect(saved).toMatchObject({ status: 303, location: '/autentikator?diganti=1&lanjut=%2Ftugas' });
    expect((await send('/tugas', saved.cookie!)).status).toBe(200);
    expect((await getAccount(store(), official))?.totpSecret).toBe(key);
    for (const old of [session, elsewhere])
      expect(await send('/tugas', old)).toMatchObject({ status: 302, location: '/masuk?lanjut=%2Ftugas' });
    expect((await signIn(official, own.password, own.totpSecret)).status).toBe(401);
    expect((await signIn(official, own.password, key)).status).toBe(303);
    own.totpSecret = key;
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    /** The QR code on the page, as a camera would read it: a screenshot decoded by zbarimg, not by what drew it. */
    async function scanQr(page: Page): Promise<URL> {
      const shot = join(mkdtempSync(join(tmpdir(), 'paraf-qr-')), 'qr.png');
      await page.locator('figure.kode-qr svg').screenshot({ path: shot });
      return new URL(execFileSync('zbarimg', ['-q', '--raw', shot], { encoding: 'utf8' }).trim());
    }

    it('walks the official from the printed key to their own, scanned from the QR code, which alone signs from then on', async () => {
      const official = 'kasi-layanan';
      const made = await setUpAccount(store(), official, { withPassword: true });
      const page = await newPersonPage(browser);
      const code = currentTotp(made.totpSecret);
      await signInOnPage(page, `${at.paraf.url}/tugas`, { official, password: made.password!, code });
      const password = 'Samarinda-ulu-2026';
      await page.fill('#kata-sandi-lama', made.password!);
      await page.fill('#kata-sandi-baru', password);
      await page.fill('#ulangi-kata-sandi', password);
      await submitByClick(page, page.getByRole('button', { name: 'Simpan kata sandi' }));
      await page.getByRole('link', { name: 'Lanjutkan' }).click();
      await page.waitForURL(`${at.paraf.url}/autentikator?lanjut=%2Ftugas`);
      expect(await page.locator('h1').innerText()).toBe('Daftarkan kunci autentikator Anda');
      await checkAtBothWidths(page, 'autentikator-pertama');

      const scanned = await scanQr(page);
      expect(scanned.protocol).toBe('otpauth:');
      const key = scanned.searchParams.get('secret')!;
      expect((await page.locator('#kunci-baru').innerText()).replaceAll(' ', '')).toBe(key);
      expect(key).not.toBe(made.totpSecret);

      await page.fill('#kode-baru', wrongCode(key));
      await submitByClick(page, page.getByRole('button', { name: 'Simpan kunci baru' }));
      expect(await page.getByRole('alert').innerText()).toContain('Kode dari kunci baru salah atau sudah berganti');
      expect(await page.getByRole('alert').innerText()).toContain(
        'Sisa percobaan kode dari kunci baru: 4; sesudah itu halaman ini tidak menerima kode dari kunci baru sampai pukul',
      );
      await checkAtBothWidths(page, 'autentikator-ditolak');
      // After the refusal, and after a reload, the page shows the key already scanned.
      expect((await scanQr(page)).searchParams.get('secret')).toBe(key);
      await page.goto(`${at.paraf.url}/autentikator?lanjut=%2Ftugas`);
      expect((await scanQr(page)).searchParams.get('secret')).toBe(key);

      await page.fill('#kode-baru', currentTotp(key));
      await submitByClick(page, page.getByRole('button', { name: 'Simpan kunci baru' }));
      expect(await page.getByRole('status').innerText()).toContain('Kunci autentikator Anda sudah diganti.');
      await checkAtBothWidths(page, 'autentikator-diganti');
      await page.setViewportSize(DESK);
      await page.getByRole('link', { name: 'Lanjutkan' }).click();
      await page.waitForURL(`${at.paraf.url}/tugas`);
      expect(await page.getByRole('link', { name: 'Ganti kunci autentikator' }).count()).toBe(1);
      expect((await getAccount(store(), official))?.totpSecret).toBe(key);
      await page.context().close();

      // The Kasi's paraf at step 8 of API-U: the printed key's code signs nothing, the scanned key's does.
      const printed = made.totpSecret;
      at.credentials[official] = { password, totpSecret: key };
      const { body } = await at.clerk.submit(completeApplication(at.paraf.runtime.sop('SOP-LP2N-PPK-01')));
      for (;;) {
        const link = (await at.clerk.nextLink(body.fileNumber as string, 30_000))!;
        if (link.step === 8) {
          const refused = await at.clerk.decide(
            link.url,
            { decision: 'approve', kode: currentTotp(printed) },
            official,
          );
          expect(refused.status).toBe(403);
          expect(String(refused.body.message)).toContain('Kode autentikator salah atau sudah berganti');
          expect((await at.clerk.decide(link.url, { decision: 'approve' }, official)).status).toBe(200);
          break;
        }
        expect((await at.clerk.decide(link.url, { decision: 'approve' })).status, link.subject).toBe(200);
      }
    }, 240_000);
  });
});
