import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOfficeSettings } from '#config/office-settings.ts';
import { type BsreStandIn, startBsreStandIn, type StandInUser } from '#local/bsre-stand-in.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { getLongTermRecord } from '#records/long-term-records.ts';
import { type Clerk, completeApplication, tempDataDir } from '../../scripts/clerk.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { extractSignatures, tool } from '../support/pdf-signatures.ts';
import { fingerprintsShown } from '../support/served-copies.ts';
import { startParaf } from '../support/start-paraf.ts';
import { signInPage } from '../support/walk-case.ts';

/**
 * PARAF_SIGNER=bsre end to end: the real provider over HTTP against the BSrE stand-in, an API-U case
 * from the counter to the issued permit. The paraf and the Kepala's signature are BSrE's, made on the
 * passphrase each official types at the approval; the register stamp is the office's own key.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const BSRE_ISSUER = 'Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara';
const dataDir = tempDataDir('paraf-bsre-flow-');
const work = tempDataDir('paraf-bsre-flow-files-');
const staff = JSON.parse(readFileSync(join(root, 'config', 'staff.json'), 'utf8')) as {
  staff: { id: string; nik?: string; name: string; nip: string; position: string; email: string }[];
};
const passphraseOf = (id: string) => `Sandi-${id}-Kaltim#2026`;
const users: (StandInUser & { id: string })[] = staff.staff.flatMap((o) =>
  o.nik ? [{ ...o, nik: o.nik, passphrase: passphraseOf(o.id), status: 'ISSUE' }] : [],
);
const userOf = (id: string) => users.find((user) => user.id === id)!;
const printed: string[] = [];
let bsre: BsreStandIn;
let paraf: LocalParaf;
let clerk: Clerk;
let stop: (() => Promise<void>) | undefined;
let caseId: string;
let fileNumber: string;
const answers: Record<number, { status: number; body: Record<string, unknown> }[]> = {};

const email = (id: string) => staff.staff.find((o) => o.id === id)!.email;
const outbox = async () => clerk.outbox();
const approve = (url: string, passphrase?: string) =>
  clerk.decide(url, { decision: 'approve', ...(passphrase === undefined ? {} : { passphrase }) });

/** Every file under a folder, as bytes: the data folder holds the table, the archive, the executions and the outbox. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  // What the runtime prints while it runs: the passphrases must not be in it.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  userOf('kasi-layanan').status = 'EXPIRED';
  bsre = await startBsreStandIn(users);
  // BSrE's CA as an office downloads it from BSrE: the verification page trusts it beside its own.
  writeFileSync(join(work, 'bsre-ca.pem'), bsre.caPem);
  // The statement beside each QR code names BSrE, as Paraf requires of an office signing with it.
  const office = join(work, 'office.json');
  writeFileSync(office, JSON.stringify({ ...loadOfficeSettings(), certificateIssuer: BSRE_ISSUER }));
  ({ paraf, clerk, stop } = await startParaf({
    prefix: 'paraf-bsre-flow-',
    dataDir,
    env: {
      PARAF_SIGNER: 'bsre',
      PARAF_BSRE_URL: bsre.url,
      PARAF_BSRE_CLIENT_ID: bsre.clientId,
      PARAF_BSRE_CLIENT_SECRET: bsre.clientSecret,
      PARAF_BSRE_CA: join(work, 'bsre-ca.pem'),
      PARAF_OFFICE: office,
    },
  }));
  const submitted = (await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')))).body;
  caseId = String(submitted.id);
  fileNumber = String(submitted.fileNumber);
  for (;;) {
    const link = await clerk.nextLink(fileNumber, 300);
    if (link) {
      const official = await clerk.recipientOf(link.url);
      answers[link.step] ??= [];
      const tries = answers[link.step]!;
      if (official === 'kasi-layanan') {
        await tryInChromium(link.url, official);
        // Certificate inactive: refused by BSrE's status; then a wrong passphrase; then the right one.
        tries.push(await approve(link.url, passphraseOf(official)));
        userOf(official).status = 'ISSUE';
        tries.push(await approve(link.url, 'bukan-passphrase-ini'));
        tries.push(await approve(link.url, ''));
      }
      tries.push(await approve(link.url, userOf(official)?.passphrase ?? ''));
      expect(tries.at(-1)?.status, JSON.stringify(tries.at(-1)?.body)).toBe(200);
    } else if ((await clerk.json(`/api/cases/${caseId}`)).body.status !== 'berjalan') break;
  }
}, 240_000);

/** The approval as the official sees it: the passphrase field, and a wrong one refused in Bahasa Indonesia. */
async function tryInChromium(url: string, official: string) {
  const browser = await launchChromium();
  try {
    const page = await newPersonPage(browser);
    await signInPage(page, paraf.url, clerk.credentials!, official);
    await page.goto(url);
    await checkAtBothWidths(page, 'bsre-passphrase');
    pageSaid.form = await page.locator('main').innerText();
    pageSaid.field = await page.locator('#passphrase-bsre').getAttribute('type');
    await page.fill('#passphrase-bsre', 'bukan-passphrase-ini');
    await page.locator('main button[type=submit]').first().click();
    await page.waitForLoadState('load');
    await checkAtBothWidths(page, 'bsre-passphrase-salah');
    pageSaid.refusal = await page.locator('main').innerText();
    pageSaid.refusalHtml = await page.content();
  } finally {
    await browser.close();
  }
}
const pageSaid: Record<string, string | null> = {};

