import { Hono, type Context } from 'hono';
import { formFieldsProblem } from '#validation/form-fields.ts';
import { html } from 'hono/html';
import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus } from '#web/errors.ts';
import { page, wita } from '#web/page.ts';
import { demoAccount, getAccount, hasRealAccounts, type IdentityStore } from './accounts.ts';
import { isLoopbackHost, signedInOfficial, type IdentityProvider, type SignedIn } from './identity.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { currentSession, endSession, startSession } from './sessions.ts';
import { clientAddress } from './client-address.ts';
import { PASSWORD_PAGE, passwordRoutes } from './change-password.ts';
import { AUTHENTICATOR_PAGE, authenticatorRoutes } from './enrol-authenticator.ts';
import { countWrongSignInTry, giveSignInTryBack, takeSignInTry } from './throttle.ts';
import { checkTotp, currentTotp } from './totp.ts';

const THIS_SITE = 'http://paraf.invalid';

/**
 * Only a path of this site: "lanjut" must not send a signed-in official elsewhere. Browsers drop tabs
 * and line breaks from a Location and read a backslash as a slash, so "/<tab>/evil.example" leaves the
 * site; anything but visible ASCII is refused outright (a path's own bytes come percent-encoded), and
 * what is left must resolve to this origin.
 */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !/^\/[\x21-\x7e]*$/.test(value) || value.includes('\\')) return '/';
  const url = new URL(value, THIS_SITE);
  return url.origin === THIS_SITE ? `${url.pathname}${url.search}${url.hash}` : '/';
}

const WRONG = 'Nama, kata sandi, atau kode autentikator salah.';
const DEMO_CLOSED = 'Masuk demo tidak tersedia di sini.';
const NO_ACCOUNTS_YET =
  'Paraf ini belum memiliki akun pejabat, jadi belum ada kata sandi yang dapat dipakai. Untuk mencoba, gunakan Masuk demo di bawah; akun sebenarnya dibuat oleh pengelola Paraf.';

