import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archiveRoot, locateRevision, type RevisionPlace } from '#archive/locate-revision.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf, type SignatureReport } from '#signing/verify-pdf.ts';

const USAGE = 'Usage: paraf verify <file.pdf> [--ca ca.pem ...] [--data <folder> | --archive <dir>]';

const NO_ANCHORS = `paraf verify: no trust anchors, so no signature can be trusted: a copy re-signed by another Paraf installation would pass.
  Pass --ca <ca.pem>: the CA that certified the officials' keys (on AWS the last certificate of the chains npx paraf aws certify stored),
  or --data <folder> to use a local installation's development CA (<folder>/pki/ca.cert.pem).
`;

/**
 * `paraf verify <file.pdf>`: every signature against the trust anchors given (none given is an
 * error, never a pass), and, with an archive, whether the file is the issued revision of its copy
 * or an earlier one cut back from it. Exit 0 only when all holds; 1 when something does not; 2
 * when it cannot tell (no file, no anchors).
 */
export async function verifyCommand(
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
  defaultDataDir = '.paraf',
): Promise<number> {
  const options = {
    ca: { type: 'string', multiple: true },
    data: { type: 'string' },
    archive: { type: 'string' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options });
  } catch (error) {
    err(`paraf verify: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file) {
    err(`paraf verify: which PDF? ${USAGE}\n`);
    return 2;
  }
  // The data folder given, or the default one where it exists: its development CA and its archive.
  const dataDir = parsed.values.data ?? defaultDataDir;
  if (parsed.values.data && !existsSync(parsed.values.data)) {
    err(`paraf verify: no data folder ${parsed.values.data}\n`);
    return 2;
  }
  const caFiles = parsed.values.ca ?? [join(dataDir, 'pki', 'ca.cert.pem')].filter((path) => existsSync(path));
  const anchors = caFiles.flatMap((path) => certificatesIn(readFileSync(path, 'utf8')));
  if (anchors.length === 0) {
    err(NO_ANCHORS);
    return 2;
  }
  const pdf = readFileSync(file);
  const report = await verifyPdf(pdf, anchors);
  if (report.signatures.length === 0) {
    err(`${file}: tidak ada tanda tangan elektronik\n`);
    return 1;
  }
  out(`trust anchors: ${caFiles.join(', ')} (${anchors.length} certificate${anchors.length === 1 ? '' : 's'})\n`);
  report.signatures.forEach((s, i) => {
    out(
      `#${i + 1} ${s.field}: ${s.reason || '-'} by ${s.signer} (${s.position}, NIP ${s.nip}) at ${s.signedAt}; certificate issued by ${s.issuer || 'an unnamed CA'}\n`,
    );
    out(
      `    ${s.valid ? 'valid' : `INVALID: ${s.problem}`}; ${s.trusted ? 'certificate trusted' : 'certificate NOT trusted'}; ${s.coversWholeFile ? 'covers the whole file' : 'covers an earlier revision'}\n`,
    );
    out(`    ${describeTimestamp(s)}; PAdES ${s.level}\n`);
  });
  for (const stamp of report.documentTimestamps)
    out(
      `document timestamp ${stamp.field}: ${stamp.valid ? `${stamp.time} by ${stamp.tsa} (${stamp.trusted ? 'TSA trusted' : 'TSA NOT trusted'})` : `INVALID: ${stamp.problem}`}; ${stamp.coversWholeFile ? 'covers the whole file' : 'covers an earlier revision'}\n`,
    );
  const { certificates, ocspResponses, verifiedGood } = report.validationData;
  out(
    certificates || ocspResponses
      ? `validation data (DSS): ${certificates} certificates, ${ocspResponses} OCSP responses (${verifiedGood} verified good)\n`
      : 'validation data (DSS): none\n',
  );
  if (report.unsignedTailBytes > 0)
    out(`UNSIGNED CHANGE: ${report.unsignedTailBytes} bytes were appended after the last signature\n`);

  const archiveDir = parsed.values.archive ?? (existsSync(join(dataDir, 's3')) ? dataDir : undefined);
  const root = archiveDir ? archiveRoot(archiveDir) : undefined;
  if (parsed.values.archive && !root) {
    err(`paraf verify: no archive at ${parsed.values.archive}\n`);
    return 2;
  }
  let issued = true;
  if (root) {
    const place = locateRevision(root, pdf);
    issued = place.status === 'final';
    out(
      `${describePlace(place, report.signatures.length, await issuedSignatures(place, anchors))} (archive: ${archiveDir})\n`,
    );
  } else {
    out(
      'issued revision: not checked; pass --data <folder> or --archive <dir> (a copy of the archive bucket) to compare with the archived issued copy\n',
    );
  }
  const ok = report.ok && issued;
  out(ok ? 'OK\n' : 'FAILED\n');
  return ok ? 0 : 1;
}

/** The signature's timestamp, and whether the signer's certificate was valid at the time it proves. */
function describeTimestamp(s: SignatureReport): string {
  const t = s.timestamp;
  if (!t)
    return `no timestamp: the signing time ${s.signedAt} is the signer's own claim; certificate ${s.certificateValidAtSigning ? 'valid' : 'NOT valid'} now`;
  const validity = s.certificateValidAtSigning
    ? 'certificate valid at the signing time'
    : 'certificate NOT valid at the signing time';
  if (!t.valid) return `timestamp INVALID: ${t.problem}`;
  return `timestamp ${t.time} by ${t.tsa} (${t.trusted ? 'TSA trusted' : 'TSA NOT trusted'}); ${validity} by the timestamp`;
}

/** Every certificate of a PEM file: an office CA often comes with its own issuer. */
function certificatesIn(pem: string): Uint8Array[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(pemToDer);
}

async function issuedSignatures(place: RevisionPlace, anchors: Uint8Array[]): Promise<SignatureReport[]> {
  return 'issued' in place ? (await verifyPdf(readFileSync(place.issued.path), anchors)).signatures : [];
}

const who = (s: SignatureReport | undefined) =>
  s ? `${s.reason || 'signature'} by ${s.signer} (${s.position})` : 'the end';

/** Where the file stands against the issued copy: the last signature it has, and the first it lacks. */
function describePlace(place: RevisionPlace, signatures: number, issued: SignatureReport[]): string {
  switch (place.status) {
    case 'not-archived':
      return `NOT IN THE ARCHIVE: no archived copy has SHA-256 ${place.sha256}`;
    case 'not-issued':
      return `NOT ISSUED: copy ${place.archived.copy} of ${place.archived.kind} of case ${place.archived.caseId} is archived, but the case has no audit trail yet`;
    case 'replaced':
      return `NOT THE ISSUED REVISION: a draft of copy ${place.archived.copy} of ${place.archived.kind} of case ${place.archived.caseId} that was rendered again after a send-back`;
    case 'final':
      return `issued revision: yes, revision ${place.position} of ${place.of} of copy ${place.archived.copy} of ${place.archived.kind}, case ${place.archived.caseId}, ${issued.length} signatures`;
    case 'earlier': {
      const after = signatures === 0 ? 'as rendered, before any signature' : `after ${who(issued[signatures - 1])}`;
      return `NOT THE ISSUED REVISION: revision ${place.position} of ${place.of} of copy ${place.archived.copy} of ${place.archived.kind}, case ${place.archived.caseId}: ${after}, before ${who(issued[signatures])}; the issued copy has ${issued.length} signatures, this one ${signatures}`;
    }
  }
}
