import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DecisionRequest, decide, type FactorChecker, type SignNow } from '#cases/decide.ts';
import { decisionContext, type DecisionContext, takenDecision } from '#cases/settle-decision.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { putAbsence } from '#records/absences.ts';
import { createCase, failRunningCase, listEvents } from '#records/case-records.ts';
import { type DocumentState, saveDocumentState } from '#records/document-state.ts';
import { type ApprovalLink, getLink, listUndeliveredLinks, openLink } from '#records/links.ts';
import { findRevision, loadRevisions } from '#sop/load-catalog.ts';
import { revisionOf } from '#sop/schema.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { dynaliteTable } from '../support/dynalite-table.ts';
import { tableItems } from '../support/stored-state.ts';

/**
 * decide() against dynalite, in this process and in seconds: who may decide, what is refused (and
 * that a refusal stores nothing), what a decision writes, and what reaches the workflow. The
 * workflow is a recording port here; case-flow runs the same decisions through the real engine.
 * Stryker's `links` module runs it against `decide.ts`.
 */
const TABLE = 'paraf-decide-test';
const tables = dynaliteTable(TABLE);
const revisions = loadRevisions();
const staff = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), revisions);
const SOP = 'SOP-LP2N-PPK-01';
const NOW = new Date('2026-12-02T02:00:00.000Z');

let dynamo: DynamoDBDocumentClient;
let ctx: DecisionContext;
/** What the workflow was sent, in order; a token in `notWaiting` answers as Step Functions does for a replaced token. */
const sent: { token: string; output: unknown }[] = [];
const notWaiting = new Map<string, string>();

beforeAll(() => {
  ({ dynamo } = tables);
  const sopOf = (ref: { sop: string; revision?: string | undefined }) => {
    const sop = findRevision(revisions, ref.sop, ref.revision);
    if (!sop) throw new Error(`no revision ${ref.revision} of ${ref.sop}`);
    return sop;
  };
  ctx = decisionContext(
    { dynamo, config: { table: TABLE }, sopOf, staff },
    {
      sendTaskSuccess: async (token, output) => {
        const refusal = notWaiting.get(token);
        if (refusal) throw Object.assign(new Error(refusal), { name: refusal });
        sent.push({ token, output });
      },
    },
  );
});

let cases = 0;
/** A running case of its own (any order), asked at `step` of `officialId`: the link an e-mail would carry. */
async function asked(step: number, lane: string, officialId: string, overrides: Partial<ApprovalLink> = {}) {
  cases += 1;
  const caseId = `decide-${cases}-${Date.now()}`;
  await createCase(dynamo, TABLE, {
    caseId,
    sop: overrides.sop ?? SOP,
    fileNumber: `API-U/2026/${String(cases).padStart(5, '0')}`,
    applicant: { name: 'PT Mahakam Niaga Sentosa' },
    status: 'berjalan',
    createdAt: '2026-12-01T01:40:00.000Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-12-08',
    form: {},
    requirements: [],
  });
  const { link } = await openLink(dynamo, TABLE, {
    caseId,
    sop: SOP,
    revision: '02',
    step,
    lane,
    purpose: 'step',
    officialId,
    token: `token-${caseId}`,
    expiresAt: '2026-12-09T00:00:00.000Z',
    ...overrides,
  });
  return link;
}

const pendingMarkers = () => listUndeliveredLinks(dynamo, TABLE, new Date('2100-01-01T00:00:00Z'));

const storedItems = () => tableItems(dynamo);

/** The decision is refused with `code` and a message containing `says`, and nothing stored or sent changes. */
async function expectRefused(run: () => Promise<unknown>, code: ParafError['code'], says: string): Promise<ParafError> {
  const before = await storedItems();
  const sentBefore = sent.length;
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ParafError);
  const refusal = error as ParafError;
  expect({ code: refusal.code, says: refusal.message.includes(says) }, refusal.message).toEqual({ code, says: true });
  expect(await storedItems()).toEqual(before);
  expect(sent).toHaveLength(sentBefore);
  return refusal;
}

