import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { answerOcspFromPkiFolder } from '#signing/ocsp-responder.ts';
import { CmsSigner, signPdfWith } from '#signing/sign-pdf.ts';

export interface StandInUser {
  nik: string;
  passphrase: string;
  /** BSrE's certificate status: ISSUE may sign; EXPIRED, REVOKE ... may not. */
  status: string;
  name: string;
  nip: string;
  position: string;
}

export interface BsreStandIn {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The stand-in's CA, named after BSrE, in PEM: what a verifier trusts. */
  caPem: string;
  /** Every call as it arrived: path, NIK and whether a passphrase came (never the passphrase). */
  calls: { path: string; nik?: string; withPassphrase: boolean }[];
  close(): Promise<void>;
}

/** Where the stand-in keeps its CA and users' keys, and what a faulty service would do. */
export interface BsreStandInOptions {
  /** A folder kept across starts (`npm start`'s `<data>/bsre-uji`); none: a temporary one, removed on close. */
  dir?: string;
  /** The passphrase its keys are encrypted with, when the office chose one (as the data folder's). */
  keyPassphrase?: string;
  /** "rewrites": answers with the signed file saved anew (not appended), as a faulty service might. */
  behaviour?: 'appends' | 'rewrites';
}

export const STAND_IN_CA = 'CN=Balai Sertifikasi Elektronik (stand-in uji), O=Badan Siber dan Sandi Negara, C=ID';

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/**
 * A small HTTP server on loopback speaking the Esign Client Service v2 contract that
 * functions/signing/bsre-client.ts follows, with a CA of its own: the tests run the real provider
 * code over HTTP against it, and `PARAF_SIGNER=bsre npm start` signs with it. It signs whole PDFs
 * incrementally and invisibly, as the service does. Not BSrE: its certificates are for trying Paraf.
 */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a test stand-in's server: its users, keys and the one endpoint BSrE has, in one place
export async function startBsreStandIn(users: StandInUser[], options: BsreStandInOptions = {}): Promise<BsreStandIn> {
  const behaviour = options.behaviour ?? 'appends';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'paraf-bsre-'));
  const signer = new LocalSigner(dir, options.keyPassphrase);
  let pki: LocalPki;
  const clientId = 'paraf-uji';
  const clientSecret = 'rahasia-klien-uji';
  const calls: BsreStandIn['calls'] = [];
  let signatures = 0;

  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    // BSrE's OCSP responder, public as a CA's is: the address its certificates name (PAdES B-LT).
    // GET (RFC 6960 A.1, what NSS tries first): the request base64 and percent-encoded in the path.
    const ocspInPath =
      request.method === 'GET' && request.url?.startsWith('/pki/ocsp/')
        ? request.url.slice('/pki/ocsp/'.length)
        : undefined;
    if ((request.method === 'POST' && request.url === '/pki/ocsp') || ocspInPath !== undefined) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const asked =
        ocspInPath !== undefined ? Buffer.from(decodeURIComponent(ocspInPath), 'base64') : Buffer.concat(chunks);
      const { der } = answerOcspFromPkiFolder(asked, dir, options.keyPassphrase);
      response.writeHead(200, { 'content-type': 'application/ocsp-response' });
      return response.end(Buffer.from(der));
    }
    if (request.method === 'GET' && (request.url === '/pki/ca.crl' || request.url === '/pki/ca.crt')) {
      const crl = request.url === '/pki/ca.crl';
      response.writeHead(200, { 'content-type': crl ? 'application/pkix-crl' : 'application/pkix-cert' });
      return response.end(Buffer.from(crl ? await pki.currentRevocationList() : await pki.caCertificateDer()));
    }
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return answer(401, { status_code: 401, error: 'Unauthorized' });
    const body = await readJson(request);
    const nik = typeof body.nik === 'string' ? body.nik : undefined;
    calls.push({ path: request.url ?? '', nik, withPassphrase: typeof body.passphrase === 'string' });
    const user = users.find((candidate) => candidate.nik === nik);
    if (request.url === '/api/v2/user/check-status') {
      if (!user) return answer(400, { status_code: 2011, error: 'User tidak terdaftar' });
      return answer(200, { status_code: 1111, status: user.status, message: `User status ${user.status}` });
    }
    if (request.url !== '/api/v2/sign/pdf') return answer(404, { error: 'Not found' });
    if (!user) return answer(400, { status_code: 2011, error: 'User tidak terdaftar' });
    if (body.passphrase !== user.passphrase) return answer(400, { status_code: 2031, error: 'Passphrase anda salah' });
    if (user.status !== 'ISSUE') return answer(400, { status_code: 2021, error: 'Sertifikat tidak aktif' });
    const files = (body.file as string[]).map((file) => Buffer.from(file, 'base64'));
    const signed = [];
    for (const file of files) {
      signatures += 1;
      const pdf = await signPdfWith(
        file,
        {
          officialId: user.nik,
          fieldName: `bsre-${signatures}`,
          reason: 'Ditandatangani secara elektronik',
          signerName: user.name,
          location: 'Indonesia',
          signingTime: new Date(),
          page: 1,
          rect: { x: 0, y: 0, width: 0, height: 0 },
          lines: [],
        },
        new CmsSigner(signer, user.nik),
      );
      const answerFile =
        behaviour === 'rewrites' ? await (await PDFDocument.load(pdf)).save({ useObjectStreams: false }) : pdf;
      signed.push(Buffer.from(answerFile).toString('base64'));
    }
    return answer(200, { file: signed, time: new Date().toISOString() });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The certificates name the responder above (authorityInfoAccess), as BSrE's name its own; a
  // folder kept across starts keeps the address of the start that certified its users.
  pki = new LocalPki(
    dir,
    { ca: STAND_IN_CA, organisation: 'Badan Siber dan Sandi Negara' },
    options.keyPassphrase,
    `http://127.0.0.1:${port}/pki`,
  );
  await pki.ensureOfficials(
    users.map((user) => ({ id: user.nik, name: user.name, nip: user.nip, position: user.position })),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    caPem: await pki.caCertificatePem(),
    calls,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the stand-in of `npm start` accepts from every official: it is not BSrE, and says so on the approval page. */
export const BSRE_TRIAL_PASSPHRASE = 'uji-bsre-paraf';

/** The staff directory's officials with a NIK, each with an active certificate at the stand-in. */
export function bsreTrialUsers(staffFile: string): StandInUser[] {
  const directory = JSON.parse(readFileSync(staffFile, 'utf8')) as {
    staff: { nik?: string; name: string; nip: string; position: string }[];
  };
  return directory.staff.flatMap((official) =>
    official.nik ? [{ ...official, nik: official.nik, passphrase: BSRE_TRIAL_PASSPHRASE, status: 'ISSUE' }] : [],
  );
}
