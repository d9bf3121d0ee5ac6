import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileName, draftFileName } from '#documents/draft-docx.ts';
import { renderDocument, type RenderedCopy } from '#documents/render-document.ts';
import { applyStepSignature, type StepSignature } from '#signing/apply-step-signature.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { findSop, loadCatalog } from '#sop/load-catalog.ts';
import { loadStaffDirectory } from '#staff/load-staff-directory.ts';
import { tool } from '../support/pdf-signatures.ts';

/**
 * How the documents print, checked with poppler (not with the code that laid them out): the register
 * number typed on the Nomor line in the body's face and size, paraf stamps of at least 7 pt, every
 * signature valid after the number, no signature block alone on a page, and the DOCX draft saying it
 * carries no number.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-typography-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PAGE_HEIGHT = 841.89;
const MARGIN_BOTTOM = 70.87;
const NUMBER = '503/012/API-U/DPMPTSP-III/XI/2026';
/** A reviewer's name as long as one with all its degrees gets: the paraf wraps it. */
const longName = 'Dr. Ir. H. Muhammad Abdurrahman Syarifuddin, S.E., M.Si., M.M.';

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  page: number;
}

let fileCount = 0;
function write(pdf: Uint8Array): string {
  fileCount += 1;
  const path = join(work, `doc-${fileCount}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** Every word with its box (pdftotext -bbox, top-down coordinates), the page it is on. */
function words(pdf: Uint8Array): Word[] {
  const xml = tool('pdftotext', ['-bbox', write(pdf), '-'], 'poppler-utils').stdout;
  return xml
    .split('<page ')
    .slice(1)
    .flatMap((page, index) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g)].map(
        (m) => ({
          text: m[5]!
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"'),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          page: index + 1,
        }),
      ),
    );
}

const height = (word: Word) => word.yMax - word.yMin;
const the = (list: Word[], text: string) => {
  const found = list.find((word) => word.text === text);
  expect(found, `the word "${text}"`).toBeDefined();
  return found!;
};

/** pdftohtml's text pieces with the family and size of their font (its sizes are at zoom 1.5). */
function fontsOfText(pdf: Uint8Array): { text: string; family: string; size: number }[] {
  const xml = tool('pdftohtml', ['-xml', '-i', '-stdout', '-q', write(pdf)], 'poppler-utils').stdout;
  const specs = new Map(
    [...xml.matchAll(/<fontspec id="(\d+)" size="([\d.]+)" family="([^"]+)"/g)].map((m) => [
      m[1]!,
      { size: Number(m[2]), family: m[3]! },
    ]),
  );
  return [...xml.matchAll(/<text [^>]*font="(\d+)">(.*?)<\/text>/g)].map((m) => ({
    text: m[2]!.replace(/<[^>]+>/g, ''),
    ...specs.get(m[1]!)!,
  }));
}

const catalog = loadCatalog();
const directory = loadStaffDirectory(new URL('../../config/staff.json', import.meta.url), catalog);
const signer = new LocalSigner(join(work, 'office'));
const nss = join(work, 'nss');
const caFile = join(work, 'ca.pem');
const at = new Date('2026-11-24T02:15:00Z');
const apiU = findSop('api-u')!;
const apiUSpec = apiU.documents.find((doc) => doc.kind === 'api-u')!;

/** The permit's copy 1 as it is after each step: rendered, paraf, signed, numbered. */
type Stages = { rendered: RenderedCopy; signed: Uint8Array; numbered: Uint8Array };
const stages = {} as Stages;

beforeAll(async () => {
  const pki = new LocalPki(join(work, 'office'));
  await pki.ensureOfficials(directory.officials);
  writeFileSync(caFile, await pki.caCertificatePem());
  mkdirSync(nss);
  expect(tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], 'libnss3-tools').code).toBe(0);
  expect(
    tool('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'ca', '-t', 'CT,C,C', '-i', caFile], 'libnss3-tools').code,
  ).toBe(0);
  const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  const { copies } = await renderDocument(apiU, 'api-u', data, {
    verificationUrl: 'https://paraf.example/verifikasi/AAAAAAAAAAAA.api-u',
  });
  const copy = copies.find((c) => c.copy === 1)!;
  const reviewers = ['kasi-layanan', 'kabid-layanan'];
  const steps: [StepSignature, string, string][] = [
    ...apiUSpec.parafAt.map((step, index): [StepSignature, string, string] => [
      { kind: 'paraf', step },
      reviewers[index]!,
      `p${step}`,
    ]),
    [{ kind: 'signature' }, 'kepala', 'ttd'],
    [{ kind: 'registration', number: NUMBER }, 'tata-usaha', 'nomor'],
  ];
  let pdf = copy.pdf;
  let signed = pdf;
  for (const [action, officialId, decisionId] of steps) {
    if (action.kind === 'registration') signed = pdf;
    const official = { ...directory.byId(officialId)!, ...(officialId === reviewers[1] ? { name: longName } : {}) };
    pdf = await applyStepSignature({
      pdf,
      slots: copy.slots,
      action,
      official,
      decisionId,
      at,
      means: { kind: 'port', signer },
    });
  }
  Object.assign(stages, { rendered: copy, signed, numbered: pdf });
}, 120_000);

describe('the registration number', () => {
  it("is typed on the Nomor line in the body's face and size, where the layout reserved it", () => {
    const page = words(stages.numbered).filter((word) => word.page === 1);
    const number = the(page, NUMBER);
    // The label "Nomor" of the row just above "Jenis permohonan" (not the "Nomor Induk Berusaha" below).
    const jenis = the(page, 'Jenis');
    const label = page
      .filter((word) => word.text === 'Nomor' && Math.abs(word.xMin - jenis.xMin) < 0.5 && word.yMax <= jenis.yMin)
      .sort((a, b) => b.yMax - a.yMax)[0]!;
    expect(label, 'the Nomor label').toBeDefined();
    // The next row's value is body text of the same fields block: the number stands where it does.
    const value = the(page, 'Baru');
    expect(Math.abs(height(number) - height(value))).toBeLessThan(0.2);
    expect(Math.abs(number.yMax - label.yMax)).toBeLessThan(0.2);
    expect(Math.abs(number.xMin - value.xMin)).toBeLessThan(0.5);

    const pieces = fontsOfText(stages.numbered);
    const typed = pieces.find((piece) => piece.text.includes(NUMBER))!;
    const body = pieces.find((piece) => piece.text.includes('Jenis permohonan'))!;
    expect(typed).toBeDefined();
    expect({ family: typed.family, size: typed.size }).toEqual({ family: body.family, size: body.size });
  });

  it('brings no font of its own: pdffonts lists the same faces before and after it', () => {
    const faces = (pdf: Uint8Array) =>
      tool('pdffonts', [write(pdf)], 'poppler-utils')
        .stdout.split('\n')
        .slice(2)
        .filter(Boolean)
        .map((line) => line.split(/\s+/)[0])
        .sort();
    const after = faces(stages.numbered);
    expect(after).toEqual(faces(stages.signed));
    expect(after).toContain('PRFAAA+LiberationSerif');
  });

  it('leaves every signature valid: pdfsig finds each paraf, the signature and the registration valid and trusted, and paraf verify passes', () => {
    const report = tool('pdfsig', ['-nssdir', `sql:${nss}`, write(stages.numbered)], 'poppler-utils').stdout;
    const blocks = report.split(/^Signature #\d+:$/m).slice(1);
    expect(blocks).toHaveLength(apiUSpec.parafAt.length + 2);
    for (const block of blocks) {
      expect(block).toContain('Signature Validation: Signature is Valid.');
      expect(block).toContain('Certificate Validation: Certificate is Trusted.');
    }
    expect(blocks.at(-1)).toContain('Signature Field Name: nomor-registrasi-nomor');
    expect(blocks.at(-1)).toMatch(/Total document signed/);
    expect(blocks.at(-1)).not.toMatch(/Not total document signed/);
    const path = join(work, 'numbered.pdf');
    writeFileSync(path, stages.numbered);
    const verify = spawnSync('npx', ['--no-install', 'paraf', 'verify', path, '--ca', caFile], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout.trim().endsWith('HASIL: SAH')).toBe(true);
  }, 180_000);
});

describe('the paraf stamps', () => {
  it('print at 7 pt or more, whole inside their cells', () => {
    const all = words(stages.numbered);
    // The glyph box of a 12 pt body word gives the face's box height per point.
    const perPoint = height(the(all, 'Baru')) / 12;
    const cells = stages.rendered.slots.filter((slot) => slot.name.startsWith('paraf-'));
    expect(cells).toHaveLength(apiUSpec.parafAt.length);
    const texts: string[] = [];
    for (const cell of cells) {
      const top = PAGE_HEIGHT - (cell.y + cell.height);
      const inside = all.filter(
        (word) =>
          word.page === cell.page &&
          (word.xMin + word.xMax) / 2 > cell.x &&
          (word.xMin + word.xMax) / 2 < cell.x + cell.width &&
          (word.yMin + word.yMax) / 2 > top &&
          (word.yMin + word.yMax) / 2 < top + cell.height,
      );
      const text = inside.map((word) => word.text).join(' ');
      expect(text).toMatch(/^Paraf elektronik .+ 24 November 2026 pukul 10\.15 WITA$/);
      texts.push(text);
      for (const word of inside) {
        expect(height(word) / perPoint, word.text).toBeGreaterThanOrEqual(6.95);
        expect(word.yMax, `${word.text} inside its cell`).toBeLessThanOrEqual(top + cell.height + 0.5);
      }
    }
    // Wrapped, not cut: the long name is whole in its cell.
    expect(texts.some((text) => text.includes(longName))).toBe(true);
  });
});

/**
 * The top of the signature block on a page: its first line (the place and date, "Mengetahui," of a
 * report) or the QR code's area beside it, whichever is higher.
 */
function signatureBlockTop(page: Word[]): number | undefined {
  const marks: number[] = [];
  page.forEach((word, index) => {
    if (word.text === 'Mengetahui,') marks.push(word.yMin);
    if (word.text === 'QR' && page[index + 1]?.text === 'verifikasi') marks.push(word.yMin);
    if (word.text === 'Dokumen' && page[index + 1]?.text === 'ini' && page[index + 2]?.text === 'ditandatangani')
      marks.push(word.yMin);
  });
  const place = page.filter((word) => word.text === 'Samarinda,').at(-1);
  if (place) marks.push(place.yMin);
  return marks.length ? Math.min(...marks) : undefined;
}

describe('the signature block', () => {
  const documents = catalog.flatMap((sop) => sop.documents.map((spec) => ({ sop, kind: spec.kind })));

  it('covers every document kind of the 17 SOPs', () => {
    expect(new Set(catalog.map((sop) => sop.id)).size).toBe(17);
    expect(documents.length).toBeGreaterThan(17);
  });

  it('never stands alone on a page: text of the document stands above it, on every copy, drafted and issued', async () => {
    const alone: string[] = [];
    for (const { sop, kind } of documents) {
      const data = JSON.parse(readFileSync(join(root, 'examples', `${kind}.json`), 'utf8'));
      for (const verificationUrl of [undefined, `https://paraf.example/verifikasi/AAAAAAAAAAAA.${kind}`]) {
        const { copies } = await renderDocument(sop, kind, data, verificationUrl ? { verificationUrl } : {});
        // Copy 3 is laid out as copy 2 (only the footer's words differ).
        for (const copy of copies.filter((c) => c.copy !== 3)) {
          const all = words(copy.pdf).filter((word) => word.yMin < PAGE_HEIGHT - MARGIN_BOTTOM);
          const pages = [...new Set(all.map((word) => word.page))];
          const tops = pages.map((n) => ({ n, page: all.filter((w) => w.page === n) }));
          const withBlock = tops.filter(({ page }) => signatureBlockTop(page) !== undefined);
          expect(withBlock.length, `${sop.id} ${kind}: a signature block`).toBeGreaterThan(0);
          for (const { n, page } of withBlock) {
            const top = signatureBlockTop(page)!;
            if (!page.some((word) => word.yMax < top - 1))
              alone.push(`${sop.id} ${kind} rangkap ${copy.copy}${verificationUrl ? ' (terbit)' : ''} halaman ${n}`);
          }
        }
      }
    }
    expect(alone).toEqual([]);
  }, 300_000);
});