/**
 * PARAF_AUTH=local: Paraf signs officials in itself, with the password and the authenticator code
 * of their account (`npx paraf staf buat <id>`). `demo` is the demo sign-in, decided at start: a
 * loopback-only start (no PARAF_HOST, a loopback public address) with no real account yet; it is
 * offered only to requests that reach Paraf by a loopback name.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one provider object: its identify, sign-in and sign-out routes share the runtime and the demo flag
export function localIdentity(rt: Runtime, demo: boolean): IdentityProvider {
  const store: IdentityStore = { dynamo: rt.dynamo, table: rt.config.table };
  const secure = rt.config.publicUrl.startsWith('https://');
  // Closed for good once a real account exists (made by the CLI, or by tests in this process).
  let demoClosed = !demo;
  const demoOpen = async () => {
    if (
      !demoClosed &&
      (await hasRealAccounts(
        store,
        rt.staff.officials.map((o) => o.id),
      ))
    )
      demoClosed = true;
    return !demoClosed;
  };
  const demoHere = async (c: Context) => isLoopbackHost(c.req.header('host')) && (await demoOpen());

  async function identify(c: Context): Promise<SignedIn | undefined> {
    const current = await currentSession(store, c);
    if (current?.session.via !== 'local') return undefined;
    const { session, account } = current;
    if (session.demo && !(await demoHere(c))) return undefined;
    const official = rt.staff.byId(session.officialId);
    if (!official) return undefined;
    // A reset account (new password and secret), or a password changed, ends the sessions made before it.
    if (
      !account ||
      Boolean(account.demo) !== Boolean(session.demo) ||
      (account.sessionsFrom ?? account.createdAt) > session.createdAt
    )
      return undefined;
    // A demo account has no password to change.
    return session.demo
      ? { official, demo: true }
      : {
          official,
          demo: false,
          mustChangePassword: Boolean(account.mustChangePassword),
          mustEnrolAuthenticator: Boolean(account.mustEnrolAuthenticator),
          currentKey: { totpSecret: account.totpSecret, createdAt: account.createdAt },
        };
  }

  /** The sign-in form, with the refusal of the last try above it (its status from web/errors.ts). */
  const signInPage = async (c: Context, refusal?: ParafError) => {
    const demoShown = await demoHere(c);
    const next = safeReturnPath(c.req.query('lanjut'));
    const action = `/masuk?lanjut=${encodeURIComponent(next)}`;
    const current = signedInOfficial(c);
    return c.html(
      page(
        'Masuk',
        html`${refusal ? html`<p class="error" role="alert">${refusal.message}</p>` : ''}
          ${
            !current && !refusal && c.req.query('lanjut') && next !== '/'
              ? html`<p class="notice" role="status">Halaman yang Anda buka hanya untuk petugas yang sudah masuk. Masuk di bawah ini; setelah itu halaman tersebut terbuka sendiri.</p>`
              : ''
          }
          ${current ? html`<p class="notice">Anda sedang masuk sebagai <strong>${current.name}</strong>${current.name.endsWith('.') ? '' : '.'} Masuk di bawah ini untuk berganti ke akun lain.</p>` : ''}
          <form method="post" action="${action}" class="card">
            <label for="pejabat">Nama pejabat / petugas</label>
            <select id="pejabat" name="pejabat" required>
              ${rt.staff.officials.map((o) => html`<option value="${o.id}">${o.name} (${o.position})</option>`)}
            </select>
            <label for="kata-sandi">Kata sandi</label>
            <input type="password" id="kata-sandi" name="kata_sandi" required autocomplete="current-password" maxlength="200">
            <label for="kode">Kode autentikator (6 angka dari aplikasi autentikator)</label>
            <input type="text" id="kode" name="kode" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code">
            <button type="submit">Masuk</button>
          </form>
          <p>Akun dibuat dan diatur ulang oleh pengelola Paraf.</p>
          ${
            demoShown
              ? html`<section class="card demo" aria-labelledby="demo-judul">
                <h2 id="demo-judul">Masuk demo (hanya di komputer ini)</h2>
                <p class="notice">Paraf berjalan hanya untuk komputer ini dan belum ada akun. Untuk mencoba, masuk sebagai pejabat mana pun tanpa kata sandi; kode autentikatornya ditampilkan di layar saat diminta. Masuk demo tertutup setelah akun pertama dibuat, atau bila Paraf dibuka untuk komputer lain.</p>
                ${rt.staff.officials.map(
                  (o) => html`<form method="post" action="/masuk/demo?lanjut=${encodeURIComponent(next)}">
                    <input type="hidden" name="pejabat" value="${o.id}">
                    <button type="submit" class="secondary">Masuk sebagai ${o.name} (${o.position}) · demo</button>
                  </form>`,
                )}
              </section>`
              : ''
          }`,
      ),
      refusal ? httpStatus(refusal) : 200,
    );
  };

  function routes() {
    const app = new Hono();
    app.get('/masuk', (c) => signInPage(c));
    app.post('/masuk', async (c) => {
      const read = await readSignInForm(c, ['pejabat', 'kata_sandi', 'kode']);
      // Refused before a try is taken: a malformed form is no failed sign-in.
      if ('problem' in read) return signInPage(c, new ParafError('invalid', read.problem));
      const { form } = read;
      const officialId = typeof form.pejabat === 'string' ? form.pejabat : '';
      const password = typeof form.kata_sandi === 'string' ? form.kata_sandi.slice(0, 200) : '';
      const code = typeof form.kode === 'string' ? form.kode : '';
      const official = rt.staff.byId(officialId);
      const now = new Date();
      // The try is taken before the password and code are checked, so a burst of tries cannot outrun the
      // count; per client (throttle.ts), so a stranger's wrong passwords do not lock the official out.
      const client = clientAddress(c, rt.config.proxies);
      const tried = official && (await takeSignInTry(store, official.id, client, now));
      if (tried && !tried.taken) return signInPage(c, throttledSignIn(tried));
      const account = official && (await getAccount(store, official.id));
      const passwordOk = account?.passwordHash
        ? await verifyPassword(password, account.passwordHash)
        : await verifyNothing(password);
      if (!official || !account || account.demo || !passwordOk || !checkTotp(account.totpSecret, code)) {
        if (official) await countWrongSignInTry(store, official.id, client, now);
        // With the demo open there is no account at all (the page says so below): the way in is the demo's, not a typo.
        return signInPage(c, new ParafError('unauthenticated', (await demoHere(c)) ? NO_ACCOUNTS_YET : WRONG));
      }
      await giveSignInTryBack(store, official.id, client, now);
      const next = safeReturnPath(c.req.query('lanjut'));
      await startSession(store, c, { officialId: official.id, via: 'local' }, secure);
      const first = firstPageOf(account);
      return c.redirect(first ? `${first}?lanjut=${encodeURIComponent(next)}` : next, 303);
    });
    const tools = { readForm: readSignInForm, safeReturnPath };
    app.route('/', passwordRoutes(rt, tools));
    app.route('/', authenticatorRoutes(rt, tools));
    app.post('/masuk/demo', async (c) => {
      const read = await readSignInForm(c, ['pejabat']);
      if ('problem' in read) return refusedForm(c, read.problem);
      const { form } = read;
      const official = rt.staff.byId(typeof form.pejabat === 'string' ? form.pejabat : '');
      if (!(await demoHere(c)) || !official)
        return c.html(
          page('Masuk demo tertutup', html`<p class="error">${DEMO_CLOSED}</p>`),
          httpStatus(new ParafError('forbidden', DEMO_CLOSED)),
        );
      await demoAccount(store, official.id);
      const next = safeReturnPath(c.req.query('lanjut'));
      await startSession(store, c, { officialId: official.id, via: 'local', demo: true }, secure);
      return c.redirect(next, 303);
    });
    app.get('/keluar', (c) => {
      const official = signedInOfficial(c);
      return c.html(
        page(
          'Keluar',
          html`${official ? html`<p>Masuk sebagai ${official.name}.</p>` : html`<p>Anda belum masuk.</p>`}
            <form method="post" action="/keluar"><button type="submit">Keluar</button></form>`,
        ),
      );
    });
    app.post('/keluar', async (c) => {
      const read = await readSignInForm(c, []);
      if ('problem' in read) return refusedForm(c, read.problem);
      await endSession(store, c);
      return c.redirect('/?keluar=1', 303);
    });
    return app;
  }

  return { kind: 'local', identify, routes, demoOpen };
}

