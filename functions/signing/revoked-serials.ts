import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * `pki/revoked.json`: serial (hex) -> revocation time; none revoked when the file is absent. A file
 * of its own, so that the signing function reads revocations without the certificate generator.
 */
export function revokedSerials(dir: string): Record<string, string> {
  const path = join(dir, 'revoked.json');
  if (!existsSync(path)) return {};
  let listed: unknown;
  try {
    listed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    listed = undefined;
  }
  const entries = listed && typeof listed === 'object' && !Array.isArray(listed) ? Object.entries(listed) : undefined;
  if (!entries?.every(([, at]) => typeof at === 'string' && !Number.isNaN(Date.parse(at))))
    throw new ParafError(
      'bad-setting',
      `${path} harus berisi {"<nomor seri sertifikat>": "<waktu pencabutan ISO 8601>"}; perbaiki berkas itu.`,
    );
  // As openssl prints a serial (capitals, a leading zero byte) or as written here: the same certificate.
  return Object.fromEntries(entries.map(([serial, at]) => [serialKey(serial), at as string]));
}

/** A serial as pki/revoked.json and the OCSP stand-in write it: lower-case hex without leading zero bytes. */
export const serialKey = (hex: string) => hex.toLowerCase().replace(/^(00)+/, '');
