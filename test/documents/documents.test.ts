import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { copyCount, printedAs } from '#documents/copies.ts';
import { DocumentDataError, renderDocument } from '#documents/render-document.ts';
import { runTemplateSource } from '#documents/template-engine.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import { findSop, loadCatalog } from '#sop/load-catalog.ts';
import { buildFontProgram } from '#documents/build-font-program.ts';
import { FONT_FILES, programFiles, type FontStyle } from '#documents/fonts.ts';
import { documentDataFor } from '#documents/document-data.ts';
import { loadOfficeSettings } from '#config/office-settings.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-documents-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an independent tool; a missing tool fails the test with its Debian package named. */
function tool(command: string, args: string[], debianPackage: string): { code: number; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`${command} is missing: apt-get install ${debianPackage}`);
  return { code: result.status ?? -1, stdout: result.stdout };
}

let fileCounter = 0;
function writeTemp(bytes: Uint8Array, extension: string): string {
  fileCounter += 1;
  const path = join(work, `file-${fileCounter}.${extension}`);
  writeFileSync(path, bytes);
  return path;
}

/** Reading order, so that a cell's wrapped text stays together even beside another column. */
const pdfText = (pdf: Uint8Array) => tool('pdftotext', [writeTemp(pdf, 'pdf'), '-'], 'poppler-utils').stdout;
const docxText = async (docx: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
const example = (kind: string) => JSON.parse(readFileSync(join(root, 'examples', `${kind}.json`), 'utf8'));
const folded = (text: string) => text.replace(/\s+/g, ' ');

/** pdffonts' rows: name, type (one or two words), encoding, then emb, sub, uni and the object number. */
function pdffonts(pdf: Uint8Array): { font: string; emb: string; sub: string; uni: string }[] {
  const lines = tool('pdffonts', [writeTemp(pdf, 'pdf')], 'poppler-utils')
    .stdout.trim()
    .split('\n')
    .slice(2);
  return lines.map((line) => {
    const tokens = line.trim().split(/\s+/);
    const [emb, sub, uni] = tokens.slice(-5, -2) as [string, string, string];
    return { font: tokens[0]!, emb, sub, uni };
  });
}

/** pdffonts: every font embedded, subset, and mapped back to Unicode. */
function expectFontsEmbedded(pdf: Uint8Array): void {
  const fonts = pdffonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const { font, emb, sub, uni } of fonts)
    expect({ font, emb, sub, uni }).toEqual({ font, emb: 'yes', sub: 'yes', uni: 'yes' });
}

function expectQpdfCheckPasses(pdf: Uint8Array): void {
  const { code, stdout } = tool('qpdf', ['--check', writeTemp(pdf, 'pdf')], 'qpdf');
  expect(stdout).toContain('No syntax or stream encoding errors found');
  expect(code).toBe(0);
}

const EXAMPLES: [sop: string, kind: string, expected: string[]][] = [
  [
    'api-u',
    'api-u',
    [
      'KEMENTERIAN PERDAGANGAN REPUBLIK INDONESIA',
      'ANGKA PENGENAL IMPORTIR UMUM',
      'PT Mahakam Niaga Sentosa',
      '9120001234567',
      'Bagian XVI',
      'NIP. 19720514 199803 1 007',
    ],
  ],
  [
    'api-u',
    'tanda-terima',
    [
      'BUKTI TANDA TERIMA BERKAS PERMOHONAN',
      'API-U/2026/00012',
      'K7QF-29XM',
      'Senin, 30 November 2026',
      'Senin, 23 November 2026 pukul 09.40 WITA',
    ],
  ],
  [
    'dalak-009',
    'surat-tugas',
    [
      'PEMERINTAH PROVINSI KALIMANTAN TIMUR',
      'SURAT TUGAS',
      'MEMERINTAHKAN:',
      'PT Borneo Agro Lestari',
      '25 November 2026 s.d. 26 November 2026',
      'a.n. KEPALA DINAS',
    ],
  ],
  ['dalak-004', 'daftar-peserta', ['DAFTAR PESERTA', 'BIMBINGAN TEKNIS PENYAMPAIAN LAPORAN', 'Kamis, 3 Desember 2026']],
  [
    'dalak-004',
    'nota-dinas',
    [
      'NOTA DINAS',
      'Yth. Kepala Dinas Penanaman Modal',
      'Kepala Bidang Pengendalian Pelaksanaan Penanaman Modal',
      'nomor dan tanggal register diisi petugas register setelah ditandatangani',
      'Bimbingan Teknis Penyampaian LKPM Triwulan IV bagi pelaku usaha',
      'NIP. 19760809 200212 1 005',
    ],
  ],
  [
    'api-u',
    'tanda-terima-penyerahan',
    [
      'BUKTI TANDA TERIMA SURAT IZIN',
      'Jumat, 27 November 2026 pukul 10.15 WITA',
      '503/012/API-U/DPMPTSP-III/XI/2026',
      'Informasi hak dan kewajiban pemohon:',
      'monitoring dari pihak DPMPTSP (Bidang Dalak)',
      'Pengaduan, saran dan masukan:',
      'Yang menerima,',
    ],
  ],
];

