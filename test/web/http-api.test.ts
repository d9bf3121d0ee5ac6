import { formatTanggal } from '#documents/format-dates.ts';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveClient } from '#runtime/archive-client.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import { getCase } from '#records/case-records.ts';
import { getLink } from '#records/links.ts';
import { lettersToSign } from '#cases/rules/allowed-routes.ts';
import type { Sop } from '#sop/schema.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { officeClock } from '#clock/add-working-days.ts';
import { showDestination } from '#cases/show-destination.ts';
import { witaDateTime } from '#clock/wita.ts';
import { type Clerk, completeApplication, exampleDraft, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { expectQrOnEveryCopy, expectServedCopies } from '../support/served-copies.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { fileCase } from '../support/file-case.ts';
import { nssTrusting } from '../support/test-ca.ts';
import { tool } from '../support/pdf-signatures.ts';

/** A PDF's text as poppler reads it, its lines joined (a long value may wrap). */
const pdfText = (pdf: Uint8Array) => tool('pdftotext', ['-', '-'], 'poppler-utils', pdf).stdout.replace(/\s+/g, ' ');

const at = parafForFile({ prefix: 'paraf-http-' });
const { dataDir } = at;
let paraf: LocalParaf;
let clerk: Clerk;

beforeAll(() => {
  ({ paraf, clerk } = at);
});

/** How long a case may stand still (no new e-mail, still running) before following it gives up: a ceiling, not a budget. */
const STILL_MS = 60_000;

/**
 * Follows a case's e-mails to its end, approving every step, except where `choose` returns other
 * form fields for a step (a send-back); returns the steps in the order they were asked. It stops
 * when the case stops, and fails only when the case stands still for STILL_MS, however long the
 * whole case takes on a busy machine.
 */
async function followLinks(
  caseId: string,
  fileNumber: string,
  choose: (step: number, seen: number) => Record<string, string> | undefined = () => undefined,
  look: (link: { step: number; url: string }) => Promise<void> = async () => undefined,
) {
  const asked: number[] = [];
  let stillSince = Date.now();
  while (Date.now() - stillSince < STILL_MS) {
    const link = await clerk.nextLink(fileNumber, 200);
    if (!link) {
      const { body } = await clerk.json(`/api/cases/${caseId}`);
      if (body.status !== 'berjalan') return asked;
      continue;
    }
    stillSince = Date.now();
    asked.push(link.step);
    await look(link);
    const fields = choose(link.step, asked.filter((s) => s === link.step).length) ?? { decision: 'approve' };
    const result = await clerk.decide(link.url, fields);
    expect(result.status, `${link.subject}: ${JSON.stringify(result.body)}`).toBe(200);
  }
  throw new Error(`${fileNumber} stood still for ${STILL_MS} ms; steps asked: ${asked.join(',')}`);
}

describe('the local runtime over HTTP', () => {
  it('takes an API-U application through three send-backs to a numbered, verifiable permit', async () => {
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const { id, fileNumber, receiptCode, receiptUrl, deadline } = await fileCase(clerk, completeApplication(sop));
    expect(fileNumber).toMatch(/^API-U\/20\d\d\/\d{5}$/);
    expect(deadline).toMatch(/^20\d\d-\d\d-\d\d$/);

    // A mail scanner opening the first link (GET and HEAD) changes nothing.
    const first = (await clerk.nextLink(fileNumber))!;
    const linkId = first.url.split('/a/')[1]!;
    // The official signed in before (a session is written then); the scanner is not signed in at all.
    await clerk.session(await clerk.recipientOf(first.url));
    await expectNothingChanged(paraf, 'GET and HEAD of a waiting link', async () => {
      const scanned = await fetch(first.url);
      expect(scanned.status).toBe(200);
      const seen = await scanned.text();
      expect(seen).not.toContain('<form method="post"');
      expect(seen).toContain('Langkah ini diminta kepada');
      const page = await clerk.fetch(first.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<form method="post" class="card">');
      expect(html).toContain('Setuju');
      expect(html).toContain(fileNumber);
      expect((await clerk.fetch(first.url, { method: 'HEAD' })).status).toBe(200);
    });
    expect((await getLink(paraf.runtime.dynamo, 'paraf', linkId))!.status).toBe('waiting');
    expect((await clerk.decide(first.url, { decision: 'approve' })).status).toBe(200);
    const again = await clerk.decide(first.url, { decision: 'approve' });
    expect(again).toEqual({ status: 409, body: { error: 'decided', message: 'Langkah ini sudah diputuskan.' } });
    const decidedText = await (await clerk.fetch(first.url)).text();
    expect(decidedText).toContain('Sudah diputuskan');
    // The old e-mail's link says what was decided, by whom, and where the official's work is now.
    expect(decidedText).toMatch(
      /Langkah \d+ berkas ini sudah disetujui oleh [^<]+ pada [^<]+\. Tidak ada yang diubah\./,
    );
    expect(decidedText).toContain('<a href="/tugas">Tugas saya</a>');
    // The form sent again from a browser (a reload after the POST) shows the same, not a bare refusal.
    const resent = await clerk.fetch(first.url, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision: 'approve', kode: '000000' }),
    });
    expect(resent.status).toBe(409);
    expect(await resent.text()).toMatch(/<h1>Sudah diputuskan<\/h1>[\s\S]*berkas ini sudah disetujui oleh/);

    const returns: Record<number, Record<string, string>> = {
      8: { decision: 'return', returnTo: '7', note: 'Alamat kantor pusat salah ketik' },
      9: { decision: 'return', returnTo: 'applicant', note: 'Referensi bank devisa sudah kedaluwarsa' },
      10: { decision: 'return', returnTo: '9', note: 'Mohon Kabid periksa ulang bagian barang' },
    };
    const asked = await followLinks(id, fileNumber, (step, seen) => (seen === 1 ? returns[step] : undefined));
    expect(asked).toEqual([7, 8, 7, 8, 9, 6, 6, 7, 8, 9, 10, 9, 10, 11, 12, 13]);

    const status = await clerk.waitForStatus(id, ['selesai']);
    expect(status.status).toBe('selesai');
    expect((status.history as { notes: string }[]).map((event) => event.notes)).toContain(
      'Referensi bank devisa sudah kedaluwarsa',
    );
    // The sheet printed for the applicant carries the receipt code; the archived copies, which any
    // official may open, do not (the code opens the applicant's page and takes the permit).
    const receipt = await clerk.fetch(`${paraf.url}${receiptUrl}`);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    const printed = pdfText(new Uint8Array(await receipt.arrayBuffer()));
    expect(printed).toContain(receiptCode);
    // One sheet: the clerk's signature does not stand alone on a second page.
    expect(printed).toContain('Halaman 1 dari 1');
    const archived = await clerk.fetch(`${paraf.url}/api/cases/${id}/receipt`);
    expect(archived.status).toBe(200);
    const kept = pdfText(new Uint8Array(await archived.arrayBuffer()));
    expect(kept).toContain(fileNumber);
    expect(kept).not.toContain(receiptCode);
    expect(kept).toContain('hanya tercetak pada tanda terima yang dicetak loket untuk pemohon');
    // The requirements keep the SOP's numbers; the receipt says why some are missing.
    expect(printed).toContain('Nomor mengikuti daftar persyaratan pada SOP');

    const search = await clerk.json(`/api/permits?nib=9120001234567&sop=${sop.id}`);
    const permit = (
      search.body.permits as { documentId: string; registrationNumber: string; copies: { sha256: string }[] }[]
    ).find((p) => p.documentId.startsWith(id))!;
    expect(permit.registrationNumber).toMatch(/^503\/\d{3}\/API-U\/DPMPTSP-III\/[IVX]+\/20\d\d$/);
    const byNumber = await clerk.json(`/api/permits?regNo=${encodeURIComponent(permit.registrationNumber)}`);
    expect((byNumber.body.permits as unknown[]).length).toBe(1);
    // Each copy as served: its own label, its SHA-256 as the verification page shows it, and its
    // signatures in pdfsig trusting the office CA (copy 1 carries the two paraf as well).
    await expectServedCopies(clerk, permit.documentId, dataDir, [4, 2, 2]);
    const docx = await clerk.fetch(`${paraf.url}/api/permits/${permit.documentId}/draft.docx`);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const verified = await clerk.json(`/verifikasi/${permit.documentId}`, { headers: { accept: 'application/json' } });
    expect(verified.body).toMatchObject({
      found: true,
      registrationNumber: permit.registrationNumber,
      status: 'aktif',
    });
    expect((verified.body.copies as { sha256: string }[]).map((c) => c.sha256)).toEqual(
      permit.copies.map((c) => c.sha256),
    );
    const publicPage = await (await clerk.fetch(`${paraf.url}/verifikasi/${permit.documentId}`)).text();
    expect(publicPage).toContain('SAH dan berlaku');
    // What a reader compares with the paper in their hand: the holder's NIB as the permit prints it.
    expect(publicPage).toContain('<dt>NIB</dt><dd>9120001234567</dd>');
    expect(publicPage).toContain('walaupun kode QR-nya asli');
    const unknown = await clerk.fetch(`${paraf.url}/verifikasi/AAAAAAAAAAAA.api-u`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Tidak sah atau tidak dikenal');
  }, 240_000);

  it('shows the holder printed on the permit, not the name typed at the counter, in the archive, its search, the verification page and the trail', async () => {
    // A proxy applies at the counter under his own name; the permit is issued to the company.
    const application = completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'Budi Santoso (kuasa)');
    const data = application.form.documents['api-u'] as { perusahaan: Record<string, string> };
    data.perusahaan = {
      ...data.perusahaan,
      nama: 'PT Kutai Energi Persada',
      nib: '9120007654321',
      npwp: '02.345.678.9-721.000',
    };
    const submitted = await clerk.submit(application);
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    await followLinks(id, fileNumber);
    expect((await clerk.waitForStatus(id, ['selesai', 'gagal'])).status).toBe('selesai');

    const byName = (await clerk.json(`/api/permits?nama=${encodeURIComponent('kutai energi')}`)).body.permits as {
      documentId: string;
      caseId: string;
      company: string;
      nib: string;
    }[];
    const permit = byName.find((p) => p.caseId === id)!;
    expect(permit).toMatchObject({ company: 'PT Kutai Energi Persada', nib: '9120007654321' });
    expect(
      (
        (await clerk.json(`/api/permits?nama=${encodeURIComponent('budi santoso')}`)).body.permits as {
          caseId: string;
        }[]
      ).filter((p) => p.caseId === id),
    ).toEqual([]);
    expect(
      ((await clerk.json('/api/permits?nib=9120007654321')).body.permits as { caseId: string }[]).map((p) => p.caseId),
    ).toContain(id);

    const verified = await clerk.json(`/verifikasi/${permit.documentId}`, { headers: { accept: 'application/json' } });
    expect(verified.body.company).toBe('PT Kutai Energi Persada');
    for (const path of [
      `/verifikasi/${permit.documentId}`,
      `/arsip/${permit.documentId}`,
      `/arsip?nama=${encodeURIComponent('kutai energi')}`,
    ]) {
      const page = await (await clerk.fetch(`${paraf.url}${path}`)).text();
      expect(page, path).toContain('PT Kutai Energi Persada');
      expect(page, path).not.toContain('Budi Santoso');
    }
    // The archived trail names the holder of each number it issued.
    const trails = await archiveClient(paraf.runtime).send(
      new ListObjectsV2Command({ Bucket: 'paraf-archive', Prefix: `cases/${id}/audit-trail/` }),
    );
    const latest = (trails.Contents ?? [])
      .map((o) => o.Key!)
      .sort()
      .at(-1)!;
    const trail = JSON.parse(
      await (
        await archiveClient(paraf.runtime).send(new GetObjectCommand({ Bucket: 'paraf-archive', Key: latest }))
      ).Body!.transformToString(),
    );
    expect(trail.issued).toEqual([
      {
        documentId: permit.documentId,
        registrationNumber: expect.any(String),
        holder: { name: 'PT Kutai Energi Persada', nib: '9120007654321', npwp: '02.345.678.9-721.000' },
      },
    ]);
  }, 240_000);

  it('recommends revoking a permit through 067/014 (it stays in force, showing the recommendation), then revokes it through 067/013', async () => {
    const application = completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'Rina Wulandari (kuasa)');
    (application.form.documents['api-u'] as { perusahaan: Record<string, string> }).perusahaan.nama =
      'PT Kutai Tambang Lestari';
    const apiU = await clerk.submit(application);
    const { id: permitCase, fileNumber: permitFile } = apiU.body as { id: string; fileNumber: string };
    await followLinks(permitCase, permitFile);
    const [issued] = (await clerk.json(`/api/permits?nama=${encodeURIComponent('kutai tambang')}`)).body.permits as {
      documentId: string;
      title: string;
      registrationNumber: string;
    }[];

    // 014: a recommendation to the authority that revokes. The permit is not revoked by it.
    const recommending = await clerk.submit({
      ...completeApplication(paraf.runtime.sop('SOP-DALAK-067-014'), 'PT Kutai Tambang Lestari'),
      permit: issued!.registrationNumber,
    });
    expect(recommending.status, JSON.stringify(recommending.body)).toBe(201);
    const recommendationCase = recommending.body as { id: string; fileNumber: string };
    const headings = new Set<string>();
    await followLinks(recommendationCase.id, recommendationCase.fileNumber, undefined, async (link) => {
      const page = await (await clerk.fetch(link.url, {}, await clerk.recipientOf(link.url))).text();
      headings.add(/<dt>([^<]*)<\/dt><dd id="izin-berkas">/.exec(page)?.[1] ?? '(none)');
    });
    // A recommendation does not revoke: its steps never head the permit "Izin yang dicabut".
    expect([...headings]).toEqual(['Izin yang direkomendasikan untuk dicabut']);
    expect((await clerk.waitForStatus(recommendationCase.id, ['selesai', 'gagal'])).status).toBe('selesai');
    const [recommendation] = (
      (await clerk.json(`/api/permits?sop=SOP-DALAK-067-014`)).body.permits as {
        caseId: string;
        documentId: string;
        registrationNumber: string;
      }[]
    ).filter((p) => p.caseId === recommendationCase.id);
    expect(recommendation!.registrationNumber).toMatch(/^067\/\d{3}\/REK-CABUT\//);
    // The SOP by its alias, in any case, as POST /api/cases takes it: the same list, on the page too.
    for (const alias of ['dalak-014', 'DALAK-014', 'sop-dalak-067-014'])
      expect((await clerk.json(`/api/permits?sop=${alias}`)).body.permits).toEqual(
        (await clerk.json('/api/permits?sop=SOP-DALAK-067-014')).body.permits,
      );
    expect(await (await clerk.fetch('/arsip?sop=dalak-014')).text()).toContain(
      '<option value="SOP-DALAK-067-014" selected>',
    );
    const unknownSop = await clerk.json('/api/permits?sop=dalak-999');
    expect([unknownSop.status, unknownSop.body.message]).toEqual([
      400,
      'Isian pencarian belum benar: SOP: kode SOP tidak valid',
    ]);
    const recommended = await clerk.json(`/verifikasi/${issued!.documentId}`, {
      headers: { accept: 'application/json' },
    });
    expect(recommended.body).toMatchObject({
      status: 'aktif',
      revocation: null,
      revocationRecommendations: [
        {
          number: recommendation!.registrationNumber,
          addressedTo: 'Kepala Badan Koordinasi Penanaman Modal, Kementerian Investasi/BKPM',
        },
      ],
    });
    const publicPage = await (await clerk.fetch(`${paraf.url}/verifikasi/${issued!.documentId}`)).text();
    expect(publicPage).toContain(
      `direkomendasikan untuk dicabut dengan Rekomendasi Nomor ${recommendation!.registrationNumber}`,
    );
    expect(publicPage).not.toContain('DICABUT');
    // The recommendation's own page says what it asks of which permit, not that it is a permit in force.
    const letterPage = await (await clerk.fetch(`${paraf.url}/verifikasi/${recommendation!.documentId}`)).text();
    expect(letterPage.replace(/<[^>]+>/g, '')).toContain(
      `Rekomendasi ini meminta pencabutan ${issued!.title} Nomor ${issued!.registrationNumber} kepada instansi yang berwenang; izin itu tetap berlaku sampai pencabutannya ditetapkan.`,
    );
    expect(letterPage).toContain(`href="/verifikasi/${issued!.documentId}"`);
    expect(letterPage).not.toContain('SAH dan berlaku');
    const archivePage = await (await clerk.fetch(`${paraf.url}/arsip/${issued!.documentId}`)).text();
    expect(archivePage).toContain(
      `aktif, direkomendasikan untuk dicabut dengan Rekomendasi Nomor ${recommendation!.registrationNumber}`,
    );
    const searchPage = await (
      await clerk.fetch(`${paraf.url}/arsip?nama=${encodeURIComponent('kutai tambang')}`)
    ).text();
    expect(searchPage).toContain('aktif, direkomendasikan untuk dicabut');
    expect(
      (await clerk.json(`/api/permits?nama=${encodeURIComponent('kutai tambang')}&status=dicabut`)).body.permits,
    ).toEqual([]);
    const inForce = (await clerk.json(`/api/permits?regNo=${encodeURIComponent(issued!.registrationNumber)}`)).body
      .permits as { status: string; revocationRecommendations: unknown[] }[];
    expect(inForce).toMatchObject([
      {
        status: 'aktif',
        revocationRecommendations: [{ number: recommendation!.registrationNumber, caseId: recommendationCase.id }],
      },
    ]);

    const revocation = paraf.runtime.sop('SOP-DALAK-067-013');
    expect(
      (
        await clerk.submit({
          ...completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')),
          permit: issued!.registrationNumber,
        })
      ).body.error,
    ).toBe('no-permit-here');
    const unknownPermit = await clerk.submit({
      ...completeApplication(revocation),
      permit: '503/999/API-U/DPMPTSP-III/I/2026',
    });
    expect([unknownPermit.body.error, unknownPermit.body.message]).toEqual([
      'unknown-permit',
      'Izin dengan nomor registrasi "503/999/API-U/DPMPTSP-III/I/2026" tidak ditemukan di arsip kantor. Periksa nomornya seperti tertulis pada izin; bila izin itu terbit sebelum kantor memakai aplikasi ini, kosongkan isian nomor registrasi.',
    ]);
    // Typed as people type it, small and with spaces around its slashes: found as the Arsip finds it.
    const started = await clerk.submit({
      ...completeApplication(revocation, 'PT Kutai Energi Persada'),
      permit: issued!.registrationNumber.toLowerCase().replaceAll('/', ' / '),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { id, fileNumber, receiptUrl } = started.body as { id: string; fileNumber: string; receiptUrl: string };
    // The receipt printed for the applicant names the permit the request is about, as issued, however it was typed.
    const receipt = await clerk.fetch(`${paraf.url}${receiptUrl}`);
    expect(receipt.status).toBe(200);
    const printedReceipt = pdfText(new Uint8Array(await receipt.arrayBuffer()));
    expect(printedReceipt).toContain('Izin yang dimaksud');
    expect(printedReceipt).toContain(`Nomor registrasi ${issued!.registrationNumber}`);
    await followLinks(id, fileNumber);
    expect((await clerk.waitForStatus(id, ['selesai', 'gagal'])).status).toBe('selesai');

    const [decree] = (
      (await clerk.json(`/api/permits?sop=SOP-DALAK-067-013`)).body.permits as {
        caseId: string;
        documentId: string;
        registrationNumber: string;
      }[]
    ).filter((p) => p.caseId === id);
    const verified = await clerk.json(`/verifikasi/${issued!.documentId}`, { headers: { accept: 'application/json' } });
    expect(verified.body).toMatchObject({ status: 'dicabut', revocation: { number: decree!.registrationNumber } });
    expect(await (await clerk.fetch(`${paraf.url}/verifikasi/${issued!.documentId}`)).text()).toContain(
      `DICABUT dengan Keputusan Nomor ${decree!.registrationNumber}`,
    );
    expect(await (await clerk.fetch(`${paraf.url}/arsip/${issued!.documentId}`)).text()).toContain(
      `dicabut dengan Keputusan Nomor ${decree!.registrationNumber}`,
    );
    // The decree's own page says which permit it revokes; it does not read as a permit in force.
    const decreePage = (await (await clerk.fetch(`${paraf.url}/verifikasi/${decree!.documentId}`)).text()).replace(
      /<[^>]+>/g,
      '',
    );
    expect(decreePage).toContain(`Keputusan ini mencabut ${issued!.title} Nomor ${issued!.registrationNumber}.`);
    expect(decreePage).not.toContain('SAH dan berlaku');
    // Its issued copy uploaded to Verifikasi says the same, not a status of its own.
    const form = new FormData();
    const copy = await (await clerk.fetch(`${paraf.url}/api/permits/${decree!.documentId}/copies/1`)).arrayBuffer();
    form.append('berkas', new Blob([copy], { type: 'application/pdf' }), 'sk-pencabutan.pdf');
    const uploaded = await fetch(`${paraf.url}/verifikasi`, {
      method: 'POST',
      body: form,
      headers: { origin: paraf.url },
    });
    const uploadPage = (await uploaded.text()).replace(/<[^>]+>/g, '');
    expect(uploaded.status, uploadPage.slice(0, 300)).toBe(200);
    expect(uploadPage).toContain(`Keputusan ini mencabut ${issued!.title} Nomor ${issued!.registrationNumber}.`);
    expect(uploadPage).not.toContain('SAH dan berlaku');
    const revoked = (await clerk.json(`/api/permits?nama=${encodeURIComponent('kutai tambang')}&status=dicabut`)).body
      .permits as { documentId: string }[];
    expect(revoked.map((p) => p.documentId)).toEqual([issued!.documentId]);
    const again = await clerk.submit({ ...completeApplication(revocation), permit: issued!.registrationNumber });
    expect(again.body).toMatchObject({ error: 'permit-revoked' });
  }, 360_000);

  it('holds a DALAK 009 inspection on the date the Surat Tugas sets, at least a working day after the letter, and counts step 4 from that date', async () => {
    const application = completeApplication(paraf.runtime.sop('SOP-DALAK-067-009'));
    // The minutes and the report are left to step 4, which starts them with the number the Surat Tugas was given and its team.
    delete (application.form.documents as Record<string, unknown>)['berita-acara-pemeriksaan'];
    delete (application.form.documents as Record<string, unknown>)['laporan-pengawasan'];
    const submitted = await clerk.submit(application);
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    for (const expected of [1, 2]) {
      const link = (await clerk.nextLink(fileNumber))!;
      expect(link.step).toBe(expected);
      expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
    }
    const letterStep = (await clerk.nextLink(fileNumber))!;
    expect(letterStep.step).toBe(3);
    const clock = officeClock();
    // The page computes the earliest day from the moment it is asked: one of the days computed from
    // just before and just after (the same day, unless the request crossed midnight in WITA).
    const earliestAround = async <T>(act: () => Promise<T>) => {
      const before = clock.addWorkingDays(new Date(), 1);
      const result = await act();
      return { result, days: [...new Set([before, clock.addWorkingDays(new Date(), 1)])] };
    };
    const shown = (text: string) => /paling cepat (\d{1,2} \w+ \d{4})/.exec(text)?.[1];
    const { result: letterPage, days: earliestDays } = await earliestAround(async () =>
      (await clerk.fetch(letterStep.url)).text(),
    );
    expect(earliestDays.map(formatTanggal)).toContain(shown(letterPage));
    // The SOP's peringatan, on the step pages it applies to.
    expect(letterPage).toContain(
      '<strong>Peringatan SOP:</strong> Apabila pengawasan tidak sesuai SOP ini, maka akan mengakibatkan pelaksanaan Pengawasan rutin tidak berjalan dengan baik',
    );
    const drafts = application.form.documents as Record<string, Record<string, unknown>>;
    const letter = drafts['surat-tugas']!;
    const notice = drafts['pemberitahuan-inspeksi']!;
    const on = (day: string, noticeDay = day) => ({
      documentData: JSON.stringify({
        'surat-tugas': { ...letter, waktu: { mulai: day, selesai: day } },
        'pemberitahuan-inspeksi': { ...notice, jadwal: { ...(notice.jadwal as object), tanggal: noticeDay } },
      }),
    });
    const today = witaDateTime(new Date()).date;
    const { result: tooSoon, days: refusedDays } = await earliestAround(() =>
      clerk.decide(letterStep.url, { decision: 'approve', ...on(today) }),
    );
    expect(tooSoon.status).toBe(422);
    expect(refusedDays.map(formatTanggal)).toContain(shown(String(tooSoon.body.message)));

    const inspectionDay = clock.addWorkingDays(new Date(), 3);
    // The notice to the business names the day the officials are sent for, not another (the walk).
    const otherDay = clock.addWorkingDays(new Date(), 4);
    const disagreeing = await expectNothingChanged(paraf, 'a notice dated outside its Surat Tugas', () =>
      clerk.decide(letterStep.url, { decision: 'approve', ...on(inspectionDay, otherDay) }),
    );
    expect(disagreeing.status).toBe(422);
    expect(disagreeing.body.message).toBe(
      `Tanggal inspeksi pada Surat Pemberitahuan ${formatTanggal(otherDay)} sesudah waktu pelaksanaan pada Surat Tugas (${formatTanggal(inspectionDay)}): sesuaikan tanggalnya.`,
    );
    expect((await clerk.decide(letterStep.url, { decision: 'approve', ...on(inspectionDay) })).status).toBe(200);
    // The drafter's confirmation names where the letters went: the office's signer at the same step, not step 4's officer.
    const kepala = paraf.runtime.staff.forLane('kepala-dinas')[0]!;
    expect(await showDestination(paraf.runtime, letterStep.url.split('/a/')[1]!, 'approve')).toEqual({
      target: expect.stringMatching(
        / \(langkah 3\) untuk menandatangani Surat Tugas dan Surat Pemberitahuan Pelaksanaan Inspeksi Lapangan$/,
      ),
      holder: kepala.name,
    });
    // The Kepala signs the two letters (config/signers.json) before they are numbered.
    const signing = (await clerk.nextLink(fileNumber))!;
    expect(signing.step).toBe(3);
    const signingPage = await (await clerk.fetch(signing.url)).text();
    expect(signingPage).toContain('Tanda tangan Surat Tugas, Surat Pemberitahuan Pelaksanaan Inspeksi Lapangan');
    expect(signingPage).toContain('(Kepala Dinas)');
    // The signer signs what was drafted; the data stays the drafter's.
    expect(signingPage).not.toContain('name="documentData"');
    const changed = await expectNothingChanged(paraf, "a signer's change to the drafted data", () =>
      clerk.decide(signing.url, { decision: 'approve', ...on(clock.addWorkingDays(new Date(), 5)) }),
    );
    expect(changed.status).toBe(422);
    expect(changed.body.message).toContain('Penandatangan tidak mengubah data draf');
    expect((await clerk.decide(signing.url, { decision: 'approve' })).status).toBe(200);
    const inspection = (await clerk.nextLink(fileNumber))!;
    expect(inspection.step).toBe(4);
    // The case record names step 4 once its asking is recorded: polled, with a ceiling far above what it takes.
    let body: Record<string, unknown> = {};
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      body = (await clerk.json(`/api/cases/${id}`)).body;
      if ((body.current as { step?: number } | undefined)?.step === 4) break;
    }
    // 180 service minutes from the opening of the inspection day, not from the letter's approval.
    expect(body.current as { step: number; dueAt: string }).toMatchObject({
      step: 4,
      dueAt: clock.addServiceMinutes(new Date(`${inspectionDay}T00:00:00+08:00`), 180).toISOString(),
    });
    const inspectionPage = await (
      await clerk.fetch(inspection.url, {}, await clerk.recipientOf(inspection.url))
    ).text();
    expect(inspectionPage).toContain(`Dijadwalkan pada</dt><dd>${formatTanggal(inspectionDay)} (`);
    // The minutes start with the number the Surat Tugas was given, as the page lists it among the case's documents.
    const cited = /<input[^>]*id="isian-berita-acara-pemeriksaan-nomorSuratTugas"[^>]*value="([^"]*)"/.exec(
      inspectionPage,
    )?.[1];
    expect(cited).toMatch(/^094\/\d{3}\/DPMPTSP-DALAK\/[IVX]+\/\d{4}$/);
    // The register, read apart from the page, gave this case that number.
    const book = (await clerk.json(`/api/registers/surat-tugas/${cited!.slice(-4)}`)).body as {
      entries: { number: string; caseId?: string }[];
    };
    expect(book.entries.find((entry) => entry.caseId === id)?.number).toBe(cited);
    // And with the team the Surat Tugas sent, as drafted, each officer in a row of the Tim pemeriksa.
    const sent = letter.petugas as { nama: string; nip: string }[];
    expect(sent.length).toBeGreaterThan(0);
    sent.forEach((officer, i) => {
      for (const [field, value] of Object.entries({ nama: officer.nama, nip: officer.nip }))
        expect(
          new RegExp(`<input[^>]*id="isian-berita-acara-pemeriksaan-pemeriksa-${i}-${field}"[^>]*value="([^"]*)"`).exec(
            inspectionPage,
          )?.[1],
        ).toBe(value);
    });
    // The report names the same team as its authors, and the head of field who decides on it next (step 5).
    const field = (id: string) =>
      new RegExp(`<input[^>]*id="isian-laporan-pengawasan-${id}"[^>]*value="([^"]*)"`).exec(inspectionPage)?.[1];
    expect(sent.map((_, i) => field(`penyusun-${i}-nama`))).toEqual(sent.map((officer) => officer.nama));
    const kabid = paraf.runtime.staff.forLane('kabid-pengendalian')[0]!;
    expect([field('mengetahui-nama'), field('mengetahui-nip')]).toEqual([kabid.name, kabid.nip]);
    // The minutes and the report are dated the inspection's day, not the day the page was opened.
    expect(/<input[^>]*id="isian-berita-acara-pemeriksaan-tanggal"[^>]*value="([^"]*)"/.exec(inspectionPage)?.[1]).toBe(
      inspectionDay,
    );
    // The minutes are dated within the days the Surat Tugas sent the team for.
    const dayBefore = new Date(Date.parse(inspectionDay) - 86_400_000).toISOString().slice(0, 10);
    const early = await expectNothingChanged(paraf, 'minutes dated before the inspection', () =>
      clerk.decide(inspection.url, {
        decision: 'approve',
        documentData: JSON.stringify({
          'berita-acara-pemeriksaan': { ...exampleDraft('berita-acara-pemeriksaan'), tanggal: dayBefore },
          'laporan-pengawasan': exampleDraft('laporan-pengawasan'),
        }),
      }),
    );
    expect(early.status).toBe(422);
    expect(early.body.message).toBe(
      `Tanggal pemeriksaan pada Berita Acara ${formatTanggal(dayBefore)} sebelum waktu pelaksanaan pada Surat Tugas (${formatTanggal(inspectionDay)}): sesuaikan tanggalnya.`,
    );
  }, 240_000);

  it("has a letter the seed names no signer for signed by the office's signer before its number (DALAK 010, Surat Tugas, pdfsig)", async () => {
    const sop = paraf.runtime.sop('SOP-DALAK-067-010');
    const submitted = await clerk.submit(completeApplication(sop));
    const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
    const kepala = paraf.runtime.staff.forLane('kepala-dinas')[0]!;
    const drafter = paraf.runtime.staff.forLane('fungsional')[0]!;
    // The Kepala returns the first letter to its drafter once, then signs the second.
    const asked = await followLinks(id, fileNumber, (step, seen) =>
      step === 3 && seen === 2 ? { decision: 'return', returnTo: '3', note: 'Nama petugas kurang lengkap' } : undefined,
    );
    expect(asked).toEqual([1, 2, 3, 3, 3, 3, 4, 5, 6, 7]);
    const trail = (await clerk.waitForStatus(id, ['selesai', 'gagal'])).history as {
      step: number;
      actor: { id: string };
      action: string;
    }[];
    const byKepala = trail
      .filter((event) => event.step === 3 && event.actor.id === kepala.id)
      .map((event) => event.action);
    // The return names whom it reaches: the drafting step's role (allowed-routes.ts returnTarget).
    const draftingRole = sop.lanes.find((lane) => lane.id === sop.steps.find((s) => s.no === 3)!.lane)!.label;
    expect(byKepala.slice(0, 2)).toEqual([
      `Langkah 3: Kembalikan ke ${draftingRole} (langkah 3)`,
      'Langkah 3: Setuju dan tanda tangani',
    ]);
    expect(byKepala).toContain('Tanda tangan secara elektronik: Surat Tugas');

    const [letter] = (
      (await clerk.json(`/api/permits?sop=${sop.id}`)).body.permits as {
        caseId: string;
        documentId: string;
        registrationNumber: string;
        signers: { name: string; reason: string }[];
      }[]
    ).filter((p) => p.caseId === id);
    expect(letter!.registrationNumber).toMatch(/^094\/\d{3}\/DPMPTSP-DALAK\//);
    // The Kepala's signature first, then the number's stamp by the step's own official: a letter is numbered only once signed.
    expect(letter!.signers.map((signer) => [signer.reason, signer.name])).toEqual([
      ['Tanda tangan', kepala.name],
      ['Registrasi', drafter.name],
    ]);

    const work = tempDataDir('paraf-pdfsig-');
    try {
      const nss = nssTrusting(join(work, 'nss'), join(dataDir, 'pki', 'ca.cert.pem'));
      const file = join(work, 'surat-tugas.pdf');
      writeFileSync(
        file,
        Buffer.from(await (await clerk.fetch(`${paraf.url}/api/permits/${letter!.documentId}/copies/1`)).arrayBuffer()),
      );
      const report = spawnSync('pdfsig', ['-nssdir', nss, file], { encoding: 'utf8' }).stdout;
      // The Kepala's signature, the number's stamp, and the document timestamp after them (B-LTA).
      expect(report.match(/Signature #\d+/g), report).toHaveLength(3);
      expect(report.match(/Signature is Valid\./g), report).toHaveLength(2);
      expect(report.match(/Certificate is Trusted\./g), report).toHaveLength(2);
      // The first signature (the earlier revision) is the Kepala's.
      expect(/Signature #1:[\s\S]*?Signer Certificate Common Name: ([^\n]+)/.exec(report)?.[1], report).toBe(
        kepala.name,
      );
      const verified = await verifyPdf(new Uint8Array(readFileSync(file)), [
        pemToDer(readFileSync(join(dataDir, 'pki', 'ca.cert.pem'), 'utf8')),
      ]);
      expect(verified.ok).toBe(true);
      expect(verified.signatures.map((signature) => [signature.signer, signature.valid, signature.trusted])).toEqual([
        [kepala.name, true, true],
        [drafter.name, true, true],
      ]);
    } finally {
      removeDir(work);
    }
    // Every copy as a person downloads it: its own label, its SHA-256 as the verification page shows it, trusted signatures.
    // A surat tugas is issued once (copies: 1): one sheet, copy 1, signed and stamped; no copy 2 is served.
    await expectServedCopies(clerk, letter!.documentId, dataDir, [2]);
    // The trail says so each time it is printed, and the archive holds copy 1 alone.
    const title = sop.documents.find((doc) => doc.kind === 'surat-tugas')!.title;
    const printed = trail.filter((event) => event.action.startsWith(`${title} dicetak`)).map((event) => event.action);
    expect(printed.length).toBeGreaterThan(0);
    expect(new Set(printed)).toEqual(new Set([`${title} dicetak tanpa rangkap`]));
    const stored = await archiveClient(paraf.runtime).send(
      new ListObjectsV2Command({ Bucket: 'paraf-archive', Prefix: `cases/${id}/documents/surat-tugas/` }),
    );
    const folders = new Set((stored.Contents ?? []).map((o) => o.Key!.split('/')[4]));
    expect([...folders].sort()).toEqual(['copy-1', 'draft']);
    // The pages name it as one sheet, never "Rangkap 1": the archive's record, the public verification page, the history sheet.
    const archived = await (await clerk.fetch(`${paraf.url}/arsip/${letter!.documentId}`)).text();
    expect(archived).toContain('Unduh Tanpa rangkap: disimpan dalam arsip berkas (PDF)');
    expect(archived).toMatch(/surat-tugas tanpa rangkap <code>[0-9a-f]{64}<\/code>/);
    expect(archived).not.toMatch(/Rangkap \d|(?<!tanpa )rangkap \d/);
    const verification = await (await fetch(`${paraf.url}/verifikasi/${letter!.documentId}`)).text();
    expect(verification).toMatch(/<li>Tanpa rangkap: <code>[0-9a-f]{64}<\/code><\/li>/);
    expect(verification).not.toContain('Rangkap');
    const sheet = await clerk.fetch(`${paraf.url}/arsip/${letter!.documentId}/lembar-riwayat`);
    const sheetText = pdfText(new Uint8Array(await sheet.arrayBuffer()));
    expect(sheetText).toContain('Surat Tugas, tanpa rangkap');
    expect(sheetText).not.toMatch(/(?<!tanpa )rangkap \d/);
  }, 240_000);

  it('runs every one of the 17 SOPs to completion by following its links', async () => {
    const finished: Record<string, string[]> = {};
    let lettersSeen = 0;
    for (const sop of paraf.runtime.catalog) {
      const submitted = await clerk.submit(completeApplication(sop));
      expect(submitted.status, `${sop.id}: ${JSON.stringify(submitted.body)}`).toBe(201);
      const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
      const asked = await followLinks(id, fileNumber, undefined, async ({ url }) => {
        // Where the office's signer signs a letter, the task list names the signature, not the step's own work.
        const link = (await getLink(paraf.runtime.dynamo, 'paraf', url.split('/a/')[1]!))!;
        const letters = lettersToSign(paraf.runtime.sopOf(link), link);
        if (letters.length === 0) return;
        const tasks = await (await clerk.fetch(`${paraf.url}/tugas`, {}, await clerk.recipientOf(url))).text();
        const row = tasks.split('<tr>').find((r) => r.includes(fileNumber)) ?? '';
        expect(row.replace(/\s+/g, ' '), `${sop.id} step ${link.step}`).toContain(
          `langkah ${link.step}: Tanda tangan ${letters.map((doc) => doc.title).join(', ')}`,
        );
        lettersSeen += 1;
      });
      const status = await clerk.waitForStatus(id, ['selesai', 'ditolak', 'gagal']);
      expect(status.status, `${sop.id} after steps ${asked.join(',')}: ${JSON.stringify(status.history)}`).toBe(
        'selesai',
      );
      // Every promised date is set by the end, EO's from the technical recommendation's arrival.
      if (sop.serviceTime) expect(status.deadline, sop.id).toMatch(/^20\d\d-\d\d-\d\d$/);
      const numbered = sop.documents.filter((doc) => doc.register);
      const permits = (await clerk.json(`/api/permits?sop=${sop.id}`)).body.permits as {
        caseId: string;
        registrationNumber: string;
        documentId: string;
      }[];
      const own = permits.filter((p) => p.caseId === id);
      expect(own).toHaveLength(numbered.length);
      finished[sop.id] = own.map((p) => p.registrationNumber);
      // Every kind of numbered document, in its own layout, carries the QR code a phone can follow.
      // Signatures per copy from the catalog, not from the record: copy 1 the parafs, the signature and the
      // register stamp; copies 2 and 3 the signature and the stamp (every link is approved, so no step repeats).
      // A document the catalog issues once (a letter, copies: 1) is copy 1 alone.
      for (const permit of own) {
        const doc = numbered.find((d) => permit.documentId === `${id}.${d.kind}`);
        if (!doc) throw new Error(`${sop.id}: ${permit.documentId} is none of the SOP's numbered documents`);
        const signedAndStamped = (doc.signedAt !== undefined || doc.officeSigner !== undefined ? 1 : 0) + 1;
        const first = doc.parafAt.length + signedAndStamped;
        await expectQrOnEveryCopy(
          clerk,
          permit.documentId,
          dataDir,
          doc.copies === 1 ? [first] : [first, signedAndStamped, signedAndStamped],
        );
      }
    }
    expect(lettersSeen, 'no letter signed by the office signer was asked').toBeGreaterThan(0);
    // Every registration number the 17 cases were given is in an office format, and none is given twice across
    // registers (how many each case has is checked above, against the SOP's numbered documents: a total here could not fail).
    const numbers = Object.values(finished).flat();
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(number).toMatch(/^\S+\/\d{3}\/\S+\/20\d\d$/);
  }, 900_000);

  it('loops back where a DALAK decision answers Tidak, and goes on after Ya', async () => {
    const looping = paraf.runtime.catalog.filter((sop) =>
      sop.steps.some((step) => step.returns.some((r) => r.answer === 'Tidak')),
    );
    expect(looping.map((sop) => sop.id)).toEqual(expect.arrayContaining(['SOP-DALAK-067-012', 'SOP-DALAK-067-013']));
    for (const sop of looping) {
      const question = sop.steps.find((step) =>
        step.returns.some((r) => r.answer === 'Tidak'),
      )! as Sop['steps'][number];
      const back = question.returns.find((r) => r.answer === 'Tidak')!;
      const submitted = await clerk.submit(completeApplication(sop));
      const { id, fileNumber } = submitted.body as { id: string; fileNumber: string };
      const asked = await followLinks(id, fileNumber, (step, seen) =>
        step === question.no && seen === 1
          ? { decision: 'return', returnTo: String(back.to), note: 'Tidak: ulangi pemeriksaan lapangan' }
          : undefined,
      );
      const questionAt = asked.indexOf(question.no);
      expect(asked.slice(questionAt + 1)).toContain(question.no);
      expect(asked[questionAt + 1], `${sop.id}: ${asked.join(',')}`).toBe(
        back.to === 'applicant' ? back.resumeAt : Number(back.to),
      );
      expect((await clerk.waitForStatus(id, ['selesai', 'gagal'])).status).toBe('selesai');
      expect((await getCase(paraf.runtime.dynamo, 'paraf', id))!.status).toBe('selesai');
    }
  }, 480_000);
});
