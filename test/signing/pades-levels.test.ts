import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { OCSPResponse } from '@peculiar/asn1-ocsp';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig, readTsaSettings } from '#config/read-config.ts';
import { renderDocument } from '#documents/render-document.ts';
import { startOcspStandIn, type OcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn, type TsaStandIn } from '#local/tsa-stand-in.ts';
import { describeLongTerm, makeLongTerm, type RevocationFetches } from '#signing/long-term.ts';
import { LocalPki, type OfficialIdentity } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { signPdf, type SignatureRequest } from '#signing/sign-pdf.ts';
import { lastSignatureFacts } from '#signing/signature-issuer.ts';
import { Rfc3161Client, TimestampError } from '#signing/timestamp-client.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { uploadAnswer } from '#web/verify-upload-page.ts';
import { machineHandler } from '#handlers/machine-handler.ts';
import { findSop } from '#sop/load-catalog.ts';
import * as z from 'zod';
import { extractSignatures, tool } from '../support/pdf-signatures.ts';
import { expectDocumentTimestamp } from '../support/served-copies.ts';
import { checkAtBothWidths, launchChromium, newPersonPage, openAnsweredHtml } from '../support/as-a-person.ts';
import { signingTaskRetries } from '../support/signing-task-retries.ts';

/**
 * PAdES levels, each checked by a tool that did not make it: B-T (a TSA's RFC 3161 token on every
 * signature) with `openssl ts -verify` on the extracted token and pdfsig on the file.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-pades-'));
const data = join(work, 'data');
const STAFF: OfficialIdentity[] = [
  { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' },
  { id: 'kepala', name: 'Dr. H. Bambang Suryadi, S.E., M.Si.', nip: '197205141998031007', position: 'Kepala Dinas' },
  { id: 'tu', name: 'Siti Aminah', nip: '199002022015032003', position: 'Petugas Tata Usaha' },
];
const pki = new LocalPki(data);
/** Another CA, made when a test first asks for it: trusts nothing of Paraf's. */
const strangers = new LocalPki(join(work, 'strangers'));
const signer = new LocalSigner(data);
const caPem = join(data, 'pki', 'ca.cert.pem');
const nssdb = join(work, 'nssdb');
const servers: { close(): Promise<void> | void }[] = [];
let tsa: TsaStandIn;
let ocsp: OcspStandIn;
let rendered: Uint8Array;
let signed: Uint8Array;
let before: Date;
let after: Date;
/** Tokens the TSA had granted when the three signatures were made (later tests ask it for more). */
let grantedForSigning: number;

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
};

const request = (id: string, index: number, reason: string): SignatureRequest => ({
  officialId: id,
  fieldName: `${reason.toLowerCase().replace(/\s+/g, '-')}-${id}`,
  reason,
  signerName: STAFF.find((s) => s.id === id)!.name,
  location: 'Samarinda',
  signingTime: new Date(),
  page: 1,
  rect: { x: 90 + index * 110, y: 60, width: 104, height: 36 },
  lines: [reason, STAFF.find((s) => s.id === id)!.name],
});

function pdfsig(pdf: Uint8Array) {
  const { stdout } = tool(
    'pdfsig',
    ['-nssdir', `sql:${nssdb}`, file(`pdfsig-${Math.random()}.pdf`, pdf)],
    'poppler-utils',
  );
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: /Signature Validation: (.*)/.exec(block)?.[1],
      trusted: /Certificate Validation: (.*)/.exec(block)?.[1],
      total: /Total document signed/.test(block) && !/Not total document signed/.test(block),
    }));
}

/** `openssl ts -verify` of a token against the data it time-stamps, trusting the development CA only. */
function opensslTsVerify(token: Uint8Array, data: Uint8Array) {
  return tool(
    'openssl',
    ['ts', '-verify', '-in', file('t.tst', token), '-token_in', '-data', file('t.bin', data), '-CAfile', caPem],
    'openssl',
  );
}

/** A one-route HTTP server on a free loopback port; stopped after the file. */
async function serve(handler: (body: Buffer) => Promise<{ status: number; body: Uint8Array }>): Promise<string> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handler(Buffer.concat(chunks)).then(({ status, body }) =>
        res.writeHead(status, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(body)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
}

beforeAll(async () => {
  await pki.ensureOfficials(STAFF);
  tsa = await startTsaStandIn(data);
  servers.push(tsa);
  ocsp = await startOcspStandIn(data);
  servers.push(ocsp);
  mkdirSync(nssdb);
  tool('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password'], 'libnss3-tools');
  const imported = tool(
    'certutil',
    ['-A', '-d', `sql:${nssdb}`, '-n', 'paraf-dev-ca', '-t', 'CT,C,C', '-i', caPem],
    'libnss3-tools',
  );
  expect(imported.code, imported.stderr).toBe(0);
  const example = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  rendered = (await renderDocument(findSop('api-u')!, 'api-u', example)).copies[0]!.pdf;
  const client = new Rfc3161Client(tsa.url);
  before = new Date(Date.now() - 1000);
  signed = rendered;
  for (const [index, [id, reason]] of (
    [
      ['kasi', 'Paraf'],
      ['kepala', 'Tanda tangan'],
      ['tu', 'Registrasi'],
    ] as const
  ).entries())
    signed = await signPdf(signed, request(id, index, reason), signer, client);
  after = new Date(Date.now() + 1000);
  grantedForSigning = tsa.granted();
}, 60_000);

afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('PAdES B-T: a signature timestamp on every signature', () => {
  it('carries an RFC 3161 token over each signature value that openssl ts -verify accepts against the development CA', () => {
    const signatures = extractSignatures(signed);
    expect(signatures).toHaveLength(3);
    expect(grantedForSigning).toBe(3);
    for (const signature of signatures) {
      expect(signature.subFilter).toBe('ETSI.CAdES.detached');
      expect(signature.timestampToken).toBeDefined();
      const verified = opensslTsVerify(signature.timestampToken!, signature.signatureValue);
      expect(verified.stdout + verified.stderr).toContain('Verification: OK');
      expect(verified.code).toBe(0);
      // The token is over the signature value, nothing else: one flipped bit and openssl refuses it.
      const other = new Uint8Array(signature.signatureValue);
      other[5] = other[5]! ^ 0x01;
      const refused = opensslTsVerify(signature.timestampToken!, other);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout).not.toContain('Verification: OK');
      // openssl's reading of the token: the stand-in's policy, SHA-256, and a time during the signing.
      const text = tool(
        'openssl',
        ['ts', '-reply', '-in', file('r.tst', signature.timestampToken!), '-token_in', '-token_out', '-text'],
        'openssl',
      ).stdout;
      expect(text).toContain('Policy OID: 1.3.6.1.4.1.32473.15.1');
      expect(text).toContain('Hash Algorithm: sha256');
      const time = new Date(/Time stamp: (.*)/.exec(text)![1]!.replace(/ GMT$/, ' UTC'));
      expect(time.getTime()).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
      expect(time.getTime()).toBeLessThanOrEqual(after.getTime());
    }
  });

  it('leaves every signature valid and trusted in pdfsig, the last covering the whole file', () => {
    const signatures = pdfsig(signed);
    expect(signatures.map((s) => s.valid)).toEqual(Array(3).fill('Signature is Valid.'));
    expect(signatures.map((s) => s.trusted)).toEqual(Array(3).fill('Certificate is Trusted.'));
    expect(signatures.map((s) => s.total)).toEqual([false, false, true]);
  });

  it("gives the records the facts of the signature just made, read from the file's text: its TSA, time and issuer", () => {
    const ends = [
      ...Buffer.from(signed)
        .toString('latin1')
        .matchAll(/\/ByteRange\s*\[\s*0\s+\d+\s+(\d+)\s+(\d+)/g),
    ].map((m) => Number(m[1]) + Number(m[2]));
    expect(ends).toHaveLength(3);
    // Each revision as it was just signed, and openssl's reading of that signature's token beside it.
    for (const [index, end] of ends.entries()) {
      const facts = lastSignatureFacts(signed.subarray(0, end));
      const token = extractSignatures(signed)[index]!.timestampToken!;
      const text = tool(
        'openssl',
        ['ts', '-reply', '-in', file('f.tst', token), '-token_in', '-token_out', '-text'],
        'openssl',
      ).stdout;
      const time = new Date(/Time stamp: (.*)/.exec(text)![1]!.replace(/ GMT$/, ' UTC'));
      expect(facts.timestamp).toEqual({ at: time.toISOString(), tsa: 'Layanan Stempel Waktu Lokal' });
      expect(facts.issuer).toBe('Otoritas Sertifikat Lokal, DPMPTSP Provinsi Kalimantan Timur');
    }
    // A file whose last revision is not a signature: nothing to tell.
    expect(lastSignatureFacts(Buffer.concat([signed, Buffer.from('\n%%EOF\n')]))).toEqual({});
  });

  it('is reported by paraf verify with the TSA and its time, and an altered token fails the file', async () => {
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const report = await verifyPdf(signed, [ca]);
    expect(report.ok).toBe(true);
    for (const signature of report.signatures) {
      expect(signature.timestamp).toMatchObject({
        tsa: 'Layanan Stempel Waktu Lokal',
        valid: true,
        trusted: true,
      });
      expect(Date.parse(signature.timestamp!.time)).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
      expect(signature.certificateValidAtSigning).toBe(true);
    }
    // A signature made without a TSA is B-B: valid, no timestamp.
    const plain = await verifyPdf(await signPdf(rendered, request('kasi', 0, 'Paraf'), signer), [ca]);
    expect(plain.ok).toBe(true);
    expect(plain.signatures[0]!.timestamp).toBeUndefined();
    // A token whose TSTInfo was altered inside the unsigned attribute: the CMS signature still
    // holds (the attribute is unsigned), the timestamp does not.
    const last = extractSignatures(signed).at(-1)!;
    const tokenHex = Buffer.from(last.timestampToken!).toString('hex');
    // The token's own year (its genTime), not the clock's now: the two differ across a New Year.
    const stampedYear = (await verifyPdf(signed, [ca])).signatures.at(-1)!.timestamp!.time.slice(0, 4);
    const genTimeAt = tokenHex.indexOf(Buffer.from(stampedYear).toString('hex'));
    expect(genTimeAt).toBeGreaterThan(0);
    const tamperedHex = `${tokenHex.slice(0, genTimeAt)}3139${tokenHex.slice(genTimeAt + 4)}`; // "20xx" -> "19xx"
    const at = Buffer.from(signed).toString('latin1').toLowerCase().lastIndexOf(tokenHex);
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered.write(tamperedHex, at, 'latin1');
    const report2 = await verifyPdf(new Uint8Array(tampered), [ca]);
    expect(report2.ok).toBe(false);
    expect(report2.signatures.at(-1)!.timestamp?.valid).toBe(false);
  });

  it('answers a request made by openssl ts -query, and openssl verifies the reply against the query', async () => {
    const query = file('q.tsq', '');
    const made = tool(
      'openssl',
      ['ts', '-query', '-data', file('doc.txt', 'Paraf'), '-sha256', '-cert', '-out', query],
      'openssl',
    );
    expect(made.code, made.stderr).toBe(0);
    const answer = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: readFileSync(query),
    });
    expect(answer.headers.get('content-type')).toBe('application/timestamp-reply');
    const reply = file('r.tsr', new Uint8Array(await answer.arrayBuffer()));
    const verified = tool('openssl', ['ts', '-verify', '-in', reply, '-queryfile', query, '-CAfile', caPem], 'openssl');
    expect(verified.stdout + verified.stderr).toContain('Verification: OK');
    // Not a TimeStampReq: a rejection (status 2), not a token.
    const garbage = await fetch(tsa.url, { method: 'POST', body: 'bukan permintaan' });
    const status = tool(
      'openssl',
      ['ts', '-reply', '-in', file('g.tsr', new Uint8Array(await garbage.arrayBuffer())), '-text'],
      'openssl',
    );
    expect(status.stdout).toContain('Status: Rejected.');
    expect(status.stdout).toContain('Status description: not a TimeStampReq');
  });

  it('works against a TSA that is not Paraf’s: openssl ts -reply behind HTTP', async () => {
    const tsaPems = await pki.timestampAuthority();
    const cnf = file(
      'openssl-tsa.cnf',
      [
        '[ tsa ]',
        'default_tsa = tsa1',
        '[ tsa1 ]',
        `serial = ${file('serial', '01\n')}`,
        `signer_cert = ${file('tsa.pem', tsaPems.certificatePems[0]!)}`,
        `certs = ${caPem}`,
        `signer_key = ${file('tsa.key', tsaPems.keyPem)}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256',
        'accuracy = secs:1',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
    let served = 0;
    const url = await serve(async (body) => {
      served += 1;
      const replyFile = join(work, `openssl-${served}.tsr`);
      const result = tool(
        'openssl',
        ['ts', '-reply', '-config', cnf, '-queryfile', file(`openssl-${served}.tsq`, body), '-out', replyFile],
        'openssl',
      );
      return result.code === 0
        ? { status: 200, body: readFileSync(replyFile) }
        : { status: 500, body: new Uint8Array() };
    });
    const pdf = await signPdf(rendered, request('kepala', 1, 'Tanda tangan'), signer, new Rfc3161Client(url));
    expect(served).toBe(1);
    const [signature] = extractSignatures(pdf);
    expect(opensslTsVerify(signature!.timestampToken!, signature!.signatureValue).stdout).toContain('Verification: OK');
    expect(pdfsig(pdf).map((s) => s.valid)).toEqual(['Signature is Valid.']);
    const report = await verifyPdf(pdf, [pemToDer(readFileSync(caPem, 'utf8'))]);
    expect(report.signatures[0]!.timestamp).toMatchObject({
      valid: true,
      trusted: true,
      tsa: 'Layanan Stempel Waktu Lokal',
    });
  });

  it('takes a TSA answer sent in BER, with an indefinite length, and keeps its token as sent', async () => {
    const ber = await serve(async (body) => {
      const der = new Uint8Array(await (await fetch(tsa.url, { method: 'POST', body })).arrayBuffer());
      // The outer SEQUENCE's length made indefinite (0x80 ... 00 00): BER that a DER reader refuses.
      const header = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
      return { status: 200, body: Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(header), Buffer.alloc(2)]) };
    });
    const pdf = await signPdf(rendered, request('kasi', 0, 'Paraf'), signer, new Rfc3161Client(ber));
    const [signature] = extractSignatures(pdf);
    expect(opensslTsVerify(signature!.timestampToken!, signature!.signatureValue).stdout).toContain('Verification: OK');
  });

  it('signs nothing when the TSA fails, refuses, or answers for other data, and says which', async () => {
    const failing = await serve(async () => ({ status: 503, body: new Uint8Array() }));
    await expect(signPdf(rendered, request('kasi', 0, 'Paraf'), signer, new Rfc3161Client(failing))).rejects.toThrow(
      /the TSA at .* answered HTTP 503/,
    );
    // A reply recorded for another request (a replay): other digest, other nonce.
    const query = join(work, 'replayed.tsq');
    tool('openssl', ['ts', '-query', '-data', file('other.txt', 'lain'), '-sha256', '-cert', '-out', query], 'openssl');
    const old = await fetch(tsa.url, { method: 'POST', body: readFileSync(query) });
    const recorded = new Uint8Array(await old.arrayBuffer());
    const replaying = await serve(async () => ({ status: 200, body: recorded }));
    const replay = signPdf(rendered, request('kasi', 0, 'Paraf'), signer, new Rfc3161Client(replaying));
    await expect(replay).rejects.toThrow(TimestampError);
    await expect(replay).rejects.toThrow('time-stamped other data than was sent');
    const closed = await serve(async () => ({ status: 200, body: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]) }));
    await expect(signPdf(rendered, request('kasi', 0, 'Paraf'), signer, new Rfc3161Client(closed))).rejects.toThrow(
      /not a TimeStampResp|refused the request/,
    );
    const unreachable = `http://127.0.0.1:1/tsa`;
    await expect(
      signPdf(rendered, request('kasi', 0, 'Paraf'), signer, new Rfc3161Client(unreachable)),
    ).rejects.toThrow('could not be reached');
  });
});