describe.each(EXAMPLES)('%s / %s from examples/', (sopId, kind, expected) => {
  const rendered = renderDocument(findSop(sopId)!, kind, example(kind));

  it('renders its labelled copies (a permit and the counter receipt three, a single sheet one) whose text pdftotext finds, with "Halaman X dari Y" on every page', async () => {
    const { copies } = await rendered;
    const single = findSop(sopId)!.documents.find((doc) => doc.kind === kind)!.copies === 1 && kind !== 'tanda-terima';
    expect(copies.map((c) => c.copy)).toEqual(single ? [1] : [1, 2, 3]);
    for (const copy of copies) {
      const text = folded(pdfText(copy.pdf));
      for (const phrase of expected) expect(text, `copy ${copy.copy}`).toContain(phrase);
      expect(text).toContain(copy.label);
      for (let page = 1; page <= copy.pageCount; page += 1)
        expect(text).toContain(`Halaman ${page} dari ${copy.pageCount}`);
    }
  });

  it('embeds a subset of every font (pdffonts) and passes qpdf --check', async () => {
    for (const copy of (await rendered).copies) {
      expectFontsEmbedded(copy.pdf);
      expectQpdfCheckPasses(copy.pdf);
    }
  });

  it('gives a DOCX draft that parses back with the same text', async () => {
    const text = folded(await docxText((await rendered).docx));
    for (const phrase of expected) expect(text).toContain(phrase);
  });
});

/** Every kind the catalog names, rendered from its example by the first SOP that produces it. */
const CATALOG_KINDS = [
  ...new Map(loadCatalog().flatMap((sop) => sop.documents.map((doc) => [doc.kind, { sop, doc }] as const))).values(),
];

/** A report's two sides (mengetahui, penyusun): their signers' names on one line, however the head of field's position wraps. */
describe("a report's signatures", () => {
  const reports = CATALOG_KINDS.filter(({ doc }) =>
    readFileSync(join(root, 'templates', `${doc.kind}.hbs`), 'utf8').includes('{{> ttd-laporan}}'),
  );

  it('put the head of field and the first author on one line, the position wrapping or not', async () => {
    expect(reports).toHaveLength(5);
    for (const { sop, doc } of reports) {
      for (const jabatan of ['Kepala Bidang', 'Kepala Bidang Pengendalian Pelaksanaan Penanaman Modal dan Pelayanan']) {
        const data = example(doc.kind);
        data.mengetahui.jabatan = jabatan;
        const pdf = (await renderDocument(sop, doc.kind, data)).copies[0]!.pdf;
        const last =
          tool('pdfinfo', [writeTemp(pdf, 'pdf')], 'poppler-utils').stdout.match(/Pages:\s+(\d+)/)?.[1] ?? '1';
        const words = tool(
          'pdftotext',
          ['-bbox', '-f', last, '-l', last, writeTemp(pdf, 'pdf'), '-'],
          'poppler-utils',
        ).stdout;
        const lineOf = (name: string) => {
          const first = name.split(' ')[0]!.replace(/[.]/g, '\\.');
          const tops = [...words.matchAll(new RegExp(`yMin="([\\d.]+)"[^>]*>${first}<`, 'g'))].map((m) => Number(m[1]));
          return tops[tops.length - 1];
        };
        const head = lineOf(data.mengetahui.nama);
        const author = lineOf(data.penyusun[0].nama);
        expect(head, `${doc.kind}, ${jabatan}`).toBeDefined();
        expect(Math.abs((head ?? 0) - (author ?? 0)), `${doc.kind}, ${jabatan}`).toBeLessThan(1);
      }
    }
  });
});

