import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveApplication, type ArchiveTargets } from '#archive/archive-document.ts';
import { FormAlreadySent, fileRegister, startCase } from '#cases/start-case.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { createCase, getCase } from '#records/case-records.ts';
import { putIntakeMarker } from '#records/intake-markers.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { witaYearMonth } from '#clock/wita.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { staffAccounts } from '../support/staff-accounts.ts';

const work = tempDataDir('paraf-intake-');
const { start, stop, closeAll } = localRuntimes();
afterAll(async () => {
  await closeAll();
  removeDir(work);
});

const targetsOf = (paraf: LocalParaf): ArchiveTargets => ({
  s3: archiveClient(paraf.runtime),
  bucket: paraf.runtime.config.bucket,
  dynamo: paraf.runtime.dynamo,
  table: paraf.runtime.config.table,
});
async function filesOf(paraf: LocalParaf, caseId: string) {
  const listed = await archiveClient(paraf.runtime).send(
    new ListObjectsV2Command({ Bucket: paraf.runtime.config.bucket, Prefix: `cases/${caseId}/` }),
  );
  return (listed.Contents ?? []).map((object) => object.Key);
}
/** The register year of an instant: the office's (WITA), as the numbers are given, not UTC's. */
const yearOf = (at: Date) => witaYearMonth(at).year;
async function register(clerk: Clerk, id: string, year: number) {
  return (await clerk.json(`/api/registers/${id}/${year}`)).body as {
    last: number;
    inFlight: number[];
    entries: { seq: number; number: string; status: string; reason?: string; caseId: string }[];
  };
}

const API_U = 'SOP-LP2N-PPK-01';
const sample = (paraf: LocalParaf) => {
  const body = completeApplication(paraf.runtime.sop(API_U));
  return {
    applicant: body.applicant,
    facts: body.form.facts,
    handedIn: body.requirements,
    documents: body.form.documents,
    attachments: [{ name: 'nib.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 nib') }],
  };
};

