import { getAccount, type IdentityStore } from './accounts.ts';
import { checkTotp } from './totp.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { countWrongTry, giveTryBack, type ThrottledAct, takeTry, throttledUntil } from './throttle.ts';

/** What authorised a decision, kept on the decision and in the trail (never the code itself). */
export type DecisionFactor =
  /** The signer's authenticator code, checked at the moment of signing. */
  | { kind: 'totp'; officialId: string; checkedAt: string }
  /** The signer's BSrE passphrase (PARAF_SIGNER=bsre), taken by BSrE when it signed at this moment; never kept. */
  | { kind: 'bsre'; officialId: string; checkedAt: string }
  /** A step that signs nothing: the official's session. */
  | { kind: 'session'; officialId: string }
  /** The applicant's own step (an external lane): whoever holds the link. */
  | { kind: 'link' }
  /** The applicant's own step, confirmed on their page with the file number and the receipt code. */
  | { kind: 'receipt-code' };

export type FactorCheck =
  | { ok: true; factor: DecisionFactor }
  | { ok: false; reason: 'missing' | 'wrong' | 'no-account' | 'throttled'; until?: Date; left?: number };

/**
 * The signer's own factor at signing: a fresh code of the authenticator secret Paraf holds for the
 * official (the same in both modes; accounts.ts), under the throttle (throttledCheck). `demoOpen`
 * says whether a demo account's secret may sign (only while the demo sign-in is open).
 */
export function checkSigningFactor(
  store: IdentityStore,
  officialId: string,
  code: string | undefined,
  demoOpen: boolean,
  now: Date = new Date(),
): Promise<FactorCheck> {
  return throttledCheck(store, 'tanda-tangan', officialId, code, now, async (digits) => {
    const account = await getAccount(store, officialId);
    if (!account || (account.demo && !demoOpen)) return 'no-account';
    return checkTotp(account.totpSecret, digits, now) ? 'right' : 'wrong';
  });
}

/**
 * A code of a key the official is enrolling (enrol-authenticator.ts), not yet stored: under a throttle
 * of its own ('autentikator', throttle.ts), so typos while scanning a new key spend no signing tries.
 * The key is the one the page showed this session, so its code guards nothing of the account: the
 * current key's code, which does, is checked by checkSigningFactor under the signing throttle.
 */
export function checkEnrolmentCode(
  store: IdentityStore,
  officialId: string,
  secret: string,
  code: string | undefined,
  now: Date = new Date(),
): Promise<FactorCheck> {
  return throttledCheck(store, 'autentikator', officialId, code, now, async (digits) =>
    checkTotp(secret, digits, now) ? 'right' : 'wrong',
  );
}

/**
 * Checks under way held every try of the official's signing throttle for the whole wait (throttle.ts
 * takeTry), though wrong codes have not used it up: nothing proves a wrong code, so this is no
 * "too many wrong codes" until the window's end, only a moment's wait. Thrown, not a FactorCheck:
 * the code was never checked, and these words say nothing was done whatever page asked for it.
 */
export const CHECKS_BUSY =
  'Paraf sedang memeriksa kode autentikator lain dari akun Anda, jadi kode ini belum diperiksa dan tidak ada yang diubah. Tunggu sebentar, lalu coba lagi.';

/**
 * Each code checked takes a try of the official's throttle for `act` first (throttle.ts takeTry,
 * which waits for tries checks under way give back), given back when it was right; past the
 * window's wrong codes no code is checked until the window ends, however many arrive at once.
 */
async function throttledCheck(
  store: IdentityStore,
  act: ThrottledAct,
  officialId: string,
  code: string | undefined,
  now: Date,
  judge: (code: string) => Promise<'right' | 'wrong' | 'no-account'>,
): Promise<FactorCheck> {
  if (!code?.trim()) {
    // Nothing to check, so no try is taken; a locked official still hears that they are locked.
    const until = await throttledUntil(store, act, officialId, now);
    return until ? { ok: false, reason: 'throttled', until } : { ok: false, reason: 'missing' };
  }
  const tried = await takeTry(store, act, officialId, now);
  if (!tried.taken) {
    if (tried.busy) throw new ParafError('checks-busy', CHECKS_BUSY);
    return { ok: false, reason: 'throttled', until: tried.until };
  }
  const verdict = await judge(code);
  if (verdict === 'wrong') {
    const left = await countWrongTry(store, act, officialId, now);
    return { ok: false, reason: 'wrong', left, until: tried.until };
  }
  await giveTryBack(store, act, officialId, now);
  return verdict === 'right'
    ? { ok: true, factor: { kind: 'totp', officialId, checkedAt: now.toISOString() } }
    : { ok: false, reason: 'no-account' };
}