describe('every document the catalog names', () => {
  it('has a schema, a template and an example', () => {
    expect(CATALOG_KINDS.length).toBe(21);
    for (const { doc } of CATALOG_KINDS) {
      expect(DOCUMENT_KINDS[doc.kind], doc.kind).toBeDefined();
      expect(existsSync(join(root, 'templates', `${doc.kind}.hbs`)), `templates/${doc.kind}.hbs`).toBe(true);
      expect(existsSync(join(root, 'examples', `${doc.kind}.json`)), `examples/${doc.kind}.json`).toBe(true);
    }
    expect(Object.keys(DOCUMENT_KINDS).sort()).toEqual(CATALOG_KINDS.map(({ doc }) => doc.kind).sort());
  });

  it.each(CATALOG_KINDS.map(({ sop, doc }) => [doc.kind, sop.id] as const))(
    '%s (%s) renders its example: letterhead, title, pages numbered, fonts embedded, qpdf clean, DOCX alike',
    async (kind, sopId) => {
      const sop = findSop(sopId)!;
      const { copies, docx } = await renderDocument(sop, kind, example(kind));
      const letterhead =
        sop.documents.find((d) => d.kind === kind)!.letterhead === 'kemendag'
          ? 'KEMENTERIAN PERDAGANGAN REPUBLIK INDONESIA'
          : 'PEMERINTAH PROVINSI KALIMANTAN TIMUR';
      const copy = copies[0]!;
      const text = folded(pdfText(copy.pdf));
      expect(text).toContain(letterhead);
      expect(text).toContain(`Halaman ${copy.pageCount} dari ${copy.pageCount}`);
      expectFontsEmbedded(copy.pdf);
      expectQpdfCheckPasses(copy.pdf);
      const draft = folded(await docxText(docx));
      expect(draft).toContain(letterhead);
      // The same words in both formats: the DOCX holds every line of text the PDF has, page furniture aside.
      const words = (value: string) => new Set(value.split(/[\s,.;:()]+/).filter((w) => w.length > 3));
      const furniture = new Set([...words(copy.label), 'Halaman', 'dari']);
      const missing = [...words(text)].filter((word) => !words(draft).has(word) && !furniture.has(word));
      expect(missing, kind).toEqual([]);
    },
  );
});

/**
 * Where a letter says where and when it was written (tata naskah dinas): a letter with a heading
 * (Nomor, Sifat, Lampiran, Hal) once, at its top right; a decree above its signer, "Ditetapkan di /
 * pada tanggal"; anything else above its signer. A letter's copy list (tembusan) stays on one page.
 */
describe('the place and date of a letter', () => {
  const placeAndDate = (text: string) => text.match(/Samarinda, \d{1,2} [A-Z][a-z]+ \d{4}/g) ?? [];
  const withHeading = CATALOG_KINDS.filter(({ doc }) =>
    readFileSync(join(root, 'templates', `${doc.kind}.hbs`), 'utf8').includes('{{> surat-kepala}}'),
  );

  it('is there once in each letter with a heading (four kinds)', async () => {
    expect(withHeading.map(({ doc }) => doc.kind).sort()).toEqual([
      'pemberitahuan-inspeksi',
      'rekomendasi-pencabutan',
      'surat-pengantar',
      'undangan-pembinaan',
    ]);
    for (const { sop, doc } of withHeading) {
      const text = folded(pdfText((await renderDocument(sop, doc.kind, example(doc.kind))).copies[0]!.pdf));
      expect(placeAndDate(text), doc.kind).toHaveLength(1);
    }
  });

  it('is said once in minutes that open with the day, date and place ("Pada hari ini … di …")', async () => {
    const minutes = example('berita-acara-pemantauan');
    const text = folded(
      pdfText((await renderDocument(findSop('dalak-001')!, 'berita-acara-pemantauan', minutes)).copies[0]!.pdf),
    );
    expect(text).toContain(`di ${minutes.lokasi}, tim pemantauan`);
    expect(placeAndDate(text)).toEqual([]);
  });

  it("prints the monitoring team's NIP under each member's name, and none for a member without one", async () => {
    const minutes = example('berita-acara-pemantauan');
    minutes.tim[1] = { nama: minutes.tim[1].nama, jabatan: 'Tenaga Pendukung' };
    const text = folded(
      pdfText((await renderDocument(findSop('dalak-001')!, 'berita-acara-pemantauan', minutes)).copies[0]!.pdf),
    );
    expect(text).toContain('1. Muhammad Ridwan, S.T. NIP. 19850312 201001 1 014 2. Dewi Lestari, S.E.');
    expect(text.match(/NIP\./g)).toHaveLength(1);
  });

  it('is "Ditetapkan di … pada tanggal …" in a decree, and beside the signer in a permit', async () => {
    const decree = folded(
      pdfText((await renderDocument(findSop('dalak-013')!, 'sk-pencabutan', example('sk-pencabutan'))).copies[0]!.pdf),
    );
    expect(decree).toContain('Ditetapkan di Samarinda pada tanggal 7 Desember 2026');
    expect(placeAndDate(decree)).toEqual([]);
    const permit = folded(pdfText((await renderDocument(findSop('api-u')!, 'api-u', example('api-u'))).copies[0]!.pdf));
    expect(placeAndDate(permit)).toHaveLength(1);
  });

  it("says a recommendation's and a permit's validity in one sentence, as the seed words it", async () => {
    const sop = findSop('eo')!;
    const text = folded(
      pdfText((await renderDocument(sop, 'rekomendasi-eo', example('rekomendasi-eo'))).copies[0]!.pdf),
    );
    expect(text).toContain('Rekomendasi ini berlaku selama perusahaan menjalankan kegiatan usahanya.');
    expect(text.match(/berlaku/gi)).toHaveLength(1);
    const permit = folded(pdfText((await renderDocument(findSop('api-u')!, 'api-u', example('api-u'))).copies[0]!.pdf));
    expect(permit).toContain('Angka Pengenal Importir Umum ini berlaku untuk seluruh wilayah Indonesia');
    expect(permit).not.toMatch(/berlaku:? berlaku/i);
  });

  it('keeps "Tembusan:" on the page of its whole list', async () => {
    const { copies } = await renderDocument(
      findSop('dalak-014')!,
      'rekomendasi-pencabutan',
      example('rekomendasi-pencabutan'),
    );
    const pages = pdfText(copies[0]!.pdf).split('\f');
    const page = pages.find((text) => text.includes('Tembusan:'))!;
    for (const entry of example('rekomendasi-pencabutan').tembusan as string[]) expect(page).toContain(entry);
  });
});

