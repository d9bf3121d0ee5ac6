import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type DecisionRequest } from '#cases/decide.ts';
import { IncompleteApplication, startCase } from '#cases/start-case.ts';
import { readConfig } from '#config/read-config.ts';
import { buildRuntime, setRuntime, type Runtime } from '#runtime/runtime.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { invokeLocal, localDefinition } from '#local/lambda-handlers.ts';
import { BUCKET, TABLE, startStandIns } from '#local/start-local.ts';
import { type Json, LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import type { OutboxMail } from '#mail/mail-provider.ts';
import { mailer } from '#runtime/mailer.ts';
import { getCase, listEvents } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import { searchPermits } from '#records/permit-index.ts';
import { ensureTable } from '#records/table.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { documentDataFor } from '#documents/document-data.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { currentTotp } from '#identity/totp.ts';
import { getLink } from '#records/links.ts';
import { checkSigningFactor } from '#identity/signing-factor.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { exampleDraft, type StaffCredentials } from '../../scripts/clerk.ts';
import { actingFor } from '#cases/acting-for.ts';
import { startOcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn } from '#local/tsa-stand-in.ts';

const work = mkdtempSync(join(tmpdir(), 'paraf-flow-'));
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let closeSigningServices: (() => Promise<void>) | undefined;
let rt: Runtime;
let engine: LocalStepFunctions;

beforeAll(async () => {
  // The local runtime's own stand-ins, without its web server: the handlers are invoked directly.
  standIns = await startStandIns(work);
  const config = readConfig({
    PARAF_TABLE: TABLE,
    PARAF_BUCKET: BUCKET,
    PARAF_PUBLIC_URL: 'http://127.0.0.1:3999',
    PARAF_DATA: join(work, 'data'),
  });
  // As npm start does: the TSA and the OCSP responder of the development CA on loopback (PAdES B-T to B-LTA).
  await new LocalPki(join(work, 'data')).timestampAuthority();
  const tsa = await startTsaStandIn(join(work, 'data'));
  const ocsp = await startOcspStandIn(join(work, 'data'));
  closeSigningServices = async () => {
    await tsa.close();
    await ocsp.close();
  };
  rt = buildRuntime({ ...config, tsa: { provider: 'local', url: tsa.url }, ocspUrl: ocsp.url, aws: standIns.aws });
  setRuntime(rt);
  await ensureTable(rt.dynamo, 'paraf');
  // As the local runtime does when it starts: the development CA and a key per official.
  const pki = new LocalPki(join(work, 'data'));
  await pki.ensureOfficials(rt.staff.officials);
  await pki.ensureSeal(OFFICE_SEAL);
  engine = new LocalStepFunctions(
    join(work, 'data'),
    new Map(rt.catalog.map((sop) => [sop.id, localDefinition(sop)])),
    invokeLocal,
  );
});
afterAll(async () => {
  await engine.close();
  setRuntime(undefined);
  rt.dynamo.destroy();
  archiveClient(rt).destroy();
  await standIns.close();
  await closeSigningServices?.();
  rmSync(work, { recursive: true, force: true });
});

const outbox = () => (mailer(rt) as OutboxMail).list();
const used = new Set<string>();
/** Waits for the e-mail that asks for `step`, as an official would, and returns its link id. */
async function linkFor(step: number): Promise<string> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    // A step's ask, or the front office's wait for the applicant's corrected file (its subject says so).
    const asking = new RegExp(`langkah ${step}( menunggu|, dikembalikan kepada pemohon)`);
    const mail = outbox().find((m) => !used.has(m.id) && asking.test(m.subject));
    if (mail) {
      used.add(mail.id);
      return mail.links[0]!.url.split('/a/')[1]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no e-mail asked for step ${step}; last: ${outbox().at(-1)?.subject}`);
}
/**
 * The official the link was sent to decides, signed in (`actor`), with their authenticator code where
 * the approval signs; the handover step as Tata Usaha's page records it (`via`), the use case being called directly.
 */
let credentials: StaffCredentials | undefined;
const answer = async (linkId: string, request: DecisionRequest) => {
  credentials ??= await staffAccounts({ runtime: rt });
  const link = (await getLink(rt.dynamo, 'paraf', linkId))!;
  const store = { dynamo: rt.dynamo, table: 'paraf' };
  return decide(
    {
      dynamo: rt.dynamo,
      table: 'paraf',
      sop: (ref) => rt.sopOf(ref),
      officialName: (id) => rt.staff.byId(id)?.name,
      acting: (officialId, at) => actingFor(rt, officialId, at),
      sendTaskSuccess: async (token, output) => engine.sendTaskSuccess(token, output as Json),
      checkFactor: (officialId, code) => checkSigningFactor(store, officialId, code, false),
    },
    linkId,
    {
      ...request,
      actor: link.officialId,
      via: 'handover-page',
      factorCode: currentTotp(credentials[link.officialId]!.totpSecret),
    },
  );
};

const apiU = () => ({
  applicant: {
    name: 'PT Mahakam Niaga Sentosa',
    nib: '9120001234567',
    npwp: '01.234.567.8-722.000',
    address: 'Jalan Jenderal Sudirman Nomor 12, Samarinda',
    email: 'pemohon@mahakam.test',
  },
  facts: {
    perubahan: false,
    penandatanganWna: false,
    penandatanganWni: true,
    jumlahPenandatangan: 2,
    penandatanganKuasaDireksi: 1,
    lebihDariSatuBagian: false,
    melaluiKuasa: false,
  },
  handedIn: ['1', '2', '3', '4', '5', '6', '8', '9', '11', '12'],
  documents: { 'api-u': exampleDraft('api-u') },
  attachments: [{ name: 'akta.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 akta') }],
});

describe('an API-U case through the machine, the handlers and the stand-ins', () => {
  it('refuses a file with a missing requirement at the counter, storing nothing', async () => {
    const input = { ...apiU(), handedIn: ['1', '2'] };
    // The stand-ins' tables and buckets, and the runtime's outbox and executions in its data folder.
    const error = await expectNothingChanged(
      { runtime: rt, dataDir: join(work, 'data'), engine },
      'an incomplete application',
      () =>
        startCase(
          { s3: archiveClient(rt), bucket: 'paraf-archive', dynamo: rt.dynamo, table: 'paraf' },
          rt.sop('SOP-LP2N-PPK-01'),
          input,
          async () => undefined,
        ).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(IncompleteApplication);
    expect((error as IncompleteApplication).missing.map((m) => m.id)).toEqual([
      '3',
      '4',
      '5',
      '6',
      '8',
      '9',
      '11',
      '12',
    ]);
  });

  it('goes from the counter to the numbered, signed, archived permit, through three send-backs', async () => {
    const sop = rt.sop('SOP-LP2N-PPK-01');
    // Received by an official other than the front office lane's first: the trail and the receipt name who served.
    const counter = rt.staff.byId('pemrosesan')!;
    const record = await startCase(
      { s3: archiveClient(rt), bucket: 'paraf-archive', dynamo: rt.dynamo, table: 'paraf' },
      sop,
      { ...apiU(), receivedBy: { id: counter.id, name: counter.name } },
      async (caseId) => {
        engine.startExecution(sop.id, { caseId }, caseId);
      },
    );
    expect(record.fileNumber).toMatch(/^API-U\/20\d\d\/00001$/);
    /** Each step's link, in turn, approved by the official it was mailed to. */
    const approveSteps = async (...steps: number[]) => {
      for (const step of steps) await answer(await linkFor(step), { decision: 'approve' });
    };
    const sendBack = async (step: number, returnTo: string, note: string) =>
      answer(await linkFor(step), { decision: 'return', returnTo, note });
    await approveSteps(6, 7);
    await sendBack(8, '7', 'Alamat kantor pusat salah ketik');
    await approveSteps(7, 8);
    await sendBack(9, 'applicant', 'Referensi bank devisa sudah kedaluwarsa');
    // The first 6 is the applicant's corrected file, taken in by the front office.
    await approveSteps(6, 6, 7, 8, 9);
    await sendBack(10, '9', 'Mohon Kabid periksa ulang bagian barang');
    await approveSteps(9, 10, 11, 12, 13);
    const done = await engine.whenStopped(`arn:aws:states:local:000000000000:execution:${sop.id}:${record.caseId}`);
    expect(done.status, JSON.stringify(done.error)).toBe('SUCCEEDED');

    expect((await getCase(rt.dynamo, 'paraf', record.caseId))?.status).toBe('selesai');
    const [permit] = await searchPermits(rt.dynamo, 'paraf', { nib: '9120001234567' });
    expect(permit!.registrationNumber).toMatch(/^503\/001\/API-U\/DPMPTSP-III\/[IVX]+\/20\d\d$/);
    expect(permit!.signers.map((s) => s.reason)).toEqual(['Paraf', 'Paraf', 'Tanda tangan', 'Registrasi']);
    const copy1 = await (
      await archiveClient(rt).send(new GetObjectCommand({ Bucket: 'paraf-archive', Key: permit!.copies[0]!.key }))
    ).Body!.transformToByteArray();
    const ca = readFileSync(join(work, 'data', 'pki', 'ca.cert.pem'), 'utf8');
    const report = await verifyPdf(copy1, [pemToDer(ca)]);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer)).toEqual([
      'Ir. Ahmad Fauzi',
      'Hj. Nurul Aini, S.H., M.H.',
      'Dr. H. Bambang Suryadi, S.E., M.Si.',
      'Siti Aminah',
    ]);
    const events = await listEvents(rt.dynamo, 'paraf', record.caseId);
    expect(events.find((e) => e.notes === 'Referensi bank devisa sudah kedaluwarsa')).toMatchObject({
      step: 9,
      action: 'Langkah 9: Kembalikan ke pemohon (melalui Petugas Informasi / CS / Loket Pendaftaran)',
      actor: { name: 'Hj. Nurul Aini, S.H., M.H.' },
    });
    expect(events.some((e) => e.action.includes('dicetak'))).toBe(true);
    const intakeLines = events.filter((e) => e.actionId.startsWith('intake-'));
    expect(intakeLines.length).toBeGreaterThan(0);
    for (const line of intakeLines) expect(line.actor).toEqual({ id: counter.id, name: counter.name });
    const atCounter = documentDataFor(
      'tanda-terima',
      sop,
      (await getCase(rt.dynamo, 'paraf', record.caseId))!,
      rt.staff,
    );
    expect(atCounter).toMatchObject({ petugas: { nama: counter.name, jabatan: counter.position } });
    // The handover (step 12) printed the receipt the applicant signs: the permit with its number, the seed's rights
    // and duties (the duty to report to Bidang Dalak among them) and the SOP's complaint channels.
    const receipt = (await getDocumentState(rt.dynamo, 'paraf', record.caseId, 'tanda-terima-penyerahan'))!;
    // One sheet (copies: 1 in the catalog), printed once as such; the permit in three, the counter's receipt as before.
    expect(receipt.copies.map((copy) => copy.copy)).toEqual([1]);
    const printed = events.filter((e) => e.action.includes('dicetak')).map((e) => e.action);
    expect(printed).toContain('Bukti Tanda Terima Surat Izin dicetak tanpa rangkap');
    expect(printed).toContain('Angka Pengenal Importir Umum (API-U) dicetak rangkap 3');
    expect(printed).not.toContain('Bukti Tanda Terima Surat Izin dicetak rangkap 3');
    expect(
      (await getDocumentState(rt.dynamo, 'paraf', record.caseId, 'tanda-terima'))!.copies.map((copy) => copy.copy),
    ).toEqual([1, 2, 3]);
    const receiptPdf = join(work, 'tanda-terima-penyerahan.pdf');
    writeFileSync(
      receiptPdf,
      await (
        await archiveClient(rt).send(new GetObjectCommand({ Bucket: 'paraf-archive', Key: receipt.copies[0]!.key }))
      ).Body!.transformToByteArray(),
    );
    const receiptText = execFileSync('pdftotext', [receiptPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(receiptText).toContain(permit!.registrationNumber);
    expect(receiptText).toContain('monitoring dari pihak DPMPTSP (Bidang Dalak)');
    expect(receiptText).toContain('Penanganan Pengaduan/keluhan/saran dilakukan sesuai Prosedur/SOP');
    expect(receiptText).toContain('(..............................................)');
    expect(outbox().some((m) => m.to === 'pemohon@mahakam.test' && m.subject.includes('selesai'))).toBe(true);
    // A link's e-mail says until when it is valid as the office writes a date, not as an ISO string.
    const asking = outbox().filter((m) => m.subject.includes('menunggu Anda'));
    expect(asking.length).toBeGreaterThan(0);
    for (const mail of asking)
      expect(mail.text).toMatch(
        /berlaku sampai \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\)/,
      );
  }, 240_000);
});
