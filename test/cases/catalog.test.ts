import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedRoutes } from '#cases/rules/allowed-routes.ts';
import { loadOfficeSettings } from '#config/office-settings.ts';
import { CATALOG_INPUT } from '#sop/catalog/index.ts';
import { findSop, loadCatalog } from '#sop/load-catalog.ts';
import { CatalogError, validateCatalog } from '#sop/validate-catalog.ts';
import { STEP_KINDS, type Sop, type SopInput } from '#sop/schema.ts';

const sop = (id: string): Sop => {
  const found = findSop(id);
  if (!found) throw new Error(`no SOP ${id} in the catalog`);
  return found;
};
const step = (id: string, no: number) => {
  const found = sop(id).steps.find((s) => s.no === no);
  if (!found) throw new Error(`${id} has no step ${no}`);
  return found;
};
const returnTargets = (id: string, no: number) => step(id, no).returns.map((r) => r.to);

/** Step counts as the seeds number them. */
const SEED_STEP_COUNTS: Record<string, number> = {
  'SOP-LP2N-PPK-01': 13,
  'SOP-LP2N-TKT-02': 14,
  'SOP-LP2N-PAR-05': 17,
  'SOP-DALAK-067-001': 6,
  'SOP-DALAK-067-002': 8,
  'SOP-DALAK-067-003': 7,
  'SOP-DALAK-067-004': 7,
  'SOP-DALAK-067-005': 7,
  'SOP-DALAK-067-006': 9,
  'SOP-DALAK-067-007': 9,
  'SOP-DALAK-067-008': 8,
  'SOP-DALAK-067-009': 7,
  'SOP-DALAK-067-010': 7,
  'SOP-DALAK-067-011': 7,
  'SOP-DALAK-067-012': 7,
  'SOP-DALAK-067-013': 5,
  'SOP-DALAK-067-014': 5,
};