describe('one sheet', () => {
  const singles = CATALOG_KINDS.filter(({ doc }) => doc.copies === 1 && doc.kind !== 'tanda-terima');

  it.each(singles.map(({ sop, doc }) => [doc.kind, sop.id] as const))(
    '%s (%s), which the catalog issues once, is one copy (copy 1) whose footer says one sheet, never "Rangkap"',
    async (kind, sopId) => {
      const { copies } = await renderDocument(findSop(sopId)!, kind, example(kind));
      expect(copies.map((copy) => copy.copy)).toEqual([1]);
      const text = folded(pdfText(copies[0]!.pdf));
      expect(text).not.toMatch(/Rangkap|untuk verifikasi|untuk pemohon|untuk arsip/);
      expect(text).toContain(
        kind === 'tanda-terima-penyerahan'
          ? 'Satu lembar: disimpan dalam map proses, dicatat pada buku serah terima surat izin'
          : 'Tanpa rangkap: disimpan dalam arsip berkas',
      );
    },
  );

  it("keeps the counter's receipt (copies: 1 in the catalog) in three: copy 2 is the applicant's sheet", async () => {
    const { copies } = await renderDocument(findSop('api-u')!, 'tanda-terima', example('tanda-terima'));
    // Its first sheet has no paraf to verify: it is the office's, for the file's map proses.
    expect(copies.map((copy) => copy.label)).toEqual([
      'Rangkap 1: untuk map proses berkas',
      'Rangkap 2: untuk pemohon',
      'Rangkap 3: untuk arsip',
    ]);
    expect(folded(pdfText(copies[0]!.pdf))).toContain('Rangkap 1: untuk map proses berkas');
    // The trail and the pages count its sheets as the renderer does; the handover receipt stays one sheet.
    const sop = findSop('api-u')!;
    const counted = (kind: string) => [
      printedAs(sop.documents.find((doc) => doc.kind === kind)!),
      copyCount(sop, kind),
    ];
    expect(counted('tanda-terima')).toEqual(['dicetak rangkap 3', 3]);
    expect(counted('tanda-terima-penyerahan')).toEqual(['dicetak tanpa rangkap', 1]);
  });
});