/** The DSS's streams, read by qpdf (not by the code under test): each object's decoded bytes. */
function dssStreams(pdf: Uint8Array, key: 'Certs' | 'OCSPs' | 'CRLs'): Buffer[] {
  const path = file(`dss-${Math.random()}.pdf`, pdf);
  const json = JSON.parse(
    tool('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', path], 'qpdf').stdout,
  ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { data?: string } }>] };
  const objects = json.qpdf[1];
  const trailer = objects.trailer!.value as { '/Root': string };
  const catalog = objects[`obj:${trailer['/Root']}`]!.value as { '/DSS'?: string };
  const dss = objects[`obj:${catalog['/DSS']}`]!.value as Record<string, string[]>;
  return (dss[`/${key}`] ?? []).map((ref) => Buffer.from(objects[`obj:${ref}`]!.stream!.data!, 'base64'));
}

/** A certificate's serial as openssl reads it (hex, lower case, no leading zero bytes). */
const serialOf = (certificate: string) =>
  tool('openssl', ['x509', '-in', certificate, '-noout', '-serial'], 'openssl')
    .stdout.trim()
    .replace('serial=', '')
    .toLowerCase()
    .replace(/^(00)+/, '');

/** Lists a certificate in pki/revoked.json, as an office revokes one; the caller removes the file after. */
function revokeInPki(certificate: string) {
  const serial = serialOf(certificate);
  const revokedFile = join(data, 'pki', 'revoked.json');
  writeFileSync(revokedFile, JSON.stringify({ [serial]: '2026-11-30T00:00:00Z' }));
  return { serial, revokedFile };
}