describe('the SOP catalog', () => {
  it('holds the 17 SOPs of the office, each with every step of its seed in order', () => {
    const catalog = loadCatalog();
    expect(catalog.map((s) => s.id)).toEqual(Object.keys(SEED_STEP_COUNTS));
    for (const entry of catalog) {
      expect(
        entry.steps.map((s) => s.no),
        entry.id,
      ).toEqual(Array.from({ length: SEED_STEP_COUNTS[entry.id]! }, (_, i) => i + 1));
    }
  });

  it('gives every step a lane, a kind, an Indonesian description and, inside a case, a time standard', () => {
    for (const entry of loadCatalog()) {
      for (const s of entry.steps) {
        expect(
          entry.lanes.map((l) => l.id),
          `${entry.id} step ${s.no}`,
        ).toContain(s.lane);
        expect(STEP_KINDS).toContain(s.kind);
        expect(s.title.length, `${entry.id} step ${s.no}`).toBeGreaterThan(10);
        // The seeds give no time for the pickup and collection rows of PAR-05 (16, 17); every other in-case step has one.
        const untimed = entry.id === 'SOP-LP2N-PAR-05' && (s.no === 16 || s.no === 17);
        if (s.phase !== 'before-case' && !untimed) expect(s.time?.asWritten, `${entry.id} step ${s.no}`).toBeTruthy();
      }
    }
  });

  it('keeps the metadata of each seed: document number, revision and effective date', () => {
    expect(sop('api-u')).toMatchObject({
      documentNumber: 'SOP-LP2N-PPK-01',
      revision: '02',
      effectiveDate: '2017-06-07',
      revisedDate: '2017-06-07',
    });
    expect(sop('imta')).toMatchObject({ revision: '03', effectiveDate: '2017-06-07' });
    expect(sop('eo')).toMatchObject({ revision: '03', effectiveDate: '2017-06-07' });
    expect(sop('dalak-013')).toMatchObject({
      documentNumber: '067/013/DPMPTSP-DALAK/XI/2022',
      effectiveDate: '2022-12-06',
      createdDate: '2022-11-03',
    });
    expect(sop('dalak-013').approvedBy.nip).toBe('197908101998021001');
    // The DALAK seeds print no revision number ("Tanggal Revisi" empty): none is invented.
    for (const entry of loadCatalog().filter((e) => e.family === 'control'))
      expect(entry.revision, entry.id).toBeUndefined();
  });

  it('says, for each SOP started against a permit, what its steps do to that permit (011/012: no decree, a revocation asked for or examined)', () => {
    const roles = loadCatalog()
      .filter((entry) => entry.actsOnPermit)
      .map((entry) => [entry.id, entry.permitRole ?? entry.documents.find((doc) => doc.permitEffect)?.permitEffect]);
    expect(roles).toEqual([
      ['SOP-DALAK-067-011', 'Izin yang dimohonkan untuk dicabut'],
      ['SOP-DALAK-067-012', 'Izin yang diperiksa untuk dicabut'],
      ['SOP-DALAK-067-013', 'revokes'],
      ['SOP-DALAK-067-014', 'recommends-revocation'],
    ]);
  });

  it('records API-U time standards with their day offsets (H..H+3 for the Kepala)', () => {
    expect(step('api-u', 4).time).toMatchObject({ dayFrom: 0, dayTo: 0, minMinutes: 10, maxMinutes: 30 });
    expect(step('api-u', 8).time).toMatchObject({ dayFrom: 0, dayTo: 1, minMinutes: 10, maxMinutes: 30 });
    expect(step('api-u', 9).time).toMatchObject({ dayFrom: 0, dayTo: 2 });
    expect(step('api-u', 10).time).toMatchObject({ dayFrom: 0, dayTo: 3, minMinutes: 5, maxMinutes: 10 });
    expect(step('api-u', 13).time).toMatchObject({ dayFrom: 0, dayTo: 5 });
    expect(step('api-u', 13).time?.minMinutes).toBeUndefined();
  });

  it('holds each inspection (009-012, step 4) on the date the Surat Tugas sets, a working day after it at least, as an inferred reading', () => {
    for (const id of ['dalak-009', 'dalak-010', 'dalak-011', 'dalak-012']) {
      expect(step(id, 4).scheduledBy, id).toMatchObject({
        document: 'surat-tugas',
        field: 'waktu.mulai',
        minWorkingDaysAfter: 1,
        asWritten: 'Surat tugas terbit 1 (satu) hari sebelum tanggal pelaksanaan inspeksi',
      });
      expect(step(id, 4).inferred, id).toContain('Surat tugas terbit 1 (satu) hari sebelum');
    }
    expect(
      loadCatalog().flatMap((entry) => entry.steps.filter((s) => s.scheduledBy).map((s) => `${entry.id}:${s.no}`)),
    ).toHaveLength(4);
  });

  it('reads DALAK durations in minutes, adding the two rows of a split step', () => {
    expect(step('dalak-001', 1).time).toMatchObject({ asWritten: '1 jam + 2 jam', minMinutes: 180 });
    expect(step('dalak-009', 4).time).toMatchObject({ minMinutes: 180 });
    expect(step('dalak-013', 4).time).toMatchObject({ minMinutes: 180 });
    expect(step('dalak-006', 4).time).toMatchObject({ minMinutes: 10 });
  });

  it('has the send-backs of the licensing SOPs: to the drafter, to the applicant through the front office, from the Kepala to Kabid/Kasi', () => {
    expect(returnTargets('api-u', 8)).toEqual([7]);
    expect(returnTargets('api-u', 9)).toEqual(['applicant', 7]);
    expect(returnTargets('api-u', 10)).toEqual([9, 8]);
    expect(step('api-u', 9).returns[0]).toMatchObject({ via: 'front-office', resumeAt: 6 });
    expect(returnTargets('imta', 9)).toEqual([8]);
    expect(returnTargets('imta', 11)).toEqual([10, 9]);
    expect(returnTargets('eo', 7)).toEqual([8]);
    expect(returnTargets('eo', 14)).toEqual([8, 10, 13, 12]);
    expect(step('eo', 8)).toMatchObject({ branchOnly: true, next: 7, lane: 'cs-helpdesk' });
  });

  it('has the Ya/Tidak loops of DALAK 012 and 013 as the seeds draw them, and the other DALAK decisions', () => {
    expect(step('dalak-012', 5).returns).toEqual([expect.objectContaining({ to: 2, answer: 'Tidak' })]);
    expect(step('dalak-012', 6).returns).toEqual([expect.objectContaining({ to: 4, answer: 'Tidak' })]);
    expect(step('dalak-013', 3).returns).toEqual([expect.objectContaining({ to: 2, answer: 'Tidak' })]);
    expect(step('dalak-013', 4).returns).toEqual([expect.objectContaining({ to: 2, answer: 'Tidak' })]);
    expect(returnTargets('dalak-014', 3)).toEqual([2]);
    expect(returnTargets('dalak-009', 5)).toEqual([2]);
    expect(returnTargets('dalak-002', 7)).toEqual([4]);
    expect(step('dalak-006', 5).returns[0]).toMatchObject({ to: 'applicant', via: 'helpdesk-lkpm', resumeAt: 4 });
    expect(step('dalak-010', 5).returns).toEqual([]);
  });

  it("gives EO step 10 (the Tim Teknis) no invented send-back or rejection, reading the loose remark as step 8's, and IMTA no invented cover letter", () => {
    expect(step('eo', 10)).toMatchObject({ returns: [], canReject: false });
    expect(step('eo', 8).inferred).toContain('Jika tidak sesuai dpt dilakukan konfirmasi kejelasan');
    expect(step('eo', 8).inferred).toContain('step 10');
    expect(step('eo', 8).outputs).toContain('Penyerahan surat pengantar');
    expect(step('eo', 9).outputs).not.toContain('Penyerahan surat pengantar');
    expect(sop('imta').documents.map((d) => d.kind)).toEqual(['tanda-terima', 'imta', 'tanda-terima-penyerahan']);
    expect(step('imta', 6).title).not.toContain('pengantar');
  });

  it("numbers no unsigned letter: the seed's signer, or where the seed names none the office's (config/signers.json)", () => {
    expect(sop('dalak-003').documents.find((d) => d.kind === 'undangan-pembinaan')).toMatchObject({
      title: expect.stringMatching(/^Draf /),
    });
    expect(sop('dalak-003').documents.find((d) => d.kind === 'undangan-pembinaan')?.numberedAt).toBeUndefined();
    expect(sop('dalak-003').documents.find((d) => d.kind === 'undangan-pembinaan')?.officeSigner).toBeUndefined();
    const numbered = loadCatalog().flatMap((entry) =>
      entry.documents.filter((d) => d.numberedAt !== undefined).map((d) => ({ entry, d })),
    );
    expect(
      numbered
        .filter(({ d }) => d.signedAt === undefined && d.officeSigner === undefined)
        .map(({ entry, d }) => `${entry.id} ${d.kind}`),
    ).toEqual([]);
    // The seed wins: the office names signers only where the seed names none.
    expect(numbered.filter(({ d }) => d.signedAt !== undefined && d.officeSigner !== undefined)).toEqual([]);
    expect(
      numbered
        .filter(({ d }) => d.officeSigner !== undefined)
        .map(({ entry, d }) => `${entry.id} ${d.kind} ${d.officeSigner}`),
    ).toEqual([
      'SOP-LP2N-PAR-05 surat-pengantar kabid-layanan',
      'SOP-DALAK-067-004 undangan-pembinaan kabid-pengendalian',
      'SOP-DALAK-067-004 nota-dinas kabid-pengendalian',
      'SOP-DALAK-067-009 surat-tugas kepala-dinas',
      'SOP-DALAK-067-009 pemberitahuan-inspeksi kepala-dinas',
      'SOP-DALAK-067-010 surat-tugas kepala-dinas',
      'SOP-DALAK-067-011 surat-tugas kepala-dinas',
      'SOP-DALAK-067-012 surat-tugas kepala-dinas',
    ]);
  });

  it('marks each reading the seed allows more than one way inferred, with the seed quoted and the alternative named', () => {
    // Each quote of the seed with the steps whose reading quotes it.
    const marked: [quote: string, steps: [id: string, no: number][]][] = [
      [
        'Menerima dan menelaah hasil pemantauan dan pengawasan melalui sistem',
        [
          ['dalak-003', 1],
          ['dalak-004', 1],
        ],
      ],
      [
        'Melaksanakan pertemuan tim teknis',
        [
          ['dalak-011', 2],
          ['dalak-012', 2],
          ['dalak-013', 2],
          ['dalak-014', 2],
        ],
      ],
      ['Penyampaian LKPM', [['dalak-006', 1]]],
      ['jika tidak sesuai LKPM dikembalikan', [['dalak-006', 5]]],
      [
        'Tidak / Ya / Tidak / Ya',
        [
          ['dalak-002', 2],
          ['dalak-002', 7],
        ],
      ],
      ['"1 jam"', [['dalak-001', 1]]],
      ['Draft SK Kepala Dinas PMPTSP tentang Pencabutan Izin', [['dalak-014', 4]]],
    ];
    expect(marked.flatMap(([, steps]) => steps)).toHaveLength(12);
    for (const [quote, steps] of marked)
      for (const [id, no] of steps) {
        expect(step(id, no).inferred, `${id} step ${no}`).toContain(quote);
        expect(step(id, no).inferred, `${id} step ${no}`).toMatch(/alternative/i);
      }
    // Documents under the seed's own names, the other wording named.
    expect(sop('dalak-011').documents[1]).toMatchObject({
      title: 'Berita Acara Pencabutan Izin',
      inferred: expect.stringContaining('Berita Acara Rencana Pencabutan Izin'),
    });
    expect(sop('dalak-006').documents[0]).toMatchObject({
      title: 'Laporan Hasil Evaluasi Kegiatan dan Verifikasi',
      inferred: expect.stringContaining('Laporan hasil evaluasi dan verifikasi'),
    });
    expect(sop('dalak-005').documents[0]!.title).toBe('Laporan Hasil Evaluasi dan Koordinasi');
    for (const item of ['10b', '10c'])
      expect(sop('api-u').requirements.find((r) => r.id === item)?.inferred).toContain('dan/atau');
  });

  it('tells the applicant their rights and duties at the handover, the duty to report to Bidang Dalak included', () => {
    for (const [id, no] of [
      ['api-u', 12],
      ['imta', 13],
    ] as const) {
      expect(step(id, no).informs, id).toHaveLength(4);
      expect(step(id, no).informs, id).toContain(
        'Kewajiban pelaporan dan bersedia untuk dilakukan pengawasan / monitoring dari pihak DPMPTSP (Bidang Dalak)',
      );
    }
    // PAR-05 only names them: the seed's words are kept, and no list is presented as the seed's.
    expect(step('eo', 16).informs).toEqual([]);
    expect(step('eo', 16).informsNamedOnly).toContain('fungsi Pengendalian Pelaksanaan');
  });

  it("holds the DALAK seeds' header sections: dasar hukum, kualifikasi pelaksana, peralatan, peringatan, pencatatan", () => {
    for (const entry of loadCatalog().filter((e) => e.family === 'control')) {
      const n = Number(entry.id.slice(-3));
      expect(entry.sections?.dasarHukum, entry.id).toHaveLength(n <= 8 ? 4 : 6);
      expect(entry.sections?.kualifikasiPelaksana, entry.id).toHaveLength(n >= 5 ? 5 : 4);
      expect(entry.sections?.peralatan, entry.id).toHaveLength(n <= 4 ? 4 : n <= 8 ? 3 : 2);
      expect(entry.sections?.pencatatan, entry.id).toEqual(['Disimpan sebagai data fisik dan elektronik']);
      expect(entry.sections?.keterkaitan, entry.id).toEqual([]);
      expect(
        entry.sections.peringatan?.map((w) => w.text.split(' tidak sesuai')[0]),
        entry.id,
      ).toEqual([n <= 8 ? 'Apabila kegiatan' : n <= 10 ? 'Apabila pengawasan' : 'Apabila proses pencabutan']);
    }
    expect(sop('dalak-013').sections.dasarHukum?.[0]).toBe('Undang-undang Nomor 11 Tahun 2020 tentang Cipta Kerja');
  });

  it('carries the requirement checklists: 14 API-U items with their conditions, 16 for IMTA, 7 for EO', () => {
    const apiU = sop('api-u').requirements;
    const items = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10a', '10b', '10c', '11', '12', '13', '14'];
    expect(apiU.map((r) => r.id)).toEqual(items);
    expect(apiU.find((r) => r.id === '7')?.when).toEqual({ fact: 'penandatanganWna', equals: true });
    expect(apiU.find((r) => r.id === '8')?.when).toEqual({ fact: 'penandatanganWni', equals: true });
    expect(apiU.find((r) => r.id === '11')?.when).toEqual({ fact: 'penandatanganKuasaDireksi', greaterThan: 0 });
    expect(apiU.find((r) => r.id === '13')?.when).toEqual({ fact: 'melaluiKuasa', equals: true });
    expect(apiU.find((r) => r.id === '14')?.when).toEqual({ fact: 'perubahan', equals: true });
    expect(sop('imta').requirements).toHaveLength(16);
    expect(sop('eo').requirements).toHaveLength(7);
  });

  it('marks the reading of "hari" as working days, and EO step 10\'s fixed day, as inferred with the seed quoted', () => {
    expect(sop('imta').serviceTime?.inferred).toContain('selambat-lambatnya 7 (tujuh) hari');
    expect(sop('eo').serviceTime?.inferred).toContain('selambat-lambatnya 1 (satu) hari');
    expect(step('eo', 10).inferred).toContain('sesuai dengan jenis izin / non izin yang diminta');
  });

  it('states the service time and how it counts', () => {
    expect(sop('api-u').serviceTime).toMatchObject({
      limit: 5,
      unit: 'working-days',
      startsAt: { event: 'receipt', step: 5 },
    });
    expect(sop('imta').serviceTime).toMatchObject({ limit: 7, startsAt: { event: 'receipt', step: 5 } });
    expect(sop('eo').serviceTime).toMatchObject({
      limit: 1,
      startsAt: { event: 'technical-recommendation', step: 10 },
    });
    expect(sop('dalak-001').serviceTime).toBeUndefined();
    expect(sop('api-u').fee).toEqual({ free: true, asWritten: expect.stringContaining('gratis') });
    expect(sop('imta').fee?.free).toBe(false);
    expect(sop('imta').product?.validity).toContain('1 (satu) tahun');
  });

  it('names the documents each SOP produces and the register that numbers them, after the signature', () => {
    expect(sop('api-u').documents.find((d) => d.kind === 'api-u')).toMatchObject({
      letterhead: 'kemendag',
      copies: 3,
      parafAt: [8, 9],
      signedAt: 10,
      numberedAt: 11,
      register: 'api-u',
    });
    expect(sop('dalak-013').documents[0]).toMatchObject({
      kind: 'sk-pencabutan',
      signedAt: 4,
      numberedAt: 4,
      register: 'sk-kepala-dinas',
    });
    expect(sop('dalak-014').documents[0]).toMatchObject({
      kind: 'rekomendasi-pencabutan',
      register: 'rekomendasi-pencabutan',
    });
    // Only 013's decree revokes; 014's recommendation asks the authority that revokes.
    expect(sop('dalak-013').documents[0]!.permitEffect).toBe('revokes');
    expect(sop('dalak-014').documents[0]!.permitEffect).toBe('recommends-revocation');
    expect(
      loadCatalog().flatMap((entry) =>
        entry.documents.filter((doc) => doc.permitEffect === 'revokes').map((doc) => `${entry.id} ${doc.kind}`),
      ),
    ).toEqual(['SOP-DALAK-067-013 sk-pencabutan']);
    expect(sop('dalak-009').documents.map((d) => d.kind)).toEqual([
      'surat-tugas',
      'pemberitahuan-inspeksi',
      'berita-acara-pemeriksaan',
      'laporan-pengawasan',
    ]);
    for (const entry of loadCatalog()) {
      for (const doc of entry.documents) {
        if (doc.signedAt !== undefined && doc.numberedAt !== undefined)
          expect(doc.numberedAt, `${entry.id} ${doc.kind}`).toBeGreaterThanOrEqual(doc.signedAt);
      }
    }
  });
});

