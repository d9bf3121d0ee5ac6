import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync as read } from 'node:fs';
import { P12Signer } from '@signpdf/signer-p12';
import { renderDocument } from '#documents/render-document.ts';
import { buildCms } from '#signing/build-cms.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { signPdfWith, CmsSigner, type SignatureRequest } from '#signing/sign-pdf.ts';
import { findSop } from '#sop/load-catalog.ts';
import { startOcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn } from '#local/tsa-stand-in.ts';
import { makeLongTerm } from '#signing/long-term.ts';
import { Rfc3161Client } from '#signing/timestamp-client.ts';
import { selfSignedRsa } from '../test/support/test-ca.ts';
import { median, ms, spread, timeRuns } from './measure.ts';

/** Signatures on copy 1 of an API-U permit: two paraf, the Kepala's signature, the register stamp. */
const PERMIT_SIGNATURES = 4;

/**
 * One incremental signature with Paraf's signer (CMS assembled from bytes in signing/der.ts, key through the signer port) against
 * the stock @signpdf/signer-p12, both through the same placeholder and incremental save, and the
 * signers alone on the same bytes.
 */
export async function benchSigning(runs: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'paraf-bench-sign-'));
  try {
    const official = {
      id: 'kepala',
      name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
      nip: '197205141998031007',
      position: 'Kepala Dinas',
    };
    await new LocalPki(work).ensureOfficials([official]);
    const local = new LocalSigner(work);
    // The stock signer reads a PKCS#12 and signs with RSA only: an RSA key and certificate made with openssl.
    const key = join(work, 'peer.key');
    const cert = join(work, 'peer.crt');
    const p12 = join(work, 'peer.p12');
    selfSignedRsa({ key, cert }, '/CN=Peer/O=Bench', 30);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:'], {
      stdio: 'ignore',
    });
    const p12Bytes = readFileSync(p12);

    const data = JSON.parse(read(new URL('../examples/api-u.json', import.meta.url), 'utf8'));
    const pdf = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
    const request: SignatureRequest = {
      officialId: official.id,
      fieldName: 'bench',
      reason: 'Tanda tangan',
      signerName: official.name,
      location: 'Samarinda',
      signingTime: new Date(),
      page: 1,
      rect: { x: 300, y: 120, width: 200, height: 40 },
      lines: [official.position, official.name, 'ditandatangani secara elektronik'],
    };
    const ours = await timeRuns(runs, 5, () => signPdfWith(pdf, request, new CmsSigner(local, official.id)));
    const stock = await timeRuns(runs, 5, () => signPdfWith(pdf, request, new P12Signer(p12Bytes, { passphrase: '' })));
    const content = Buffer.from(pdf);
    const oursAlone = await timeRuns(runs * 4, 20, () => buildCms(local, official.id, content));
    const stockAlone = await timeRuns(runs * 4, 20, () => new P12Signer(p12Bytes, { passphrase: '' }).sign(content));

    console.log(
      `\nOne incremental signature on an API-U copy (placeholder, appearance, incremental save, CMS), ${runs} runs:`,
    );
    console.log(`  Paraf (ECDSA P-256, CMS from bytes, signer port) ${spread(ours)}`);
    console.log(`  @signpdf/signer-p12 (RSA 2048, PKCS#12)   ${spread(stock)}`);
    console.log(
      `  Ratio: Paraf takes ${(median(ours) / median(stock)).toFixed(2)} of the stock signer's time (goal: at most 1/6 = 0.17)`,
    );
    console.log(`The signers alone on the same bytes, ${runs * 4} runs:`);
    console.log(`  Paraf                                     ${spread(oursAlone)}`);
    console.log(`  @signpdf/signer-p12                       ${spread(stockAlone)}`);
    console.log(`  Ratio: ${(median(oursAlone) / median(stockAlone)).toFixed(3)}`);
    await benchLongTerm(work, runs, { pdf, request, local, official: official.id, plain: ours, stock });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What PAdES B-LTA costs a permit, per signature: each signature's RFC 3161 timestamp (B-T, the local
 * TSA stand-in on loopback), and once per copy the DSS with its OCSP responses and the CA's CRL (as
 * the local runtime's archiving step fetches them) and the document timestamp (makeLongTerm),
 * spread over the permit's signatures; beside the plain B-B signature and @signpdf's plain one
 * measured above.
 */
async function benchLongTerm(
  work: string,
  runs: number,
  given: {
    pdf: Uint8Array;
    request: SignatureRequest;
    local: LocalSigner;
    official: string;
    plain: number[];
    stock: number[];
  },
): Promise<void> {
  const tsa = await startTsaStandIn(work);
  const ocsp = await startOcspStandIn(work);
  try {
    const client = new Rfc3161Client(tsa.url);
    const sign = () => signPdfWith(given.pdf, given.request, new CmsSigner(given.local, given.official, client));
    const timestamped = await timeRuns(runs, 5, sign);
    const signed = await sign();
    const longTerm = await timeRuns(Math.max(3, Math.round(runs / 4)), 2, () =>
      makeLongTerm(signed, 'bench-stamp', { tsa: client, ocspUrl: ocsp.url, crlUrl: ocsp.crlUrl }),
    );
    const extra = median(timestamped) - median(given.plain) + median(longTerm) / PERMIT_SIGNATURES;
    console.log(
      `PAdES B-LTA on an API-U permit (${PERMIT_SIGNATURES} signatures on copy 1), loopback TSA, OCSP and CRL:`,
    );
    console.log(`  B-B signature (no timestamp)              ${spread(given.plain)}`);
    console.log(`  B-T signature (RFC 3161 timestamp)        ${spread(timestamped)}`);
    console.log(`  DSS + document timestamp, once per copy   ${spread(longTerm)}`);
    console.log(`  @signpdf/signer-p12 plain signature       ${spread(given.stock)}`);
    console.log(
      `  B-LTA extra per signature: ${ms(extra)} (timestamp ${ms(median(timestamped) - median(given.plain))} + DSS and document timestamp / ${PERMIT_SIGNATURES}); a B-LTA signature takes ${((median(given.plain) + extra) / median(given.stock)).toFixed(2)} of @signpdf's plain one`,
    );
  } finally {
    await tsa.close();
    await ocsp.close();
  }
}