/**
 * Where a sign-in goes first: a password and key the CLI printed are the official's own only once
 * they have replaced them (change-password.ts, then enrol-authenticator.ts).
 */
const firstPageOf = (account: { mustChangePassword?: boolean; mustEnrolAuthenticator?: boolean }) =>
  account.mustChangePassword ? PASSWORD_PAGE : account.mustEnrolAuthenticator ? AUTHENTICATOR_PAGE : undefined;

/**
 * The refusal of a sign-in whose tries are used up: this computer's, or the official's from all
 * computers; or, where checks under way held them for the whole wait (throttle.ts takeTry), not
 * failures, a moment's wait and no time promised.
 */
const throttledSignIn = (tried: { until: Date; whole: boolean; busy: boolean }) =>
  tried.busy
    ? new ParafError(
        'checks-busy',
        'Paraf sedang memeriksa percobaan masuk lain untuk akun ini, jadi percobaan ini belum diperiksa. Tunggu sebentar, lalu coba lagi.',
      )
    : new ParafError(
        'throttled',
        `Terlalu banyak percobaan masuk yang gagal untuk akun ini dari ${tried.whole ? 'banyak komputer' : 'komputer ini'}. Coba lagi setelah ${wita(tried.until.toISOString())}.`,
      );

/**
 * A sign-in or sign-out form read once: a field the form lacks, or one sent twice (the parser kept the
 * last: a repeated pejabat signed in the second), refuses it by name before anything is tried.
 */
export async function readSignInForm(
  c: Context,
  fields: readonly string[],
): Promise<{ form: Record<string, string> } | { problem: string }> {
  const body = await c.req.parseBody({ all: true }).catch(() => undefined);
  if (!body) return { problem: 'Isian formulir tidak dapat dibaca.' };
  const problem = formFieldsProblem(body, (name) => fields.includes(name));
  if (problem) return { problem };
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form[name] = value;
  return { form };
}

/** The page of a sign-in or sign-out form refused for its fields: nothing was tried or changed. */
export const refusedForm = (c: Context, problem: string) =>
  c.html(
    page(
      'Isian formulir belum benar',
      html`<p class="error" role="alert">${problem}</p><p><a href="/">Ke halaman utama</a></p>`,
    ),
    httpStatus(new ParafError('invalid', problem)),
  );

/** What the demo shows where a signature asks for a code: the code of this moment, labelled as the demo's. */
export async function demoCodeFor(rt: Runtime, signedIn: SignedIn | undefined): Promise<string | undefined> {
  if (!signedIn?.demo) return undefined;
  const account = await getAccount({ dynamo: rt.dynamo, table: rt.config.table }, signedIn.official.id);
  return account?.demo ? currentTotp(account.totpSecret) : undefined;
}
