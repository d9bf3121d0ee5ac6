import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { httpStatus, refuse } from '#web/errors.ts';
import { page, wita } from '#web/page.ts';
import { changePassword, getAccount, type IdentityStore } from './accounts.ts';
import { clientAddress } from './client-address.ts';
import { signedIn } from './identity.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordProblem } from './password-rules.ts';
import { verifyPassword } from './passwords.ts';
import { endSession, startSession } from './sessions.ts';
import { countWrongSignInTry, giveSignInTryBack, takeSignInTry } from './throttle.ts';

export const PASSWORD_PAGE = '/kata-sandi';
export const FIRST_TIME =
  'Kata sandi Anda masih kata sandi yang dibuat oleh pengelola Paraf. Pilih kata sandi Anda sendiri sebelum membuka halaman lain.';

/** The form: the current password, the new one twice; the rules said before they are refused. */
function passwordPage(c: Context, next: string, notice?: { error?: string; done?: boolean }) {
  const first = signedIn(c)?.mustChangePassword;
  const status = notice?.error ? httpStatus(new ParafError('invalid', notice.error)) : 200;
  return c.html(
    page(
      first ? 'Pilih kata sandi Anda sendiri' : 'Ganti kata sandi',
      html`${notice?.error ? html`<p class="error" role="alert">${notice.error}</p>` : ''}
        ${notice?.done ? html`<p class="notice" role="status">Kata sandi Anda sudah diganti. Sesi lain dengan kata sandi lama sudah berakhir.</p><p><a href="${next}">Lanjutkan</a></p>` : ''}
        ${first ? html`<p class="notice">${FIRST_TIME}</p>` : ''}
        ${notice?.done ? '' : passwordForm(next, signedIn(c)?.official.id)}`,
    ),
    status,
  );
}

const passwordForm = (next: string, accountName: string | undefined) =>
  html`<form method="post" action="${PASSWORD_PAGE}?lanjut=${encodeURIComponent(next)}" class="card">
          <label for="kata-sandi-lama">Kata sandi sekarang</label>
          <input type="password" id="kata-sandi-lama" name="kata_sandi_lama" required autocomplete="current-password" maxlength="${MAX_PASSWORD_LENGTH}">
          <label for="kata-sandi-baru">Kata sandi baru</label>
          <input type="password" id="kata-sandi-baru" name="kata_sandi_baru" required autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}" aria-describedby="aturan-sandi">
          <p id="aturan-sandi" class="hint">Paling sedikit ${MIN_PASSWORD_LENGTH} karakter, memuat huruf dan paling sedikit satu angka atau tanda baca, dan tidak memuat nama akun Anda${accountName ? ` (${accountName})` : ''}.</p>
          <label for="ulangi-kata-sandi">Ulangi kata sandi baru</label>
          <input type="password" id="ulangi-kata-sandi" name="ulangi_kata_sandi" required autocomplete="new-password" maxlength="${MAX_PASSWORD_LENGTH}">
          <button type="submit">Simpan kata sandi</button>
        </form>`;

/**
 * /kata-sandi: any official signed in locally changes their own password (the current one asked
 * again, counted as a sign-in try by the throttle, so a session left open cannot be used to guess it).
 * The change ends every other session; this one is replaced by a fresh session.
 */
export function passwordRoutes(rt: Runtime, tools: FactorPageTools): Hono {
  const store: IdentityStore = { dynamo: rt.dynamo, table: rt.config.table };
  const app = new Hono();
  const nextOf = nextAfter(tools, PASSWORD_PAGE);
  app.get(PASSWORD_PAGE, (c) => {
    if (!signedIn(c) || signedIn(c)?.demo) return c.redirect(`/masuk?lanjut=${PASSWORD_PAGE}`, 302);
    return passwordPage(c, nextOf(c), { done: c.req.query('diganti') === '1' });
  });
  app.post(PASSWORD_PAGE, async (c) => {
    const who = signedIn(c);
    if (!who || who.demo)
      return refuse(c, 'unauthenticated', 'Silakan masuk dengan akun Anda terlebih dahulu. Tidak ada yang diubah.');
    const read = await tools.readForm(c, ['kata_sandi_lama', 'kata_sandi_baru', 'ulangi_kata_sandi']);
    if ('problem' in read) return passwordPage(c, nextOf(c), { error: read.problem });
    const { kata_sandi_lama: current = '', kata_sandi_baru: next = '', ulangi_kata_sandi: repeat = '' } = read.form;
    const problem = newPasswordProblem({ current, next, repeat }, who.official.id);
    if (problem) return passwordPage(c, nextOf(c), { error: problem });
    const now = new Date();
    const client = clientAddress(c, rt.config.proxies);
    const tried = await takeSignInTry(store, who.official.id, client, now);
    if (!tried.taken)
      return passwordPage(c, nextOf(c), {
        error: tried.busy
          ? 'Paraf sedang memeriksa percobaan masuk lain untuk akun ini, jadi kata sandi ini belum diperiksa. Tunggu sebentar, lalu coba lagi. Kata sandi belum diganti.'
          : `Terlalu banyak kata sandi yang salah. Coba lagi setelah ${wita(tried.until.toISOString())}. Kata sandi belum diganti.`,
      });
    const account = await getAccount(store, who.official.id);
    if (
      !account?.passwordHash ||
      !(await verifyPassword(current.slice(0, MAX_PASSWORD_LENGTH), account.passwordHash))
    ) {
      await countWrongSignInTry(store, who.official.id, client, now);
      return passwordPage(c, nextOf(c), { error: 'Kata sandi sekarang salah. Kata sandi belum diganti.' });
    }
    await giveSignInTryBack(store, who.official.id, client, now);
    await changePassword(store, account, next, now);
    await endSession(store, c);
    await startSession(
      store,
      c,
      { officialId: who.official.id, via: 'local' },
      rt.config.publicUrl.startsWith('https://'),
    );
    return c.redirect(`${PASSWORD_PAGE}?diganti=1&lanjut=${encodeURIComponent(nextOf(c))}`, 303);
  });
  return app;
}

/** What the pages that replace a CLI-made password or key take from the local sign-in (local-sign-in.ts). */
export interface FactorPageTools {
  readForm: (c: Context, fields: readonly string[]) => Promise<{ form: Record<string, string> } | { problem: string }>;
  safeReturnPath: (value: string | undefined) => string;
}

/** Where such a page goes on to: its "lanjut", or the tasks instead of itself or the start page. */
export const nextAfter = (tools: FactorPageTools, self: string) => (c: Context) => {
  const next = tools.safeReturnPath(c.req.query('lanjut'));
  return next === self || next === '/' ? '/tugas' : next;
};
