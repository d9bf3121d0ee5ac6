import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';


/** `paraf verify <file.pdf> [--ca ca.pem]`: every signature, and exit 1 if any is invalid or the file changed after the last. */
export async function verifyCommand(args: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { ca: { type: 'string' } } });
  } catch (error) {
    err(`paraf verify: ${(error as Error).message}\n`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file) {
    err('paraf verify: which PDF? Usage: paraf verify <file.pdf> [--ca ca.pem]\n');
    return 2;
  }
  // By default the development CA of the local data folder, where there is one.
  const caPath = parsed.values.ca ?? join(process.env.PARAF_DATA ?? '.paraf', 'pki', 'ca.cert.pem');
  const trusted = existsSync(caPath) ? [pemToDer(readFileSync(caPath, 'utf8'))] : [];
  const report = await verifyPdf(readFileSync(file), trusted);
  if (report.signatures.length === 0) {
    err(`${file}: tidak ada tanda tangan elektronik\n`);
    return 1;
  }
  report.signatures.forEach((s, i) => {
    const trust = s.trusted === undefined ? 'trust not checked (no CA)' : s.trusted ? 'certificate trusted' : 'certificate NOT trusted';
    out(`#${i + 1} ${s.field}: ${s.reason || '-'} by ${s.signer} (${s.position}, NIP ${s.nip}) at ${s.signedAt}\n`);
    out(`    ${s.valid ? 'valid' : `INVALID: ${s.problem}`}; ${trust}; ${s.coversWholeFile ? 'covers the whole file' : 'covers an earlier revision'}\n`);
  });
  if (report.unsignedTailBytes > 0) out(`UNSIGNED CHANGE: ${report.unsignedTailBytes} bytes were appended after the last signature\n`);
  out(report.ok ? 'OK\n' : 'FAILED\n');
  return report.ok ? 0 : 1;
}