describe('triplicate', () => {
  it("puts the paraf boxes of the SOP's reviewers on copy 1 only, and reserves the number and QR areas on every copy", async () => {
    const { copies, docx } = await renderDocument(findSop('api-u')!, 'api-u', example('api-u'));
    const [one, two, three] = copies.map((copy) => folded(pdfText(copy.pdf)));
    expect(one).toContain('Paraf koordinasi');
    expect(one).toContain('Kasi Layanan Perizinan & Non Perizinan');
    expect(one).toContain('Kabid Layanan Perizinan & Non Perizinan');
    expect(two).not.toContain('Paraf koordinasi');
    expect(three).not.toContain('Paraf koordinasi');
    expect(two).toContain('Rangkap 2: untuk pemohon');
    expect(three).toContain('Rangkap 3: untuk arsip');
    expect(folded(await docxText(docx))).toContain('Paraf koordinasi');
    // Copy 1 also reserves each reviewer's paraf cell, named by the step that initials it (8 and 9 in API-U).
    expect(copies[0]!.slots.map((slot) => slot.name).sort()).toEqual([
      'nomor-registrasi',
      'paraf-8',
      'paraf-9',
      'qr-verifikasi',
      'tanda-tangan',
    ]);
    for (const copy of copies.slice(1))
      expect(copy.slots.map((slot) => slot.name).sort()).toEqual(['nomor-registrasi', 'qr-verifikasi', 'tanda-tangan']);
    for (const slot of copies[0]!.slots) expect(slot.width).toBeGreaterThan(40);
  });

  it("takes the reviewers from the catalog: DALAK 013's decree is initialled by the Kabid Pengendalian", async () => {
    const { copies, docx } = await renderDocument(findSop('dalak-013')!, 'sk-pencabutan', example('sk-pencabutan'));
    const [one, two, three] = copies.map((copy) => folded(pdfText(copy.pdf)));
    // Copy 1's table has one row: the Kabid Pengendalian, who initials at step 3; not the licensing Kasi or Kabid.
    expect(one).toContain('Paraf koordinasi No Jabatan 1 Kabid Pengendalian Paraf');
    expect(one).not.toContain('Layanan Perizinan');
    expect(copies[0]!.slots.map((slot) => slot.name).sort()).toEqual([
      'nomor-registrasi',
      'paraf-3',
      'qr-verifikasi',
      'tanda-tangan',
    ]);
    for (const [index, copy] of [two, three].entries()) {
      expect(copy).not.toContain('Paraf koordinasi');
      expect(copies[index + 1]!.slots.map((slot) => slot.name).sort()).toEqual([
        'nomor-registrasi',
        'qr-verifikasi',
        'tanda-tangan',
      ]);
    }
    expect(folded(await docxText(docx))).toContain('Kabid Pengendalian');
  });
});

describe('typesetting', () => {
  it('paginates a 200-row participant list with the table header repeated on every page', async () => {
    const data = example('daftar-peserta');
    data.peserta = Array.from({ length: 200 }, (_, i) => ({
      nama: `Peserta Nomor ${i + 1}`,
      jabatan: 'Staf',
      perusahaan: `PT Contoh ${i + 1}`,
    }));
    const { copies } = await renderDocument(findSop('dalak-004')!, 'daftar-peserta', data);
    const copy = copies[0]!;
    expect(copy.pageCount).toBeGreaterThanOrEqual(5);
    const pages = Array.from(
      { length: copy.pageCount },
      (_, i) =>
        tool(
          'pdftotext',
          ['-layout', '-f', String(i + 1), '-l', String(i + 1), writeTemp(copy.pdf, 'pdf'), '-'],
          'poppler-utils',
        ).stdout,
    );
    const everyRow = pages.join('\n');
    for (let n = 1; n <= 200; n += 1)
      expect(everyRow.match(new RegExp(`Peserta Nomor ${n}\\b`, 'g'))?.length, `row ${n}`).toBe(1);
    // Every page that carries rows starts them under the repeated header.
    for (const [index, page] of pages.entries()) {
      if (/Peserta Nomor/.test(page))
        expect(page, `page ${index + 1}`).toMatch(/No\s+Nama\s+Jabatan\s+Perusahaan\s+Tanda\b/);
    }
  });

  it('gives each participant a row tall enough to sign by hand (9 mm), the signature column a fifth of the width', async () => {
    const { copies } = await renderDocument(findSop('dalak-004')!, 'daftar-peserta', example('daftar-peserta'));
    const words = tool(
      'pdftotext',
      ['-bbox', '-f', '1', '-l', '1', writeTemp(copies[0]!.pdf, 'pdf'), '-'],
      'poppler-utils',
    ).stdout;
    const top = (word: string) => Number(new RegExp(`yMin="([\\d.]+)"[^>]*>${word}<`).exec(words)?.[1]);
    const pitches = [top('Budi') - top('Agus'), top('Citra') - top('Budi')];
    for (const pitch of pitches) expect(pitch).toBeGreaterThanOrEqual(25.5);
    const left = (word: string) => Number(new RegExp(`xMin="([\\d.]+)"[^>]*>${word}<`).exec(words)?.[1]);
    // "Tanda tangan" on one line of the header: its column is wide enough for a signature.
    expect(Math.abs(top('tangan') - top('Tanda'))).toBeLessThan(1);
    expect(left('tangan')).toBeGreaterThan(left('Tanda'));
  });

  it('keeps a company named {{7*7}} <script> literal in the PDF and the DOCX', async () => {
    const data = example('api-u');
    data.perusahaan.nama = '{{7*7}} <script>alert(1)</script> & Co';
    const { copies, docx } = await renderDocument(findSop('api-u')!, 'api-u', data);
    const pdf = folded(pdfText(copies[1]!.pdf));
    expect(pdf).toContain('{{7*7}} <script>alert(1)</script> & Co');
    expect(pdf).not.toMatch(/:\s*49\b/);
    expect(folded(await docxText(docx))).toContain('{{7*7}} <script>alert(1)</script> & Co');
  });
});

