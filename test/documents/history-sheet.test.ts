import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clerk, completeApplication } from '../../scripts/clerk.ts';
import { checkAtBothWidths } from '../support/as-a-person.ts';
import { tool } from '../support/pdf-signatures.ts';
import { expectServedCopies } from '../support/served-copies.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The lembar riwayat of an issued API-U, made when its case was archived: the staff's full sheet
 * from the archive record, the public part from the verification page, both downloaded over HTTP
 * and read with tools that did not make them (pdftotext, pdfsig, qpdf, pdffonts, pdftoppm).
 */
const at = personAtParaf('paraf-riwayat-');
const work = mkdtempSync(join(tmpdir(), 'paraf-riwayat-files-'));
let clerk: Clerk;
let documentId: string;
let applicant: { email: string; phone: string };
const served: string[] = [];
/** What the applicant hands in beside the form: its fingerprint is on the staff's sheet only. */
const ATTACHMENT = Buffer.from('%PDF-1.4\n% akta pendirian PT Contoh\n%%EOF\n');
type Sheets = Record<'lengkap' | 'publik', { file: string; text: string; bytes: Buffer }>;
const sheets = {} as Sheets;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sheetFolder = () =>
  join(at.dataDir, 's3', 'paraf-archive', 'cases', documentId.split('.')[0]!, 'history-sheets', 'api-u');
/** A step's row of section A, from its number and first words to the next step's (pdftotext -raw keeps a row's cells together). */
function stepRow(text: string, step: { no: number; title: string }): string {
  const start = text.indexOf(`${step.no} ${step.title.split(' ').slice(0, 2).join(' ')}`);
  expect(start, `step ${step.no}`).toBeGreaterThan(0);
  // The next step's row, not a time's minutes ("pukul 16.13 Penyerahan…" at 13 past the hour).
  const end = text.slice(start + 3).search(new RegExp(`(?<![.\\d])\\b${step.no + 1} [A-Z][a-z]+ |B\\. Tanda tangan`));
  return text.slice(start, end < 0 ? undefined : start + 3 + end);
}
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

