import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { html, raw } from 'hono/html';
// The core and the SVG renderer alone: the package's entry point also loads its PNG and terminal renderers.
import { create } from 'qrcode/lib/core/qrcode.js';
import { render as renderSvg } from 'qrcode/lib/renderer/svg-tag.js';
import { type FactorPurpose, refuseFactor } from '#cases/rules/refuse-factor.ts';
import { witaDateTime } from '#clock/wita.ts';
import { isParafError, ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus, refuse } from '#web/errors.ts';
import { page } from '#web/page.ts';
import { enrolAuthenticator, type IdentityStore } from './accounts.ts';
import { FIRST_TIME, type FactorPageTools, nextAfter, PASSWORD_PAGE } from './change-password.ts';
import { signedIn } from './identity.ts';
import { endSession, pendingTotpSecret, startSession } from './sessions.ts';
import { checkEnrolmentCode, checkSigningFactor, type FactorCheck } from './signing-factor.ts';
import { MAX_FAILURES, WINDOW_MS } from './throttle.ts';
import { totpUri } from './totp.ts';

export const AUTHENTICATOR_PAGE = '/autentikator';
export const FIRST_KEY =
  'Kunci autentikator Anda masih kunci yang dibuat oleh pengelola Paraf. Daftarkan kunci baru Anda sendiri sebelum membuka halaman lain.';

/**
 * While the official's password or authenticator key is still the one `npx paraf staf buat` printed
 * (someone else has seen it), nothing opens but the page that replaces it (the password first,
 * change-password.ts, then the key, here) and signing out: a page asked for is sent there, any other request
 * refused (403), and nothing is changed. Public pages too, so the session of a password or key someone
 * else knows cannot act anywhere. The password page stays open while the key is enrolled (it says the
 * password was changed).
 */
export function requireOwnFactors(): MiddlewareHandler {
  const open = new Set([PASSWORD_PAGE, '/keluar', '/masuk', '/stil.css', '/validasi.js']);
  return async (c, next) => {
    const who = signedIn(c);
    const first = who?.mustChangePassword
      ? { page: PASSWORD_PAGE, why: FIRST_TIME }
      : who?.mustEnrolAuthenticator
        ? { page: AUTHENTICATOR_PAGE, why: FIRST_KEY }
        : undefined;
    const path = c.req.path;
    if (!first || path === first.page || open.has(path) || path.startsWith('/stil/')) return next();
    if (c.req.method === 'GET' && !path.startsWith('/api/'))
      return c.redirect(`${first.page}?lanjut=${encodeURIComponent(path)}`, 302);
    return refuse(c, 'forbidden', `${first.why} Tidak ada yang diubah.`);
  };
}

const NOT_CHANGED = 'Kunci autentikator belum diganti';
const SIGN_IN_FIRST = 'Silakan masuk dengan akun Anda terlebih dahulu. Tidak ada yang diubah.';

interface EnrolView {
  next: string;
  /** The key being enrolled (derived for this session, sessions.ts pendingTotpSecret); absent once it is saved. */
  secret?: string;
  done?: boolean;
  error?: ParafError;
}

/** The page: the new key as a QR code and as text, and the code(s) asked; or, once saved, that it is. */
async function enrolPage(c: Context, view: EnrolView) {
  const who = signedIn(c);
  const first = Boolean(who?.mustEnrolAuthenticator);
  return c.html(
    page(
      first ? 'Daftarkan kunci autentikator Anda' : 'Ganti kunci autentikator',
      html`${view.error ? html`<p class="error" role="alert">${view.error.message}</p>` : ''}
        ${view.done ? html`<p class="ok" role="status">Kunci autentikator Anda sudah diganti. Mulai sekarang hanya kode dari kunci baru yang diterima untuk masuk dan menandatangani; sesi lain dengan kunci lama sudah berakhir.</p><p><a href="${view.next}">Lanjutkan</a></p>` : ''}
        ${first ? html`<p class="notice">${FIRST_KEY}</p>` : ''}
        ${view.secret && who ? enrolForm(view.next, view.secret, who.official.id, first) : ''}`,
    ),
    view.error ? httpStatus(view.error) : 200,
  );
}

