import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { startCognitoStandIn } from '../support/cognito-stand-in.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { launchChromium } from '../support/as-a-person.ts';

const CLIENT_ID = 'paraf-web-client';
const dataDir = tempDataDir('paraf-sign-in-');
let paraf: LocalParaf;
let pool: Awaited<ReturnType<typeof startCognitoStandIn>>;

beforeAll(async () => {
  pool = await startCognitoStandIn(CLIENT_ID);
  paraf = await startLocal({
    dataDir,
    port: 0,
    config: { auth: { kind: 'cognito', issuer: pool.issuer, clientId: CLIENT_ID, domain: pool.domain } },
  });
});
afterAll(async () => {
  await paraf?.close();
  await pool?.close();
  removeDir(dataDir);
});

/** A browser's part: one request, no redirects followed, the cookies it holds sent along. */
async function visit(url: string, cookies: Map<string, string>, init: RequestInit = {}) {
  const response = await fetch(url.startsWith('http') ? url : `${paraf.url}${url}`, {
    ...init,
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      ...(init.headers as Record<string, string>),
    },
  });
  const setCookies = response.headers.getSetCookie();
  for (const header of setCookies) {
    const [pair] = header.split(';');
    const [name, ...value] = pair!.split('=');
    if (/max-age=0/i.test(header) || value.join('=') === '') cookies.delete(name!);
    else cookies.set(name!, value.join('='));
  }
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    setCookies,
    text: await response.text(),
  };
}

/** The whole sign-in, as a browser goes through it: page, /masuk, the pool, /masuk/kembali, back. */
async function signIn(user: string, startAt = '/tugas') {
  const cookies = new Map<string, string>();
  pool.signInAs(user);
  const first = await visit(startAt, cookies);
  expect(first.status).toBe(302);
  const toPool = await visit(first.location, cookies);
  const back = await visit(toPool.location, cookies);
  const landed = await visit(back.location, cookies);
  return { cookies, first, toPool, back, landed };
}

