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
      ['tanda-terima-penyerahan', null, null],
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
      ['tanda-terima-penyerahan', null, null],
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
      ['tanda-terima-penyerahan', null, null],
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
      ['nota-dinas', null, 'nota-dinas-dalak'],
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

/**
 * The sections each seed prints besides its table (licensing: A. Dasar hukum to U. Pencatatan and the
 * approval page; DALAK: the header block), typed from the seeds: how many items each has, its first
 * and last item where the wording matters, and the sections the seed does not print at all, which the
 * catalog must name absent rather than fill from elsewhere.
 */
type SectionFacts = {
  dasarHukum: [count: number, first: string, last: string];
  keterkaitan: number;
  peralatan: number;
  kualifikasiPelaksana: [count: number, first: string];
  pencatatan: number;
  peringatan: string;
  pengaduan: [count: number, first: string] | null;
  evaluasi: number | null;
  dibuatOleh: string | null;
  diperiksaOleh: string | null;
};
const LICENSING_PERINGATAN =
  'Jika SOP tidak dijalankan secara sesuai, maka dapat terjadi keterlambatan proses, kesalahan administrasi, ketidakpuasan pelanggan /';
const KOTAK_SARAN = 'Melalui pengisian lembar pengaduan & masukan pelayanan di kotak saran';
const dalakFacts = (n: number): SectionFacts => ({
  dasarHukum:
    n <= 8
      ? [
          4,
          'Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
          'Peraturan Gubernur Kalimantan Timur Nomor 65 Tahun 2016 tentang Susunan, Tugas, Fungsi, dan Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur',
        ]
      : [
          6,
          'Undang-undang Nomor 11 Tahun 2020 tentang Cipta Kerja',
          'Peraturan Gubernur Kalimantan Timur Nomor 65 Tahun 2016 tentang Susunan, Tugas, Fungsi, dan Tata Kerja Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur',
        ],
  keterkaitan: 0,
  peralatan: n <= 4 ? 4 : n <= 8 ? 3 : 2,
  kualifikasiPelaksana:
    n <= 8
      ? [n >= 5 ? 5 : 4, 'Memahami dan mengetahui tugas dan fungsi Pengendalian PMPTSP']
      : [5, 'Mengetahui tugas dan fungsi Pengendalian PMPTSP'],
  pencatatan: 1,
  peringatan: n <= 8 ? 'Apabila kegiatan' : n <= 10 ? 'Apabila pengawasan' : 'Apabila proses pencabutan',
  pengaduan: null,
  evaluasi: null,
  dibuatOleh: null,
  diperiksaOleh: null,
});
const SECTIONS: Record<string, SectionFacts> = {
  'SOP-LP2N-PPK-01': {
    dasarHukum: [
      20,
      'Undang-undang No. 25 Tahun 2009 Tentang Pelayanan Publik',
      'Perka BPMPTSP Provinsi Kaltim No. 503/268/BPMPTSP-III/2014 Tentang Penyelenggaraan Pelayanan Terpadu Satu Pintu Di Badan Perijinan Dan Penanaman Modal Daerah Provinsi Kalimantan Timur',
    ],
    keterkaitan: 10,
    peralatan: 24,
    kualifikasiPelaksana: [
      4,
      'Minimal SLTA / Diploma III jurusan Ekonomi / Informatika / Teknik / Hukum / yang sesuai',
    ],
    pencatatan: 6,
    peringatan: `${LICENSING_PERINGATAN} investor`,
    pengaduan: [3, KOTAK_SARAN],
    evaluasi: 3,
    dibuatOleh: 'Ir. Ilmansyah',
    diperiksaOleh: 'H. Edy Gunawan, SE, MM',
  },
  'SOP-LP2N-TKT-02': {
    dasarHukum: [
      16,
      'Undang-undang No. 25 Tahun 2009 Tentang Pelayanan Publik',
      'Undang-undang dan peraturan terkait lainnya baik dari pemerintah pusat, pemerintah daerah sesuai dengan kewenangannya dalam mengatur perizinan & nonperizinan di bidang teknis / sektor terkait',
    ],
    keterkaitan: 10,
    peralatan: 24,
    kualifikasiPelaksana: [
      3,
      'Minimal SLTA / Diploma III jurusan Ekonomi / Informatika / Teknik / Hukum / yang sesuai',
    ],
    pencatatan: 6,
    peringatan: `${LICENSING_PERINGATAN} pemohon`,
    pengaduan: [3, KOTAK_SARAN],
    evaluasi: 3,
    dibuatOleh: 'Ir. Ilmansyah',
    diperiksaOleh: 'H. Edy Gunawan, SE, MM',
  },
  'SOP-LP2N-PAR-05': {
    dasarHukum: [
      11,
      'Undang-undang No. 25 Tahun 2009 Tentang Pelayanan Publik',
      'Undang-undang dan peraturan terkait lainnya baik dari pemerintah pusat, pemerintah daerah sesuai dengan kewenangannya dalam mengatur perizinan & nonperizinan di bidang teknis / sektor terkait',
    ],
    keterkaitan: 10,
    peralatan: 24,
    kualifikasiPelaksana: [
      3,
      'Minimal SLTA / Diploma III jurusan Ekonomi / Informatika / Teknik / Hukum / yang sesuai',
    ],
    pencatatan: 6,
    peringatan: `${LICENSING_PERINGATAN} pemohon`,
    pengaduan: [3, KOTAK_SARAN],
    evaluasi: 3,
    dibuatOleh: 'Ir. Ilmansyah',
    diperiksaOleh: 'H. Edy Gunawan, SE, MM',
  },
  ...Object.fromEntries(
    Array.from({ length: 14 }, (_, i) => [`SOP-DALAK-067-${String(i + 1).padStart(3, '0')}`, dalakFacts(i + 1)]),
  ),
};

describe("each SOP's sections against the facts typed from its seed", () => {
  const catalog = loadCatalog();

  for (const [id, expected] of Object.entries(SECTIONS)) {
    it(`${id}: dasar hukum, keterkaitan, peralatan, kualifikasi, pencatatan, peringatan, pengaduan, evaluasi, dibuat/diperiksa`, () => {
      const sections = catalog.find((entry) => entry.id === id)!.sections;
      const dasar = sections.dasarHukum ?? [];
      const actual: SectionFacts = {
        dasarHukum: [dasar.length, dasar[0] ?? '', dasar.at(-1) ?? ''],
        keterkaitan: sections.keterkaitan?.length ?? -1,
        peralatan: sections.peralatan?.length ?? -1,
        kualifikasiPelaksana: [sections.kualifikasiPelaksana?.length ?? -1, sections.kualifikasiPelaksana?.[0] ?? ''],
        pencatatan: sections.pencatatan?.length ?? -1,
        peringatan: sections.peringatan?.[0]?.text.slice(0, expected.peringatan.length) ?? '',
        pengaduan: sections.pengaduan ? [sections.pengaduan.length, sections.pengaduan[0]!] : null,
        evaluasi: sections.evaluasi?.length ?? null,
        dibuatOleh: sections.dibuatOleh?.name ?? null,
        diperiksaOleh: sections.diperiksaOleh?.name ?? null,
      };
      expect(actual).toEqual(expected);
      // What the seed does not print is named absent, and nothing else is.
      const missing = (['pengaduan', 'evaluasi', 'dibuatOleh', 'diperiksaOleh'] as const).filter(
        (name) => expected[name] === null,
      );
      expect([...sections.absent].sort()).toEqual([...missing].sort());
    });
  }
});

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
