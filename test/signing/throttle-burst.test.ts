import { describe, expect, it } from 'vitest';
import type { ParafError } from '#errors/paraf-error.ts';
import { CHECKS_BUSY, checkSigningFactor } from '#identity/signing-factor.ts';
import { countWrongTry, giveTryBack, MAX_FAILURES, takeTry, throttledUntil } from '#identity/throttle.ts';
import { currentTotp } from '#identity/totp.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * The throttle on signing codes and sign-ins holds against tries sent at once (an attack pass sent
 * 100 guesses together and every one was checked, the right one among them signing): each check
 * takes its try first, in one conditional write, and a right code gives it back.
 */
const at = parafForFile({ prefix: 'paraf-throttle-burst-' });
const store = () => ({ dynamo: at.paraf.runtime.dynamo, table: at.paraf.runtime.config.table });

/** The store, with every request sent through it counted (as bench/count-calls.ts counts at the client's `send`). */
function countedStore() {
  const counted = { requests: 0 };
  const send = (target: object, args: unknown[]) => {
    counted.requests++;
    return (Reflect.get(target, 'send') as (...sent: unknown[]) => unknown).apply(target, args);
  };
  const dynamo = new Proxy(at.paraf.runtime.dynamo, {
    get: (target, name, receiver) =>
      name === 'send' ? (...args: unknown[]) => send(target, args) : Reflect.get(target, name, receiver),
  });
  return { counted, store: { ...store(), dynamo } };
}

/** Takes every try of the official's signing window now, as checks under way would hold them. */
async function holdEveryTry(official: string, now: Date) {
  for (let i = 0; i < MAX_FAILURES; i++)
    expect(await takeTry(store(), 'tanda-tangan', official, now)).toMatchObject({ taken: true });
}