describe('signature block', () => {
  it('signs as the Kepala himself, on his behalf (a.n.), or as acting official (Plh., Plt.)', async () => {
    const sop = findSop('dalak-013')!;
    const signedAs = async (sebagai: string) => {
      const data = example('sk-pencabutan');
      data.penandatangan = { ...data.penandatangan, sebagai, jabatan: 'Sekretaris' };
      return folded(pdfText((await renderDocument(sop, 'sk-pencabutan', data)).copies[0]!.pdf));
    };
    const office = 'KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU PROVINSI KALIMANTAN TIMUR,';
    const definitive = await signedAs('definitif');
    expect(definitive).toContain(`7 Desember 2026 ${office}`);
    expect(definitive).not.toMatch(/(a\.n\.|Plh\.|Plt\.) KEPALA/);
    expect(await signedAs('an')).toContain(`a.n. ${office} Sekretaris,`);
    expect(await signedAs('plh')).toContain(`Plh. ${office}`);
    expect(await signedAs('plt')).toContain(`Plt. ${office}`);
  });
});

describe('characters beyond Latin-1', () => {
  it('sets the styles that need them in the whole face, so that every character still prints; the others stay subsets', async () => {
    const data = example('imta');
    data.tka.nama = 'Łukasz Żółkiewski';
    const { copies } = await renderDocument(findSop('imta')!, 'imta', data);
    const pdf = copies[0]!.pdf;
    expect(folded(pdfText(pdf))).toContain('Łukasz Żółkiewski');
    const fonts = pdffonts(pdf);
    const whole = fonts.filter((font) => font.sub === 'no');
    expect(whole.map((font) => font.font)).toEqual(['LiberationSerif']);
    expect(fonts.every((font) => font.emb === 'yes' && font.uni === 'yes')).toBe(true);
    expect(fonts.filter((font) => font.sub === 'yes').length).toBeGreaterThan(0);
    expectQpdfCheckPasses(pdf);
  });

  it('takes the pre-subset face for a line break and for a decomposed accent (NFC)', async () => {
    const data = example('imta');
    data.tka.nama = 'Jose\u0301 Mu\u0308ller';
    const { copies } = await renderDocument(findSop('imta')!, 'imta', data);
    expectFontsEmbedded(copies[0]!.pdf);
    expect(folded(pdfText(copies[0]!.pdf))).toContain('José Müller');
  });
});

describe('the font programs', () => {
  it('are what `npm run gen` builds from the committed faces', () => {
    for (const style of Object.keys(FONT_FILES) as FontStyle[]) {
      const built = buildFontProgram(style);
      const files = programFiles(style);
      expect(
        Buffer.from(built.subset).equals(readFileSync(files.subset)),
        `${files.subset} is stale: run npm run gen`,
      ).toBe(true);
      expect(
        `${JSON.stringify(built.metrics)}\n` === readFileSync(files.metrics, 'utf8'),
        `${files.metrics} is stale: run npm run gen`,
      ).toBe(true);
    }
  });
});