describe('PAdES B-LT and B-LTA: validation data and a document timestamp after the last signature', () => {
  let longTerm: Uint8Array;
  beforeAll(async () => {
    longTerm = await makeLongTerm(signed, 'stempel-waktu-uji', {
      tsa: new Rfc3161Client(tsa.url),
      ocspUrl: ocsp.url,
      crlUrl: ocsp.crlUrl,
    });
  }, 60_000);

  it('adds a DSS whose OCSP responses openssl ocsp verifies against the CA, each saying good', () => {
    const certificates = dssStreams(longTerm, 'Certs');
    const responses = dssStreams(longTerm, 'OCSPs');
    // Three officials, the CA and the TSA; an OCSP response for each certificate the CA issued.
    expect(certificates).toHaveLength(5);
    expect(responses).toHaveLength(4);
    const pems = certificates.map((der, i) => {
      const path = file(`dss-cert-${i}.der`, der);
      return tool('openssl', ['x509', '-inform', 'DER', '-in', path], 'openssl').stdout;
    });
    const issued = pems.filter((pem) => !pem.includes(readFileSync(caPem, 'utf8').split('\n')[1]!));
    expect(issued).toHaveLength(4);
    for (const [i, der] of responses.entries()) {
      const checked = tool(
        'openssl',
        ['ocsp', '-respin', file(`ocsp-${i}.der`, der), '-CAfile', caPem, '-issuer', caPem, '-resp_text'],
        'openssl',
      );
      expect(checked.stdout + checked.stderr).toContain('Response verify OK');
      expect(checked.stdout).toMatch(/Cert Status: good/);
    }
    // Each of the four issued certificates has its response: openssl matches them by certificate.
    for (const [i, pem] of issued.entries()) {
      const cert = file(`issued-${i}.pem`, pem);
      const matched = responses.some((der, j) => {
        const out = tool(
          'openssl',
          [
            'ocsp',
            '-respin',
            join(work, `ocsp-${j}.der`),
            '-no_nonce',
            '-CAfile',
            caPem,
            '-issuer',
            caPem,
            '-cert',
            cert,
          ],
          'openssl',
        );
        return der.length > 0 && out.stdout.includes(`${cert}: good`);
      });
      expect({ certificate: i, matched }).toEqual({ certificate: i, matched: true });
    }
  });

  it('ends in a document timestamp over the whole file that openssl ts -verify accepts; pdfsig keeps every signature valid', async () => {
    await expectDocumentTimestamp(longTerm, caPem, work);
    const signatures = pdfsig(longTerm);
    expect(signatures).toHaveLength(4);
    expect(signatures.slice(0, 3).map((s) => [s.valid, s.trusted])).toEqual(
      Array(3).fill(['Signature is Valid.', 'Certificate is Trusted.']),
    );
    expect(signatures.map((s) => s.total)).toEqual([false, false, false, true]);
    const check = tool('qpdf', ['--check', file('lta.pdf', longTerm)], 'qpdf');
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    // Each update appends: the signed file is the long-term one's exact prefix.
    expect(Buffer.from(longTerm.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);
  });

  it('is reported by paraf verify as B-LTA per signature; cut back before the document timestamp it is B-LT', async () => {
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const report = await verifyPdf(longTerm, [ca]);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'B-LTA', 'B-LTA']);
    expect(report.documentTimestamps).toMatchObject([
      {
        field: 'stempel-waktu-uji',
        tsa: 'Layanan Stempel Waktu Lokal',
        valid: true,
        trusted: true,
        coversWholeFile: true,
      },
    ]);
    expect(report.validationData).toEqual({
      certificates: 5,
      ocspResponses: 4,
      verifiedGood: 4,
      crls: 1,
      verifiedCrls: 1,
    });
    const text = Buffer.from(longTerm).toString('latin1');
    const ends = [...text.matchAll(/%%EOF/g)].map((m) => m.index + m[0].length);
    const withoutStamp = await verifyPdf(longTerm.subarray(0, ends.at(-2)), [ca]);
    expect(withoutStamp.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT', 'B-LT']);
    expect((await verifyPdf(signed, [ca])).signatures.map((s) => s.level)).toEqual(['B-T', 'B-T', 'B-T']);
    // Another CA's anchors trust neither the responses nor the timestamps.
    const other = pemToDer(await strangers.caCertificatePem());
    const untrusted = await verifyPdf(longTerm, [other]);
    expect(untrusted.ok).toBe(false);
    expect(untrusted.validationData.verifiedGood).toBe(0);
    expect(untrusted.signatures.map((s) => s.level)).toEqual(['B-T', 'B-T', 'B-T']);
  });

  it('holds after the signers’ certificates end while its TSA’s holds, and no longer once the TSA’s certificate ends unrenewed', async () => {
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const today = await verifyPdf(longTerm, [ca]);
    const tsaEnds = new Date(today.documentTimestamps[0]!.tsaCertificateEnds!);
    const kepalaEnds = new X509Certificate(readFileSync(join(data, 'pki', 'kepala.cert.pem'))).validTo;
    const between = new Date(Date.parse(kepalaEnds) + 86_400_000);
    // The TSA's certificate outlives the officials' (else the archive could not be renewed in time).
    expect(between.getTime()).toBeLessThan(tsaEnds.getTime());
    const later = await verifyPdf(longTerm, [ca], between);
    expect(later.ok).toBe(true);
    expect(later.signatures.map((s) => [s.certificateValidAtSigning, s.level])).toEqual(Array(3).fill([true, 'B-LTA']));

    const unrenewed = await verifyPdf(longTerm, [ca], new Date(tsaEnds.getTime() + 86_400_000));
    expect(unrenewed.ok).toBe(false);
    expect(unrenewed.documentTimestamps[0]).toMatchObject({ valid: false });
    expect(unrenewed.documentTimestamps[0]!.problem).toContain(
      `sertifikat penyedia stempel waktu berakhir ${tsaEnds.toISOString().slice(0, 10)}, sebelum pemeriksaan ini`,
    );
    // Each signature's own timestamp (the same TSA) proves nothing any more: its certificate is judged then, and has ended.
    expect(unrenewed.signatures.map((s) => [s.signingTime, s.certificateValidAtSigning])).toEqual(
      Array(3).fill([undefined, false]),
    );

    // The public page, given that copy as the issued one: the archive's hash does not make it sound.
    const answer = String(
      uploadAnswer({
        sha256: createHash('sha256').update(longTerm).digest('hex'),
        match: {
          standing: 'issued',
          revision: { sha256: '', documentId: 'kasus-uji.api-u', copy: 1, revision: 5, revisions: 5, issued: true },
          document: {
            found: true,
            title: 'Angka Pengenal Importir Umum',
            registrationNumber: '503/001/API-U/DPMPTSP/2026',
            issuedAt: '2026-12-07T02:00:00.000Z',
            company: 'PT Mahakam Niaga Sentosa',
            nib: null,
            npwp: null,
            status: 'aktif',
            revocation: null,
            revocationRecommendations: [],
            copies: [{ copy: 1, sha256: '' }],
            signers: [],
          },
        },
        signatures: unrenewed,
        endedOtherwise: false,
      }),
    );
    const browser = await launchChromium();
    try {
      const page = await newPersonPage(browser);
      await openAnsweredHtml(page, '/verifikasi', answer);
      const shown = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(shown).toContain(
        'Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur, tetapi tanda tangan elektroniknya tidak dapat dinyatakan sah saat ini.',
      );
      expect(shown).toContain('sertifikat penerbit penanda waktunya sudah berakhir');
      expect(shown).not.toContain('Dokumen asli');
      expect(shown).toContain('SAH dan berlaku, menurut arsip kantor');
      expect(shown.match(/Tidak dapat dipastikan lagi: sertifikat penerbit penanda waktunya berakhir/g)).toHaveLength(
        3,
      );
      await checkAtBothWidths(page, 'unggah-penanda-waktu-berakhir');
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("asks the responder once per certificate for a step's three copies, and each copy carries the same good answers", async () => {
    const sources = { tsa: new Rfc3161Client(tsa.url), ocspUrl: ocsp.url, crlUrl: ocsp.crlUrl };
    const asked = ocsp.answered();
    const fetched: RevocationFetches = new Map();
    const copies = await Promise.all(
      [1, 2, 3].map((copy) => makeLongTerm(signed, `stempel-waktu-rangkap-${copy}`, { ...sources, fetched })),
    );
    // Four certificates the CA issued: four answers for the three copies, not twelve.
    expect(ocsp.answered() - asked).toBe(4);
    const answers = copies.map((copy) => dssStreams(copy, 'OCSPs').map((der) => Buffer.from(der).toString('hex')));
    expect(answers[0]).toHaveLength(4);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    for (const copy of copies) {
      const report = await verifyPdf(copy, [ca]);
      expect(report.ok).toBe(true);
      expect(report.validationData).toMatchObject({ ocspResponses: 4, verifiedGood: 4 });
      expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'B-LTA', 'B-LTA']);
    }
    // Without a shared map each copy asks for itself, as a renewal does.
    await makeLongTerm(signed, 'stempel-waktu-sendiri', sources);
    expect(ocsp.answered() - asked).toBe(8);
  });

  it("records each DSS answer's production time, serial and status as openssl reads them, decoding an answer once", async () => {
    const described = await describeLongTerm(longTerm);
    const responses = dssStreams(longTerm, 'OCSPs');
    expect(described.validationData.ocspResponses).toHaveLength(responses.length);
    for (const [i, der] of responses.entries()) {
      const text = tool(
        'openssl',
        ['ocsp', '-respin', file(`facts-${i}.der`, der), '-resp_text', '-noverify'],
        'openssl',
      ).stdout;
      const facts = described.validationData.ocspResponses.find(
        (response) => response.sha256 === createHash('sha256').update(der).digest('hex'),
      );
      const producedAt = /Produced At: (.+)/.exec(text)?.[1];
      expect(facts?.producedAt).toBe(new Date(`${producedAt}`).toISOString());
      expect(facts?.statuses).toEqual([
        { serial: /Serial Number: (\w+)/.exec(text)?.[1]?.toLowerCase(), status: /Cert Status: (\w+)/.exec(text)?.[1] },
      ]);
    }
    // The archive's record reads the answers the step has just decoded: none is decoded again.
    const parse = vi.spyOn(AsnConvert, 'parse');
    try {
      await describeLongTerm(Buffer.from(longTerm));
      expect(parse.mock.calls.filter(([, type]) => type === OCSPResponse)).toHaveLength(0);
    } finally {
      parse.mockRestore();
    }
  });

  it('parses the signed file twice to make it long-term: once for its DSS (the retry check shares it), once for its timestamp', async () => {
    const load = vi.spyOn(PDFDocument, 'load');
    try {
      const copy = await makeLongTerm(signed, 'stempel-waktu-dua-baca', {
        tsa: new Rfc3161Client(tsa.url),
        ocspUrl: ocsp.url,
        crlUrl: ocsp.crlUrl,
      });
      const inputs = load.mock.calls.map(([bytes]) => (bytes as Uint8Array).length);
      // The signed file, then the file with its DSS; not the signed file a second time.
      expect(inputs).toEqual([signed.length, expect.any(Number)]);
      expect(inputs[1]).toBeGreaterThan(signed.length);
      const ca = pemToDer(readFileSync(caPem, 'utf8'));
      expect((await verifyPdf(copy, [ca])).signatures.map((s) => s.level)).toEqual(['B-LTA', 'B-LTA', 'B-LTA']);
    } finally {
      load.mockRestore();
    }
  });

  it('is left as it is when the step is retried, and adds nothing when the OCSP responder cannot answer', async () => {
    const again = await makeLongTerm(longTerm, 'stempel-waktu-uji', {
      tsa: new Rfc3161Client(tsa.url),
      ocspUrl: ocsp.url,
    });
    expect(Buffer.from(again).equals(Buffer.from(longTerm))).toBe(true);
    await expect(
      makeLongTerm(signed, 'stempel-waktu-lain', {
        tsa: new Rfc3161Client(tsa.url),
        ocspUrl: 'http://127.0.0.1:1/ocsp',
      }),
    ).rejects.toThrow('could not be reached');
    await expect(makeLongTerm(signed, 'stempel-waktu-lain', { tsa: new Rfc3161Client(tsa.url) })).rejects.toThrow(
      'names no OCSP responder, and none is configured',
    );
  });

  it("carries the CA's CRL, which openssl crl verifies; openssl verify -crl_check passes an official, then fails one revoked", async () => {
    const [carried] = dssStreams(longTerm, 'CRLs');
    expect(carried).toBeDefined();
    const crl = (der: Uint8Array, name: string) => {
      const path = file(`${name}.der`, der);
      const checked = tool(
        'openssl',
        ['crl', '-inform', 'DER', '-in', path, '-CAfile', caPem, '-noout', '-text'],
        'openssl',
      );
      expect(checked.stderr).toContain('verify OK');
      expect(checked.stdout).toMatch(/Issuer: CN\s?=\s?Otoritas Sertifikat Lokal/);
      const pem = file(`${name}.pem`, tool('openssl', ['crl', '-inform', 'DER', '-in', path], 'openssl').stdout);
      return { text: checked.stdout, pem };
    };
    const inDss = crl(carried!, 'dss-crl');
    expect(inDss.text).toContain('No Revoked Certificates');
    const kepala = join(data, 'pki', 'kepala.cert.pem');
    const verifyWith = (crlPem: string) =>
      tool('openssl', ['verify', '-crl_check', '-CAfile', caPem, '-CRLfile', crlPem, kepala], 'openssl');
    const good = verifyWith(inDss.pem);
    expect(good.stdout + good.stderr).toContain(`${kepala}: OK`);
    const { serial, revokedFile } = revokeInPki(kepala);
    try {
      const served = new Uint8Array(await (await fetch(ocsp.crlUrl)).arrayBuffer());
      const listed = crl(served, 'served-crl');
      expect(listed.text.toLowerCase()).toContain(`serial number: ${serial}`);
      const revoked = verifyWith(listed.pem);
      expect(revoked.code).not.toBe(0);
      expect(revoked.stdout + revoked.stderr).toContain('certificate revoked');
    } finally {
      rmSync(revokedFile);
    }
  });

  it('answers openssl ocsp as a client: good for an official, revoked once listed, unknown for a stranger', async () => {
    const kepala = join(data, 'pki', 'kepala.cert.pem');
    // Asynchronously: the responder answers from this process, which a synchronous spawn would block.
    const ask = (cert: string) =>
      new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile(
          'openssl',
          ['ocsp', '-issuer', caPem, '-cert', cert, '-url', ocsp.url, '-CAfile', caPem],
          (_e, stdout, stderr) => resolve({ stdout, stderr }),
        );
      });
    const good = await ask(kepala);
    expect(good.stdout + good.stderr).toContain('Response verify OK');
    expect(good.stdout).toContain(`${kepala}: good`);
    const { revokedFile } = revokeInPki(kepala);
    try {
      expect((await ask(kepala)).stdout).toContain(`${kepala}: revoked`);
    } finally {
      rmSync(revokedFile);
    }
    await strangers.caCertificatePem();
    const stranger = join(work, 'strangers', 'pki', 'ca.cert.pem');
    expect((await ask(stranger)).stdout).toContain(`${stranger}: unknown`);
  });
});

