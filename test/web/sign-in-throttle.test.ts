import { describe, expect, it } from 'vitest';
import { readConfig } from '#config/read-config.ts';
import { isParafError } from '#errors/paraf-error.ts';
import { MAX_FAILURES, SIGN_IN_CEILING } from '#identity/throttle.ts';
import { currentTotp } from '#identity/totp.ts';
import { postFormFrom } from '../support/post-from.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * /masuk is open to anyone, so its throttle counts failed sign-ins per official and client: a
 * stranger's wrong passwords stop the stranger's computer, not the official signing in from their
 * own (found by a walk of the running app: five wrong passwords from anywhere locked the Kepala out
 * for a quarter of an hour, again and again). The clients are distinct loopback addresses (the whole
 * of 127/8 reaches a server on 127.0.0.1 on Linux); 127.0.0.3 plays the office's proxy (PARAF_PROXY).
 */
const PROXY = '127.0.0.3';
const at = parafForFile({ prefix: 'paraf-sign-in-throttle-', config: { proxies: [PROXY] } });

/** One sign-in POST from the given local address, as a browser sends it; the status, the page and where it sends. */
const signIn = (from: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  postFormFrom(at.paraf.url, from, '/masuk', fields, headers);

const rightTry = (official: string) => {
  const { password, totpSecret } = at.credentials[official]!;
  return { pejabat: official, kata_sandi: password, kode: currentTotp(totpSecret) };
};
const wrongTry = (official: string, n: number) => ({ ...rightTry(official), kata_sandi: `salah-${n}` });
const LOCKED = 'Terlalu banyak percobaan masuk yang gagal untuk akun ini dari komputer ini.';

describe('the sign-in throttle, per official and client', () => {
  it("lets the official sign in from their own computer after a stranger's wrong passwords, and keeps the stranger stopped", async () => {
    const official = 'kepala';
    const stranger = await Promise.all(
      Array.from({ length: MAX_FAILURES + 2 }, (_, i) => signIn('127.0.0.2', wrongTry(official, i))),
    );
    expect(stranger.map((answer) => answer.status).sort()).toEqual([...Array(MAX_FAILURES).fill(401), 429, 429]);
    // The stranger holding the right password now is still refused, unchecked.
    const strangerRight = await signIn('127.0.0.2', rightTry(official));
    expect(strangerRight.status).toBe(429);
    expect(strangerRight.text).toContain(LOCKED);

    const own = await signIn('127.0.0.1', rightTry(official));
    expect(own).toMatchObject({ status: 303, location: '/' });
  });

  it('believes X-Forwarded-For only from PARAF_PROXY, and there counts the client the proxy names', async () => {
    const official = 'sekretaris';
    // A client forging a new address on each try is still one client: its socket's.
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await signIn('127.0.0.4', wrongTry(official, i), { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401);
    expect((await signIn('127.0.0.4', rightTry(official), { 'x-forwarded-for': '10.0.0.99' })).status).toBe(429);

    // Through the proxy: the stranger behind it (its last entry) is stopped, the official behind it is not.
    const viaProxy = (client: string, fields: Record<string, string>) =>
      signIn(PROXY, fields, { 'x-forwarded-for': `192.0.2.1, ${client}` });
    for (let i = 0; i < MAX_FAILURES; i++) expect((await viaProxy('10.1.1.1', wrongTry(official, i))).status).toBe(401);
    expect((await viaProxy('10.1.1.1', rightTry(official))).status).toBe(429);
    expect(await viaProxy('10.1.1.2', rightTry(official))).toMatchObject({ status: 303, location: '/' });
  });

  it('still bounds guessing spread over many clients: the official-wide ceiling stops every client', async () => {
    const official = 'kabid-pengendalian';
    const clients = SIGN_IN_CEILING / MAX_FAILURES;
    for (let client = 0; client < clients; client++) {
      const answers = await Promise.all(
        Array.from({ length: MAX_FAILURES }, (_, i) =>
          signIn(PROXY, wrongTry(official, i), { 'x-forwarded-for': `10.2.0.${client}` }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(MAX_FAILURES).fill(401));
    }
    const own = await signIn('127.0.0.1', rightTry(official));
    expect(own.status).toBe(429);
    expect(own.text).toContain('Terlalu banyak percobaan masuk yang gagal untuk akun ini dari banyak komputer.');
  }, 60_000);

  it('reads PARAF_PROXY as IP addresses, and refuses by name an entry that is not one', () => {
    const base = {
      PARAF_TABLE: 't',
      PARAF_BUCKET: 'b',
      PARAF_PUBLIC_URL: 'https://paraf.example.test',
      PARAF_DATA: '/tmp/x',
    };
    expect(readConfig(base).proxies).toEqual([]);
    expect(readConfig({ ...base, PARAF_PROXY: ' 127.0.0.1, ::ffff:10.0.0.5 ' }).proxies).toEqual([
      '127.0.0.1',
      '10.0.0.5',
    ]);
    const refused = (() => {
      try {
        return readConfig({ ...base, PARAF_PROXY: '127.0.0.1, caddy.lan' });
      } catch (error) {
        return error;
      }
    })();
    expect(isParafError(refused) && refused.message).toBe(
      'PARAF_PROXY harus berisi alamat IP proxy (misalnya 127.0.0.1); bukan alamat IP: caddy.lan.',
    );
  });
});
