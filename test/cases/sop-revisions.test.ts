import { witaDateTime } from '#clock/wita.ts';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '#sop/load-catalog.ts';
import type { Sop } from '#sop/schema.ts';
import { Clerk, completeApplication, removeDir } from '../../scripts/clerk.ts';
import type { Browser } from 'playwright-core';
import { allDayCalendar } from '../support/all-day-calendar.ts';
import { quietBackedUpState } from '../support/backed-up-state.ts';
import { checkAtBothWidths, launchChromium, newPersonPage } from '../support/as-a-person.ts';
import { ParafProcess, freePort } from '../support/paraf-process.ts';
import { staffAccountsByCli } from '../support/staff-accounts.ts';

/**
 * An office edits an SOP while cases of it wait: a copy of this checkout gets a new revision of
 * DALAK 001 in its catalog (a step added, a time standard changed, a service time given), `npm run
 * gen` writes its machines, and `npm start` is started again on the same data folder. The cases
 * received before finish on the revision they started under; a case received after follows the new.
 */

const repository = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-revisions-'));
const processes: ParafProcess[] = [];
/** A moment's day as the dashboard's period reads it: the office's day, in WITA. */
const dayOf = (at: Date) => witaDateTime(at).date;
/** The day this file made its first case. */
const FIRST_DAY = dayOf(new Date());
afterAll(async () => {
  for (const paraf of processes) await paraf.stop();
  removeDir(work);
});

/** Each test's own checkout copy and data folder. */
let checkout = '';
let dataDir = '';
function newSetting(name: string): void {
  checkout = join(work, name, 'checkout');
  dataDir = join(work, name, 'data');
}

function copyCheckout(): void {
  for (const entry of [
    'functions',
    'infra',
    'scripts',
    'state-machines',
    'config',
    'templates',
    'examples',
    'bin',
    'package.json',
    'tsconfig.json',
    'README.md',
    'ARCHITECTURE.md',
  ])
    cpSync(join(repository, entry), join(checkout, entry), { recursive: true });
  symlinkSync(join(repository, 'node_modules'), join(checkout, 'node_modules'));
}

/** The start of a revision 01 of DALAK 001, as the office writes one: the seed's entry, renamed and dated. */
const REVISION_01_HEAD = `import type { SopInput } from '../schema.ts';
import { SOP_DALAK_067_001 } from './sop-dalak-067-001.ts';

const [s1, s2, s3, s4, s5, s6] = SOP_DALAK_067_001.steps;

export const SOP_DALAK_067_001_R01: SopInput = {
  ...SOP_DALAK_067_001,
  revision: '01',
  revisedDate: '2026-01-02',
  effectiveDate: '2026-01-02',
`;
/** The step both edits below add. */
const NEW_STEP_6 = `    {
      no: 6,
      lane: 'analis-kebijakan',
      kind: 'verification',
      title: 'Menyusun laporan hasil pemantauan',
      time: { asWritten: '1 jam', minMinutes: 60, maxMinutes: 60 },
      inputs: ['Data tercatat dan tersimpan'],
      outputs: ['Laporan hasil pemantauan'],
    },
`;

/** The edit an office makes: a new revision file beside the old entry, listed after it. */
const NEW_REVISION = `${REVISION_01_HEAD}  changes: [
    'Evaluasi hasil pemantauan (langkah 4) menjadi 2 jam',
    'Langkah 5 diganti: Kabid memeriksa laporan hasil pemantauan',
    'Langkah 6 baru: laporan hasil pemantauan disusun Analis Kebijakan',
  ],
  legalBasis: ['Peraturan Pemerintah Nomor 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko'],
  serviceTime: {
    limit: 5,
    unit: 'working-days',
    asWritten: '5 (lima) hari kerja',
    startsAt: { event: 'receipt', step: 1 },
  },
  steps: [
    s1!,
    s2!,
    s3!,
    { ...s4!, time: { asWritten: '2 jam', minMinutes: 120, maxMinutes: 120 } },
    { ...s5!, kind: 'verification', title: 'Memeriksa laporan hasil pemantauan sebelum tindak lanjut' },
${NEW_STEP_6}    { ...s6!, no: 7 },
  ],
};
`;

