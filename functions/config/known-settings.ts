/**
 * Every PARAF_* variable Paraf reads, in the local runtime or on AWS (`known-settings.test` checks
 * that the code reads no other). Anything else that starts with PARAF_ is most likely a setting
 * typed wrong, which Paraf would otherwise ignore in silence: `PARAF_MAILL=smtp` would leave the
 * office's mail in the outbox while the office believed it sent.
 */
export const KNOWN_SETTINGS = [
  'PARAF_AUTH',
  'PARAF_AUTH_CLIENT_ID',
  'PARAF_AUTH_DOMAIN',
  'PARAF_AUTH_ISSUER',
  'PARAF_BODY_MB',
  'PARAF_BSRE_CA',
  'PARAF_BSRE_CLIENT_ID',
  'PARAF_BSRE_CLIENT_SECRET',
  'PARAF_BSRE_URL',
  'PARAF_BUCKET',
  'PARAF_CALENDAR',
  'PARAF_DATA',
  'PARAF_HOST',
  'PARAF_KEY_PASSPHRASE',
  'PARAF_KMS_KEYS',
  'PARAF_LOG_LEVEL',
  'PARAF_MAIL',
  'PARAF_MAIL_FROM',
  'PARAF_OCSP_URL',
  'PARAF_OFFICE',
  'PARAF_PROXY',
  'PARAF_PUBLIC_URL',
  'PARAF_REGISTERS',
  'PARAF_RENEWAL_MARGIN_DAYS',
  'PARAF_S3_PATH_STYLE',
  'PARAF_SIGNER',
  'PARAF_SMTP_CA',
  'PARAF_SMTP_HOST',
  'PARAF_SMTP_PASSWORD',
  'PARAF_SMTP_PORT',
  'PARAF_SMTP_SECURITY',
  'PARAF_SMTP_USER',
  'PARAF_STAFF',
  'PARAF_STALL_MARGIN_DAYS',
  'PARAF_STATE_MACHINES',
  'PARAF_TABLE',
  'PARAF_TSA',
  'PARAF_TSA_PASSWORD',
  'PARAF_TSA_URL',
  'PARAF_TSA_USER',
  'PARAF_UPLOAD_BUCKET',
  'PARAF_UPLOAD_ENDPOINT',
  'PARAF_VERIFY_UPLOAD_MB',
  'PARAF_WORKERS',
] as const;

/** Variables of the test and benchmark tools, not of Paraf: never warned of. */
const TOOL_SETTINGS = /^PARAF_(SCREENSHOTS|MUTATION_\w+|BENCH_\w+|TEST_\w+)$/;

/** Edits (insertions, deletions, substitutions) between two names: how close a typo is to a setting. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const replaced = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, replaced);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * What `npm start` warns of in its environment: each PARAF_* variable Paraf does not read, with the
 * setting it is closest to where one is within three edits. Its value is never said (it may be a secret).
 */
export function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('PARAF_') && !TOOL_SETTINGS.test(name))
    .filter((name) => !(KNOWN_SETTINGS as readonly string[]).includes(name))
    .sort()
    .map((name) => {
      const [nearest] = KNOWN_SETTINGS.map((known) => ({ known, edits: editDistance(name, known) }))
        .filter(({ edits }) => edits <= 3)
        .sort((a, b) => a.edits - b.edits);
      return `${name} tidak dikenal Paraf dan diabaikan${nearest ? `: maksudnya ${nearest.known}?` : '.'}`;
    });
}
