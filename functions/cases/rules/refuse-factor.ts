import { witaDateTime } from '#clock/wita.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { FactorCheck } from '#identity/signing-factor.ts';

/** What an authenticator code was asked for: how the request reads ("untuk …") and what did not happen without it. */
export interface FactorPurpose {
  /** e.g. "untuk menandatangani". */
  doing: string;
  /** A sentence without its full stop, e.g. "Tidak ada yang ditandatangani". */
  notDone: string;
  /** Which code, where a page asks more than one, e.g. "kode dari kunci baru"; else "kode autentikator". */
  code?: string;
}

/**
 * The refusal of an authenticator code that did not pass (signing-factor.ts), worded once for
 * every place that asks one: an official's signature and a handover without the receipt's code.
 * Each says what did not happen, how many wrong codes the throttle still takes, and, to an official
 * without an authenticator, whom to ask (never a command: officials do not run Paraf's tools).
 */
export function refuseFactor(check: Extract<FactorCheck, { ok: false }>, purpose: FactorPurpose): ParafError {
  const untilTime = check.until ? witaDateTime(check.until).time : undefined;
  const code = purpose.code ?? 'kode autentikator';
  const codeAtStart = `${code.charAt(0).toUpperCase()}${code.slice(1)}`;
  const messages = {
    missing: purpose.code
      ? `Masukkan ${code} (6 angka) ${purpose.doing}.`
      : `Masukkan kode autentikator Anda (6 angka) ${purpose.doing}.`,
    wrong:
      check.left === 0
        ? `${codeAtStart} salah atau sudah berganti. ${purpose.notDone}.${triesLeft(check.left, untilTime)}`
        : `${codeAtStart} salah atau sudah berganti (kodenya berganti tiap 30 detik). ${purpose.notDone}; masukkan kode yang sedang tampil di aplikasi autentikator Anda lalu coba lagi.${triesLeft(check.left, untilTime)}`,
    'no-account': `Akun Anda belum memiliki kode autentikator. ${purpose.notDone}; minta pengelola Paraf membuatkan kunci autentikator untuk akun Anda.`,
    throttled: `Terlalu banyak kode yang salah. ${purpose.notDone}; coba lagi setelah pukul ${untilTime ?? ''} WITA.`,
  } as const;
  return new ParafError(check.reason === 'throttled' ? 'throttled' : 'factor', messages[check.reason]);
}

/** How many wrong codes the throttle still takes, and until when it would then refuse, where the checker says. */
function triesLeft(left: number | undefined, untilTime: string | undefined): string {
  if (left === undefined) return '';
  // The throttle is the official's, shared by every place that asks the code, so the lock is the code's.
  const until = untilTime ? ` sampai pukul ${untilTime} WITA` : '';
  return left > 0
    ? ` Sisa percobaan: ${left}; sesudah itu kode autentikator Anda tidak diterima${until}.`
    : ` Kode autentikator Anda kini tidak diterima${until}.`;
}