/** A revision file the edit adds: its source, and the constant it exports (its file is named from it). */
interface RevisionFile {
  name: string;
  source: string;
}

function editCatalog(revisions: RevisionFile[] = [{ name: 'SOP_DALAK_067_001_R01', source: NEW_REVISION }]): void {
  const catalogDir = join(checkout, 'functions', 'sop', 'catalog');
  const fileOf = (name: string) => name.toLowerCase().replaceAll('_', '-');
  for (const revision of revisions) writeFileSync(join(catalogDir, `${fileOf(revision.name)}.ts`), revision.source);
  const index = join(catalogDir, 'index.ts');
  const text = readFileSync(index, 'utf8')
    .replace(
      "import { SOP_DALAK_067_001 } from './sop-dalak-067-001.ts';",
      [
        "import { SOP_DALAK_067_001 } from './sop-dalak-067-001.ts';",
        ...revisions.map((r) => `import { ${r.name} } from './${fileOf(r.name)}.ts';`),
      ].join('\n'),
    )
    .replace('  SOP_DALAK_067_001,\n', `  SOP_DALAK_067_001,\n${revisions.map((r) => `  ${r.name},\n`).join('')}`);
  writeFileSync(index, text);
  const gen = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-state-machines.ts'], {
    cwd: checkout,
    encoding: 'utf8',
  });
  expect(gen.status, gen.stderr).toBe(0);
}

/**
 * Each test's setting: its own checkout copy and data folder, staff accounts, `npm start` on a free
 * port with an office open all day, the clerk, and DALAK 001 as the repository's catalog has it.
 * `restart` stops it, edits the copy's catalog, and starts it again on the same port and data.
 */
async function setUp(name: string) {
  newSetting(name);
  copyCheckout();
  const calendar = allDayCalendar(work);
  const credentials = await staffAccountsByCli(dataDir);
  const port = await freePort();
  let paraf = await started(port, calendar);
  const clerk = new Clerk(paraf.url, credentials);
  const sop = loadCatalog().find((s) => s.id === 'SOP-DALAK-067-001')!;
  const restart = async (revisions?: RevisionFile[]) => {
    await paraf.stop();
    editCatalog(revisions);
    paraf = await started(port, calendar);
    return paraf;
  };
  return { clerk, sop, credentials, restart, paraf: () => paraf };
}

async function started(port: number, calendar: string): Promise<ParafProcess> {
  const paraf = new ParafProcess(dataDir, port, checkout, { PARAF_CALENDAR: calendar });
  processes.push(paraf);
  const result = await paraf.start();
  expect(result, paraf.output).toHaveProperty('url');
  return paraf;
}

interface Execution {
  stateMachine: string;
  revision?: string;
  definitionHash?: string;
  input: { caseId: string };
  status: string;
}

const executions = (): Execution[] =>
  readdirSync(join(dataDir, 'executions'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dataDir, 'executions', file), 'utf8')) as Execution);
const executionOf = (caseId: string) => executions().find((e) => e.input.caseId === caseId)!;

