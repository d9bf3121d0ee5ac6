import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { PDFDocument } from '@cantoo/pdf-lib';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSigningReadiness,
  readinessProblems,
  requireSigningReadiness,
  signingLanes,
} from '#cases/check-signing-readiness.ts';
import { readConfig } from '#config/read-config.ts';
import { machineHandler } from '#handlers/machine-handler.ts';
import { startStandIns } from '#local/start-local.ts';
import { CERTIFICATE_CACHE_MS, cachedCertificates, listCertificates } from '#records/certificates.ts';
import { ensureTable } from '#records/table.ts';
import { buildRuntime, setRuntime, type Runtime } from '#runtime/runtime.ts';
import { officeSealConfigured, signer } from '#runtime/signer.ts';
import { KmsSigner } from '#signing/kms-signer.ts';
import { OFFICE_SEAL, sealPdf } from '#signing/office-seal.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { healthRoutes } from '#web/health-routes.ts';
import { loketRoutes } from '#web/loket-routes.ts';
import { stylesheetRoutes } from '#web/stylesheet-routes.ts';
import type { Workflow } from '#workflow/workflow.ts';
import * as z from 'zod';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { startKmsKeysStandIn } from '../support/kms-stand-in.ts';
import { once } from '../support/once.ts';
import { signingTaskRetries } from '../support/signing-task-retries.ts';
import { makeTestCa } from '../support/test-ca.ts';
import { fillApplicant } from '../support/walk-case.ts';

/**
 * `npx paraf aws certify` as an operator runs it (the CLI in its own process, the real SDK clients)
 * against a KMS stand-in holding one ECC P-256 key per signer under the signing stack's aliases, and
 * dynalite for the table; the functions' side (readiness, the KMS signer) reads what it stored.
 * CSRs and certificates are checked with openssl, the sealed PDF with pdfsig.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-aws-certify-'));
const TABLE = 'paraf-records';
const staff = (
  JSON.parse(readFileSync(join(root, 'config/staff.json'), 'utf8')) as {
    staff: { id: string; name: string; lanes: string[] }[];
  }
).staff;
const signerIds = [...staff.map((official) => official.id), OFFICE_SEAL.id];
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let kms: Awaited<ReturnType<typeof startKmsKeysStandIn>>;
let rt: Runtime;
/** A runtime on a table where nothing is ever certified: the refusals are checked there, whatever ran before. */
let uncertified: Runtime;
const UNCERTIFIED_TABLE = 'paraf-uncertified';
let env: NodeJS.ProcessEnv;

const openssl = (args: string[], input?: string) => spawnSync('openssl', args, { encoding: 'utf8', input });
/** The CLI in its own process; asynchronously, since the KMS stand-in and dynalite answer from this one. */
const cli = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/paraf.mjs'), 'aws', 'certify', '--stage', 'uji', ...args], {
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
/** The DER SubjectPublicKeyInfo of a PEM certificate or request, as openssl reads it. */
const publicKeyOf = (pem: string, kind: 'x509' | 'req') => {
  const key = openssl([kind, '-pubkey', '-noout'], pem).stdout;
  return spawnSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: key }).stdout;
};

beforeAll(async () => {
  standIns = await startStandIns(join(work, 'data'));
  kms = await startKmsKeysStandIn(signerIds.map((id) => `alias/paraf/uji/${id}`));
  const { PARAF_DATA: _data, AWS_PROFILE: _profile, ...rest } = process.env;
  // The CLI finds the stand-ins as an operator's finds AWS: by the SDK's own settings.
  env = {
    ...rest,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: standIns.aws.standIns.endpoints.dynamodb,
    PARAF_TABLE: TABLE,
  };
  const config = readConfig({
    PARAF_TABLE: TABLE,
    PARAF_BUCKET: 'paraf-archive',
    PARAF_PUBLIC_URL: 'https://paraf.example.test',
    PARAF_MAIL: 'ses',
    PARAF_SIGNER: 'kms',
    PARAF_TSA: 'none',
  });
  // The functions' own KMS client (runtime/signer.ts) is given the stand-in as the table's client is given dynalite.
  const { standIns: local } = standIns.aws;
  rt = buildRuntime({
    ...config,
    aws: { ...standIns.aws, standIns: { ...local, endpoints: { ...local.endpoints, kms: kms.endpoint } } },
  });
  uncertified = buildRuntime({
    ...config,
    table: UNCERTIFIED_TABLE,
    aws: { ...standIns.aws, standIns: { ...local, endpoints: { ...local.endpoints, kms: kms.endpoint } } },
  });
  setRuntime(rt);
  const raw = new DynamoDBClient({ ...standIns.aws.standIns, endpoint: standIns.aws.standIns.endpoints.dynamodb });
  await ensureTable(raw, TABLE);
  await ensureTable(raw, UNCERTIFIED_TABLE);
  raw.destroy();
  makeTestCa(join(work, 'ca'), 'CA Uji Kantor');
}, 120_000);