describe('input', () => {
  it('names each missing or wrong field in Bahasa Indonesia before anything is written', async () => {
    const data = example('api-u');
    delete data.perusahaan.npwp;
    data.perusahaan.nib = '12';
    data.penandatanganDokumenImpor = Array.from({ length: 5 }, () => data.penandatanganDokumenImpor[0]);
    const error = await renderDocument(findSop('api-u')!, 'api-u', data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentDataError);
    const problems = (error as DocumentDataError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'perusahaan.nib', message: 'NIB harus 13 angka' },
        { field: 'perusahaan.npwp', message: expect.stringMatching(/diharapkan string|wajib/) },
        { field: 'penandatanganDokumenImpor', message: 'paling banyak 4 penandatangan (SOP bagian G angka 11)' },
      ]),
    );
    expect((error as Error).message).toMatch(/^Data api-u tidak valid:/);
  });

  it('refuses a document the SOP does not produce', async () => {
    await expect(renderDocument(findSop('api-u')!, 'surat-tugas', example('surat-tugas'))).rejects.toThrow(
      'SOP-LP2N-PPK-01 tidak menghasilkan dokumen "surat-tugas"',
    );
  });

  it('runs templates strictly and without prototype access', () => {
    expect(() => runTemplateSource('<p>{{perusahaan.nama}}</p>', {})).toThrow(/"nama" not defined/);
    // Own fields render; what only the prototype has (Object, String, their functions) does not.
    expect(runTemplateSource('<p>{{nama}}</p>', { nama: 'x' })).toBe('<p>x</p>');
    for (const source of [
      '<p>{{constructor}}</p>',
      '<p>{{__proto__}}</p>',
      '<p>{{lookup this "constructor"}}</p>',
      '<p>{{#with constructor}}{{name}}{{/with}}</p>',
      '<p>{{#with __proto__}}{{toString}}{{/with}}</p>',
    ]) {
      expect(runTemplateSource(source, { nama: 'x' }), source).toBe('<p></p>');
    }
    // A field the data has only through its prototype (a getter of a class, an object made from another) is not read.
    const inherited = Object.assign(Object.create({ rahasia: 'dari prototipe' }) as Record<string, unknown>, {
      nama: 'x',
    });
    class Pemohon {
      nama = 'x';
      get rahasia() {
        return 'dari prototipe';
      }
    }
    for (const data of [inherited, new Pemohon()]) {
      for (const source of [
        '<p>{{rahasia}}</p>',
        '<p>{{#with this}}{{rahasia}}{{/with}}</p>',
        '<p>{{lookup this "rahasia"}}</p>',
      ]) {
        expect(runTemplateSource(source, data), source).toBe('<p></p>');
      }
    }
    // Allowed, these would print "Object" and "String".
    expect(() => runTemplateSource('<p>{{constructor.name}}</p>', { nama: 'x' })).toThrow(/"name" not defined/);
    expect(() => runTemplateSource('<p>{{nama.constructor.name}}</p>', { nama: 'x' })).toThrow(/"name" not defined/);
  });
});