/** The counter's receipt page of a case (DALAK drafts no receipt PDF; the licensing SOPs print the same line on it), as text. */
async function receiptText(clerk: Clerk, body: Record<string, unknown>): Promise<string> {
  const response = await clerk.fetch(`/loket/tanda-terima/${String(body.id)}?kode=${String(body.receiptCode)}`);
  expect(response.status).toBe(200);
  return (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** Approves every step the case asks for until it closes; the steps asked, in order, and the due time its step 4 had. */
async function walk(clerk: Clerk, caseId: string, fileNumber: string) {
  const steps: number[] = [];
  let step4: { dueAt: string; before: number; after: number } | undefined;
  let before = Date.now();
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const link = await clerk.nextLink(fileNumber, 250);
    if (!link) {
      const { status } = (await clerk.json(`/api/cases/${caseId}`)).body;
      if (status === 'selesai' || status === 'gagal') break;
      continue;
    }
    steps.push(link.step);
    if (link.step === 4) {
      const { body } = await clerk.json(`/api/cases/${caseId}`);
      step4 = { dueAt: (body.current as { dueAt: string }).dueAt, before, after: Date.now() };
    }
    before = Date.now();
    expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
  }
  return { steps, step4 };
}

async function submit(clerk: Clerk, sop: Sop, company: string) {
  const submitted = await clerk.submit(completeApplication(sop, company));
  expect(submitted.status).toBe(201);
  return submitted.body as { id: string; fileNumber: string };
}

/** Approves the case's steps until it is asked for `step`, whose link is returned undecided. */
async function advanceTo(clerk: Clerk, fileNumber: string, step: number) {
  for (;;) {
    const link = (await clerk.nextLink(fileNumber, 30_000))!;
    if (link.step === step) return link;
    expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
  }
}

/** The move's request, as the Kabid Pengendalian sends it. */
const moveAs = (clerk: Clerk) => (caseId: string, body: unknown) =>
  clerk.fetch(
    `/api/cases/${caseId}/revisi`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    },
    'kabid-pengendalian',
  );
const caseRecordOf = (clerk: Clerk) => async (caseId: string) => (await clerk.json(`/api/cases/${caseId}`)).body;