describe('closing a case while the file is with the applicant', () => {
  const routes = (id: string, resumeAt: number, file?: string) =>
    allowedRoutes(sop(id), { step: resumeAt, purpose: 'applicant-correction' }, loadOfficeSettings(file)).map(
      (r) => r.route,
    );

  it("is the office's choice (config/office.json, default every return), and only where the seed says so otherwise", () => {
    expect(loadOfficeSettings().applicantCorrectionCanClose).toBe('every-return');
    expect(routes('api-u', 6)).toEqual(['approve', 'reject']);
    // Said as what it is wherever the applicant's correction is awaited: a closing without it, not a refusal.
    expect(allowedRoutes(sop('dalak-006'), { step: 4, purpose: 'applicant-correction' })[1]?.label).toBe(
      'Tutup berkas tanpa perbaikan: pemohon menarik berkas, membuat permohonan baru, atau tidak menanggapi',
    );
    const dir = mkdtempSync(join(tmpdir(), 'paraf-office-'));
    try {
      const file = join(dir, 'office.json');
      writeFileSync(file, JSON.stringify({ ...loadOfficeSettings(), applicantCorrectionCanClose: 'where-seed-says' }));
      // No seed of a correction wait (API-U 6, IMTA 6, DALAK 006 step 4) says "membuat permohonan baru".
      expect(routes('api-u', 6, file)).toEqual(['approve']);
      expect(routes('imta', 6, file)).toEqual(['approve']);
      expect(routes('dalak-006', 4, file)).toEqual(['approve']);
      // A send-back quoting the seed's words keeps the ending whatever the office chose.
      const quoted = structuredClone(sop('api-u'));
      quoted.steps.find((s) => s.no === 6)!.returns[0]!.newApplication = 'atau membuat permohonan baru';
      expect(
        allowedRoutes(quoted, { step: 6, purpose: 'applicant-correction' }, loadOfficeSettings(file)).map(
          (r) => r.route,
        ),
      ).toEqual(['approve', 'reject']);
      writeFileSync(
        file,
        JSON.stringify({ applicantCorrectionWorkingDays: 10, applicantCorrectionCanClose: 'sometimes' }),
      );
      expect(() => loadOfficeSettings(file)).toThrow(
        `Berkas ${file} tidak dapat dipakai:\n- applicantCorrectionCanClose`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quotes the seed where it lets the applicant file a new application (PAR-05 step 4)', () => {
    const quoted = loadCatalog().flatMap((entry) =>
      entry.steps.flatMap((s) => s.returns.filter((r) => r.newApplication).map(() => `${entry.id}:${s.no}`)),
    );
    expect(quoted).toEqual(['SOP-LP2N-PAR-05:4']);
    expect(step('eo', 4).returns[0]!.newApplication).toContain('atau membuat permohonan baru');
  });
});

describe('catalog validation', () => {
  const apiU = CATALOG_INPUT[0]!;
  const withSteps = (change: (steps: SopInput['steps']) => SopInput['steps']): SopInput => ({
    ...apiU,
    steps: change(structuredClone(apiU.steps)),
  });
  const failure = (input: SopInput) => {
    try {
      validateCatalog([input]);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      return (error as Error).message;
    }
    throw new Error('the catalog was accepted');
  };

  it('accepts the real catalog', () => {
    expect(validateCatalog(CATALOG_INPUT)).toHaveLength(17);
  });

  it('rejects an unknown lane, naming the SOP and the step', () => {
    const message = failure(withSteps((steps) => steps.map((s) => (s.no === 8 ? { ...s, lane: 'kasi-layanann' } : s))));
    expect(message).toContain('SOP-LP2N-PPK-01, step 8: unknown lane "kasi-layanann"');
  });

  it('rejects a send-back to a missing step, naming the SOP and the step', () => {
    const message = failure(
      withSteps((steps) => steps.map((s) => (s.no === 10 ? { ...s, returns: [{ to: 42, reason: 'x' }] } : s))),
    );
    expect(message).toContain('SOP-LP2N-PPK-01, step 10: send-back to missing step 42');
  });

  it('rejects a duplicate step number, naming the SOP and the step', () => {
    const message = failure(withSteps((steps) => steps.map((s) => (s.no === 9 ? { ...s, no: 8 } : s))));
    expect(message).toContain('SOP-LP2N-PPK-01, step 8: duplicate step number');
  });

  it('rejects a send-back to the applicant with nowhere to resume', () => {
    const message = failure(
      withSteps((steps) =>
        steps.map((s) => (s.no === 6 ? { ...s, returns: [{ to: 'applicant', via: 'front-office', reason: 'x' }] } : s)),
      ),
    );
    expect(message).toContain('SOP-LP2N-PPK-01, step 6: send-back to the applicant resumes at missing step (none)');
  });

  it('rejects a malformed field, naming the SOP and the step by its number', () => {
    const message = failure(
      withSteps((steps) => steps.map((s) => (s.no === 7 ? ({ ...s, kind: 'stamping' } as unknown as typeof s) : s))),
    );
    expect(message).toMatch(/^SOP-LP2N-PPK-01, step 7, kind: /);
  });

  it('rejects a numbered document without a known register', () => {
    const message = failure({
      ...apiU,
      documents: [
        {
          kind: 'api-u',
          title: 'x',
          letterhead: 'kemendag',
          copies: 3,
          draftedAt: 7,
          numberedAt: 11,
          register: 'nope',
        },
      ],
    });
    expect(message).toContain('SOP-LP2N-PPK-01, document api-u: unknown register "nope"');
  });

  it('rejects a step scheduled by a document that is not drafted before it', () => {
    const dalak = CATALOG_INPUT.find((entry) => entry.id === 'SOP-DALAK-067-009')!;
    const scheduleStep4 = (document: string) => ({
      ...dalak,
      steps: dalak.steps.map((s) => (s.no === 4 ? { ...s, scheduledBy: { ...s.scheduledBy!, document } } : s)),
    });
    expect(() => validateCatalog([scheduleStep4('berita-acara-pemeriksaan')])).toThrow(
      'SOP-DALAK-067-009, step 4: scheduled by berita-acara-pemeriksaan, which is drafted at step 4, not before',
    );
    expect(() => validateCatalog([scheduleStep4('nope')])).toThrow(
      'SOP-DALAK-067-009, step 4: scheduled by unknown document "nope"',
    );
  });

  it('refuses a numbered letter nobody signs, and an office signer the seed overrides or the SOP lacks, naming the document', () => {
    const eo = CATALOG_INPUT.find((entry) => entry.id === 'SOP-LP2N-PAR-05')!;
    const signers = { 'surat-pengantar': 'kabid-layanan' };
    expect(
      validateCatalog([eo], undefined, signers)[0]!.documents.find((d) => d.kind === 'surat-pengantar')?.officeSigner,
    ).toBe('kabid-layanan');
    expect(() => validateCatalog([eo], undefined, {})).toThrow(
      'SOP-LP2N-PAR-05, document surat-pengantar: numbered but never signed: the seed names no signer, and config/signers.json names none',
    );
    expect(() => validateCatalog([eo], undefined, { ...signers, 'rekomendasi-eo': 'kabid-layanan' })).toThrow(
      'SOP-LP2N-PAR-05, document rekomendasi-eo: config/signers.json names a signer, but the seed already has it signed at step 14',
    );
    expect(() => validateCatalog([eo], undefined, { 'surat-pengantar': 'kabid-pengendalian' })).toThrow(
      'SOP-LP2N-PAR-05, document surat-pengantar: the office\'s signer (config/signers.json) is "kabid-pengendalian", not a lane of this SOP',
    );
    expect(() => validateCatalog([eo], undefined, { ...signers, 'surat-cinta': 'kabid-layanan' })).toThrow(
      'config/signers.json: "surat-cinta" is a document no SOP of the catalog issues',
    );
  });

  it('rejects two SOPs answering to the same alias', () => {
    expect(() => validateCatalog([apiU, { ...CATALOG_INPUT[1]!, aliases: ['API-U'] }])).toThrow(
      /alias "api-u" is used by another SOP/,
    );
  });
});