describe('staff sign-in on AWS (Cognito user pool, here a stand-in on 127.0.0.1)', () => {
  it('asks for sign-in on every staff page and its API, and on nothing public', async () => {
    const none = new Map<string, string>();
    for (const path of [
      '/loket',
      '/tugas',
      '/tata-usaha',
      '/arsip',
      '/dasbor',
      '/direktori-staf',
      '/arsip?nama=Maju',
    ]) {
      const answer = await visit(path, none);
      expect({ path, status: answer.status, location: answer.location }).toEqual({
        path,
        status: 302,
        location: `/masuk?lanjut=${encodeURIComponent(path)}`,
      });
    }
    for (const [path, method] of [
      ['/api/permits?sop=api-u', 'GET'],
      ['/api/cases', 'POST'],
      ['/api/dasbor', 'GET'],
    ] as const) {
      const answer = await visit(path, none, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(JSON.parse(answer.text).message).toBe('Silakan masuk sebagai pejabat atau petugas terlebih dahulu.');
    }
    // A form posted without a session changes nothing and is refused, not redirected.
    const form = await expectNothingChanged(paraf, 'a form posted without a session', () =>
      visit('/loket/api-u', none, {
        method: 'POST',
        body: new URLSearchParams({ nama: 'x' }),
        headers: { referer: `${paraf.url}/loket/api-u` },
      }),
    );
    expect(form.status).toBe(401);
    expect(form.text).toContain('Isian Anda belum disimpan.');
    expect(form.text).toContain('href="/masuk?lanjut=%2Floket%2Fapi-u"');
    for (const path of [
      '/',
      '/cek-status',
      '/cek-status?berkas=API-U%2F2026%2F00001&kode=XXXX',
      '/a/tidak-ada',
      '/verifikasi/tidak-ada',
    ]) {
      const answer = await visit(path, none);
      expect({ path, redirected: answer.location.startsWith('/masuk'), unauthorised: answer.status === 401 }).toEqual({
        path,
        redirected: false,
        unauthorised: false,
      });
    }
  });

  it("signs an official in through the pool (code with PKCE) and shows their own tasks, not anyone else's", async () => {
    const { cookies, toPool, back, landed } = await signIn('kabid-layanan');
    const authorize = new URL(toPool.location);
    expect(authorize.origin + authorize.pathname).toBe(`${pool.domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${paraf.url}/masuk/kembali`,
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(back.location.startsWith(`${paraf.url}/masuk/kembali?code=`)).toBe(true);
    expect(landed.status).toBe(302);
    expect(landed.location).toBe('/tugas');
    const session = landed.setCookies.find((header) => header.startsWith('paraf_sesi='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);

    // Naming another official in the address changes nobody: it is refused by name, in the Kabid's own frame.
    const named = await visit('/tugas?pejabat=kepala', cookies);
    expect(named.status).toBe(400);
    expect(named.text).toContain('Alamat memuat parameter yang tidak dikenal: pejabat.');
    expect(named.text).toContain('Masuk sebagai <strong>Hj. Nurul Aini, S.H., M.H.</strong>');
    const tasks = await visit('/tugas', cookies);
    expect(tasks.status).toBe(200);
    expect(tasks.text).toContain('Tugas saya: Hj. Nurul Aini, S.H., M.H.');
    expect(tasks.text).toContain('Masuk sebagai <strong>Hj. Nurul Aini, S.H., M.H.</strong>');
    expect(tasks.text).not.toContain('<select id="pejabat"');
    // The Kabid supervises: the archive and the dashboard are his; the counter and Tata Usaha's pages are not.
    for (const path of ['/arsip', '/dasbor'])
      expect({ path, status: (await visit(path, cookies)).status }).toEqual({ path, status: 200 });
    for (const path of ['/loket', '/tata-usaha']) {
      const refused = await visit(path, cookies);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.text).toContain('Anda masuk sebagai Hj. Nurul Aini, S.H., M.H. Tidak ada yang diubah.');
    }
  });

  it("refuses a replayed or foreign callback, and sends only to this site's own pages afterwards", async () => {
    const { back } = await signIn('kabid-layanan');
    // The same code again, now without the pending sign-in cookie: refused, and the pool is not asked.
    const before = pool.tokenRequests;
    const replay = await visit(back.location, new Map());
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('Proses masuk ini tidak dikenali atau sudah lewat 10 menit.');
    expect(pool.tokenRequests).toBe(before);

    const cookies = new Map<string, string>();
    pool.signInAs('kabid-layanan');
    const toPool = await visit('/masuk?lanjut=//contoh.example/curi', cookies);
    const wrongState = new URL((await visit(toPool.location, cookies)).location);
    wrongState.searchParams.set('state', 'bukan-milik-anda');
    expect((await visit(wrongState.toString(), new Map(cookies))).status).toBe(400);

    const again = await visit('/masuk?lanjut=//contoh.example/curi', cookies);
    const landed = await visit((await visit(again.location, cookies)).location, cookies);
    expect(landed.location).toBe('/');
  });

  it('takes a Bearer ID token for scripts, and refuses forged, expired, access and non-staff tokens', async () => {
    const api = (token: string) =>
      visit('/api/permits?nama=Maju', new Map(), {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      });
    expect((await api(await pool.idToken('tata-usaha'))).status).toBe(200);

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'id', 'cognito:username': 'kepala' })
      .setProtectedHeader({ alg: 'RS256', kid: 'stand-in-1' })
      .setIssuer(pool.issuer)
      .setAudience(CLIENT_ID)
      .setExpirationTime('1h')
      .sign(privateKey);
    const expired = await pool.idToken('kepala', {}, Math.floor(Date.now() / 1000) - 60);
    const access = await pool.idToken('kepala', { token_use: 'access' });
    // Signed with the pool's own key, valid in every other way, but for another app client or from another pool's issuer.
    const otherClient = await pool.idToken('kepala', {}, '1h', { audience: 'aplikasi-lain' });
    const otherIssuer = await pool.idToken('kepala', {}, '1h', { issuer: `${pool.domain}/pool-lain` });
    const noAudience = await pool.idToken('kepala', {}, '1h', { audience: '' });
    for (const [what, token] of [
      ['forged', forged],
      ['expired', expired],
      ['access token', access],
      ['another client', otherClient],
      ['another issuer', otherIssuer],
      ['empty audience', noAudience],
      ['garbage', 'abc.def.ghi'],
    ] as const) {
      expect({ what, status: (await api(token)).status }).toEqual({ what, status: 401 });
    }
    const stranger = await api(await pool.idToken('tamu'));
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.text).message).toContain('tidak terdaftar sebagai pejabat atau petugas');
  });

  it("signs out on a POST only: the session cookie is cleared and the browser goes to the pool's sign-out", async () => {
    const { cookies } = await signIn('kabid-layanan');
    expect(cookies.has('paraf_sesi')).toBe(true);
    // A GET (a link another site could plant) only offers the button.
    const offered = await visit('/keluar', cookies);
    expect(offered.status).toBe(200);
    expect(offered.text).toContain('<form method="post" action="/keluar">');
    expect(cookies.has('paraf_sesi')).toBe(true);
    const out = await visit('/keluar', cookies, { method: 'POST', headers: { origin: paraf.url } });
    expect(out.status).toBe(302);
    const logout = new URL(out.location);
    expect(logout.origin + logout.pathname).toBe(`${pool.domain}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT_ID, logout_uri: `${paraf.url}/` });
    expect(cookies.has('paraf_sesi')).toBe(false);
    expect((await visit('/tugas', cookies)).status).toBe(302);
  });

  it('works in Chromium: the redirects, the cookies and the switch to another official after signing out', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      pool.signInAs('kabid-layanan');
      await page.goto(`${paraf.url}/tugas`);
      expect(page.url()).toBe(`${paraf.url}/tugas`);
      expect(await page.locator('h1').textContent()).toBe('Tugas saya: Hj. Nurul Aini, S.H., M.H.');
      const session = (await context.cookies(paraf.url)).find((cookie) => cookie.name === 'paraf_sesi')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect((await context.cookies(paraf.url)).some((cookie) => cookie.name === 'paraf_masuk')).toBe(false);

      await page.goto(`${paraf.url}/arsip`);
      expect(await page.locator('h1').textContent()).not.toBe('Gagal masuk');
      expect(page.url()).toBe(`${paraf.url}/arsip`);

      // The header names who is signed in on every staff page, and signs out from there.
      expect(await page.locator('header form.akun').textContent()).toContain(
        'Masuk sebagai Hj. Nurul Aini, S.H., M.H.',
      );
      await page.locator('header').getByRole('button', { name: 'Keluar', exact: true }).click();
      await page.waitForURL(`${paraf.url}/`);
      expect((await context.cookies(paraf.url)).some((cookie) => cookie.name === 'paraf_sesi')).toBe(false);
      pool.signInAs('tata-usaha');
      await page.goto(`${paraf.url}/tugas`);
      expect(await page.locator('h1').textContent()).toMatch(/^Tugas saya: /);
      expect(await page.locator('h1').textContent()).not.toContain('Nurul Aini');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