describe('an SOP revised while its cases wait (npm start, restarted)', () => {
  it('finishes the waiting cases on the revision they started under, and a new case on the new one', async () => {
    const { clerk, sop, restart } = await setUp('edit');

    // Two cases under the revision in force: the seed's (no number printed: named by its effective date).
    const old: { id: string; fileNumber: string }[] = [];
    for (const company of ['PT Lama Satu', 'PT Lama Dua']) {
      const submitted = await clerk.submit(completeApplication(sop, company));
      expect(submitted.status).toBe(201);
      expect(submitted.body.revision).toBe('2022-12-06');
      old.push(submitted.body as { id: string; fileNumber: string });
    }
    // The first waits at step 1, the second at step 2, when the SOP changes.
    const waitingFirst = (await clerk.nextLink(old[0]!.fileNumber))!;
    expect(waitingFirst.step).toBe(1);
    const second = (await clerk.nextLink(old[1]!.fileNumber))!;
    expect((await clerk.decide(second.url, { decision: 'approve' })).status).toBe(200);
    const waitingSecond = (await clerk.nextLink(old[1]!.fileNumber))!;
    expect(waitingSecond.step).toBe(2);
    const oldHash = executionOf(old[0]!.id).definitionHash;
    expect(executionOf(old[0]!.id)).toMatchObject({
      stateMachine: 'SOP-DALAK-067-001@2022-12-06',
      revision: '2022-12-06',
    });
    expect(oldHash).toMatch(/^[0-9a-f]{64}$/);
    // The definition it started with is kept in the data folder by its hash, whatever the checkout later says.
    const kept = readFileSync(join(dataDir, 'executions', 'definitions', `${oldHash}.json`), 'utf8');
    expect(createHash('sha256').update(kept).digest('hex')).toBe(oldHash);
    const receipt = await receiptText(clerk, old[0] as unknown as Record<string, unknown>);
    expect(receipt).toContain('Menurut SOP SOP-DALAK-067-001, berlaku 6 Desember 2022');

    // The office stops Paraf, edits the SOP, regenerates the machines (checked below) and starts it again.
    const paraf = await restart();
    expect(readdirSync(join(checkout, 'state-machines')).filter((f) => f.startsWith('SOP-DALAK-067-001'))).toEqual([
      'SOP-DALAK-067-001.asl.json',
      'SOP-DALAK-067-001@2022-12-06.asl.json',
    ]);
    // What the office sees of the edit before starting again: the revisions kept, and what differs.
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/paraf.mjs', 'sop', 'dalak-001', ...args], { cwd: checkout, encoding: 'utf8' });
    const listed = cli('--revisions');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      /2022-12-06 +2022-12-06 +lama +6 .*state-machines\/SOP-DALAK-067-001@2022-12-06\.asl\.json/,
    );
    expect(listed.stdout).toMatch(/01 +2026-01-02 +berlaku +7 .*state-machines\/SOP-DALAK-067-001\.asl\.json/);
    expect(listed.stdout).toContain('Peraturan Pemerintah Nomor 28 Tahun 2025');
    const diff = cli('--diff', '2022-12-06', '01');
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('+ 6. [analis-kebijakan] verifikasi: Menyusun laporan hasil pemantauan');
    expect(diff.stdout).toContain('~ langkah 6: nomor 6 menjadi 7');
    expect(diff.stdout).toContain('~ langkah 4: 30 menit menjadi 2 jam');
    expect(diff.stdout).toContain(
      '- 5. [kabid-pengendalian] keputusan: Melakukan tindak lanjut pemantauan sebagai bahan evaluasi',
    );
    expect(diff.stdout).toContain('~ waktu penyelesaian: tidak ditetapkan menjadi 5 (lima) hari kerja (5 hari kerja)');
    expect(diff.stdout).not.toContain('Persyaratan:');
    const unknown = cli('--diff', '2022-12-06', '09');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(
      'SOP-DALAK-067-001 tidak memiliki revisi "09". Revisi yang disimpan katalog: 2022-12-06, 01',
    );

    expect(paraf.output).toContain('proses dilanjutkan setelah mulai ulang: 2');

    // A case received now is under revision 01: its promised date is its 5 working days, its machine the new one.
    const fresh = await clerk.submit(completeApplication(sop, 'PT Baru'));
    expect(fresh.status).toBe(201);
    expect(fresh.body).toMatchObject({ revision: '01' });
    expect(fresh.body.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const freshCase = fresh.body as { id: string; fileNumber: string };
    const freshExecution = executionOf(freshCase.id);
    expect(freshExecution).toMatchObject({ stateMachine: 'SOP-DALAK-067-001@01', revision: '01' });
    expect(freshExecution.definitionHash).not.toBe(oldHash);
    expect((await clerk.json(`/api/cases/${old[0]!.id}`)).body).toMatchObject({
      revision: '2022-12-06',
      deadline: null,
    });
    const freshReceipt = await receiptText(clerk, fresh.body);
    expect(freshReceipt).toContain('Menurut SOP SOP-DALAK-067-001, revisi 01, berlaku 2 Januari 2026');

    // The old cases: their links e-mailed before the restart still work, and they end after step 6 (no step 7 there).
    expect((await clerk.decide(waitingFirst.url, { decision: 'approve' })).status).toBe(200);
    expect((await clerk.decide(waitingSecond.url, { decision: 'approve' })).status).toBe(200);
    const first = await walk(clerk, old[0]!.id, old[0]!.fileNumber);
    const firstDone = await clerk.waitForStatus(old[0]!.id, ['selesai', 'gagal'], 30_000);
    expect(firstDone.status, JSON.stringify(firstDone.history)).toBe('selesai');
    expect(first.steps).toEqual([2, 3, 4, 5, 6]);
    const secondWalk = await walk(clerk, old[1]!.id, old[1]!.fileNumber);
    expect(secondWalk.steps).toEqual([3, 4, 5, 6]);
    expect((await clerk.waitForStatus(old[1]!.id, ['selesai', 'gagal'], 30_000)).status).toBe('selesai');
    const freshWalk = await walk(clerk, freshCase.id, freshCase.fileNumber);
    expect(freshWalk.steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const freshDone = await clerk.waitForStatus(freshCase.id, ['selesai', 'gagal'], 30_000);
    expect(freshDone.status, JSON.stringify(freshDone.history)).toBe('selesai');

    // Step 4's time standard: 30 minutes under the old revision, 2 hours under the new.
    const minutesAfter = (w: { dueAt: string; before: number; after: number }) => [
      (Date.parse(w.dueAt) - w.after) / 60_000,
      (Date.parse(w.dueAt) - w.before) / 60_000,
    ];
    const [oldLow, oldHigh] = minutesAfter(first.step4!);
    expect(oldLow).toBeLessThanOrEqual(31);
    expect(oldHigh).toBeGreaterThanOrEqual(30);
    const [newLow, newHigh] = minutesAfter(freshWalk.step4!);
    expect(newLow).toBeLessThanOrEqual(121);
    expect(newHigh).toBeGreaterThanOrEqual(120);

    // The trails name the revision each case was under.
    const actions = (body: Record<string, unknown>) => (body.history as { action: string }[]).map((e) => e.action);
    expect(actions(firstDone)).toContain('Berkas diproses menurut SOP-DALAK-067-001 berlaku 6 Desember 2022');
    expect(actions(freshDone)).toContain('Berkas diproses menurut SOP-DALAK-067-001 revisi 01, berlaku 2 Januari 2026');
    // The execution's record is saved as it ends, a moment after the close the case's status shows.
    const until = Date.now() + 30_000;
    while (!executions().every((e) => e.status === 'SUCCEEDED') && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(executions().map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
  }, 600_000);

  it('moves a waiting case to the new revision only when asked, with who, when, why and from which state to which; refused where its step has no counterpart', async () => {
    const { clerk, sop, restart } = await setUp('move');
    const moving = await submit(clerk, sop, 'PT Pindah');
    const staying = await submit(clerk, sop, 'PT Tetap');
    const movingStep2 = await advanceTo(clerk, moving.fileNumber, 2);
    const stayingStep5 = await advanceTo(clerk, staying.fileNumber, 5);
    await restart();

    const move = moveAs(clerk);
    const caseRecord = caseRecordOf(clerk);

    // Refused, and nothing changes: step 5 was replaced in revision 01, so it has no counterpart there.
    // The whole stored state, as the running Paraf's own backup lists it (every official signed in first).
    await clerk.signInAll();
    const before = await quietBackedUpState(checkout, dataDir);
    const refused = await move(staying.id, { revisi: '01', alasan: 'Menyesuaikan PP 28/2025' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: 'no-counterpart',
      message:
        'Langkah 5 (Melakukan tindak lanjut pemantauan sebagai bahan evaluasi) tidak memiliki padanan pada revisi 01, berlaku 2 Januari 2026; berkas tetap diproses menurut berlaku 6 Desember 2022.',
    });
    // Bad requests name what is wrong and change nothing either.
    const noReason = await move(moving.id, { revisi: '01', alasan: '  ' });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { message: string }).message).toBe('Alasan pemindahan revisi wajib diisi.');
    const unknown = await move(moving.id, { revisi: '09', alasan: 'Menyesuaikan PP 28/2025' });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { message: string }).message).toBe(
      'SOP-DALAK-067-001 tidak memiliki revisi "09". Revisi yang disimpan katalog: 2022-12-06, 01.',
    );
    const older = await move(moving.id, { revisi: '2022-12-06', alasan: 'Menyesuaikan PP 28/2025' });
    expect(older.status).toBe(409);
    const extra = await move(moving.id, { revisi: '01', alasan: 'Menyesuaikan PP 28/2025', langkah: 4 });
    expect(extra.status).toBe(422);
    expect(((await extra.json()) as { message: string }).message).toBe('Isian tidak dikenal: langkah.');
    // Only the head of office or a Kabid over the SOP's lanes moves a case: not the official at a step.
    const notTheirs = await clerk.fetch(
      `/api/cases/${moving.id}/revisi`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ revisi: '01', alasan: 'Menyesuaikan PP 28/2025' }),
      },
      'pengolah',
    );
    expect(notTheirs.status).toBe(403);
    expect(await quietBackedUpState(checkout, dataDir), 'the refused moves changed the stored state').toEqual(before);
    expect(executionOf(moving.id)).toMatchObject({ revision: '2022-12-06', status: 'RUNNING' });
    expect((await caseRecord(moving.id)).revision).toBe('2022-12-06');

    // Moved: the case waiting at step 2 goes on at step 2 of revision 01, by the official's explicit act.
    const oldHash = executionOf(moving.id).definitionHash;
    const asked = Date.now();
    const moved = await move(moving.id, {
      revisi: '01',
      alasan: 'Menyesuaikan PP 28/2025 atas persetujuan Kepala Dinas',
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({
      from: '2022-12-06',
      to: '01',
      fromStep: 2,
      toStep: 2,
      fromState: 'Step02_Wait',
      toState: 'Step02_Schedule',
    });
    const record = await caseRecord(moving.id);
    expect(record.revision).toBe('01');
    const event = (
      record.history as { action: string; notes: string; at: string; actor: { id: string } | null }[]
    ).find((e) => e.action.startsWith('Berkas dipindahkan'))!;
    expect(event).toMatchObject({
      action:
        'Berkas dipindahkan dari SOP-DALAK-067-001 berlaku 6 Desember 2022 ke revisi 01, berlaku 2 Januari 2026: dari langkah 2 (Step02_Wait) ke langkah 2 (Step02_Schedule)',
      notes: 'Menyesuaikan PP 28/2025 atas persetujuan Kepala Dinas',
      actor: { id: 'kabid-pengendalian' },
    });
    expect(Date.parse(event.at)).toBeGreaterThanOrEqual(asked);
    expect(executionOf(moving.id)).toMatchObject({ stateMachine: 'SOP-DALAK-067-001@01', revision: '01' });
    expect(executionOf(moving.id).definitionHash).not.toBe(oldHash);
    // Moving it again is refused: it is already under revision 01.
    expect((await move(moving.id, { revisi: '01', alasan: 'lagi' })).status).toBe(409);

    // The link e-mailed for step 2 before the move still decides it; the case then follows revision 01 (steps 6 and 7, step 4 in 2 hours).
    expect((await clerk.decide(movingStep2.url, { decision: 'approve' })).status).toBe(200);
    const movedWalk = await walk(clerk, moving.id, moving.fileNumber);
    expect(movedWalk.steps).toEqual([3, 4, 5, 6, 7]);
    expect((Date.parse(movedWalk.step4!.dueAt) - movedWalk.step4!.before) / 60_000).toBeGreaterThanOrEqual(120);
    expect((await clerk.waitForStatus(moving.id, ['selesai', 'gagal'], 30_000)).status).toBe('selesai');
    // The case it was refused for finishes on its own revision.
    expect((await clerk.decide(stayingStep5.url, { decision: 'approve' })).status).toBe(200);
    expect((await walk(clerk, staying.id, staying.fileNumber)).steps).toEqual([6]);
    expect((await clerk.waitForStatus(staying.id, ['selesai', 'gagal'], 30_000)).status).toBe('selesai');
  }, 600_000);
});