async function download(url: string, name: 'lengkap' | 'publik', staff: boolean) {
  const response = staff ? await clerk.fetch(url) : await fetch(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  if (process.env.PARAF_SCREENSHOTS)
    writeFileSync(join(process.env.PARAF_SCREENSHOTS, `lembar-riwayat-${name}.pdf`), bytes);
  // In the order the page draws it: a table cell's lines stay together rather than beside the next cell's.
  const text = (await tool('pdftotext', ['-raw', file, '-'], 'poppler-utils')).stdout;
  sheets[name] = { file, text, bytes };
}

beforeAll(async () => {
  clerk = new Clerk(at.paraf.url, at.credentials);
  const application = {
    ...completeApplication(at.paraf.runtime.sop('SOP-LP2N-PPK-01')),
    attachments: [
      { name: 'akta-pendirian.pdf', contentType: 'application/pdf', base64: ATTACHMENT.toString('base64') },
    ],
  };
  const submitted = (await clerk.submit(application)).body as { id: string; fileNumber: string };
  const drafted = application.form.documents as { 'api-u': { perusahaan: { telepon: string } } };
  applicant = { email: application.applicant.email, phone: drafted['api-u'].perusahaan.telepon };
  for (;;) {
    const link = await clerk.nextLink(submitted.fileNumber, 300);
    // The Kasi's paraf is first tried with a code that cannot be right: a refused attempt in the trail.
    if (link?.step === 8)
      expect((await clerk.decide(link.url, { decision: 'approve', kode: '12345x' })).status).toBe(403);
    if (link) expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
    else if ((await clerk.json(`/api/cases/${submitted.id}`)).body.status !== 'berjalan') break;
  }
  documentId = `${submitted.id}.api-u`;
  // Each copy as served (its label, its fingerprint on the verification page, its signatures trusted), then hashed.
  await expectServedCopies(clerk, documentId, at.paraf.dataDir, [4, 2, 2]);
  for (const n of [1, 2, 3]) {
    const copy = await clerk.fetch(`${at.paraf.url}/api/permits/${documentId}/copies/${n}`);
    expect(copy.status).toBe(200);
    served.push(sha256(new Uint8Array(await copy.arrayBuffer())));
  }
  await download(`${at.paraf.url}/arsip/${documentId}/lembar-riwayat`, 'lengkap', true);
  await download(`${at.paraf.url}/verifikasi/${documentId}/lembar-riwayat`, 'publik', false);
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the lembar riwayat of an issued document', () => {
  it('lists every step of the SOP with its role, the revision, the number, and the served copies’ SHA-256', () => {
    const sop = at.paraf.runtime.sop('SOP-LP2N-PPK-01');
    for (const view of ['lengkap', 'publik'] as const) {
      const text = oneLine(sheets[view].text);
      expect(text).toContain('LEMBAR RIWAYAT DOKUMEN');
      expect(text).toContain('revisi 02, berlaku 7 Juni 2017');
      expect(text).toMatch(/503\/001\/API-U\/DPMPTSP-III\/[IVX]+\/\d{4}/);
      // Each step's number and the first words of its name as the catalog words it.
      for (const step of sop.steps)
        expect(text, `${view}: step ${step.no}`).toContain(step.title.split(' ').slice(0, 3).join(' '));
      for (const lane of [
        'Kasi Layanan Perizinan & Non Perizinan',
        'Kabid Layanan Perizinan & Non Perizinan',
        'Petugas Tata Usaha',
      ])
        expect(text, view).toContain(lane);
      for (const hash of served) expect(text, `${view}: ${hash}`).toContain(hash);
      // The times as the office writes them, in WITA; the TSA of every signature.
      expect(text).toMatch(
        /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} pukul \d\d\.\d\d/,
      );
      expect(
        text.match(/Layanan Stempel Waktu Lokal, \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WITA/g)?.length,
      ).toBeGreaterThanOrEqual(5);
      expect(text).toContain('Otoritas Sertifikat Lokal');
    }
  });

  it('names everyone who acted in the full sheet, and in the public part only the signer the permit prints', () => {
    const staff = at.paraf.runtime.staff.officials;
    const name = (id: string) => staff.find((o) => o.id === id)!.name;
    const full = oneLine(sheets.lengkap.text);
    const publik = oneLine(sheets.publik.text);
    for (const id of ['kasi-layanan', 'kabid-layanan', 'tata-usaha', 'pemrosesan', 'kepala'])
      expect(full).toContain(name(id));
    // The applicant's receipt, recorded here on the front office's link: both parts say the counter recorded it.
    for (const text of [full, publik]) expect(text).toContain('(dicatat loket)');
    expect(full).toContain('Berkas diproses menurut SOP-LP2N-PPK-01');
    // A refused signing attempt is the office's security record: in the full sheet, not in the public part.
    expect(full).toContain('kode autentikator salah');
    expect(publik).not.toContain('kode autentikator salah');
    expect(publik).toContain(name('kepala'));
    for (const id of ['kasi-layanan', 'kabid-layanan', 'tata-usaha', 'pemrosesan', 'loket'])
      expect(publik).not.toContain(name(id));
    for (const official of staff) {
      expect(publik).not.toContain(official.email);
      expect(publik).not.toContain(official.nip);
    }
    expect(publik).not.toContain(applicant.email);
    expect(publik).not.toContain(applicant.phone);
    expect(publik).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    // No NIK: no run of 16 digits; the file number stays in the staff's sheet.
    expect(publik).not.toMatch(/\b\d{16}\b/);
    expect(publik).not.toContain('API-U/2026/');
    expect(full).toMatch(/API-U\/\d{4}\/\d{5}/);
    // The applicant's attachment, by name and SHA-256, on the staff's sheet; not on the public part.
    expect(full).toContain(`Lampiran pemohon: akta-pendirian.pdf ${sha256(ATTACHMENT)}`);
    expect(publik).not.toContain('akta-pendirian');
    expect(publik).not.toContain(sha256(ATTACHMENT));
  });

  it('is sealed by the office seal, valid for pdfsig, sound for qpdf, with every font embedded', async () => {
    const nss = join(work, 'nss');
    mkdirSync(nss, { recursive: true });
    expect((await tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], 'libnss3-tools')).code).toBe(0);
    const ca = join(at.dataDir, 'pki', 'ca.cert.pem');
    expect(
      (await tool('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'ca', '-t', 'CT,C,C', '-i', ca], 'libnss3-tools')).code,
    ).toBe(0);
    // The seal's own key and certificate, under the office CA, in the data folder like the officials'.
    const sealCertificate = join(at.dataDir, 'pki', 'segel-kantor.cert.pem');
    const chained = await tool('openssl', ['verify', '-CAfile', ca, sealCertificate], 'openssl');
    expect(chained.stdout + chained.stderr).toContain(': OK');
    expect(readdirSync(join(at.dataDir, 'pki'))).toContain('segel-kantor.key.pem');
    for (const view of ['lengkap', 'publik'] as const) {
      const { file } = sheets[view];
      const report = (await tool('pdfsig', ['-nssdir', `sql:${nss}`, file], 'poppler-utils')).stdout;
      expect(report.match(/^Signature #\d+:$/gm), report).toHaveLength(1);
      expect(report).toContain(
        'Signer Certificate Common Name: Segel Elektronik Paraf DPMPTSP Provinsi Kalimantan Timur',
      );
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Certificate Validation: Certificate is Trusted.');
      expect(report).toContain('Total document signed');
      const qpdf = await tool('qpdf', ['--check', file], 'qpdf');
      expect(qpdf.code, qpdf.stdout + qpdf.stderr).toBe(0);
      const fonts = (await tool('pdffonts', [file], 'poppler-utils')).stdout.trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      // pdffonts' "emb" column: every font embedded.
      for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
      const pages = join(work, `${view}-pages`);
      mkdirSync(pages, { recursive: true });
      expect((await tool('pdftoppm', ['-png', '-r', '60', file, join(pages, 'halaman')], 'poppler-utils')).code).toBe(
        0,
      );
      expect(readdirSync(pages).length).toBeGreaterThan(0);
      if (process.env.PARAF_SCREENSHOTS)
        await tool(
          'pdftoppm',
          ['-png', '-r', '60', file, join(process.env.PARAF_SCREENSHOTS, `lembar-riwayat-${view}`)],
          'poppler-utils',
        );
    }
  }, 60_000);

  it('is made at issue, made again after the handover with it on, the earlier edition kept; making again finds them and makes no other', async () => {
    const stored = () =>
      readdirSync(sheetFolder())
        .filter((name) => name.endsWith('.pdf._S3rver_object'))
        .sort();
    const current = (view: 'lengkap' | 'publik') =>
      `${view}-v\\d{5}-${sha256(sheets[view].bytes)}\\.pdf\\._S3rver_object`;
    // The editions of the issue and of the handover: a revocation (another test) adds its own, ending in 1.
    const all = stored();
    const names = all.filter((name) => /-v\d{4}0-/.test(name));
    expect(names).toHaveLength(4);
    for (const view of ['lengkap', 'publik'] as const) {
      const editions = names.filter((name) => name.startsWith(`${view}-`));
      expect(editions).toHaveLength(2);
      // The one served is the newest edition (the later trail); the earlier one stays in the archive.
      expect(editions[1]).toMatch(new RegExp(`^${current(view)}$`));
      const earlier = join(work, `${view}-earlier.pdf`);
      writeFileSync(earlier, readFileSync(join(sheetFolder(), editions[0]!)));
      const text = oneLine((await tool('pdftotext', ['-raw', earlier, '-'], 'poppler-utils')).stdout);
      const handover = at.paraf.runtime.sop('SOP-LP2N-PPK-01').steps.find((step) => step.kind === 'handover')!;
      // At issue the handover was still to come; the current sheet shows it done, at a time in WITA.
      expect(stepRow(text, handover)).toContain('Belum dilaksanakan ketika dokumen terbit');
      expect(stepRow(oneLine(sheets[view].text), handover)).not.toContain('Belum dilaksanakan');
      expect(stepRow(oneLine(sheets[view].text), handover)).toMatch(/pukul \d\d\.\d\d/);
    }
    const { makeHistorySheets } = await import('#cases/make-history-sheets.ts');
    // Made again, it finds the newest edition of each view and makes no other.
    const again = await makeHistorySheets(at.paraf.runtime, documentId);
    const newest = all.filter((name) => name.startsWith('lengkap-')).at(-1)!;
    expect(again.lengkap.endsWith(`/${newest.replace('._S3rver_object', '')}`)).toBe(true);
    expect(stored()).toEqual(all);
  });

  it('is linked from the archive record and the verification page, readable at both widths', async () => {
    const { page, paraf, credentials } = at;
    await page.goto(`${paraf.url}/verifikasi/${documentId}`);
    const publicLink = page.getByRole('link', { name: 'Unduh lembar riwayat' });
    expect(await publicLink.getAttribute('href')).toBe(`/verifikasi/${documentId}/lembar-riwayat`);
    await checkAtBothWidths(page, 'verifikasi-lembar-riwayat');
    await signInPage(page, paraf.url, credentials, 'kepala');
    await page.goto(`${paraf.url}/arsip/${documentId}`);
    const staffLink = page.getByRole('link', { name: /Unduh lembar riwayat dokumen/ });
    expect(await staffLink.getAttribute('href')).toBe(`/arsip/${documentId}/lembar-riwayat`);
    await checkAtBothWidths(page, 'arsip-lembar-riwayat');
    const unknown = await expectNothingChanged(paraf, 'the history sheet of an unknown document', () =>
      fetch(`${paraf.url}/verifikasi/TIDAKADA00000.api-u/lembar-riwayat`),
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Lembar riwayat dokumen ini tidak ditemukan');
  }, 60_000);

  it('is not linked from the verification page nor the archive record where the document has none (issued before sheets, seal not certified)', async () => {
    const { page, paraf } = at;
    // The archive as a document issued before the sheets leaves it: no history-sheets folder.
    const aside = `${sheetFolder()}-disisihkan`;
    renameSync(sheetFolder(), aside);
    try {
      await page.goto(`${paraf.url}/verifikasi/${documentId}`);
      expect(await page.getByRole('link', { name: /lembar riwayat/i }).count()).toBe(0);
      await expect.poll(() => page.locator('main').innerText()).toContain('Lembar riwayat dokumen ini belum tersedia.');
      // The copies' hashes are still there for an auditor, folded.
      expect(await page.locator('main details').innerText()).toContain('Rincian teknis untuk pemeriksa');
      await checkAtBothWidths(page, 'verifikasi-tanpa-lembar-riwayat');
      expect((await fetch(`${paraf.url}/verifikasi/${documentId}/lembar-riwayat`)).status).toBe(404);
      const json = (await (
        await fetch(`${paraf.url}/verifikasi/${documentId}`, { headers: { accept: 'application/json' } })
      ).json()) as { historySheet: boolean };
      expect(json.historySheet).toBe(false);
      // Nor from the staff archive record.
      await signInPage(page, paraf.url, at.credentials, 'kepala');
      await page.goto(`${paraf.url}/arsip/${documentId}`);
      expect(await page.getByRole('link', { name: /lembar riwayat/i }).count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain('Lembar riwayat dokumen ini belum tersedia');
    } finally {
      renameSync(aside, sheetFolder());
    }
    // With the sheet back, the links are back.
    await page.goto(`${paraf.url}/verifikasi/${documentId}`);
    expect(await page.getByRole('link', { name: 'Unduh lembar riwayat' }).count()).toBe(1);
    await page.goto(`${paraf.url}/arsip/${documentId}`);
    expect(await page.getByRole('link', { name: /Unduh lembar riwayat dokumen/ }).count()).toBe(1);
  }, 60_000);
});

describe('the lembar riwayat of a revoked permit', () => {
  it('is made again, sealed, saying by which decree it was revoked; made again, it makes nothing new', async () => {
    const { markRevoked } = await import('#records/permit-index.ts');
    const { remakeHistorySheets } = await import('#cases/make-history-sheets.ts');
    const rt = at.paraf.runtime;
    const decree = { number: '503/007/PENCABUTAN/DPMPTSP-III/XII/2026', date: '2026-12-02', caseId: 'UJIPENCABUTAN' };
    await markRevoked(rt.dynamo, rt.config.table, documentId, decree);
    await remakeHistorySheets(rt, documentId);
    const names = readdirSync(sheetFolder()).filter((name) => name.endsWith('.pdf._S3rver_object'));
    expect(names).toHaveLength(6);
    await remakeHistorySheets(rt, documentId);
    expect(readdirSync(sheetFolder()).filter((name) => name.endsWith('.pdf._S3rver_object'))).toHaveLength(6);
    const response = await fetch(`${at.paraf.url}/verifikasi/${documentId}/lembar-riwayat`);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(names.some((name) => name.includes(sha256(bytes)))).toBe(true);
    const file = join(work, 'dicabut.pdf');
    writeFileSync(file, bytes);
    const text = oneLine((await tool('pdftotext', ['-raw', file, '-'], 'poppler-utils')).stdout);
    expect(text).toContain(`Status : Dicabut dengan keputusan nomor ${decree.number} tanggal 2 Desember 2026`);
    expect(oneLine(sheets.publik.text)).toContain('Status : Berlaku pada saat lembar ini disusun');
    const report = (await tool('pdfsig', [file], 'poppler-utils')).stdout;
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    const qpdf = await tool('qpdf', ['--check', file], 'qpdf');
    expect(qpdf.code, qpdf.stdout + qpdf.stderr).toBe(0);
    if (process.env.PARAF_SCREENSHOTS)
      await tool(
        'pdftoppm',
        ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(process.env.PARAF_SCREENSHOTS, 'lembar-riwayat-dicabut')],
        'poppler-utils',
      );
  }, 60_000);
});

describe('a deputy on the lembar riwayat', () => {
  it('shows the Plh. capacity on the step and the signature, and keeps the absent official and the notes out of the public part', async () => {
    const { renderHistorySheet } = await import('#documents/history-sheet.ts');
    const { findSop } = await import('#sop/load-catalog.ts');
    const { applicantStep } = await import('#sop/applicant-step.ts');
    const at = '2026-12-01T02:05:00.000Z';
    const applicantsOwn = applicantStep(findSop('api-u')!)!;
    const input = {
      sop: findSop('api-u')!,
      fileNumber: 'API-U/2026/00042',
      document: {
        kind: 'api-u',
        title: 'Angka Pengenal Importir Umum (API-U)',
        registrationNumber: '503/042/API-U/DPMPTSP-III/XII/2026',
        issuedAt: at,
        company: 'PT Contoh Wakil',
      },
      verificationUrl: 'https://paraf.example.test/verifikasi/AbCd.api-u',
      events: [
        {
          at,
          step: 10,
          lane: 'kepala-dinas',
          actor: { id: 'sekretaris', name: 'Ir. Wakil Pengganti' },
          action: 'Langkah 10: Setuju dan tanda tangani (Plh., menggantikan Dr. Kepala Yang Cuti)',
          notes: 'catatan internal petugas',
          documents: [],
        },
        // The applicant confirming receipt on their own page: theirs, not the counter's.
        {
          at,
          step: applicantsOwn.no,
          lane: applicantsOwn.lane,
          actor: { id: applicantsOwn.lane, name: 'Pemohon (di halaman pemohon)' },
          action: `Langkah ${applicantsOwn.no}: Setuju`,
          notes: '',
          documents: [],
        },
      ],
      signers: [
        {
          officialId: 'sekretaris',
          step: 10,
          name: 'Ir. Wakil Pengganti',
          position: 'Sekretaris',
          reason: 'Tanda tangan',
        },
      ],
      signatory: { officialId: 'sekretaris', sebagai: 'plh' as const },
      signatures: [
        {
          field: 'tanda-tangan-1',
          reason: 'Tanda tangan',
          documentTimestamp: false,
          certificate: {
            subject: 'CN=Ir. Wakil Pengganti, 2.5.4.5=198001012005011009',
            commonName: 'Ir. Wakil Pengganti',
            issuer: 'CN=Otoritas Sertifikat Lokal',
            issuerName: 'Otoritas Sertifikat Lokal',
            serial: '0a0b',
          },
          timestamp: { at, tsa: 'Layanan Stempel Waktu Lokal' },
        },
      ],
      attachments: [{ name: 'KTP Direktur Budi Santoso.pdf', sha256: 'ab'.repeat(32) }],
      madeAt: new Date(at),
    };
    const text = async (view: 'lengkap' | 'publik') => {
      const file = join(work, `wakil-${view}.pdf`);
      writeFileSync(file, (await renderHistorySheet({ ...input, view })).pdf);
      return oneLine((await tool('pdftotext', [file, '-'], 'poppler-utils')).stdout);
    };
    const full = await text('lengkap');
    const publik = await text('publik');
    for (const sheet of [full, publik]) {
      expect(sheet).toContain('Plh. Kepala DPMPTSP Prov. Kaltim');
      expect(sheet).toContain('Ir. Wakil Pengganti, Sekretaris (Plh. Kepala DPMPTSP Prov. Kaltim)');
      expect(sheet).toContain('1 Desember 2026 pukul 10.05');
    }
    for (const sheet of [full, publik]) expect(sheet).not.toContain('(dicatat loket)');
    expect(full).toContain('Pemohon (di halaman pemohon)');
    expect(full).toContain('menggantikan Dr. Kepala Yang Cuti');
    expect(full).toContain('catatan internal petugas');
    expect(publik).not.toContain('Dr. Kepala Yang Cuti');
    expect(publik).not.toContain('catatan internal petugas');
    expect(publik).not.toContain('198001012005011009');
    expect(publik).not.toContain('API-U/2026/00042');
    // The applicant's files: their names and fingerprints in the staff's sheet only.
    expect(full).toContain('Lampiran pemohon: KTP Direktur Budi Santoso.pdf');
    expect(full).toContain('ab'.repeat(32));
    expect(publik).not.toContain('Budi Santoso');
    expect(publik).not.toContain('ab'.repeat(32));
  });
});