function enrolForm(next: string, secret: string, officialId: string, first: boolean) {
  const svg = renderSvg(create(totpUri(secret, officialId), { errorCorrectionLevel: 'M' }), { margin: 4 }).replace(
    '<svg ',
    '<svg role="img" aria-label="Kode QR kunci autentikator baru" ',
  );
  const codeInput = (id: string, name: string) =>
    html`<input type="text" id="${id}" name="${name}" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code">`;
  return html`<form method="post" action="${AUTHENTICATOR_PAGE}?lanjut=${encodeURIComponent(next)}" class="card">
          <p>Buka aplikasi autentikator di ponsel Anda (Google Authenticator, Aegis, atau sejenisnya), tambahkan akun baru, lalu pindai kode QR ini. Bila Anda membuka halaman ini di ponsel itu sendiri, ketik kunci di bawahnya ke dalam aplikasi.</p>
          <figure class="kode-qr">${raw(svg)}
            <figcaption>Atau ketik kunci ini: <strong class="kunci" id="kunci-baru">${secret.match(/.{1,4}/g)?.join(' ')}</strong></figcaption>
          </figure>
          <p class="bantuan">Kunci ini hanya untuk Anda: jangan dibagikan. Kunci ini tetap sama bila halaman dimuat ulang, sampai Anda menyimpannya.</p>
          ${
            first
              ? ''
              : html`<label for="kode-lama">Kode dari kunci yang sekarang (6 angka)</label>
          ${codeInput('kode-lama', 'kode_lama')}
          <p class="bantuan">Dari akun Paraf yang selama ini Anda pakai di aplikasi autentikator.</p>`
          }
          <label for="kode-baru">Kode dari kunci baru (6 angka)</label>
          ${codeInput('kode-baru', 'kode_baru')}
          <p class="bantuan">Kode yang tampil di aplikasi untuk kunci yang baru Anda tambahkan.</p>
          <button type="submit">Simpan kunci baru</button>
        </form>`;
}

/**
 * /autentikator: an official signed in locally enrols an authenticator key of their own, shown here
 * once per session (derived from the session's cookie and the current key, sessions.ts). The first time (an account `npx paraf staf
 * buat` made, whose key the IT officer saw) a code of the new key is asked; later the current key's
 * code is asked too, so a session left open cannot swap the signing factor. Every code is throttled:
 * the current key's under the signing factor's throttle, the new key's under its own (throttle.ts). Saving ends every other session; this one is replaced by a fresh one.
 */