describe('the DOCX offered beside a numbered document', () => {
  it('says in its first line and in its file name that it is the draft without the number', async () => {
    const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
    const { docx } = await renderDocument(apiU, 'api-u', data);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    const lines = value.split('\n').filter((line) => line.trim());
    expect(lines[0]).toMatch(
      /^DRAF TANPA NOMOR: nomor registrasi dan tanda tangan elektronik hanya ada pada rangkap PDF/,
    );
    expect(draftFileName('api-u')).toBe('api-u-draf-tanpa-nomor.docx');
    expect(draftFileName('api-u', '503/001/API-U/DPMPTSP-III/XII/2026')).toBe(
      'api-u-503-001-API-U-DPMPTSP-III-XII-2026-draf-tanpa-nomor.docx',
    );
    expect(copyFileName('api-u', 'API-U/2026/00012', 1)).toBe('api-u-API-U-2026-00012-rangkap-1.pdf');
    expect(copyFileName('api-u', '"; x=y', '2')).toBe('api-u-x-y-rangkap-2.pdf');

    // A document without a Nomor line says it is a draft, and does not speak of a number.
    const unnumbered = await renderDocument(
      findSop('SOP-DALAK-067-004')!,
      'daftar-peserta',
      JSON.parse(readFileSync(join(root, 'examples/daftar-peserta.json'), 'utf8')),
    );
    expect(unnumbered.copies[0]!.slots.map((slot) => slot.name)).not.toContain('nomor-registrasi');
    const first = (await mammoth.extractRawText({ buffer: Buffer.from(unnumbered.docx) })).value.trim().split('\n')[0];
    expect(first).toMatch(/^DRAF: tanda tangan elektronik hanya ada pada rangkap PDF/);
  });
});
