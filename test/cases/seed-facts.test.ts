import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#sop/load-catalog.ts';

/**
 * The facts of each SOP as its seed (the office's SOP document) prints them, typed by hand from the seed's
 * table into test/fixtures/seed-facts.json (`tables`): every step in order with its lane, its time as
 * written, the steps it can send the file back to ('applicant' through the front office) and whether it
 * can end the case; and each document with the lane that signs it and the register that numbers it. A change to the catalog that the seed does
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
type SeedFacts = {
  tables: Record<string, { steps: StepFact[]; documents: DocumentFact[] }>;
  licensingSections: Record<string, SectionFacts>;
};
// The typed facts live in test/fixtures/seed-facts.json: seventeen tables of same-shaped rows are data, and
// as code they were the tree's largest repeat (issue 13).
const FACTS: SeedFacts = JSON.parse(readFileSync(new URL('../fixtures/seed-facts.json', import.meta.url), 'utf8'));
const SEED = FACTS.tables;

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
  ...FACTS.licensingSections,
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