describe('a signing service that does not answer', () => {
  /** The error a machine task's handler leaves with, as Step Functions names it. */
  const machineFailure = async (work: () => Promise<unknown>) =>
    ((await machineHandler('uji', z.object({}), work)({}).catch((error: unknown) => error)) as Error).name;

  it('is named Paraf.ServiceUnavailable for the machine (unreachable, 503, 429); a refusal or a 404 is not', async () => {
    const busy = await serve(async () => ({ status: 503, body: new Uint8Array() }));
    const throttling = await serve(async () => ({ status: 429, body: new Uint8Array() }));
    const missing = await serve(async () => ({ status: 404, body: new Uint8Array() }));
    const unreachable = 'http://127.0.0.1:1/layanan';
    const stamp = (url: string) => () => new Rfc3161Client(url).timestamp(new Uint8Array([1, 2, 3]));
    const longTermWith = (ocspUrl: string) => () =>
      makeLongTerm(signed, 'stempel-waktu-lain', { tsa: new Rfc3161Client(tsa.url), ocspUrl });
    const outages = [stamp(busy), stamp(throttling), stamp(unreachable), longTermWith(busy), longTermWith(unreachable)];
    for (const outage of outages) expect(await machineFailure(outage)).toBe('Paraf.ServiceUnavailable');
    // Waiting would not mend these: the machine's short retries, then the failure state.
    expect(await machineFailure(stamp(missing))).toBe('TimestampError');
    expect(await machineFailure(longTermWith(missing))).toBe('RevocationError');
    const refusing = await serve(async () => ({ status: 200, body: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]) }));
    expect(await machineFailure(stamp(refusing))).toBe('TimestampError');
  });

  it('is waited out by every signing and archiving task for hours, before the short retries of other errors', () => {
    const tasks = signingTaskRetries();
    expect(tasks.length).toBeGreaterThan(17);
    for (const { name, retry } of tasks) {
      const outage = retry.findIndex((r) => r.ErrorEquals.includes('Paraf.ServiceUnavailable'));
      expect(outage, name).toBeGreaterThanOrEqual(0);
      expect(outage, name).toBeLessThan(retry.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed')));
      const { IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy } = retry[outage]!;
      const longest = Array.from({ length: MaxAttempts }, (_, attempt) =>
        Math.min(IntervalSeconds * BackoffRate ** attempt, MaxDelaySeconds),
      ).reduce((sum, wait) => sum + wait, 0);
      // Hours in all (about half of it on average, with full jitter), never more than half an hour between tries.
      expect(longest, name).toBeGreaterThan(3 * 3600);
      expect(MaxDelaySeconds, name).toBeLessThanOrEqual(1800);
      expect(JitterStrategy, name).toBe('FULL');
    }
  });
});

