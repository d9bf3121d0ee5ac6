import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#sop/load-catalog.ts';

/**
 * The facts of each SOP as its seed (the office's SOP document) prints them, typed by hand from the seed's
 * table: every step in order with its lane, its time as written, the steps it can send the file back
 * to ('applicant' through the front office) and whether it can end the case; and each document with
 * the lane that signs it and the register that numbers it. A change to the catalog that the seed does
 * not support fails here, SOP by SOP.
 *
 * Lanes of the DALAK SOPs are the catalog's reading of the wording (their tables lost the swimlane
 * marks, see each entry's notes), and a DALAK step printed as two rows ("1 jam", "2 jam") is one step
 * whose time is the two rows joined with "+". Ya/Tidak targets of 002, 009 and 014 are the marked
 * readings (`inferred`); 012 and 013 follow their flowcharts.
 */
type StepFact = [
  no: number,
  lane: string,
  timeAsWritten: string | null,
  returnsTo: (number | 'applicant')[],
  canReject?: true,
];
type DocumentFact = [kind: string, signedByLane: string | null, register: string | null];

const SEED: Record<string, { steps: StepFact[]; documents: DocumentFact[] }> = {
  'SOP-LP2N-PPK-01': {
    steps: [
      [1, 'pemohon', "Jam Pelayanan Senin-Kamis 08.00-19.00 WITA, Jum'at 08.00-11.00 WITA", []],
      [2, 'front-office', 'Sesuai kebutuhan & keperluan pemohon', []],
      [3, 'pemohon', 'Sesuai kebutuhan & keperluan pemohon', []],
      [4, 'front-office', 'Hari ke H, 10 - 30 menit', ['applicant']],
      [5, 'front-office', 'Hari ke H, 10 - 15 menit', []],
      [6, 'pemrosesan', 'Hari ke H, 10 - 30 menit', ['applicant']],
      [7, 'pemrosesan', 'Hari ke H, 5 menit', []],
      [8, 'kasi-layanan', 'Hari ke H- H+1, 10 - 30 menit', [7]],
      [9, 'kabid-layanan', 'Hari ke H- H+2, 10 - 30 menit', ['applicant', 7]],
      [10, 'kepala-dinas', 'Hari ke H- H+3, 5 - 10 menit', [9, 8]],
      [11, 'tata-usaha', 'Hari ke H- H+3, 5 - 10 menit', []],
      [12, 'tata-usaha', 'Hari ke H- H+4, 5 - 10 menit', []],
      [13, 'pemohon', 'Hari ke H- H+5', []],
    ],
    documents: [
      ['tanda-terima', null, null],
      ['api-u', 'kepala-dinas', 'api-u'],
    ],
  },
  'SOP-LP2N-TKT-02': {
    steps: [
      [1, 'pemohon', "Jam Pelayanan Senin-Kamis 08.00-19.00 WITA, Jum'at 08.00-11.00 WITA", []],
      [2, 'front-office', 'Sesuai kebutuhan & keperluan pemohon', []],
      [3, 'pemohon', 'Sesuai kebutuhan & keperluan pemohon', []],
      [4, 'front-office', 'Hari ke H, 10 - 30 menit', ['applicant']],
      [5, 'front-office', 'Hari ke H, 10 - 15 menit', []],
      [6, 'pemrosesan', 'Hari ke H, 10 - 30 menit', ['applicant']],
      [7, 'tim-teknis', 'Hari ke H- H+1, 10 - 30 menit', []],
      [8, 'pemrosesan', 'Hari ke H- H+2, 5 menit', []],
      [9, 'kasi-layanan', 'Hari ke H- H+2, 10 - 30 menit', [8]],
      [10, 'kabid-layanan', 'Hari ke H- H+2, 10 - 30 menit', ['applicant']],
      [11, 'kepala-dinas', 'Hari ke H- H+2, 5 - 10 menit', [10, 9]],
      [12, 'tata-usaha', 'Hari ke H- H+2, 5 - 10 menit', []],
      [13, 'tata-usaha', 'Hari ke H- H+2, 5 - 10 menit', []],
      [14, 'pemohon', 'Hari ke H- H+3', []],
    ],
    documents: [
      ['tanda-terima', null, null],
      ['imta', 'kepala-dinas', 'imta'],
    ],
  },
  'SOP-LP2N-PAR-05': {
    steps: [
      [1, 'pemohon', "Jam Pelayanan Senin-Kamis 08.00-19.00 WITA, Jum'at 08.00-11.00 WITA", []],
      [2, 'layanan-informasi', 'Sesuai kebutuhan & keperluan pemohon', []],
      [3, 'pemohon', 'Sesuai kebutuhan & keperluan pemohon', []],
      [4, 'cs-helpdesk', 'Sesuai kebutuhan & keperluan pemohon', ['applicant']],
      [5, 'cs-helpdesk', 'Hari ke H, 10 - 30 menit', []],
      [6, 'loket-pendaftaran', 'Hari ke H, 10 menit', []],
      [7, 'verifikasi', 'Hari ke H, 5 - 15 menit', [8], true],
      [8, 'cs-helpdesk', 'Hari ke H, 5 - 15 menit', [], true],
      [9, 'penghubung', 'Hari ke H, 60 menit', []],
      [10, 'tim-teknis', 'Hari ke H (sesuai dengan jenis izin / non izin yang diminta)', []],
      [11, 'adm-monitoring', 'Hari H - H+1, 5 - 15 menit', []],
      [12, 'kasi-layanan', 'Hari H - H+1, 10 - 30 menit', [11]],
      [13, 'kabid-layanan', 'Hari H - H+1, 10 - 30 menit', [11]],
      [14, 'kepala-dinas', 'Hari H - H+1 (sesuai dengan jenis permohonan)', [8, 10, 13, 12]],
      [15, 'tata-usaha', 'Hari H - H+1, 5 - 15 menit', []],
      [16, 'loket-pengambilan', null, []],
      [17, 'pemohon', null, []],
    ],
    documents: [
      ['tanda-terima', null, null],
      ['surat-pengantar', null, 'surat-keluar-layanan'],
      ['rekomendasi-eo', 'kepala-dinas', 'rekomendasi-eo'],
    ],
  },
  'SOP-DALAK-067-001': {
    steps: [
      [1, 'pengolah', '1 jam + 2 jam', []],
      [2, 'pemeriksa', '1 jam', []],
      [3, 'pemeriksa', '3 jam', []],
      [4, 'analis-kebijakan', '30 menit', []],
      [5, 'kabid-pengendalian', '30 menit', []],
      [6, 'pengadministrasi', '30 menit', []],
    ],
    documents: [['berita-acara-pemantauan', null, null]],
  },
  'SOP-DALAK-067-002': {
    steps: [
      [1, 'pengadministrasi', '10 menit', []],
      [2, 'pemeriksa', '1 jam', [1]],
      [3, 'pengolah', '1 jam', []],
      [4, 'analis-kebijakan', '3 jam', []],
      [5, 'pemeriksa', '3 jam', []],
      [6, 'analis-kebijakan', '30 menit', []],
      [7, 'kabid-pengendalian', '30 menit', [4]],
      [8, 'pengadministrasi', '30 menit', []],
    ],
    documents: [['notulensi-pembinaan', null, null]],
  },
  'SOP-DALAK-067-003': {
    steps: [
      [1, 'pemeriksa', '30 menit', []],
      [2, 'pengolah', '1 jam + 2 jam', []],
      [3, 'analis-kebijakan', '1 jam', []],
      [4, 'pemeriksa', '3 jam', []],
      [5, 'analis-kebijakan', '30 menit', []],
      [6, 'kabid-pengendalian', '30 menit', []],
      [7, 'pengadministrasi', '30 menit', []],
    ],
    documents: [
      ['undangan-pembinaan', null, null],
      ['notulensi-pembinaan', null, null],
    ],
  },
  'SOP-DALAK-067-004': {
    steps: [
      [1, 'pengolah', '30 menit', []],
      [2, 'pengolah', '1 jam + 3 jam', []],
      [3, 'analis-kebijakan', '3 jam', []],
      [4, 'pemeriksa', '3 jam', []],
      [5, 'analis-kebijakan', '30 menit', []],
      [6, 'kabid-pengendalian', '30 menit', []],
      [7, 'pengadministrasi', '30 menit', []],
    ],
    documents: [
      ['undangan-pembinaan', null, 'surat-keluar-dalak'],
      ['daftar-peserta', null, null],
      ['notulensi-pembinaan', null, null],
    ],
  },
  'SOP-DALAK-067-005': {
    steps: [
      [1, 'pengolah', '1 jam', []],
      [2, 'pengolah', '1 jam', []],
      [3, 'pemeriksa', '3 jam', []],
      [4, 'analis-kebijakan', '1 jam', []],
      [5, 'analis-kebijakan', '30 menit', []],
      [6, 'kabid-pengendalian', '30 menit', []],
      [7, 'pengadministrasi', '30 menit', []],
    ],
    documents: [['laporan-pemantauan', null, null]],
  },
  'SOP-DALAK-067-006': {
    steps: [
      [1, 'helpdesk-lkpm', '3 jam', []],
      [2, 'verifikator-lkpm', '30 menit', []],
      [3, 'verifikator-lkpm', '30 menit', []],
      [4, 'verifikator-lkpm', '10 menit', []],
      [5, 'verifikator-lkpm', '10 menit', ['applicant']],
      [6, 'verifikator-lkpm', '30 menit', []],
      [7, 'analis-kebijakan', '30 menit', []],
      [8, 'kabid-pengendalian', '30 menit', []],
      [9, 'helpdesk-lkpm', '30 menit', []],
    ],
    documents: [['hasil-verifikasi-lkpm', null, null]],
  },
  'SOP-DALAK-067-007': {
    steps: [
      [1, 'pengolah', '30 menit', []],
      [2, 'pemeriksa', '1 jam', []],
      [3, 'pemeriksa', '2 jam', []],
      [4, 'pengadministrasi', '1 jam', []],
      [5, 'pemeriksa', '3 jam', []],
      [6, 'analis-kebijakan', '30 menit', []],
      [7, 'analis-kebijakan', '30 menit', []],
      [8, 'kabid-pengendalian', '30 menit', []],
      [9, 'pengadministrasi', '30 menit', []],
    ],
    documents: [['laporan-kegiatan', null, null]],
  },
  'SOP-DALAK-067-008': {
    steps: [
      [1, 'helpdesk-lkpm', '15 menit', []],
      [2, 'helpdesk-lkpm', '15 menit', []],
      [3, 'helpdesk-lkpm', '10 menit', []],
      [4, 'helpdesk-lkpm', '2 jam', []],
      [5, 'helpdesk-lkpm', '30 menit', []],
      [6, 'analis-kebijakan', '30 menit', []],
      [7, 'kabid-pengendalian', '30 menit', []],
      [8, 'helpdesk-lkpm', '30 menit', []],
    ],
    documents: [['laporan-helpdesk', null, null]],
  },
  'SOP-DALAK-067-009': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'kabid-pengendalian', '60 menit', []],
      [3, 'fungsional', '60 menit', []],
      [4, 'fungsional', '180 menit', []],
      [5, 'kabid-pengendalian', '60 menit', [2]],
      [6, 'kepala-dinas', '60 menit', [4]],
      [7, 'fungsional', '15 menit', []],
    ],
    documents: [
      ['surat-tugas', null, 'surat-tugas'],
      ['pemberitahuan-inspeksi', null, 'surat-keluar-dalak'],
      ['berita-acara-pemeriksaan', null, null],
      ['laporan-pengawasan', null, null],
    ],
  },
  'SOP-DALAK-067-010': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'kabid-pengendalian', '60 menit', []],
      [3, 'fungsional', '60 menit', []],
      [4, 'fungsional', '180 menit', []],
      [5, 'kabid-pengendalian', '60 menit', []],
      [6, 'kepala-dinas', '60 menit', []],
      [7, 'fungsional', '15 menit', []],
    ],
    documents: [
      ['surat-tugas', null, 'surat-tugas'],
      ['berita-acara-pemeriksaan', null, null],
      ['laporan-pengawasan', null, null],
    ],
  },
  'SOP-DALAK-067-011': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'kabid-pengendalian', '60 menit', []],
      [3, 'fungsional', '60 menit', []],
      [4, 'fungsional', '180 menit', []],
      [5, 'kabid-pengendalian', '60 menit', []],
      [6, 'kepala-dinas', '60 menit', []],
      [7, 'fungsional', '15 menit', []],
    ],
    documents: [
      ['surat-tugas', null, 'surat-tugas'],
      ['berita-acara-pemeriksaan', null, null],
    ],
  },
  'SOP-DALAK-067-012': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'kabid-pengendalian', '60 menit', []],
      [3, 'fungsional', '60 menit', []],
      [4, 'fungsional', '180 menit', []],
      [5, 'kabid-pengendalian', '60 menit', [2]],
      [6, 'kepala-dinas', '60 menit', [4]],
      [7, 'fungsional', '15 menit', []],
    ],
    documents: [
      ['surat-tugas', null, 'surat-tugas'],
      ['berita-acara-pemeriksaan', null, null],
    ],
  },
  'SOP-DALAK-067-013': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'fungsional', '60 menit', []],
      [3, 'kabid-pengendalian', '60 menit', [2]],
      [4, 'kepala-dinas', '180 menit', [2]],
      [5, 'fungsional', '15 menit', []],
    ],
    documents: [['sk-pencabutan', 'kepala-dinas', 'sk-kepala-dinas']],
  },
  'SOP-DALAK-067-014': {
    steps: [
      [1, 'fungsional', '30 menit', []],
      [2, 'fungsional', '60 menit', []],
      [3, 'kabid-pengendalian', '60 menit', [2]],
      [4, 'kepala-dinas', '60 menit', [2]],
      [5, 'fungsional', '15 menit', []],
    ],
    documents: [['rekomendasi-pencabutan', 'kepala-dinas', 'rekomendasi-pencabutan']],
  },
};

describe('each SOP against the facts typed from its seed', () => {
  const catalog = loadCatalog();

  it("covers all 17 SOPs, in the office's order", () => {
    expect(catalog.map((sop) => sop.id)).toEqual(Object.keys(SEED));
  });

  for (const [id, expected] of Object.entries(SEED)) {
    it(`${id}: steps, lanes, times as written, send-backs, documents with signer and register`, () => {
      const sop = catalog.find((entry) => entry.id === id)!;
      const steps: StepFact[] = sop.steps.map((s) => {
        const fact: StepFact = [s.no, s.lane, s.time?.asWritten ?? null, s.returns.map((r) => r.to)];
        if (s.canReject) fact.push(true);
        return fact;
      });
      expect(steps).toEqual(expected.steps);
      const documents: DocumentFact[] = sop.documents.map((d) => [
        d.kind,
        d.signedAt === undefined ? null : sop.steps.find((s) => s.no === d.signedAt)!.lane,
        d.register ?? null,
      ]);
      expect(documents).toEqual(expected.documents);
    });
  }
});