/**
 * A revision that renumbers a step and differs at the counter: revision 01 (in force since 2026)
 * asks a new step 6, so the seed's step 6 becomes step 7 (its standard 1 hour, not 30 minutes);
 * step 1 takes 4 hours; the counter asks for a letter of assignment. Revision 02 takes effect only
 * in 2099 and asks for one more item: the counter must not show it yet.
 */
const RENUMBERING_REVISION = `${REVISION_01_HEAD}  changes: ['Langkah 6 baru: laporan hasil pemantauan disusun Analis Kebijakan; pengarsipan menjadi langkah 7'],
  requirements: [{ id: '1', label: 'Surat tugas pemantauan' }],
  steps: [
    { ...s1!, time: { asWritten: '4 jam', minMinutes: 240, maxMinutes: 240 } },
    s2!,
    s3!,
    s4!,
    s5!,
${NEW_STEP_6}    { ...s6!, no: 7, time: { asWritten: '1 jam', minMinutes: 60, maxMinutes: 60 } },
  ],
};
`;
const FUTURE_REVISION = `import type { SopInput } from '../schema.ts';
import { SOP_DALAK_067_001_R01 } from './sop-dalak-067-001-r01.ts';

export const SOP_DALAK_067_001_R02: SopInput = {
  ...SOP_DALAK_067_001_R01,
  revision: '02',
  revisedDate: '2098-12-01',
  effectiveDate: '2099-01-02',
  changes: ['Daftar perusahaan yang dipantau menjadi persyaratan'],
  requirements: [
    { id: '1', label: 'Surat tugas pemantauan' },
    { id: '2', label: 'Daftar perusahaan yang dipantau' },
  ],
};
`;