describe('file numbers under failures and kills', () => {
  it("gives a loket form's intake id back when its intake fails, so the same form, sent again, makes its one case", async () => {
    const paraf = await start(join(work, 'form-back'));
    const sop = paraf.runtime.sop(API_U);
    const targets = targetsOf(paraf);
    const input = { ...sample(paraf), intakeForm: 'GagalDuluLaluBerhasil0' };
    await expect(
      startCase({ ...targets, bucket: 'no-such-bucket' }, sop, input, async () => undefined),
    ).rejects.not.toBeInstanceOf(FormAlreadySent);
    const made = await startCase(targets, sop, input, async () => undefined);
    expect(made.fileNumber).toMatch(/\/00002$/);
    const again = await startCase(targets, sop, input, async () => undefined).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(FormAlreadySent);
    expect((again as FormAlreadySent).record?.fileNumber).toBe(made.fileNumber);
  }, 240_000);

  it('voids the number with its reason, and removes the archived files, when the intake fails after taking it', async () => {
    const paraf = await start(join(work, 'failure'));
    const clerk = new Clerk(paraf.url, await staffAccounts(paraf));
    const sop = paraf.runtime.sop(API_U);
    const targets = targetsOf(paraf);
    // The number is taken, then the archive refuses the application file. The intake's time is
    // injected, and the register read is that time's year (WITA).
    const at = new Date();
    const year = yearOf(at);
    await expect(
      startCase({ ...targets, bucket: 'no-such-bucket' }, sop, sample(paraf), async () => undefined, at),
    ).rejects.toThrow();
    const book = await register(clerk, fileRegister(sop).id, year);
    expect(book.last).toBe(1);
    expect(book.inFlight).toEqual([]);
    expect(book.entries).toEqual([
      expect.objectContaining({
        seq: 1,
        number: `API-U/${year}/00001`,
        status: 'batal',
        reason: expect.stringContaining('gangguan sistem'),
      }),
    ]);
    expect(await filesOf(paraf, book.entries[0]!.caseId)).toEqual([]);
    expect(await getCase(targets.dynamo, targets.table, book.entries[0]!.caseId)).toBeUndefined();

    // The next application gets the next number; the register shows both.
    // (Over HTTP the runtime's own clock gives the year: the same, unless WITA's New Year fell in between.)
    const next = await clerk.submit(completeApplication(sop));
    expect(next.body.fileNumber).toBe(`API-U/${year}/00002`);
    expect(
      (await register(clerk, fileRegister(sop).id, year)).entries.map((entry) => `${entry.seq}:${entry.status}`),
    ).toEqual(['1:batal', '2:terpakai']);
    // Tata Usaha reads the same book as a page; a wrong register or year is named.
    const book2 = await (
      await clerk.fetch(`${paraf.url}/tata-usaha/register?register=${fileRegister(sop).id}&tahun=${year}`)
    ).text();
    expect(book2).toContain('2 nomor diberikan: 1 terpakai, 1 batal');
    expect(book2).toMatch(/<strong>batal<\/strong>: Pendaftaran gagal karena gangguan sistem/);
    const badYear = await clerk.fetch(`${paraf.url}/tata-usaha/register?tahun=20x6`);
    expect(badYear.status).toBe(400);
    expect(await badYear.text()).toContain('Tahun &quot;20x6&quot; tidak sah');
    expect((await clerk.json('/api/registers/tidak-ada/2026')).status).toBe(404);
    expect((await clerk.json(`/api/registers/${fileRegister(sop).id}/26`)).body).toMatchObject({
      error: 'invalid-year',
    });
  }, 240_000);

  it('settles at the next start what a kill left: a number with no case is voided and its files removed; a recorded case is started', async () => {
    const dataDir = join(work, 'kill');
    let paraf = await start(dataDir);
    const sop = paraf.runtime.sop(API_U);
    const targets = targetsOf(paraf);
    const at = new Date();
    // What an intake writes first: its marker, then the file's number.
    const markAndNumber = async (caseId: string) => {
      const marker = { caseId, sop: sop.id, at: at.toISOString() };
      await putIntakeMarker(targets.dynamo, targets.table, marker);
      const assigned = await assignNumber(targets.dynamo, targets.table, {
        register: fileRegister(sop),
        caseId,
        documentKind: 'berkas',
        at,
      });
      return [marker, assigned] as const;
    };
    // Killed after the number and the files, before the case record.
    const [lost, number] = await markAndNumber('lostintake01');
    await archiveApplication(targets, {
      caseId: lost.caseId,
      sop: sop.id,
      fileNumber: number.number,
      applicant: { name: 'PT Terputus' },
      form: {},
      requirements: [],
      attachments: sample(paraf).attachments,
    });
    expect(await filesOf(paraf, lost.caseId)).toHaveLength(2);
    // Killed after the case record, before its workflow started.
    const [recorded, second] = await markAndNumber('recordedcase1');
    const body = completeApplication(sop);
    await createCase(targets.dynamo, targets.table, {
      caseId: recorded.caseId,
      sop: sop.id,
      fileNumber: second.number,
      applicant: body.applicant,
      status: 'berjalan',
      createdAt: at.toISOString(),
      receiptCode: 'ABCD-EFGH',
      deadline: null,
      form: body.form,
      requirements: body.requirements.map((id) => ({ id, label: `Persyaratan ${id}`, handedIn: true })),
      current: null,
    });
    await stop(paraf);

    paraf = await start(dataDir);
    expect(paraf.settledIntakes).toEqual({ started: 1, voided: 1, failed: 0 });
    const clerk = new Clerk(paraf.url, await staffAccounts(paraf));
    const book = await register(clerk, fileRegister(sop).id, yearOf(at));
    expect(book.entries.map((entry) => `${entry.seq}:${entry.status}:${entry.caseId}`)).toEqual([
      `1:batal:${lost.caseId}`,
      `2:terpakai:${recorded.caseId}`,
    ]);
    expect(book.entries[0]!.reason).toContain('terputus');
    expect(await filesOf(paraf, lost.caseId)).toEqual([]);
    // The recorded case runs: its first step asks the verifier.
    const link = await clerk.nextLink(second.number);
    expect(link?.step, JSON.stringify((await clerk.json(`/api/cases/${recorded.caseId}`)).body)).toBe(6);
    // Nothing is left to settle.
    await stop(paraf);
    paraf = await start(dataDir);
    expect(paraf.settledIntakes).toEqual({ started: 0, voided: 0, failed: 0 });
  }, 240_000);
});
