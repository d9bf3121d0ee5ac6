import { createHash, randomBytes } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ParafConfig } from '#config/read-config.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Official, StaffDirectory } from '#staff/load-staff-directory.ts';
import { AREA_LABELS, mayOpenArea, type StaffArea } from '#identity/staff-areas.ts';
import { endSentence } from '#staff/end-sentence.ts';
import { signedIn, type IdentityProvider } from '#identity/identity.ts';
import { readSignInForm, refusedForm, safeReturnPath } from '#identity/local-sign-in.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { httpStatus, refuse, statusOf } from './errors.ts';
import { page } from './page.ts';

type CognitoAuth = Extract<ParafConfig['auth'], { kind: 'cognito' }>;

const SESSION_COOKIE = 'paraf_sesi';
const SIGN_IN_COOKIE = 'paraf_masuk';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * The official an ID token of the user pool names, or why not. The token must be signed by one of
 * the pool's keys, issued by the pool for Paraf's client, unexpired, and an ID token; its user
 * name must be an official of the staff directory.
 */
async function officialOfToken(
  rt: Runtime,
  auth: CognitoAuth,
  token: string,
): Promise<{ official: Official; expiresAt: number } | { problem: 'invalid' | 'not-staff' }> {
  let keys = keySets.get(auth.issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${auth.issuer}/.well-known/jwks.json`));
    keySets.set(auth.issuer, keys);
  }
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: auth.issuer,
      audience: auth.clientId,
      algorithms: ['RS256'],
    });
    if (payload.token_use !== 'id') return { problem: 'invalid' };
    const official = rt.staff.byId(String(payload['cognito:username'] ?? ''));
    return official ? { official, expiresAt: payload.exp ?? 0 } : { problem: 'not-staff' };
  } catch {
    return { problem: 'invalid' };
  }
}

const SIGN_IN_FIRST = 'Silakan masuk sebagai pejabat atau petugas terlebih dahulu.';
const NOT_STAFF = 'Akun ini tidak terdaftar sebagai pejabat atau petugas DPMPTSP di Paraf. Hubungi pengelola Paraf.';

/**
 * The Cognito provider of the identity port (identity.ts): the user pool's ID token, from the
 * session cookie the sign-in below sets, or as `Authorization: Bearer` from a script.
 */
export function cognitoIdentity(rt: Runtime, auth: CognitoAuth): IdentityProvider {
  return {
    kind: 'cognito',
    demoOpen: async () => false,
    routes: () => signInRoutes(rt, auth),
    async identify(c) {
      const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const token = bearer ?? getCookie(c, SESSION_COOKIE);
      if (!token) return undefined;
      const result = await officialOfToken(rt, auth, token);
      if ('official' in result) return { official: result.official, demo: false };
      c.set('paraf.identityProblem', result.problem);
      return undefined;
    },
  };
}

/**
 * Staff pages and the API they use: only for a signed-in official, whichever provider signed them
 * in; a page asks for sign-in, the API answers 401 (403 for a user the staff directory lacks).
 */
export function requireStaff(): MiddlewareHandler {
  return async (c, next) => {
    if (signedIn(c)) return next();
    const isApi = c.req.path.startsWith('/api/');
    if (c.get('paraf.identityProblem') === 'not-staff') {
      return isApi
        ? refuse(c, 'forbidden', NOT_STAFF)
        : c.html(
            page('Tidak terdaftar', html`<p class="error">${NOT_STAFF}</p><p><a href="/keluar">Keluar</a></p>`),
            statusOf('forbidden'),
          );
    }
    if (isApi) return refuse(c, 'unauthenticated', SIGN_IN_FIRST);
    const url = new URL(c.req.url);
    if (c.req.method === 'GET')
      return c.redirect(`/masuk?lanjut=${encodeURIComponent(url.pathname + url.search)}`, 302);
    // A form sent after the session ended: nothing is saved, and the way back is the page it came from.
    const referer = URL.parse(c.req.header('referer') ?? '');
    const back = referer && referer.host === url.host ? referer.pathname + referer.search : '/';
    return c.html(
      page(
        'Sesi berakhir',
        html`<p class="error">${SIGN_IN_FIRST} Isian Anda belum disimpan.</p><p><a href="/masuk?lanjut=${encodeURIComponent(back)}">Masuk</a>, lalu kirim isian itu sekali lagi.</p>`,
      ),
      statusOf('unauthenticated'),
    );
  };
}

/**
 * The areas of work past sign-in (identity/staff-areas.ts): an official without a lane of the area
 * is refused with 403 and changes nothing; a GET of another area's page says whose page it is.
 */
export function requireArea(
  staff: Pick<StaffDirectory, 'head'>,
  lanes: Readonly<Record<StaffArea, ReadonlySet<string>>>,
  area: StaffArea,
  methods?: readonly string[],
): MiddlewareHandler {
  return async (c, next) => {
    const official = signedIn(c)?.official;
    if (!official || (methods && !methods.includes(c.req.method)) || mayOpenArea(official, area, lanes, staff))
      return next();
    const message = `Halaman ini untuk ${AREA_LABELS[area]}; Anda masuk sebagai ${endSentence(official.name)} Tidak ada yang diubah.`;
    if (c.req.path.startsWith('/api/')) return refuse(c, 'forbidden', message);
    return c.html(
      page('Bukan bagian Anda', html`<p class="error">${message}</p><p><a href="/tugas">Ke Tugas saya</a></p>`),
      statusOf('forbidden'),
    );
  };
}

/**
 * Sign-in through the user pool's own pages (authorization code with PKCE, no client secret):
 * /masuk sends the browser there, /masuk/kembali takes the code back, /keluar signs out of both.
 * The ID token is kept in an HttpOnly, SameSite=Lax cookie, so another site's form cannot use it.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the Cognito sign-in's three routes share the token exchange and the cookie settings
function signInRoutes(rt: Runtime, auth: CognitoAuth) {
  const app = new Hono();
  const callback = `${rt.config.publicUrl}/masuk/kembali`;
  const secure = rt.config.publicUrl.startsWith('https://');

  app.get('/masuk', (c) => {
    const verifier = base64url(randomBytes(32));
    const state = base64url(randomBytes(16));
    setCookie(c, SIGN_IN_COOKIE, JSON.stringify({ state, verifier, next: safeReturnPath(c.req.query('lanjut')) }), {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/masuk',
      maxAge: 600,
    });
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: auth.clientId,
      redirect_uri: callback,
      scope: 'openid email profile',
      state,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    });
    return c.redirect(`${auth.domain}/oauth2/authorize?${query}`, 302);
  });

  app.get('/masuk/kembali', async (c) => {
    const failed = (refusal: ParafError) =>
      c.html(
        page('Gagal masuk', html`<p class="error">${refusal.message}</p><p><a href="/masuk">Coba masuk lagi</a></p>`),
        httpStatus(refusal),
      );
    let pending: { state?: string; verifier?: string; next?: string } = {};
    try {
      pending = JSON.parse(getCookie(c, SIGN_IN_COOKIE) ?? '{}');
    } catch {
      pending = {};
    }
    deleteCookie(c, SIGN_IN_COOKIE, { path: '/masuk' });
    const code = c.req.query('code');
    if (!code || !pending.state || !pending.verifier || c.req.query('state') !== pending.state)
      return failed(
        new ParafError('bad-request', 'Proses masuk ini tidak dikenali atau sudah lewat 10 menit. Silakan masuk lagi.'),
      );
    const response = await fetch(`${auth.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: auth.clientId,
        code,
        redirect_uri: callback,
        code_verifier: pending.verifier,
      }),
    }).catch(() => undefined);
    const tokens = response?.ok ? ((await response.json()) as { id_token?: string }) : {};
    if (!tokens.id_token)
      return failed(
        new ParafError('sign-in-service', 'Layanan masuk tidak menerima permintaan ini; silakan coba lagi.'),
      );
    const result = await officialOfToken(rt, auth, tokens.id_token);
    if (!('official' in result))
      return failed(
        new ParafError(
          'forbidden',
          result.problem === 'not-staff' ? NOT_STAFF : 'Bukti masuk dari layanan login tidak sah.',
        ),
      );
    setCookie(c, SESSION_COOKIE, tokens.id_token, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.max(0, result.expiresAt - Math.floor(Date.now() / 1000)),
    });
    return c.redirect(safeReturnPath(pending.next), 302);
  });

  // Signing out changes state, so it is a POST (the header's button); a GET only offers the button.
  app.get('/keluar', (c) =>
    c.html(page('Keluar', html`<form method="post" action="/keluar"><button type="submit">Keluar</button></form>`)),
  );
  app.post('/keluar', async (c) => {
    const read = await readSignInForm(c, []);
    if ('problem' in read) return refusedForm(c, read.problem);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(
      `${auth.domain}/logout?${new URLSearchParams({ client_id: auth.clientId, logout_uri: `${rt.config.publicUrl}/` })}`,
      302,
    );
  });
  return app;
}