/**
 * The signed file with a /DSS of certificates (the three officials', the TSA's, the CA's) and CRLs
 * only, no OCSP response, in an incremental update, as a signer whose CA publishes no responder
 * makes it; in a /VRI entry (keyed by the SHA-1 of the Kepala's signature, as PAdES keys it) instead
 * of the DSS's own /CRLs when asked.
 */
async function withCrlOnlyDss(crls: Uint8Array[], where: 'CRLs' | 'VRI' = 'CRLs'): Promise<Uint8Array> {
  const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
  const { context } = doc;
  const streams = (ders: Uint8Array[]) => context.obj(ders.map((der) => context.register(context.flateStream(der))));
  const certificates = ['kasi', 'kepala', 'tu', 'tsa', 'ca'].map((name) =>
    pemToDer(readFileSync(join(data, 'pki', `${name}.cert.pem`), 'utf8')),
  );
  const dss = context.obj({ Certs: streams(certificates) });
  const kepala = createHash('sha1').update(extractSignatures(signed)[1]!.cms).digest('hex').toUpperCase();
  if (where === 'CRLs') dss.set(PDFName.of('CRLs'), streams(crls));
  else dss.set(PDFName.of('VRI'), context.obj({ [kepala]: context.obj({ CRL: streams(crls) }) }));
  doc.catalog.set(PDFName.of('DSS'), context.register(dss));
  return doc.save({ useObjectStreams: false });
}