/** A sign-in POST to /masuk from this process (one client, 127.0.0.1): its status and page. */
const signIn = (fields: Record<string, string>) =>
  fetch(`${at.paraf.url}/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: at.paraf.url, accept: 'text/html' },
    body: new URLSearchParams(fields),
  }).then(async (answer) => ({ status: answer.status, text: await answer.text() }));

/** A six-digit code that is not the secret's now (nor in the minute around it). */
function wrongCode(secret: string, n: number): string {
  const now = Date.now();
  const near = new Set([-30_000, 0, 30_000].map((shift) => currentTotp(secret, new Date(now + shift))));
  for (let i = n; ; i += 97) {
    const code = String(i % 1_000_000).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

describe('the throttle against a burst of tries', () => {
  it('checks no more than the window allows of signing codes sent at once, and the right code among them is refused too', async () => {
    const official = 'kasi-layanan';
    const { totpSecret } = at.credentials[official]!;
    const now = new Date();
    const guesses = Array.from({ length: 40 }, (_, i) => wrongCode(totpSecret, 1000 + i));
    guesses.splice(20, 0, currentTotp(totpSecret, now));
    const answers = await Promise.all(guesses.map((code) => checkSigningFactor(store(), official, code, false, now)));
    const reasons = answers.map((answer) => (answer.ok ? 'ok' : answer.reason));
    const checked = reasons.filter((reason) => reason !== 'throttled');
    expect(checked).toEqual(Array(MAX_FAILURES).fill('wrong'));
    // The right code came after the window's tries were taken: refused unchecked, and still now.
    expect(reasons[20]).toBe('throttled');
    const after = await checkSigningFactor(store(), official, currentTotp(totpSecret, now), false, now);
    expect(after).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('lets a right code give its try back, so only failures use the window up', async () => {
    const official = 'kabid-layanan';
    const { totpSecret } = at.credentials[official]!;
    const now = new Date();
    const check = (code: string) => checkSigningFactor(store(), official, code, false, now);
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      expect(await check(wrongCode(totpSecret, 5000 + i))).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await check(currentTotp(totpSecret, now))).toMatchObject({ ok: true });
    expect(await check(currentTotp(totpSecret, now))).toMatchObject({ ok: true });
    expect(await check(wrongCode(totpSecret, 6000))).toMatchObject({ ok: false, reason: 'wrong', left: 0 });
    expect(await check(currentTotp(totpSecret, now))).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('takes right codes of one official sent at once, waiting for the tries the checks under way give back', async () => {
    // The flow benchmark at 100 permits in flight had the Kasi's sixth right code refused as "too many wrong codes".
    const official = 'pemrosesan';
    const { totpSecret } = at.credentials[official]!;
    const now = new Date();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => checkSigningFactor(store(), official, currentTotp(totpSecret, now), false, now)),
    );
    expect(answers.map((answer) => (answer.ok ? 'ok' : answer.reason))).toEqual(Array(12).fill('ok'));
    // And wrong codes still use the window up: five, then the right code is refused.
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(await checkSigningFactor(store(), official, wrongCode(totpSecret, 7000 + i), false, now)).toMatchObject({
        ok: false,
        reason: 'wrong',
      });
    expect(await checkSigningFactor(store(), official, currentTotp(totpSecret, now), false, now)).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
  });

  it('signs in no one from a burst of wrong passwords sent at once, and checks no more than the window allows', async () => {
    const official = 'tata-usaha';
    const { password, totpSecret } = at.credentials[official]!;
    const tries = Array.from({ length: 30 }, (_, i) =>
      fetch(`${at.paraf.url}/masuk`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: at.paraf.url, accept: 'text/html' },
        body: new URLSearchParams({
          pejabat: official,
          kata_sandi: `${password}-salah-${i}`,
          kode: currentTotp(totpSecret),
        }),
      }).then(async (answer) => ({ status: answer.status, text: await answer.text() })),
    );
    const answers = await Promise.all(tries);
    const wrong = answers.filter((answer) => answer.text.includes('Nama, kata sandi, atau kode autentikator salah.'));
    const locked = answers.filter((answer) => answer.text.includes('Terlalu banyak percobaan masuk yang gagal'));
    expect(wrong.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(wrong.length + locked.length).toBe(30);
  });

  it('signs in every one of many right sign-ins of one official from one address sent at once; five wrong still lock', async () => {
    // An office behind one address signing in at once (or a page reloaded in several tabs) refused one of six.
    const official = 'pemeriksa';
    const { password, totpSecret } = at.credentials[official]!;
    const right = { pejabat: official, kata_sandi: password, kode: currentTotp(totpSecret) };
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn(right)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(303));
    const wrong = await Promise.all(
      Array.from({ length: MAX_FAILURES + 2 }, (_, i) => signIn({ ...right, kata_sandi: `${password}-salah-${i}` })),
    );
    expect(wrong.map((answer) => answer.status).sort()).toEqual([...Array(MAX_FAILURES).fill(401), 429, 429]);
    const locked = await signIn({ ...right, kode: currentTotp(totpSecret) });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Terlalu banyak percobaan masuk yang gagal untuk akun ini dari komputer ini.');
  });

  it('says the signing code is locked only for wrong codes, not for tries checks under way hold', async () => {
    const official = 'analis';
    const now = new Date();
    await holdEveryTry(official, now);
    // The refusal page's "coba lagi setelah pukul ..." would promise a time for a lock there is not.
    expect(await throttledUntil(store(), 'tanda-tangan', official, now)).toBeUndefined();
    expect(await checkSigningFactor(store(), official, '', false, now)).toEqual({ ok: false, reason: 'missing' });
    for (let i = 0; i < MAX_FAILURES; i++) await countWrongTry(store(), 'tanda-tangan', official, now);
    const until = await throttledUntil(store(), 'tanda-tangan', official, now);
    expect(until && until > now).toBe(true);
    expect(await checkSigningFactor(store(), official, '', false, now)).toEqual({
      ok: false,
      reason: 'throttled',
      until,
    });
  });

  it('waits for a try given back with a few reads of the table, not one every few dozen milliseconds', async () => {
    const official = 'pengolah';
    const { totpSecret } = at.credentials[official]!;
    const now = new Date();
    await holdEveryTry(official, now);
    const { counted, store: watched } = countedStore();
    const waiting = checkSigningFactor(watched, official, currentTotp(totpSecret, now), false, now);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await giveTryBack(store(), 'tanda-tangan', official, now);
    expect(await waiting).toMatchObject({ ok: true });
    // Its take, its reads while it waits (doubling pauses up to half a second), the take, the account, the give-back.
    expect(counted.requests).toBeLessThanOrEqual(20);
  });

  it('refuses a right code whose tries a stopped check never gave back as busy, not as too many wrong codes', async () => {
    const official = 'pengadministrasi';
    const { totpSecret } = at.credentials[official]!;
    const now = new Date();
    // Five checks took their tries and their process stopped: no wrong code among them.
    await holdEveryTry(official, now);
    const { counted, store: watched } = countedStore();
    const started = Date.now();
    const refused = (await checkSigningFactor(watched, official, currentTotp(totpSecret, now), false, now).catch(
      (error: unknown) => error,
    )) as ParafError;
    expect([refused.code, refused.message]).toEqual(['checks-busy', CHECKS_BUSY]);
    expect(refused.message).not.toMatch(/salah|pukul/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    // Ten seconds of waiting cost some thirty reads (the pauses double to half a second), not hundreds.
    expect(counted.requests).toBeLessThanOrEqual(60);
  }, 20_000);

  it('refuses a sign-in whose tries a stopped check never gave back as busy, with no time promised', async () => {
    const official = 'penghubung';
    const { password, totpSecret } = at.credentials[official]!;
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES; i++) await takeTry(store(), 'masuk-klien', `${official}#127.0.0.1`, now);
    const refused = await signIn({ pejabat: official, kata_sandi: password, kode: currentTotp(totpSecret) });
    expect(refused.status).toBe(503);
    expect(refused.text).toContain(
      'Paraf sedang memeriksa percobaan masuk lain untuk akun ini, jadi percobaan ini belum diperiksa. Tunggu sebentar, lalu coba lagi.',
    );
    expect(refused.text).not.toContain('Terlalu banyak');
  }, 20_000);
});