export function authenticatorRoutes(rt: Runtime, tools: FactorPageTools): Hono {
  const store: IdentityStore = { dynamo: rt.dynamo, table: rt.config.table };
  const app = new Hono();
  const nextOf = nextAfter(tools, AUTHENTICATOR_PAGE);
  app.get(AUTHENTICATOR_PAGE, async (c) => {
    const who = signedIn(c);
    const signIn = () => c.redirect(`/masuk?lanjut=${AUTHENTICATOR_PAGE}`, 302);
    if (!who || who.demo) return signIn();
    if (c.req.query('diganti') === '1') return enrolPage(c, { next: nextOf(c), done: true });
    const secret = who.currentKey && pendingTotpSecret(c, who.currentKey.totpSecret);
    return secret ? enrolPage(c, { next: nextOf(c), secret }) : signIn();
  });
  app.post(AUTHENTICATOR_PAGE, async (c) => {
    const who = signedIn(c);
    if (!who || who.demo) return refuse(c, 'unauthenticated', SIGN_IN_FIRST);
    const first = Boolean(who.mustEnrolAuthenticator);
    const read = await tools.readForm(c, first ? ['kode_baru'] : ['kode_lama', 'kode_baru']);
    const held = who.currentKey;
    const secret = held && pendingTotpSecret(c, held.totpSecret);
    if (!secret || !held) return refuse(c, 'unauthenticated', SIGN_IN_FIRST);
    const again = (error: ParafError) => enrolPage(c, { next: nextOf(c), secret, error });
    if ('problem' in read) return again(new ParafError('invalid', `${read.problem} ${NOT_CHANGED}.`));
    const now = new Date();
    const purpose = { doing: 'untuk mengganti kunci autentikator', notDone: NOT_CHANGED };
    if (!first) {
      // Against the account as it is now; the save below holds only while it still has the key the session check read.
      const current = await busyOr(checkSigningFactor(store, who.official.id, read.form.kode_lama, false, now));
      if (current instanceof ParafError) return again(current);
      if (!current.ok) return again(refuseCurrentKeyCode(current, purpose));
    }
    const fresh = await busyOr(checkEnrolmentCode(store, who.official.id, secret, read.form.kode_baru, now));
    if (fresh instanceof ParafError) return again(fresh);
    if (!fresh.ok) return again(refuseNewKeyCode(fresh, purpose));
    if (!(await enrolAuthenticator(store, { officialId: who.official.id, ...held }, secret, now)))
      return again(
        new ParafError(
          'account-changed',
          `Akun Anda baru saja diubah di tempat lain (diatur ulang oleh pengelola Paraf, atau kuncinya diganti dari sesi lain). ${NOT_CHANGED}.`,
        ),
      );
    await endSession(store, c);
    await startSession(
      store,
      c,
      { officialId: who.official.id, via: 'local' },
      rt.config.publicUrl.startsWith('https://'),
    );
    return c.redirect(`${AUTHENTICATOR_PAGE}?diganti=1&lanjut=${encodeURIComponent(nextOf(c))}`, 303);
  });
  return app;
}

/** A check of a code, or the refusal of one the throttle's checks under way kept from being checked (signing-factor.ts). */
const busyOr = (check: Promise<FactorCheck>): Promise<FactorCheck | ParafError> =>
  check.catch((error: unknown) => {
    if (isParafError(error) && error.code === 'checks-busy') return error;
    throw error;
  });

/**
 * The current key's code is the signing factor itself, so it stays under the signing throttle; the
 * refusal says so, or the official's next signature would say "Sisa percobaan: 3" out of nowhere.
 */
function refuseCurrentKeyCode(check: Extract<FactorCheck, { ok: false }>, purpose: FactorPurpose): ParafError {
  const refusal = refuseFactor(check, { ...purpose, code: 'kode dari kunci yang sekarang' });
  if (check.reason !== 'wrong' && check.reason !== 'throttled') return refusal;
  return new ParafError(
    refusal.code,
    `${refusal.message} Kode salah di kolom ini dihitung bersama kode salah saat menandatangani: paling banyak ${MAX_FAILURES} tiap ${WINDOW_MS / 60_000} menit.`,
  );
}

/**
 * The new key's code has its own throttle ('autentikator', throttle.ts): its tries left are this
 * page's, not the signing code's, which refuseFactor's words would say they are.
 */
function refuseNewKeyCode(check: Extract<FactorCheck, { ok: false }>, purpose: FactorPurpose): ParafError {
  const { left, ...rest } = check;
  const refusal = refuseFactor(check.reason === 'wrong' ? rest : check, { ...purpose, code: 'kode dari kunci baru' });
  if (check.reason !== 'wrong' || left === undefined) return refusal;
  const until = check.until ? ` sampai pukul ${witaDateTime(check.until).time} WITA` : '';
  const tries =
    left > 0
      ? `Sisa percobaan kode dari kunci baru: ${left}; sesudah itu halaman ini tidak menerima kode dari kunci baru${until}.`
      : `Halaman ini kini tidak menerima kode dari kunci baru${until}.`;
  return new ParafError(
    refusal.code,
    `${refusal.message} ${tries} Kode salah di kolom ini tidak mengurangi percobaan kode saat menandatangani.`,
  );
}
