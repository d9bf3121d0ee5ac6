import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applicantReceiptData, documentDataFor } from '#documents/document-data.ts';
import { renderDocument } from '#documents/render-document.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import type { Sop } from '#sop/schema.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-receipt-pages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The page count as poppler reads the file, not as the renderer reports it. */
function pdfinfoPages(pdf: Uint8Array, name: string): number {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  const result = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (result.error) throw new Error('pdfinfo is missing: apt-get install poppler-utils');
  const pages = /^Pages:\s+(\d+)$/m.exec(result.stdout)?.[1];
  if (!pages) throw new Error(`pdfinfo read no page count from ${name}: ${result.stderr}`);
  return Number(pages);
}

/** The words of a PDF as poppler reads them, the lines joined (a long address may wrap). */
function pdfWords(pdf: Uint8Array, name: string): string {
  const file = join(work, `${name}-teks.pdf`);
  writeFileSync(file, pdf);
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

/** An office's address as long as a real one may be: the Cek status line must still fit the page. */
const PUBLIC_URL = 'https://perizinan-online.dpmptsp.kaltimprov.go.id';

const catalog = loadCatalog();
const staff = loadStaffDirectory(join(root, 'config', 'staff.json'), catalog);

/** The receipt as getReceiptFile prints it, also for an SOP whose seed lists none (the DALAK activities). */
const withReceipt = (sop: Sop): Sop =>
  sop.documents.some((doc) => doc.kind === 'tanda-terima')
    ? sop
    : {
        ...sop,
        documents: [
          ...sop.documents,
          {
            kind: 'tanda-terima',
            title: 'Bukti Tanda Terima Berkas',
            letterhead: 'dpmptsp',
            copies: 1,
            draftedAt: 1,
            parafAt: [],
          },
        ],
      };

// Long enough to wrap in every field, as a company's full legal name and a Samarinda address with its RT, kelurahan and postcode do.
const longApplicant = {
  name: 'Andi Firmansyah Muhammad Rizky Pratama Wijayakusuma',
  address:
    'Jalan Jenderal Sudirman Nomor 12 RT 014 RW 005, Kelurahan Bugis, Kecamatan Samarinda Kota, Kota Samarinda, Kalimantan Timur 75121',
  phone: '0812 5544 7788',
};
const longCompany = 'PT Mahakam Niaga Sentosa Internasional Perdagangan Umum dan Ekspor Impor Tbk';
/** As long as the counter takes them (read-case-request.ts: a name of 200 characters, an address of 300), in words that wrap. */
const longest = (words: string, length: number) =>
  `${words} `.repeat(Math.ceil(length / words.length)).slice(0, length);
const longestApplicant = {
  name: longest(longApplicant.name, 200),
  address: longest(longApplicant.address, 300),
  phone: '+62 812-5544-7788-90',
};

type Requirements = CaseRecord['requirements'];

function record(sop: Sop, requirements: Requirements, applicant = longApplicant): CaseRecord {
  return {
    caseId: 'kasus-uji-0001',
    sop: sop.id,
    fileNumber: 'API-U/2026/00012',
    applicant,
    status: 'berjalan',
    createdAt: '2026-11-23T01:40:00.000Z',
    receiptCode: 'K7QF-29XM',
    deadline: '2026-11-30',
    // An official not in the directory: the receipt prints the recorded name, the longest a counter clerk is likely to have.
    receivedBy: { id: 'bukan-di-direktori', name: 'Dra. Hj. Siti Nurhaliza, S.Sos., M.Si.' },
    form: { facts: { perusahaan: longCompany }, documents: {} },
    requirements,
  } as CaseRecord;
}

/** Every requirement handed in; and, where the facts leave one out, the rest with some missing and the note on numbers. */
function requirementSets(sop: Sop): [string, Requirements][] {
  const all = sop.requirements.map((item) => ({ id: item.id, label: item.label, handedIn: true }));
  if (all.length < 2) return [['semua', all]];
  const shortest = all.reduce((a, b) => (b.label.length < a.label.length ? b : a));
  const partial = all
    .filter((item) => item !== shortest)
    .map((item, index) => ({ ...item, handedIn: index % 3 !== 0 }));
  return [
    ['semua', all],
    ['sebagian', partial],
  ];
}

describe('the counter receipt (tanda terima) fits one A4 page', () => {
  const cases = catalog.flatMap((sop) =>
    requirementSets(sop).map(([label, requirements]) => ({ sop, label, requirements })),
  );

  it.each(cases)('$sop.id, requirements $label, applicant and office sheets', async ({ sop, label, requirements }) => {
    await expectOnePage(sop, label, record(sop, requirements));
  });

  // Set smaller rather than run over: the longest checklist with the longest name and address the counter accepts.
  it.each(catalog)('$id, every requirement, the longest name and address the counter takes', async (sop) => {
    const all = sop.requirements.map((item) => ({ id: item.id, label: item.label, handedIn: true }));
    await expectOnePage(sop, 'terpanjang', record(sop, all, longestApplicant));
  });
});

/** Both sheets of the receipt, every rendered copy one page as pdfinfo counts it. */
async function expectOnePage(sop: Sop, label: string, caseRecord: CaseRecord): Promise<void> {
  const receiptSop = withReceipt(sop);
  const sheets = {
    // The applicant's sheet with the receipt code; the office's copies with the long notice in its place.
    pemohon: applicantReceiptData(receiptSop, caseRecord, staff, PUBLIC_URL),
    kantor: documentDataFor('tanda-terima', receiptSop, caseRecord, staff) as Record<string, unknown>,
  };
  const pages: Record<string, number[]> = {};
  const says: Record<string, boolean> = {};
  for (const [sheet, data] of Object.entries(sheets)) {
    const rendered = await renderDocument(receiptSop, 'tanda-terima', data);
    pages[sheet] = rendered.copies.map((copy) => pdfinfoPages(copy.pdf, `${sop.id}-${label}-${sheet}-${copy.copy}`));
    // Where to check the file's status, on the applicant's sheet (an applicant without e-mail has nothing else).
    says[sheet] = pdfWords(rendered.copies[0]!.pdf, `${sop.id}-${label}-${sheet}`).includes(
      `Cek status permohonan di ${PUBLIC_URL}/cek-status dengan nomor berkas dan kode tanda terima di atas.`,
    );
  }
  expect(pages).toEqual({ pemohon: [1, 1, 1], kantor: [1, 1, 1] });
  expect(says).toEqual({ pemohon: true, kantor: false });
}
