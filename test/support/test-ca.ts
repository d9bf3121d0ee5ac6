import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A certificate authority for a test (ECC P-256, openssl, 30 days) in `dir`, as an office CA would
 * certify the officials' KMS keys (`npx paraf aws certify --ca-key --ca-cert`).
 */
export function makeTestCa(dir: string, commonName: string): { key: string; cert: string } {
  mkdirSync(dir, { recursive: true });
  const ca = { key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem') };
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '30',
    '-subj',
    `/CN=${commonName}/O=DPMPTSP Provinsi Kalimantan Timur/C=ID`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    ca.key,
    '-out',
    ca.cert,
  ]);
  return ca;
}

/**
 * A self-signed RSA 2048 key (unencrypted) and certificate made with openssl, written to `files`, with
 * extensions given as `-addext` takes them.
 */
export function selfSignedRsa(
  files: { key: string; cert: string },
  subject: string,
  days: number,
  extensions: string[] = [],
): void {
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(days), '-subj', subject],
      ...extensions.flatMap((extension) => ['-addext', extension]),
      ...['-keyout', files.key, '-out', files.cert],
    ],
    { stdio: 'ignore' },
  );
}

/** An NSS database in `dir` that trusts `caCert`, for pdfsig's -nssdir: signatures it finds are checked against that CA. */
export function nssTrusting(dir: string, caCert: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'ca', '-t', 'CT,C,C', '-i', caCert]);
  return `sql:${dir}`;
}
