import { Secret, TOTP } from 'otpauth';

/** The authenticator codes Paraf holds per official (RFC 6238: SHA-1, 6 digits, 30 seconds), the same in both modes. */
const ISSUER = 'Paraf DPMPTSP Kaltim';
export const TOTP_PERIOD_SECONDS = 30;

const totpOf = (secret: string, officialId = 'pejabat') =>
  new TOTP({
    issuer: ISSUER,
    label: officialId,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new secret (160 bits, base32), for an authenticator app. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads (typed in or from a QR code). */
export function totpUri(secret: string, officialId: string): string {
  return totpOf(secret, officialId).toString();
}

/** The code of this moment: for the demo sign-in's screen and for tests acting as an official. */
export function currentTotp(secret: string, at: Date = new Date()): string {
  return totpOf(secret).generate({ timestamp: at.getTime() });
}

/**
 * Whether `code` is the secret's code of this period or the one before or after (a phone's clock a
 * little off, a code typed at the turn of a period). Only six digits are looked at.
 */
export function checkTotp(secret: string, code: string, at: Date = new Date()): boolean {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return false;
  return totpOf(secret).validate({ token: digits, timestamp: at.getTime(), window: 1 }) !== null;
}
