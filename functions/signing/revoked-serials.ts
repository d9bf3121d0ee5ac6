import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `pki/revoked.json`: serial (hex) -> revocation time; none revoked when the file is absent. A file
 * of its own, so that the signing function reads revocations without the certificate generator.
 */
export function revokedSerials(dir: string): Record<string, string> {
  const path = join(dir, 'revoked.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

/** A serial as pki/revoked.json and the OCSP stand-in write it: lower-case hex without leading zero bytes. */
export const serialKey = (hex: string) => hex.toLowerCase().replace(/^(00)+/, '');