describe('PAdES B-LT from CRLs alone', () => {
  const kepalaCert = join(data, 'pki', 'kepala.cert.pem');
  const anHourBeforeSigning = () => new Date(before.getTime() - 3600_000);

  it('finds the Kepala not valid at signing when the CA’s CRL revokes the certificate before it, in the DSS or a VRI entry', async () => {
    const crl = await pki.certificateRevocationList({ [serialOf(kepalaCert)]: anHourBeforeSigning().toISOString() });
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    for (const where of ['CRLs', 'VRI'] as const) {
      const report = await verifyPdf(await withCrlOnlyDss([crl], where), [ca]);
      expect(
        report.signatures.map((s) => [s.field, s.certificateValidAtSigning]),
        where,
      ).toEqual([
        ['paraf-kasi', true],
        ['tanda-tangan-kepala', false],
        ['registrasi-tu', true],
      ]);
      // The CRL states whole seconds.
      expect(report.signatures[1]!.revokedAt).toBe(
        new Date(Math.floor(anHourBeforeSigning().getTime() / 1000) * 1000).toISOString(),
      );
      expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-T', 'B-LT']);
      expect(report.validationData).toMatchObject({ ocspResponses: 0, crls: 1, verifiedCrls: 1 });
    }
  });

  it('reaches B-LT with a current CRL that lists none of them, not with one older than the signatures; paraf verify counts the CRL', async () => {
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const current = await withCrlOnlyDss([await pki.certificateRevocationList({})]);
    const report = await verifyPdf(current, [ca]);
    expect(report.signatures.map((s) => [s.certificateValidAtSigning, s.revokedAt, s.level])).toEqual(
      Array(3).fill([true, undefined, 'B-LT']),
    );
    expect(report.validationData).toEqual({
      certificates: 5,
      ocspResponses: 0,
      verifiedGood: 0,
      crls: 1,
      verifiedCrls: 1,
    });
    // Issued the day before: it says nothing of the time the signatures were made.
    const stale = await pki.certificateRevocationList({}, new Date(before.getTime() - 86_400_000));
    const old = await verifyPdf(await withCrlOnlyDss([stale]), [ca]);
    expect(old.signatures.map((s) => s.level)).toEqual(['B-T', 'B-T', 'B-T']);
    expect(old.validationData.verifiedCrls).toBe(1);
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        'npx',
        ['--no-install', 'paraf', 'verify', file('crl-saja.pdf', current), '--ca', caPem],
        { cwd: root, encoding: 'utf8', env: { ...process.env, PARAF_DATA: join(work, 'tidak-ada') } },
        (error, stdout) => resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout }),
      ),
    );
    expect(result.stdout).toContain(
      'Data validasi (DSS): 5 sertifikat, 0 respons OCSP (0 terverifikasi baik), 1 daftar pencabutan CRL (1 terverifikasi)',
    );
    expect(result.stdout.match(/^Tanda tangan \d: sah$/gm)).toHaveLength(3);
    expect(result.stdout.match(/^ {4}tingkat PAdES B-LT$/gm)).toHaveLength(3);
    // The DSS update is not under a document timestamp here: bytes after the last signature fail the file.
    expect(result.stdout).toMatch(/^PERUBAHAN TANPA TANDA TANGAN: \d+ bita/m);
    expect(result.code).toBe(1);
    // A ceiling, not a wait: `npx paraf verify` starts tsx, 20-45 s of wall time on a loaded shared machine.
  }, 120_000);

  it('counts a CRL issued in the second of the last signature’s timestamp (CRLs state whole seconds), not one a second earlier', async () => {
    const ca = pemToDer(readFileSync(caPem, 'utf8'));
    const last = (await verifyPdf(signed, [ca])).signatures[2]!;
    const second = Math.floor(new Date(last.signingTime!).getTime() / 1000) * 1000;
    const levels = async (thisUpdate: number) =>
      (
        await verifyPdf(await withCrlOnlyDss([await pki.certificateRevocationList({}, new Date(thisUpdate))]), [ca])
      ).signatures.map((s) => s.level);
    expect(await levels(second)).toEqual(['B-LT', 'B-LT', 'B-LT']);
    expect((await levels(second - 1000)).at(-1)).toBe('B-T');
  });

  it('ignores a CRL another CA of the same name signed, revoking the Kepala', async () => {
    const forged = await strangers.certificateRevocationList({
      [serialOf(kepalaCert)]: anHourBeforeSigning().toISOString(),
    });
    // The same issuer name as the office's CA: only the signature tells them apart.
    const issuer = (der: Uint8Array, name: string) =>
      tool('openssl', ['crl', '-inform', 'DER', '-in', file(name, der), '-noout', '-issuer'], 'openssl').stdout;
    expect(issuer(forged, 'asing.crl')).toBe(issuer(await pki.certificateRevocationList({}), 'kantor.crl'));
    const report = await verifyPdf(await withCrlOnlyDss([forged]), [pemToDer(readFileSync(caPem, 'utf8'))]);
    expect(report.signatures.map((s) => [s.certificateValidAtSigning, s.revokedAt, s.level])).toEqual(
      Array(3).fill([true, undefined, 'B-T']),
    );
    expect(report.validationData).toMatchObject({ crls: 1, verifiedCrls: 0 });
  });
});