afterAll(async () => {
  await stop?.();
  await bsre?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('BSrE signs the paraf and the signatures (PARAF_SIGNER=bsre)', () => {
  it('finishes the case, each personal signature by BSrE on its official passphrase', async () => {
    const shown = (await clerk.json(`/api/cases/${caseId}`)).body;
    expect(shown.status, JSON.stringify((shown.history as unknown[]).slice(-2))).toBe('selesai');
    const signCalls = bsre.calls.filter((call) => call.path === '/api/v2/sign/pdf');
    expect(signCalls.every((call) => call.withPassphrase)).toBe(true);
    const nikOf = (id: string) => userOf(id).nik;
    // Paraf at steps 8 and 9 (copy 1), the Kepala's signature on three copies; the failed tries never reached the signing call, or were refused there.
    expect(signCalls.filter((call) => call.nik === nikOf('kabid-layanan'))).toHaveLength(1);
    expect(signCalls.filter((call) => call.nik === nikOf('kepala'))).toHaveLength(3);
    expect(signCalls.some((call) => call.nik === nikOf('tata-usaha'))).toBe(false);
  });

  it('tells an official whose certificate is not active, and their supervisor, before they are asked to sign', async () => {
    const mail = await outbox();
    const toKasi = mail.filter(
      (m) => m.to === email('kasi-layanan') && /Sertifikat elektronik Anda tidak aktif/.test(m.subject),
    );
    const toKabid = mail.filter(
      (m) => m.to === email('kabid-layanan') && /Sertifikat elektronik .* tidak aktif/.test(m.subject),
    );
    expect(toKasi).toHaveLength(1);
    expect(toKabid).toHaveLength(1);
    const stored = filesUnder(join(dataDir, 'outbox')).map((path) => readFileSync(path, 'utf8'));
    const text = stored.find((message) => message.includes(toKasi[0]!.id)) ?? '';
    expect(text).toMatch(/sertifikat kedaluwarsa/);
    expect(mail.filter((m) => /tidak aktif/.test(m.subject))).toHaveLength(2);
  });

  it('asks the passphrase in a password field at 412 and 1280 px, and refuses a wrong one without echoing it', () => {
    expect(pageSaid.field).toBe('password');
    // The Kasi's step 8 is a paraf: asked as one (a signature step asks "untuk menandatangani").
    expect(pageSaid.form).toMatch(/Passphrase sertifikat elektronik BSrE untuk membubuhkan paraf/);
    expect(pageSaid.form).toMatch(/tidak disimpan oleh Paraf/);
    expect(pageSaid.refusal).toMatch(/tidak aktif|Passphrase salah/);
    expect(pageSaid.refusalHtml).not.toContain('bukan-passphrase-ini');
  });

  it('a refused try signs nothing, keeps the step open and says why in Bahasa Indonesia', async () => {
    const [inactive, wrong, empty, right] = answers[8] ?? [];
    expect(inactive?.status).toBe(403);
    expect(String(inactive?.body.message)).toMatch(/Sertifikat elektronik Anda tidak aktif/);
    expect(wrong?.status).toBe(403);
    expect(String(wrong?.body.message)).toMatch(/^Passphrase salah\. Dokumen tidak ditandatangani/);
    expect(empty?.status).toBe(403);
    expect(String(empty?.body.message)).toBe('Masukkan passphrase BSrE Anda untuk menandatangani.');
    expect(right?.status).toBe(200);
    const trail = (await clerk.json(`/api/cases/${caseId}`)).body.history as { step: number; action: string }[];
    const refusals = trail.filter((event) => event.step === 8 && /BSrE tidak menandatangani/.test(event.action));
    // The first from Chromium, then the API's: inactive, inactive, wrong passphrase (the empty one never reaches BSrE).
    expect(refusals.map((event) => event.action)).toEqual([
      expect.stringMatching(/Sertifikat elektronik Anda tidak aktif/),
      expect.stringMatching(/Sertifikat elektronik Anda tidak aktif/),
      expect.stringMatching(/Passphrase salah/),
    ]);
    // One paraf of step 8 on the issued copy, whatever was tried before it.
    const signers = trail.filter((event) => event.step === 8 && /Paraf secara elektronik/.test(event.action));
    expect(signers).toHaveLength(1);
  });

  it('issues copies whose signatures pdfsig validates, BSrE chain and office CA, and names BSrE', async () => {
    const documentId = `${caseId}.api-u`;
    const pdf = new Uint8Array(await (await clerk.fetch(`/api/permits/${documentId}/copies/1`)).arrayBuffer());
    const nssdb = join(work, 'nssdb');
    mkdirSync(nssdb);
    expect(spawnSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']).status).toBe(0);
    writeFileSync(join(work, 'bsre.pem'), bsre.caPem);
    const officeCa = join(dataDir, 'pki', 'ca.cert.pem');
    for (const [name, path] of [
      ['bsre', join(work, 'bsre.pem')],
      ['kantor', officeCa],
    ] as const)
      expect(spawnSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-n', name, '-t', 'CT,C,C', '-i', path]).status).toBe(
        0,
      );
    writeFileSync(join(work, 'izin.pdf'), pdf);
    const report = spawnSync('pdfsig', ['-nssdir', `sql:${nssdb}`, join(work, 'izin.pdf')], {
      encoding: 'utf8',
    }).stdout;
    const signatures = report.split(/\nSignature #\d+:/).slice(1);
    expect(signatures.length).toBeGreaterThanOrEqual(4);
    // The document timestamp (B-LTA) is a timestamp token, not a signature pdfsig validates: pades-levels checks it with openssl ts.
    const byPeople = signatures.filter((s) => !/Unable to validate this type|Signature Type: unknown/.test(s));
    expect(byPeople.filter((s) => /O=Badan Siber dan Sandi Negara/.test(s))).toHaveLength(3);
    expect(byPeople.filter((s) => /O=DPMPTSP Provinsi Kalimantan Timur,title=Petugas Tata Usaha/.test(s))).toHaveLength(
      1,
    );
    for (const signature of byPeople) {
      expect(signature, report).toMatch(/Signature is Valid/);
      expect(signature).toMatch(/Certificate is Trusted/);
    }
    // Every copy as served, trusting BSrE's CA and the office's (expectServedCopies trusts the office's
    // only): its own label, its SHA-256 as the verification page shows it, its signatures valid and trusted.
    const shown = await fingerprintsShown(clerk.baseUrl, documentId);
    for (const [n, expected] of [
      [1, 4],
      [2, 2],
      [3, 2],
    ] as const) {
      const bytes = Buffer.from(await (await clerk.fetch(`/api/permits/${documentId}/copies/${n}`)).arrayBuffer());
      const file = join(work, `rangkap-${n}.pdf`);
      writeFileSync(file, bytes);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect({ copy: n, labels: [...new Set([...text.matchAll(/Rangkap (\d):/g)].map((m) => Number(m[1])))] }).toEqual({
        copy: n,
        labels: [n],
      });
      // The statement's first line (the layout puts the signature block's lines between the next ones).
      expect(text.replace(/\s+/g, ' ')).toContain(
        'sertifikat elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), Badan Siber dan',
      );
      expect({ copy: n, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
        copy: n,
        sha256: shown.get(n),
      });
      const copyReport = spawnSync('pdfsig', ['-nssdir', `sql:${nssdb}`, file], { encoding: 'utf8' }).stdout;
      const cades = copyReport
        .split(/\nSignature #\d+:/)
        .slice(1)
        .filter((block) => block.includes('Signature Type: ETSI.CAdES.detached'));
      expect({ copy: n, signatures: cades.length }).toEqual({ copy: n, signatures: expected });
      for (const block of cades) {
        expect(block, copyReport).toMatch(/Signature is Valid/);
        expect(block, copyReport).toMatch(/Certificate is Trusted/);
      }
    }
    const verify = spawnSync(
      'npx',
      ['--no-install', 'paraf', 'verify', join(work, 'izin.pdf'), '--ca', join(work, 'bsre.pem'), '--ca', officeCa],
      { cwd: root, encoding: 'utf8' },
    );
    expect(verify.stdout).toMatch(/sertifikat diterbitkan oleh Balai Sertifikasi Elektronik/);
    // PAdES B-T for BSrE's signatures too: each carries the office TSA's token over its own signature
    // value, which openssl checks against the office CA.
    const cms = extractSignatures(pdf).filter((s) => s.subFilter !== 'ETSI.RFC3161');
    expect(cms).toHaveLength(4);
    for (const [i, signature] of cms.entries()) {
      expect(signature.timestampToken, `signature ${i + 1}`).toBeDefined();
      writeFileSync(join(work, `tt-${i}.tst`), signature.timestampToken!);
      writeFileSync(join(work, `tt-${i}.bin`), signature.signatureValue);
      const checked = tool(
        'openssl',
        [
          'ts',
          '-verify',
          '-in',
          join(work, `tt-${i}.tst`),
          '-token_in',
          '-data',
          join(work, `tt-${i}.bin`),
          '-CAfile',
          officeCa,
        ],
        'openssl',
      );
      expect(checked.stdout + checked.stderr, `signature ${i + 1}`).toContain('Verification: OK');
    }
    // B-LTA for all four: BSrE's three by the CRL their certificates name (the office's responder
    // knows nothing of them, and their stand-in names no OCSP responder), the office's register
    // stamp by its OCSP response; the DSS holds both CAs' CRLs, each verified.
    expect(verify.stdout.match(/^ {4}tingkat PAdES B-LTA$/gm), verify.stdout).toHaveLength(4);
    expect(verify.stdout).toMatch(/2 daftar pencabutan CRL \(2 terverifikasi\)/);
    expect(verify.stdout).toMatch(/sertifikat diterbitkan oleh Otoritas Sertifikat Lokal/);
    // The archive's long-term record states for this copy the level verification found, of these bytes.
    const record = await getLongTermRecord(paraf.runtime.dynamo, paraf.runtime.config.table, caseId, 'api-u');
    const entry = record?.copies.find((copy) => copy.copy === 1);
    expect({ sha256: entry?.sha256, level: entry?.level }).toEqual({
      sha256: createHash('sha256').update(pdf).digest('hex'),
      level: 'B-LTA',
    });
    const page = await (await fetch(`${paraf.url}/verifikasi/${documentId}`)).text();
    expect(page).toMatch(/sertifikat elektronik dari Balai Sertifikasi Elektronik/);
    // A ceiling, not a wait: `npx paraf verify` starts tsx, 20-45 s of wall time on a loaded shared machine.
  }, 120_000);

  it('has the public verification page read every signature of an uploaded copy as valid, BSrE’s as a trusted issuer’s', async () => {
    const documentId = `${caseId}.api-u`;
    const path = join(work, 'unggah-bsre.pdf');
    writeFileSync(path, Buffer.from(await (await clerk.fetch(`/api/permits/${documentId}/copies/1`)).arrayBuffer()));
    const browser = await launchChromium();
    try {
      const page = await newPersonPage(browser);
      await page.goto(`${paraf.url}/verifikasi`);
      await page.setInputFiles('#berkas', path);
      const response = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Periksa dokumen' }).click();
      expect((await response).status()).toBe(200);
      await page.waitForLoadState();
      await checkAtBothWidths(page, 'bsre-verifikasi-unggah');
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.');
      // Three officials' signatures under BSrE's CA and the register's under the office's: each one valid.
      expect(text.match(/Sah: sertifikat diterbitkan oleh penerbit sertifikat yang diakui kantor ini/g)).toHaveLength(
        4,
      );
      expect(text).not.toContain('Tidak dikenal');
    } finally {
      await browser.close();
    }
  });

  it('keeps no passphrase anywhere: table, data folder, executions, outbox, or what it printed', async () => {
    const secrets = users.map((user) => user.passphrase).concat('bukan-passphrase-ini');
    const items = await paraf.runtime.dynamo.send(new ScanCommand({ TableName: paraf.runtime.config.table }));
    const table = JSON.stringify(items.Items);
    expect(items.Items?.length).toBeGreaterThan(20);
    const log = printed.join('');
    for (const secret of secrets) {
      expect(table.includes(secret), secret).toBe(false);
      expect(log.includes(secret), secret).toBe(false);
    }
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(20);
    for (const path of files) {
      const bytes = readFileSync(path);
      for (const secret of secrets) expect(bytes.includes(secret), `${path} holds ${secret}`).toBe(false);
    }
  });
});