describe('npx paraf render', () => {
  const paraf = (...args: string[]) =>
    spawnSync('npx', ['--no-install', 'paraf', ...args], { cwd: root, encoding: 'utf8' });

  it('writes copy-1.pdf, copy-2.pdf, copy-3.pdf and draft.docx', () => {
    const out = join(work, 'cli-ok');
    const result = paraf(
      'render',
      '--sop',
      'api-u',
      '--doc',
      'api-u',
      '--data',
      join(root, 'examples/api-u.json'),
      '--out',
      out,
    );
    expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['copy-1.pdf', 'copy-2.pdf', 'copy-3.pdf', 'draft.docx']);
    expect(execFileSync('pdfinfo', [join(out, 'copy-2.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
  });

  it('writes copy-1.pdf and draft.docx alone for a document the catalog issues once', () => {
    const out = join(work, 'cli-single');
    const data = join(root, 'examples/surat-tugas.json');
    const result = paraf('render', '--sop', 'dalak-009', '--doc', 'surat-tugas', '--data', data, '--out', out);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['copy-1.pdf', 'draft.docx']);
  });

  it('writes nothing when the data is wrong, and says which field', () => {
    const out = join(work, 'cli-bad');
    const data = join(work, 'bad.json');
    writeFileSync(data, JSON.stringify({ ...example('surat-tugas'), petugas: [] }));
    const result = paraf('render', '--sop', 'dalak-009', '--doc', 'surat-tugas', '--data', data, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- petugas: paling sedikit 1 petugas');
    expect(existsSync(out)).toBe(false);
  });
});

describe('what the applicant is told on paper', () => {
  const staff = loadStaffDirectory(join(root, 'config', 'staff.json'), loadCatalog());
  const office = loadOfficeSettings();
  const record = (sop: string): CaseRecord => ({
    caseId: 'kasus-uji-0001',
    sop,
    fileNumber: 'API-U/2026/00012',
    applicant: { name: 'Andi Firmansyah', address: 'Jalan Jenderal Sudirman Nomor 12, Samarinda' },
    status: 'berjalan',
    createdAt: '2026-11-23T01:40:00.000Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-11-30',
    form: { facts: {}, documents: { 'tanda-terima-penyerahan': { penerima: 'Budi Santoso' } } },
    requirements: [{ id: '1', label: 'Rekaman akta pendirian', handedIn: true }],
  });
  const handover = {
    at: '2026-11-27T02:15:00.000Z',
    by: 'tata-usaha',
    issued: [{ title: 'Angka Pengenal Importir Umum (API-U)', number: '503/012/API-U/DPMPTSP-III/XI/2026' }],
  };

  it("prints the seed's rights and duties (the duty to report to Bidang Dalak) and complaint channels on API-U's handover receipt", async () => {
    const sop = findSop('api-u')!;
    const data = documentDataFor('tanda-terima-penyerahan', sop, record(sop.id), staff, handover) as Record<
      string,
      unknown
    >;
    expect(data.hakDanKewajiban).toEqual(sop.steps.find((s) => s.kind === 'handover')!.informs);
    expect(data.pengaduan).toEqual(sop.sections.pengaduan);
    expect(data.penerima).toBe('Budi Santoso');
    const text = folded(pdfText((await renderDocument(sop, 'tanda-terima-penyerahan', data)).copies[0]!.pdf));
    expect(text).toContain('Jumat, 27 November 2026 pukul 10.15 WITA');
    expect(text).toContain(
      'Kewajiban pelaporan dan bersedia untuk dilakukan pengawasan / monitoring dari pihak DPMPTSP',
    );
    expect(text).toContain('(Bidang Dalak)');
    expect(text).toContain('Melalui pengisian lembar pengaduan & masukan pelayanan di kotak saran');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain(staff.byId('tata-usaha')!.name);
  });

  it("prints the office's list where the seed only names the rights and duties (PAR-05), never the seed's words as a list", async () => {
    const sop = findSop('eo')!;
    const data = documentDataFor('tanda-terima-penyerahan', sop, record(sop.id), staff, handover) as Record<
      string,
      unknown
    >;
    expect(data.hakDanKewajiban).toEqual(office.handoverRightsAndDuties);
    const text = folded(pdfText((await renderDocument(sop, 'tanda-terima-penyerahan', data)).copies[0]!.pdf));
    expect(text).toContain('Bidang Pengendalian Pelaksanaan (Dalak)');
    expect(text).not.toContain('Menginformasikan hak');
  });

  it("labels every copy of the handover receipt as the one sheet the seeds keep, never a permit's verification copy; the permit keeps its three", async () => {
    const withHandover = loadCatalog().filter((sop) =>
      sop.documents.some((doc) => doc.kind === 'tanda-terima-penyerahan'),
    );
    expect(withHandover.map((sop) => sop.id).sort()).toEqual(['SOP-LP2N-PAR-05', 'SOP-LP2N-PPK-01', 'SOP-LP2N-TKT-02']);
    for (const sop of withHandover) {
      const data = documentDataFor('tanda-terima-penyerahan', sop, record(sop.id), staff, handover);
      const { copies } = await renderDocument(sop, 'tanda-terima-penyerahan', data);
      expect(copies.map((copy) => copy.copy)).toEqual([1]);
      for (const copy of copies) {
        const text = folded(pdfText(copy.pdf));
        expect({ sop: sop.id, copy: copy.copy, rangkap: /Rangkap|untuk verifikasi|paraf lengkap/.test(text) }).toEqual({
          sop: sop.id,
          copy: copy.copy,
          rangkap: false,
        });
        expect(text).toContain('Satu lembar: disimpan dalam map proses, dicatat pada buku serah terima surat izin');
      }
    }
    const permit = await renderDocument(findSop('api-u')!, 'api-u', example('api-u'));
    expect(permit.copies.map((copy) => copy.label)).toEqual([
      'Rangkap 1: untuk verifikasi (paraf lengkap)',
      'Rangkap 2: untuk pemohon',
      'Rangkap 3: untuk arsip',
    ]);
    expect(folded(pdfText(permit.copies[0]!.pdf))).toContain('Rangkap 1: untuk verifikasi (paraf lengkap)');
  });

  it("names the SOP's complaint channels on the counter's receipt, and the office's where the SOP names none", async () => {
    const apiU = findSop('api-u')!;
    const receipt = documentDataFor('tanda-terima', apiU, record(apiU.id), staff) as Record<string, unknown>;
    expect(receipt.pengaduan).toEqual(apiU.sections.pengaduan);
    const text = folded(pdfText((await renderDocument(apiU, 'tanda-terima', receipt)).copies[0]!.pdf));
    expect(text).toContain('Pengaduan, saran dan masukan:');
    expect(text).toContain('Melalui media SMS, Telp atau pengaduan / keluhan langsung kepada Petugas terkait');
    const dalak = findSop('dalak-006')!;
    expect(dalak.sections.absent).toContain('pengaduan');
    expect(
      (documentDataFor('tanda-terima', dalak, record(dalak.id), staff) as Record<string, unknown>).pengaduan,
    ).toEqual(office.complaintChannels);
  });
});