describe('the TSA setting', () => {
  const base = { PARAF_TABLE: 't', PARAF_BUCKET: 'b', PARAF_PUBLIC_URL: 'http://127.0.0.1', PARAF_DATA: work };
  it('is the local stand-in by default, a named RFC 3161 server with PARAF_TSA_URL, or none', () => {
    expect(readConfig(base).tsa).toEqual({ provider: 'local' });
    expect(readTsaSettings({ PARAF_TSA_URL: 'https://tsa.example.test/tsr' })).toEqual({
      provider: 'rfc3161',
      url: 'https://tsa.example.test/tsr',
    });
    expect(
      readTsaSettings({
        PARAF_TSA: 'rfc3161',
        PARAF_TSA_URL: 'https://tsa.example.test',
        PARAF_TSA_USER: 'paraf',
        PARAF_TSA_PASSWORD: 'x',
      }),
    ).toEqual({ provider: 'rfc3161', url: 'https://tsa.example.test', username: 'paraf', password: 'x' });
    expect(readTsaSettings({ PARAF_TSA: 'none' })).toEqual({ provider: 'none' });
  });

  it('refuses an unknown provider, a missing or wrong address, and an address the provider would ignore', () => {
    expect(() => readConfig({ ...base, PARAF_TSA: 'bsre' })).toThrow(
      'PARAF_TSA bernilai "bsre": harus salah satu dari local, rfc3161, none.',
    );
    expect(() => readTsaSettings({ PARAF_TSA: 'rfc3161' })).toThrow('PARAF_TSA_URL belum diisi');
    expect(() => readTsaSettings({ PARAF_TSA_URL: 'tsa.example.test' })).toThrow(
      'PARAF_TSA_URL bernilai "tsa.example.test": harus alamat http:// atau https://.',
    );
    expect(() => readTsaSettings({ PARAF_TSA: 'none', PARAF_TSA_URL: 'https://tsa.example.test' })).toThrow(
      'isikan PARAF_TSA=rfc3161 untuk memakainya',
    );
  });
});