describe('a move that renumbers the step, and the pages that read a case by its revision', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it("retires the link e-mailed for the old step (its page says where the file went, a decision on it is refused and changes nothing), the counterpart's official gets a new one; the loket shows the checklist in force, the dashboard each case's own standard", async () => {
    const { clerk, sop, restart } = await setUp('renumber');
    const moving = await submit(clerk, sop, 'PT Geser');
    const waitingOld = await submit(clerk, sop, 'PT Tunggu');
    const oldStep6 = await advanceTo(clerk, moving.fileNumber, 6);
    expect((await clerk.nextLink(waitingOld.fileNumber))!.step).toBe(1);
    const paraf = await restart([
      { name: 'SOP_DALAK_067_001_R01', source: RENUMBERING_REVISION },
      { name: 'SOP_DALAK_067_001_R02', source: FUTURE_REVISION },
    ]);
    browser = await launchChromium();
    const pageAs = async (officialId: string) => {
      const page = await newPersonPage(browser!);
      const [name, ...value] = (await clerk.session(officialId)).split('=');
      await page.context().addCookies([{ name: name!, value: value.join('='), url: paraf.url }]);
      return page;
    };

    // The counter: revision 01's checklist, the one in force today, not the newest kept (02, from 2099).
    const loket = await pageAs('loket');
    await loket.goto(`${paraf.url}/loket/SOP-DALAK-067-001`);
    const form = await loket.locator('main').innerText();
    expect(form).toContain('revisi 01, berlaku 2 Januari 2026');
    expect(form).toContain('1. Surat tugas pemantauan');
    expect(form).not.toContain('Daftar perusahaan yang dipantau');
    await checkAtBothWidths(loket, 'loket-revisi-berlaku');
    // The intake checks the same revision: its item is needed, 02's is not.
    const application = completeApplication(sop, 'PT Baru');
    const incomplete = await clerk.submit(application);
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('Surat tugas pemantauan');
    const fresh = await clerk.submit({ ...application, requirements: ['1'] });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.revision).toBe('01');
    const freshCase = fresh.body as { id: string; fileNumber: string };
    expect((await clerk.nextLink(freshCase.fileNumber, 30_000))!.step).toBe(1);

    // The move: the case waits at step 6 of the seed's revision; its counterpart is step 7 of revision 01.
    const move = moveAs(clerk);
    const moved = await move(moving.id, {
      revisi: '01',
      alasan: 'Menyesuaikan revisi 01 atas persetujuan Kepala Dinas',
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      fromStep: 6,
      toStep: 7,
      fromState: 'Step06_Wait',
      toState: 'Step07_Schedule',
    });
    // The official of step 7 is e-mailed a new link for it.
    const newStep7 = (await clerk.nextLink(moving.fileNumber, 30_000))!;
    expect(newStep7.step).toBe(7);
    expect(newStep7.url).not.toBe(oldStep6.url);
    expect(await clerk.recipientOf(newStep7.url)).toBe('pengadministrasi');
    const mail = (await clerk.outbox()).find((m) => m.links.some((l) => l.url === newStep7.url))!;
    expect(mail.to).toBe('pengadministrasi@dpmptsp.test');

    // The old link: its page says where the file went; a decision on it is refused and changes nothing.
    // The whole stored state as the running Paraf's own backup lists it, before and after the refusals
    // (every official signed in first: a session is a write of its own).
    await clerk.signInAll();
    const before = await quietBackedUpState(checkout, dataDir);
    const refused = await clerk.decide(oldStep6.url, { decision: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'decided' });
    const movedMessage = String(refused.body.message);
    expect(movedMessage).toMatch(
      /^Berkas ini telah dipindahkan ke SOP-DALAK-067-001 revisi 01, berlaku 2 Januari 2026 pada \d+ \w+ \d{4} pukul \d{2}\.\d{2} WITA\. Langkah 6 kini menjadi langkah 7, dan tautan baru untuk langkah itu telah dikirim kepada pejabat yang menanganinya\. Tautan ini tidak berlaku lagi; tidak ada yang diubah\.$/,
    );
    expect(await clerk.decide(oldStep6.url, { decision: 'reject', note: 'Coba tolak' })).toMatchObject({
      status: 409,
    });
    expect(await quietBackedUpState(checkout, dataDir), 'the refused decisions changed the stored state').toEqual(
      before,
    );
    const official = await pageAs('pengadministrasi');
    const oldResponse = await official.goto(oldStep6.url);
    expect(oldResponse!.status()).toBe(200);
    expect(await official.locator('h1').innerText()).toBe('Berkas dipindahkan ke revisi SOP baru');
    expect(await official.locator('main').innerText()).toContain(movedMessage);
    expect(await official.locator('main form').count()).toBe(0);
    await checkAtBothWidths(official, 'tautan-lama-setelah-pindah-revisi');
    // Their queue holds the new link only.
    await official.goto(`${paraf.url}/tugas`);
    const queue = await official.locator('main').innerHTML();
    expect(queue).toContain(new URL(newStep7.url).pathname);
    expect(queue).not.toContain(new URL(oldStep6.url).pathname);

    // The dashboard, while they wait: each case against its own revision (step 1: the seed's standard, or 4 hours).
    // From the day the file's first case was filed to the day now: a run across midnight keeps its cases in the range.
    const range = () => `from=${FIRST_DAY}&to=${dayOf(new Date())}`;
    const dashboard = async () => {
      const { status, body } = await clerk.json(`/api/dasbor?sop=SOP-DALAK-067-001&${range()}`);
      expect(status).toBe(200);
      return (body.sops as { waiting: Record<string, unknown>[]; steps: Record<string, unknown>[] }[])[0]!;
    };
    const seedLabel = 'berlaku 6 Desember 2022';
    const r01Label = 'revisi 01, berlaku 2 Januari 2026';
    const waitingRows = (await dashboard()).waiting.map(({ fileNumber, step, revision, standard }) => ({
      fileNumber,
      step,
      revision,
      standard,
    }));
    expect(waitingRows).toEqual(
      expect.arrayContaining([
        { fileNumber: waitingOld.fileNumber, step: 1, revision: seedLabel, standard: sop.steps[0]!.time!.asWritten },
        { fileNumber: freshCase.fileNumber, step: 1, revision: r01Label, standard: '4 jam' },
        { fileNumber: moving.fileNumber, step: 7, revision: r01Label, standard: '1 jam' },
      ]),
    );
    expect(waitingRows).toHaveLength(3);

    // The new link decides step 7, and the case closes under revision 01.
    expect((await clerk.decide(newStep7.url, { decision: 'approve' })).status).toBe(200);
    const done = await clerk.waitForStatus(moving.id, ['selesai', 'gagal'], 30_000);
    expect(done.status, JSON.stringify(done.history)).toBe('selesai');
    expect(done.revision).toBe('01');
    // Its step times: steps 1 to 5 under the seed's revision, step 7 under 01; the retired link counts as no decision.
    const stepRows = (await dashboard()).steps.map(({ revision, step, standard, decisions }) => ({
      revision,
      step,
      standard,
      decisions,
    }));
    expect(stepRows).toEqual([
      ...[1, 2, 3, 4, 5].map((no) => ({
        revision: seedLabel,
        step: no,
        standard: sop.steps[no - 1]!.time!.asWritten,
        decisions: 1,
      })),
      { revision: r01Label, step: 7, standard: '1 jam', decisions: 1 },
    ]);
    const desk = await pageAs('tata-usaha');
    await desk.goto(`${paraf.url}/dasbor?sop=SOP-DALAK-067-001&${range()}`);
    const shown = await desk.locator('main').innerText();
    expect(shown).toContain(`standar 4 jam menurut SOP ${r01Label}`);
    expect(shown).toContain(`standar ${sop.steps[0]!.time!.asWritten} menurut SOP ${seedLabel}`);
    expect(shown).toContain(`7. ${sop.steps[5]!.title}\nSOP ${r01Label}`);
    await checkAtBothWidths(desk, 'dasbor-per-revisi');
  }, 600_000);
});