afterAll(async () => {
  setRuntime(undefined);
  await kms?.close();
  await standIns?.close();
  rmSync(work, { recursive: true, force: true });
});

const apiU = () => loadCatalog().find((sop) => sop.aliases.includes('api-u'))!;

/** The CLI's CSRs for every key, and the KMS calls it made for them. */
const writeCsrs = once(async () => {
  const calls = (target: string) => kms.requests.filter((r) => r.target === target).length;
  const before = { publicKey: calls('TrentService.GetPublicKey'), sign: calls('TrentService.Sign') };
  const run = await cli(['--csr', join(work, 'csr')]);
  return {
    run,
    publicKeyCalls: calls('TrentService.GetPublicKey') - before.publicKey,
    signCalls: calls('TrentService.Sign') - before.sign,
  };
});

/** The chains a CA returned for two of the CSRs imported, one more saved under the wrong name; what was stored then. */
const importChains = once(async () => {
  await writeCsrs();
  const csr = join(work, 'csr');
  const returned = join(work, 'returned');
  mkdirSync(returned);
  const ca = join(work, 'ca');
  const issue = (id: string) => {
    const out = join(returned, `${id}.cert.pem`);
    const signed = openssl([
      'x509',
      '-req',
      '-in',
      join(csr, `${id}.csr.pem`),
      '-CA',
      join(ca, 'cert.pem'),
      '-CAkey',
      join(ca, 'key.pem'),
      '-days',
      '10',
      '-out',
      out,
    ]);
    expect(signed.status, signed.stderr).toBe(0);
    return readFileSync(out, 'utf8') + readFileSync(join(ca, 'cert.pem'), 'utf8');
  };
  writeFileSync(join(returned, 'kepala.pem'), issue('kepala'));
  writeFileSync(join(returned, `${OFFICE_SEAL.id}.pem`), issue(OFFICE_SEAL.id));
  // Someone saved kepala's chain under another official's name.
  const other = staff.find((official) => official.id !== 'kepala')!.id;
  writeFileSync(join(returned, `${other}.pem`), readFileSync(join(returned, 'kepala.pem')));
  const run = await cli(['--import', returned]);
  return { run, other, stored: await listCertificates(rt.dynamo, TABLE) };
});

/** Every key certified with the CA, after the import; this container's cached view read just before. */
const certifyAll = once(async () => {
  await importChains();
  const readAt = Date.now() + 10 * CERTIFICATE_CACHE_MS;
  const cachedBefore = (await cachedCertificates(rt.dynamo, TABLE, readAt)).size;
  const ca = join(work, 'ca');
  const run = await cli(['--ca-key', join(ca, 'key.pem'), '--ca-cert', join(ca, 'cert.pem')]);
  return { readAt, cachedBefore, run };
});