const acting = (actor: string, request: Omit<DecisionRequest, 'actor'>): DecisionRequest => ({ actor, ...request });

describe('decide', () => {
  it('takes the asked official’s decision once: the link, the trail, the other links, the workflow, delivered', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    const supervisor = await asked(6, 'pemrosesan', 'kasi-layanan', { caseId: link.caseId, token: link.token });
    const taken = await decide(
      ctx,
      link.linkId,
      acting('pemrosesan', { decision: 'approve', note: '  Lengkap.  ' }),
      NOW,
    );
    expect(taken).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      route: 'approve',
      note: 'Lengkap.',
      by: 'pemrosesan',
      at: NOW.toISOString(),
      factor: { kind: 'session', officialId: 'pemrosesan' },
      delivered: true,
    });
    const { delivered: _delivered, ...decision } = taken;
    expect(sent.at(-1)).toEqual({ token: link.token, output: decision });
    const stored = await getLink(dynamo, TABLE, link.linkId);
    expect(stored?.status).toBe('decided');
    expect(stored && takenDecision(stored)).toEqual(decision);
    expect(stored?.deliveredAt).toEqual(expect.any(String));
    const closed = await getLink(dynamo, TABLE, supervisor.linkId);
    expect([closed?.status, closed?.decision]).toEqual([
      'decided',
      { supersededBy: decision.id, by: 'pemrosesan', at: expect.any(String) },
    ]);
    expect((await pendingMarkers()).filter((m) => m.linkId === link.linkId)).toEqual([]);
    const events = await listEvents(dynamo, TABLE, link.caseId);
    expect(events.map((e) => [e.actionId, e.action, e.notes, e.actor?.id, e.step, e.lane])).toEqual([
      [decision.id, 'Langkah 6: Setuju', 'Lengkap.', 'pemrosesan', 6, 'pemrosesan'],
    ]);
  });

  it('refuses, changing nothing, an unknown link, an official it is not asked of, and nobody signed in', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    await expectRefused(
      () => decide(ctx, 'x'.repeat(22), acting('pemrosesan', { decision: 'approve' }), NOW),
      'not-found',
      'Tautan tidak dikenal.',
    );
    await expectRefused(
      () => decide(ctx, link.linkId, acting('kasi-layanan', { decision: 'approve' }), NOW),
      'forbidden',
      'Anda masuk sebagai pejabat lain; tidak ada yang diubah.',
    );
    await expectRefused(
      () => decide(ctx, link.linkId, { decision: 'approve' }, NOW),
      'forbidden',
      'Silakan masuk sebagai pejabat tersebut untuk memutuskan.',
    );
  });

  it('refuses, changing nothing, a link of an official since taken out of the staff directory, naming no id', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan-lama');
    const refusal = await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW),
      'forbidden',
      'Langkah ini diminta kepada pejabat yang tidak lagi terdaftar di Paraf; tautan ini tidak dapat dipakai lagi.',
    );
    expect(refusal.message).not.toContain('pemrosesan-lama');
  });

  it('refuses, changing nothing, an expired link, a route the step does not offer, and a send-back without a reason', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), new Date('2026-12-09T00:00:01Z')),
      'expired',
      'kedaluwarsa',
    );
    await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', { decision: 'return', returnTo: '9', note: 'Salah.' }), NOW),
      'invalid',
      'Tujuan pengembalian tidak tersedia untuk langkah ini.',
    );
    await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', { decision: 'reject', note: 'Tidak layak.' }), NOW),
      'invalid',
      'Keputusan ini tidak tersedia untuk langkah ini.',
    );
    await expectRefused(
      () =>
        decide(
          ctx,
          link.linkId,
          acting('pemrosesan', { decision: 'return', returnTo: 'applicant', note: ' ab ' }),
          NOW,
        ),
      'invalid',
      'Catatan wajib diisi',
    );
    // At exactly its expiry the link still takes a decision, and a three-letter reason is enough.
    const taken = await decide(
      ctx,
      link.linkId,
      acting('pemrosesan', { decision: 'return', returnTo: 'applicant', note: ' abc ' }),
      new Date(link.expiresAt),
    );
    expect([taken.route, taken.note]).toEqual(['return:applicant', 'abc']);
  });

  it('refuses a decided link, and a link of a failed case, changing nothing', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    await decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW);
    await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW),
      'decided',
      'Langkah ini sudah diputuskan.',
    );
    const failed = await asked(6, 'pemrosesan', 'pemrosesan');
    expect(await failRunningCase(dynamo, TABLE, failed.caseId)).toBe(true);
    await expectRefused(
      () => decide(ctx, failed.linkId, acting('pemrosesan', { decision: 'approve' }), NOW),
      'case-failed',
      '',
    );
  });

  it('lets one of two decisions at once win; the other is refused and the workflow hears once', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    const sentBefore = sent.length;
    const results = await Promise.allSettled([
      decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW),
      decide(
        ctx,
        link.linkId,
        acting('pemrosesan', { decision: 'return', returnTo: 'applicant', note: 'Kurang.' }),
        NOW,
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && (lost.reason as ParafError).code).toBe('decided');
    expect(sent.slice(sentBefore).map((s) => s.token)).toEqual([link.token]);
  });

  it('keeps a decision the workflow was not waiting for, undelivered, and delivers it when tried again', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    notWaiting.set(link.token, 'TaskTimedOut');
    const taken = await decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW);
    expect(taken.delivered).toBe(false);
    const stored = await getLink(dynamo, TABLE, link.linkId);
    expect([stored?.status, stored?.deliveredAt]).toEqual(['decided', undefined]);
    expect((await pendingMarkers()).map((m) => m.linkId)).toContain(link.linkId);
    notWaiting.delete(link.token);
    const error = await decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW).catch((e) => e);
    expect((error as ParafError).code).toBe('decided');
    expect(sent.at(-1)?.token).toBe(link.token);
    expect((await getLink(dynamo, TABLE, link.linkId))?.deliveredAt).toEqual(expect.any(String));
    expect((await pendingMarkers()).map((m) => m.linkId)).not.toContain(link.linkId);
  });

  it('passes on a workflow failure other than "not waiting": the decision stays recorded, undelivered', async () => {
    const link = await asked(6, 'pemrosesan', 'pemrosesan');
    notWaiting.set(link.token, 'ServiceUnavailable');
    const error = await decide(ctx, link.linkId, acting('pemrosesan', { decision: 'approve' }), NOW).catch((e) => e);
    notWaiting.delete(link.token);
    expect((error as Error).name).toBe('ServiceUnavailable');
    const stored = await getLink(dynamo, TABLE, link.linkId);
    expect([stored?.status, stored?.deliveredAt]).toEqual(['decided', undefined]);
  });

  it('records the applicant’s own step on the front office’s link only with the front office signed in', async () => {
    const link = await asked(13, 'pemohon', 'loket');
    // Whoever holds the e-mailed link, signed in as nobody or as another official, records nothing.
    for (const actor of [undefined, 'pemrosesan'])
      await expectRefused(
        () => decide(ctx, link.linkId, { decision: 'approve', ...(actor ? { actor } : {}) }, NOW),
        'forbidden',
        `Langkah ini diminta kepada ${staff.byId('loket')!.name}`,
      );
    const taken = await decide(ctx, link.linkId, acting('loket', { decision: 'approve' }), NOW);
    expect([taken.by, taken.factor]).toEqual(['loket', { kind: 'session', officialId: 'loket' }]);
    const event = (await listEvents(dynamo, TABLE, link.caseId)).find((e) => e.actionId === taken.id);
    expect(event?.actor).toEqual({ id: 'loket', name: staff.byId('loket')!.name });
  });

  it('records an outside body’s answer (an OPD’s letter) only with the official its link was mailed to signed in', async () => {
    const sop = 'SOP-LP2N-TKT-02';
    const revision = revisionOf(findRevision(revisions, sop, undefined)!);
    // The OPD's technical team has no account: its step's link is mailed to the front office.
    const link = await asked(7, 'tim-teknis', 'loket', { sop, revision });
    await expectRefused(
      () => decide(ctx, link.linkId, { decision: 'approve' }, NOW),
      'forbidden',
      `Langkah ini diminta kepada ${staff.byId('loket')!.name}`,
    );
    const taken = await decide(ctx, link.linkId, acting('loket', { decision: 'approve' }), NOW);
    expect(taken.factor).toEqual({ kind: 'session', officialId: 'loket' });
  });

  it('takes a handover only from Tata Usaha’s page', async () => {
    const link = await asked(12, 'tata-usaha', 'tata-usaha');
    await expectRefused(
      () => decide(ctx, link.linkId, acting('tata-usaha', { decision: 'approve' }), NOW),
      'handover',
      'Penyerahan izin dicatat di halaman Tata Usaha',
    );
    const taken = await decide(
      ctx,
      link.linkId,
      acting('tata-usaha', { decision: 'approve', via: 'handover-page' }),
      NOW,
    );
    expect(taken.route).toBe('approve');
  });

  it('lets the deputy decide while the official is away, and says so in the trail; the official is refused meanwhile', async () => {
    const link = await asked(9, 'kabid-layanan', 'kabid-layanan');
    await putAbsence(dynamo, TABLE, {
      absenceId: `cuti-${link.caseId}`,
      officialId: 'kabid-layanan',
      deputyId: 'kasi-layanan',
      as: 'plh',
      from: '2026-12-01',
      to: '2026-12-03',
      reason: 'cuti',
      recordedBy: 'sekretaris',
      recordedAt: '2026-11-30T00:00:00.000Z',
    });
    const sendBack = { decision: 'return', returnTo: '7', note: 'Draf salah ketik.' } as const;
    await expectRefused(
      () => decide(ctx, link.linkId, acting('kabid-layanan', sendBack), NOW),
      'forbidden',
      'Anda tercatat tidak hadir sampai',
    );
    await expectRefused(
      () => decide(ctx, link.linkId, acting('pemrosesan', sendBack), NOW),
      'forbidden',
      'selama ketidakhadirannya dikerjakan oleh',
    );
    const taken = await decide(ctx, link.linkId, acting('kasi-layanan', sendBack), NOW);
    expect([taken.by, taken.standsInFor]).toEqual(['kasi-layanan', { officialId: 'kabid-layanan', as: 'plh' }]);
    const kabid = staff.byId('kabid-layanan')?.name;
    expect((await listEvents(dynamo, TABLE, link.caseId)).map((e) => e.action)).toEqual([
      `Langkah 9: Kembalikan ke Petugas Pemrosesan (Verifikasi/Adm Data) (langkah 7) (Plh., menggantikan ${kabid})`,
    ]);
  });

  describe('where approving signs', () => {
    const code =
      (answer: Awaited<ReturnType<FactorChecker>>): FactorChecker =>
      async () =>
        answer;

    it('asks the signer’s own code: none, a wrong one (written in the trail) and throttled are refused', async () => {
      const link = await asked(8, 'kasi-layanan', 'kasi-layanan');
      const approve = acting('kasi-layanan', { decision: 'approve', factorCode: '000000' });
      // An official is told whom to ask, never a command to run.
      await expectRefused(
        () => decide(ctx, link.linkId, approve, NOW),
        'factor',
        'Akun Anda belum memiliki kode autentikator. Tidak ada yang ditandatangani; minta pengelola Paraf membuatkan kunci autentikator untuk akun Anda.',
      );
      await expectRefused(
        () => decide({ ...ctx, checkFactor: code({ ok: false, reason: 'missing' }) }, link.linkId, approve, NOW),
        'factor',
        'Masukkan kode autentikator Anda (6 angka)',
      );
      await expectRefused(
        () =>
          decide(
            { ...ctx, checkFactor: code({ ok: false, reason: 'throttled', until: new Date('2026-12-02T02:15:00Z') }) },
            link.linkId,
            approve,
            NOW,
          ),
        'throttled',
        'coba lagi setelah pukul 10.15 WITA',
      );
      const wrong = await decide(
        { ...ctx, checkFactor: code({ ok: false, reason: 'wrong' }) },
        link.linkId,
        approve,
        NOW,
      ).catch((e) => e);
      expect([(wrong as ParafError).code, (wrong as ParafError).message]).toEqual([
        'factor',
        'Kode autentikator salah atau sudah berganti (kodenya berganti tiap 30 detik). Tidak ada yang ditandatangani; masukkan kode yang sedang tampil di aplikasi autentikator Anda lalu coba lagi.',
      ]);
      expect((await listEvents(dynamo, TABLE, link.caseId)).map((e) => [e.action, e.actor?.id, e.at])).toEqual([
        ['Langkah 8: kode autentikator salah; tidak ada yang ditandatangani', 'kasi-layanan', NOW.toISOString()],
      ]);
      expect((await getLink(dynamo, TABLE, link.linkId))?.status).toBe('waiting');
    });

    it('signs on a right code, with the code’s factor; a send-back from the same step needs none', async () => {
      const factor = { kind: 'totp', officialId: 'kasi-layanan', checkedAt: NOW.toISOString() } as const;
      const asks: [string, string | undefined][] = [];
      const checkFactor: FactorChecker = async (officialId, given) => {
        asks.push([officialId, given]);
        return { ok: true, factor };
      };
      const link = await asked(8, 'kasi-layanan', 'kasi-layanan');
      const taken = await decide(
        { ...ctx, checkFactor },
        link.linkId,
        acting('kasi-layanan', { decision: 'approve', factorCode: '123456' }),
        NOW,
      );
      expect([taken.factor, asks]).toEqual([factor, [['kasi-layanan', '123456']]]);
      const other = await asked(8, 'kasi-layanan', 'kasi-layanan');
      const sentBack = await decide(
        { ...ctx, checkFactor },
        other.linkId,
        acting('kasi-layanan', { decision: 'return', returnTo: '7', note: 'Draf salah.' }),
        NOW,
      );
      expect([sentBack.factor, asks]).toEqual([
        { kind: 'session', officialId: 'kasi-layanan' },
        [['kasi-layanan', '123456']],
      ]);
    });

    /** The Kepala's signing step, its permit printed with `signatory`'s block. */
    async function printedFor(signatory: NonNullable<DocumentState['signatory']>) {
      const link = await asked(10, 'kepala-dinas', 'kepala');
      const state = { caseId: link.caseId, kind: 'api-u', revision: 0, copies: [], draft: null, number: null };
      await saveDocumentState(dynamo, TABLE, { ...state, signers: [], actions: ['render'], signatory }, null);
      return link;
    }
    const checkFactor: FactorChecker = async (officialId) => ({
      ok: true,
      factor: { kind: 'totp', officialId, checkedAt: NOW.toISOString() },
    });

    it('signs under the block that names the signer, with the drafting data the decision carries', async () => {
      const link = await printedFor({ officialId: 'kepala', sebagai: 'definitif' });
      const documentData = { catatan: 'ditandatangani' };
      const approve = acting('kepala', { decision: 'approve', factorCode: '1', documentData });
      const taken = await decide({ ...ctx, checkFactor }, link.linkId, approve, NOW);
      expect([taken.route, taken.documentData]).toEqual(['approve', documentData]);
      expect(sent.at(-1)?.output).toMatchObject({ documentData });
    });

    it('signs nothing under a block printed for someone else; a send-back from it is still taken', async () => {
      const link = await printedFor({ officialId: 'sekretaris', sebagai: 'plh', standsInFor: 'kepala' });
      await expectRefused(
        () =>
          decide({ ...ctx, checkFactor }, link.linkId, acting('kepala', { decision: 'approve', factorCode: '1' }), NOW),
        'invalid',
        `Angka Pengenal Importir Umum (API-U) mencantumkan ${staff.byId('sekretaris')?.name} sebagai penandatangan, bukan Anda`,
      );
      const sendBack = { decision: 'return', returnTo: '9', note: 'Cetak ulang dengan nama saya.' } as const;
      const taken = await decide({ ...ctx, checkFactor }, link.linkId, acting('kepala', sendBack), NOW);
      expect(taken.route).toBe('return:9');
    });

    it('signs nothing under a block printed with the name of the one before, under the same id (a new head)', async () => {
      const head = staff.byId('kepala')!;
      const link = await printedFor({ officialId: 'kepala', nama: 'Dr. H. Kepala Terdahulu', sebagai: 'definitif' });
      await expectRefused(
        () =>
          decide({ ...ctx, checkFactor }, link.linkId, acting('kepala', { decision: 'approve', factorCode: '1' }), NOW),
        'invalid',
        'Angka Pengenal Importir Umum (API-U) mencantumkan Dr. H. Kepala Terdahulu sebagai penandatangan, bukan Anda',
      );
      // The block printed with the signer's own name is signed.
      const own = await printedFor({ officialId: 'kepala', nama: head.name, sebagai: 'definitif' });
      const taken = await decide(
        { ...ctx, checkFactor },
        own.linkId,
        acting('kepala', { decision: 'approve', factorCode: '1' }),
        NOW,
      );
      expect(taken.route).toBe('approve');
    });

    it('with BSrE, signs on the passphrase inside the request, under one decision id on every try', async () => {
      const link = await asked(8, 'kasi-layanan', 'kasi-layanan');
      const tries: { id: string; passphrase: string; status: string | undefined }[] = [];
      let refuse = true;
      const signNow: SignNow = async (asking, decision, passphrase) => {
        tries.push({ id: decision.id, passphrase, status: (await getLink(dynamo, TABLE, asking.linkId))?.status });
        if (refuse) throw new ParafError('signing-service', 'Passphrase salah.', { details: { bsre: true } });
      };
      const bsre = { ...ctx, signNow };
      const approve = acting('kasi-layanan', { decision: 'approve', documentData: { catatan: 'x' } });
      await expectRefused(() => decide(bsre, link.linkId, approve, NOW), 'factor', 'Masukkan passphrase BSrE Anda');
      const refused = await decide(bsre, link.linkId, { ...approve, passphrase: 'rahasia' }, NOW).catch((e) => e);
      expect((refused as ParafError).message).toBe('Passphrase salah.');
      expect((await listEvents(dynamo, TABLE, link.caseId)).map((e) => e.action)).toEqual([
        'Langkah 8: BSrE tidak menandatangani (Passphrase salah.); keputusan belum tercatat',
      ]);
      expect((await getLink(dynamo, TABLE, link.linkId))?.status).toBe('waiting');
      refuse = false;
      const taken = await decide(bsre, link.linkId, { ...approve, passphrase: 'rahasia' }, NOW);
      expect(taken.factor).toEqual({ kind: 'bsre', officialId: 'kasi-layanan', checkedAt: NOW.toISOString() });
      expect(tries).toEqual([
        { id: taken.id, passphrase: 'rahasia', status: 'waiting' },
        { id: taken.id, passphrase: 'rahasia', status: 'waiting' },
      ]);
      expect(taken.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const again = await asked(8, 'kasi-layanan', 'kasi-layanan');
      const other = await decide(bsre, again.linkId, { ...approve, passphrase: 'rahasia' }, NOW);
      expect(other.id).not.toBe(taken.id);
      expect(JSON.stringify(await storedItems())).not.toContain('rahasia');
    });
  });
});
