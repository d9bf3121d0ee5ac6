import { getAccount, type IdentityStore } from './accounts.ts';
import { checkTotp } from './totp.ts';
import { giveTryBack, takeTry, throttledUntil } from './throttle.ts';

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
 * official (the same in both modes; accounts.ts). Each code checked takes a try of the throttle
 * first (throttle.ts takeTry), given back when it was right; past the window's tries no code is
 * checked until the window ends, however many arrive at once. `demoOpen` says whether a demo
 * account's secret may sign (only while the demo sign-in is open).
 */
export async function checkSigningFactor(
  store: IdentityStore,
  officialId: string,
  code: string | undefined,
  demoOpen: boolean,
  now: Date = new Date(),
): Promise<FactorCheck> {
  if (!code?.trim()) {
    // Nothing to check, so no try is taken; a locked official still hears that they are locked.
    const until = await throttledUntil(store, 'tanda-tangan', officialId, now);
    return until ? { ok: false, reason: 'throttled', until } : { ok: false, reason: 'missing' };
  }
  const tried = await takeTry(store, 'tanda-tangan', officialId, now);
  if (!tried.taken) return { ok: false, reason: 'throttled', until: tried.until };
  const account = await getAccount(store, officialId);
  if (!account || (account.demo && !demoOpen)) {
    await giveTryBack(store, 'tanda-tangan', officialId, now);
    return { ok: false, reason: 'no-account' };
  }
  if (!checkTotp(account.totpSecret, code, now))
    return { ok: false, reason: 'wrong', left: tried.left, until: tried.until };
  await giveTryBack(store, 'tanda-tangan', officialId, now);
  return { ok: true, factor: { kind: 'totp', officialId, checkedAt: now.toISOString() } };
}