describe('signing readiness on AWS and npx paraf aws certify', () => {
  it('refuses new cases while a signing lane has no certified official, naming the lane and its officials', async () => {
    const readiness = await checkSigningReadiness(uncertified);
    expect(readiness.ready).toBe(false);
    expect(readiness.seal).toBe(false);
    const kepalaLane = rt.staff.byId('kepala')!.lanes[0]!;
    const lane = readiness.lanes.find((l) => l.lane === kepalaLane)!;
    expect(lane.officials.map((o) => o.id)).toContain('kepala');
    const refusal = await requireSigningReadiness(uncertified, apiU()).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'signing-not-ready' });
    expect((refusal as Error).message).toMatch(
      /^Loket belum dapat menerima berkas .+: Jalur .+ belum punya pejabat bersertifikat/,
    );
    expect((refusal as Error).message).toContain(rt.staff.byId('kepala')!.name);
    expect(await officeSealConfigured(uncertified, OFFICE_SEAL.id)).toBe(false);
  });

  it('shows the refusal at the loket and the reason on the health page, in Bahasa Indonesia at both widths', async () => {
    const started: string[] = [];
    const workflow = { startCase: async (sop: string) => void started.push(sop) } as unknown as Workflow;
    const app = new Hono();
    app.route('/', stylesheetRoutes(uncertified));
    app.route('/loket', loketRoutes(uncertified, workflow));
    app.route('/', healthRoutes(uncertified, undefined));
    const server = await new Promise<ServerType>((done) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await newPersonPage(browser);
      await page.goto(`${base}/loket/${apiU().id}`);
      // The applicant complete (the browser asks for what API-U's draft needs), so the refusal is the signing's.
      await fillApplicant(page);
      await Promise.all([
        page.waitForURL(`${base}/loket/${apiU().id}`),
        page.locator('form [type=submit]').last().click(),
      ]);
      await expect
        .poll(() => page.locator('.error, [role=alert]').first().innerText())
        .toMatch(/Loket belum dapat menerima berkas/);
      await checkAtBothWidths(page, 'loket-belum-siap-tanda-tangan');
      expect(started).toEqual([]);
      expect((await listCertificates(uncertified.dynamo, UNCERTIFIED_TABLE)).size).toBe(0);
      await page.goto(`${base}/kesehatan`);
      const section = page.locator('#kesiapan-tanda-tangan');
      await expect.poll(() => section.innerText()).toContain('Segel elektronik kantor belum bersertifikat.');
      expect(await section.innerText()).toContain(rt.staff.byId('kepala')!.name);
      // Deployed without a TSA (PARAF_TSA=none, as AWS without paraf:tsaUrl): the page says what signatures lack.
      const level = await page.locator('#tingkat-tanda-tangan').innerText();
      expect(level).toContain('Tanda tangan belum diberi stempel waktu oleh penyedia tepercaya');
      expect(await page.locator('#tingkat-tanda-tangan code').innerText()).toBe('paraf:tsaUrl');
      // Read by the office: who does what in plain words; a command or a setting only inside <code>, to hand over.
      expect(await section.innerText()).toContain('minta petugas TI mendaftarkan sertifikat pejabat dan segel kantor');
      // The command is folded under the IT officer's name: an official reading the page meets none.
      expect(await section.locator('code').isVisible()).toBe(false);
      await section.getByText('Perintah untuk petugas TI').click();
      expect(await section.locator('code').innerText()).toBe('npx paraf aws certify');
      const plain = (await page.evaluate(
        "(() => { const main = document.querySelector('main').cloneNode(true); for (const code of main.querySelectorAll('code')) code.remove(); return main.textContent; })()",
      )) as string;
      for (const word of ['npx', 'Operator menjalankan', 'PAdES', 'TSA', 'OCSP'])
        expect(plain, `"${word}" on /kesehatan`).not.toContain(word);
      await checkAtBothWidths(page, 'kesehatan-belum-siap-tanda-tangan', {
        skipTextsContaining: ['npx paraf aws certify', 'paraf:tsaUrl'],
      });
    } finally {
      await browser?.close();
      await new Promise((done) => server.close(done));
    }
  }, 120_000);

  it('writes a CSR for every key, signed by that key in KMS; openssl verifies each and finds the KMS public key in it', async () => {
    const dir = join(work, 'csr');
    const { run, publicKeyCalls, signCalls } = await writeCsrs();
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('Kirim setiap CSR ke CA');
    for (const id of signerIds) {
      const pem = readFileSync(join(dir, `${id}.csr.pem`), 'utf8');
      const verified = openssl(['req', '-verify', '-noout'], pem);
      expect(verified.status, `${id}: ${verified.stderr}`).toBe(0);
      expect(verified.stdout + verified.stderr).toMatch(/verify OK/i);
      expect(Buffer.compare(publicKeyOf(pem, 'req'), Buffer.from(kms.keys.get(`alias/paraf/uji/${id}`)!.spki))).toBe(0);
    }
    expect(openssl(['req', '-noout', '-subject'], readFileSync(join(dir, 'kepala.csr.pem'), 'utf8')).stdout).toContain(
      rt.staff.byId('kepala')!.name,
    );
    const sealSubject = openssl(['req', '-noout', '-subject'], readFileSync(join(dir, 'segel-kantor.csr.pem'), 'utf8'));
    expect(sealSubject.stdout).toContain(OFFICE_SEAL.name);
    // One GetPublicKey and one Sign (the CSR's) per key; nothing stored yet.
    expect(publicKeyCalls).toBe(signerIds.length);
    expect(signCalls).toBe(signerIds.length);
  }, 120_000);

  it('imports the chains a CA returned after checking each against its key; a chain for another key is refused', async () => {
    const { run, other, stored } = await importChains();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`GAGAL ${other}: sertifikat pertama bukan untuk kunci KMS ini`);
    expect(run.stdout).toMatch(/kepala: tersimpan, .*CN=/);
    expect([...stored.keys()].sort()).toEqual(['kepala', OFFICE_SEAL.id].sort());
    expect(stored.get('kepala')).toMatchObject({
      keyId: kms.keys.get('alias/paraf/uji/kepala')!.arn,
      algorithm: 'ECDSA_SHA_256',
    });
    // The stored chain, as stored, verifies with openssl against the CA.
    const chainFile = join(work, 'kepala-chain.pem');
    writeFileSync(chainFile, stored.get('kepala')!.certificates[0]!);
    const verified = openssl(['verify', '-CAfile', join(work, 'ca', 'cert.pem'), chainFile]);
    expect(verified.stdout).toContain(': OK');
  }, 120_000);

  it('certifies every key with a given CA; a function sees it within the cache minute, and the seal signs through KMS', async () => {
    const { readAt, cachedBefore, run } = await certifyAll();
    const ca = join(work, 'ca');
    // This container's view, read before (two certified by the import), kept for the cache's minute.
    expect(cachedBefore).toBe(2);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('Semua sertifikat tersimpan');
    expect((await listCertificates(rt.dynamo, TABLE)).size).toBe(signerIds.length);
    // Within the minute the container still has what it read; after it, every new certificate.
    expect((await cachedCertificates(rt.dynamo, TABLE, readAt + 1000)).size).toBe(2);
    expect((await cachedCertificates(rt.dynamo, TABLE, readAt + CERTIFICATE_CACHE_MS + 1)).size).toBe(signerIds.length);
    expect((await checkSigningReadiness(rt)).ready).toBe(true);
    await expect(requireSigningReadiness(rt, apiU())).resolves.toBeUndefined();
    expect(await officeSealConfigured(rt, OFFICE_SEAL.id)).toBe(true);

    // The office seal signs a PDF through the runtime's KMS signer with the stored chain.
    const signsBefore = kms.requests.filter((r) => r.target === 'TrentService.Sign').length;
    const blank = await PDFDocument.create();
    blank.addPage([595, 842]);
    const sealed = await sealPdf(
      await blank.save(),
      { page: 1, x: 50, y: 50, width: 200, height: 50 },
      new Date(),
      signer(rt),
    );
    const signs = kms.requests.filter((r) => r.target === 'TrentService.Sign').slice(signsBefore);
    expect(signs).toEqual([
      expect.objectContaining({ KeyId: kms.keys.get(`alias/paraf/uji/${OFFICE_SEAL.id}`)!.arn, MessageType: 'DIGEST' }),
    ]);
    const nss = join(work, 'nss');
    mkdirSync(nss);
    spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    spawnSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'ca', '-t', 'CT,C,C', '-i', join(ca, 'cert.pem')]);
    writeFileSync(join(work, 'sealed.pdf'), sealed);
    const out = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, join(work, 'sealed.pdf')], { encoding: 'utf8' }).stdout;
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
    expect(out).toContain(`Signer Certificate Common Name: ${OFFICE_SEAL.name}`);
  }, 120_000);

  it('with a TSA, keeps the loket closed while a certified chain names no OCSP responder and none is configured', async () => {
    await certifyAll();
    const aws = { ...rt.config.aws };
    const withTsa = (ocspUrl: string | undefined) =>
      buildRuntime({ ...rt.config, aws, tsa: { provider: 'rfc3161', url: 'https://tsa.example.test' }, ocspUrl });
    // The CA's certificates (--ca-key) name no responder: the register stamp could not add B-LT data.
    const readiness = await checkSigningReadiness(withTsa(undefined));
    expect(readiness.lanes).toEqual([]);
    expect(readiness.seal).toBe(true);
    expect(readiness.ready).toBe(false);
    const signers = new Set(loadCatalog().flatMap((sop) => signingLanes(sop)));
    const expected = staff.filter((official) => official.lanes.some((lane) => signers.has(lane))).map((o) => o.id);
    expect(readiness.noRevocationSource.map((signer) => signer.id).sort()).toEqual(expected.sort());
    const refusal = (await requireSigningReadiness(withTsa(undefined), apiU()).catch((e: unknown) => e)) as Error;
    const kepala = staff.find((official) => official.id === 'kepala')!;
    // The loket's staff read what is wrong and whom to call; the operator's health page names the setting.
    expect(refusal.message).toContain(
      `Sertifikat ${kepala.name} belum dapat dipakai untuk dokumen bernomor, karena keabsahannya belum dapat diperiksa.`,
    );
    expect(refusal.message).toContain('Mohon hubungi operator Paraf; halaman Kesehatan menjelaskan');
    expect(refusal.message).not.toMatch(/OCSP|PAdES|paraf:/);
    expect(readinessProblems(readiness).join(' ')).toContain(
      `Sertifikat ${kepala.name} tidak menyebut penjawab OCSP dan paraf:ocspUrl tidak diisi`,
    );
    // A configured responder answers for them; without a TSA no validation data is added at all. Each
    // runtime is new: rt's container cache may still hold what certifyAll read before certifying.
    expect((await checkSigningReadiness(withTsa('https://ocsp.example.test'))).ready).toBe(true);
    expect((await checkSigningReadiness(buildRuntime({ ...rt.config, aws }))).ready).toBe(true);
  });

  it('pauses a case whose signer has no certificate: its own error, retried for the execution’s whole year before any other retrier', async () => {
    const missing = new KmsSigner(new KMSClient({ region: 'ap-southeast-3' }), async () => undefined);
    const handler = machineHandler('uji', z.object({}), () => missing.sign('kabid-baru', new Uint8Array([1])));
    const failure = (await handler({}).catch((error: unknown) => error)) as Error & { code: string };
    expect(failure).toMatchObject({ name: 'Paraf.CertificateMissing', code: 'certificate-missing' });
    expect(failure.message).toContain('kabid-baru belum bersertifikat');
    const tasks = signingTaskRetries();
    expect(tasks.length).toBeGreaterThan(17);
    for (const { name, retry } of tasks) {
      expect(
        retry.findIndex((r) => r.ErrorEquals.includes('Paraf.CertificateMissing')),
        name,
      ).toBe(0);
      const { IntervalSeconds, MaxAttempts, MaxDelaySeconds, JitterStrategy } = retry[0]!;
      // Full jitter waits half the delay on average: the tries outlast the execution's year (a
      // Standard execution's limit), never more than an hour apart.
      expect(JitterStrategy, name).toBe('FULL');
      expect(((MaxAttempts - 1) * MaxDelaySeconds) / 2, name).toBeGreaterThan(366 * 86_400);
      expect(IntervalSeconds, name).toBeLessThanOrEqual(MaxDelaySeconds);
      expect(MaxDelaySeconds, name).toBeLessThanOrEqual(3600);
    }
  });
});
