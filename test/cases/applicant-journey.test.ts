import { witaDateTime } from '#clock/wita.ts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalParaf } from '#local/start-local.ts';
import { OutboxMail } from '#mail/outbox-mail.ts';
import type { SentMail } from '#mail/mail-message.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { getCase } from '#records/case-records.ts';
import { Clerk, completeApplication, type StaffCredentials } from '../../scripts/clerk.ts';
import { checkAtBothWidths, newPersonPage, submitByClick } from '../support/as-a-person.ts';
import { expectNothingChanged, wrongReceiptCodeCount } from '../support/stored-state.ts';
import { approveUntil, nextLink, personAtParaf, signInPage } from '../support/walk-case.ts';

/**
 * The applicant's journey (issue 16, point 3): what the applicant is e-mailed and shown, in their own
 * words, from the counter to the confirmation of receipt, on a page that is theirs (no staff menu,
 * no history, no office copy), in Chromium at 412 and 1280 px.
 */

const at = personAtParaf('paraf-pemohon-');
const dataDir = at.dataDir;
const APPLICANT = 'direksi@borneo-impor.test';
let paraf: LocalParaf;
let page: Page;
let credentials: StaffCredentials;

beforeAll(() => {
  ({ paraf, page, credentials } = at);
});

/** The e-mails to the applicant, read from the local outbox folder with their text. */
const applicantMails = (): SentMail[] =>
  new OutboxMail(dataDir, 'uji@paraf.test').list().filter((mail) => mail.to === APPLICANT);

async function applicantMail(subject: string): Promise<SentMail> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const mail = applicantMails().find((m) => m.subject.includes(subject));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail to the applicant saying "${subject}"; sent: ${applicantMails().map((m) => m.subject)}`);
}

/** Opens the applicant's page until its stage heading says `stage` (the workflow moves on in the background). */
async function openStage(url: string, stage: string) {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    await page.goto(url);
    if ((await page.locator('#keadaan h2', { hasText: stage }).count()) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never showed "${stage}"`);
}

/** What an applicant's page must never show: the staff menu, the trail, the office's copy, a staff link. */
async function expectApplicantsOwn(name: string) {
  expect(await page.locator('nav[aria-label="Menu petugas"]').count(), name).toBe(0);
  const text = await page.locator('body').innerText();
  for (const staff of ['Tugas saya', 'Tata Usaha', 'Riwayat berkas', 'rangkap 1', 'Kembali ke Tugas saya', 'Dasbor'])
    expect(text, `${name} shows "${staff}"`).not.toContain(staff);
  expect(await page.locator('iframe, a[href^="/a/"], a[href*="/dokumen/"]').count(), name).toBe(0);
  await checkAtBothWidths(page, name);
}

describe("the applicant's journey, in Chromium", () => {
  it('is told at each moment by e-mail and on their page, and confirms receipt with the survey there', async () => {
    const clerk = new Clerk(paraf.url, credentials);
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const application = completeApplication(sop, 'PT Borneo Impor Jaya');
    application.applicant.email = APPLICANT;
    const submitted = await clerk.submit(application);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { fileNumber, receiptCode, id: caseId, deadline } = submitted.body as Record<string, string>;

    // Received: the promised date, the receipt code, the link to their page.
    const received = await applicantMail('kami terima');
    expect(received.text).toContain(`Janji selesai: ${formatTanggal(deadline!)}`);
    expect(received.text).toContain(receiptCode);
    const own = received.links[0]!.url;
    expect(own).toBe(
      `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=${encodeURIComponent(receiptCode!)}`,
    );
    await expectNothingChanged(paraf, "GET and HEAD of the applicant's page", async () => {
      expect((await page.request.get(own)).status()).toBe(200);
      expect((await page.request.head(own)).status()).toBe(200);
      await openStage(own, 'Sedang diproses');
    });
    expect(await page.locator('main').innerText()).toContain(formatTanggal(deadline!));
    await expectApplicantsOwn('pemohon-diterima');

    // The receipt code is the applicant's secret: a wrong one is "not found", as an unknown file is.
    const wrong = await page.goto(`${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=SALAH-KODE`);
    expect(wrong!.status()).toBe(404);
    const wrongText = await page.locator('[role=alert]').innerText();
    const unknown = await page.goto(`${paraf.url}/pemohon?berkas=API-U%2F2020%2F99999&kode=${receiptCode}`);
    expect(unknown!.status()).toBe(404);
    expect(await page.locator('[role=alert]').innerText()).toBe(wrongText);
    expect(wrongText).toContain('tidak ditemukan');
    await checkAtBothWidths(page, 'pemohon-tidak-ditemukan');

    // Returned for correction at step 6: the reason reaches the applicant, by e-mail and on their page.
    let link = await nextLink(clerk, fileNumber!);
    expect(link.step).toBe(6);
    const reason = 'Akta pendirian belum dilegalisir notaris';
    expect((await clerk.decide(link.url, { decision: 'return', returnTo: 'applicant', note: reason })).status).toBe(
      200,
    );
    const returned = await applicantMail('Mohon perbaiki');
    expect(returned.text).toContain(`Alasan: ${reason}`);
    expect(returned.text).toContain('Bawa ke loket');
    // API-U promises a service time, paused while the file is with the applicant: both say so.
    const paused = 'Waktu penyelesaian berhenti dihitung sampai berkas perbaikan kami terima.';
    expect(returned.text).toContain(paused);
    await openStage(own, 'Dikembalikan untuk diperbaiki');
    expect(await page.locator('#keadaan').innerText()).toContain(reason);
    expect(await page.locator('#keadaan').innerText()).toContain(paused);
    // The promised day moves while the file is with the applicant: the page does not promise it as it stands.
    expect(await page.locator('main dl').innerText()).toContain(
      `${formatTanggal(deadline!)}, bergeser: waktu berhenti dihitung sampai berkas perbaikan diterima`,
    );
    await expectApplicantsOwn('pemohon-dikembalikan');
    // Cek status as the applicant uses it on a shared computer: typed into its form, and the receipt code
    // never in the address, so never in the browser's history (a Chromium walk found it there). Reading changes nothing.
    const visited: string[] = [];
    const visit = (frame: { url(): string }) => visited.push(frame.url());
    page.on('framenavigated', visit);
    await expectNothingChanged(paraf, 'Cek status and the applicant page opened from its form', async () => {
      await page.goto(`${paraf.url}/cek-status`);
      await page.fill('#berkas', fileNumber!);
      await page.fill('#kode', receiptCode!.toLowerCase());
      await page.getByRole('button', { name: 'Cek status' }).click();
      await page.locator('#keadaan').waitFor();
      expect(page.url()).toBe(`${paraf.url}/cek-status`);
      expect(await page.locator('#keadaan').innerText()).toContain(reason);
      await expectApplicantsOwn('cek-status-dikembalikan');
      await page.locator('#halaman-pemohon').click();
      await page.waitForURL(`${paraf.url}/pemohon`);
      expect(await page.locator('#keadaan').innerText()).toContain(reason);
      expect(await page.locator('main').innerText()).toContain(fileNumber!);
    });
    page.off('framenavigated', visit);
    // Every address the browser went to, in whatever case the code was typed.
    expect(visited.length).toBeGreaterThanOrEqual(3);
    for (const address of visited) expect(address.toUpperCase()).not.toContain(receiptCode!.toUpperCase());

    // The corrected file is received, and the steps go on to the handover.
    for (link = await nextLink(clerk, fileNumber!); link.step !== 12; link = await nextLink(clerk, fileNumber!))
      expect((await clerk.decide(link.url, { decision: 'approve' })).status, link.subject).toBe(200);

    // Ready to collect, before the handover: e-mailed with what to bring, shown with the permit's number.
    const ready = await applicantMail('siap diambil');
    expect(ready.text).toContain('Surat tanda terima berkas awal sebagai bukti pengambilan surat izin');
    // Where and when to collect it, and who writes, from the office's own letterhead file.
    expect(ready.text).toContain(
      'Loket pengambilan ada di kantor kami, Jalan Basuki Rahmat Nomor 55, Samarinda, Kalimantan Timur 75117, dan melayani Senin sampai Kamis pukul 08.00–19.00 WITA, Jumat pukul 08.00–11.00 WITA.',
    );
    expect(ready.text).toMatch(
      /\n\nHormat kami,\nDinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur\nJalan Basuki Rahmat Nomor 55, Samarinda, Kalimantan Timur 75117\ndpmptsp\.kaltimprov\.go\.id$/,
    );
    expect(applicantMails().some((m) => m.subject.includes('sudah diserahkan'))).toBe(false);
    await openStage(own, 'Siap diambil');
    expect(await page.locator('#keadaan').innerText()).toMatch(/503\/\d{3}\/API-U\//);
    await expectApplicantsOwn('pemohon-siap-diambil');

    // The handover at Tata Usaha, then the applicant is told it was collected.
    expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
    const collected = await applicantMail('sudah diserahkan');
    expect(collected.text).toContain('survei kepuasan');
    expect(collected.id > ready.id).toBe(true);
    const frontOffice = await nextLink(clerk, fileNumber!);
    expect(frontOffice.step).toBe(13);
    // The front office's e-mail says the applicant confirms on their own page; the link is for one at the counter.
    const asked = new OutboxMail(dataDir, 'uji@paraf.test')
      .list()
      .find((mail) => mail.links.some((link) => link.url === frontOffice.url));
    expect(asked?.subject).toBe(`[${sop.id}] Berkas ${fileNumber}: langkah 13 menunggu konfirmasi pemohon`);
    expect(asked?.text).toContain('Langkah ini dikerjakan pemohon sendiri');
    expect(asked?.text).toContain('mengonfirmasi penerimaan surat izin dan mengisi survei kepuasan di halaman pemohon');
    expect(asked?.text).toContain(
      `Hanya bila pemohon datang ke loket dan tidak dapat mengonfirmasinya sendiri, catat penerimaannya atas nama pemohon melalui tautan berikut`,
    );
    expect(asked?.text).not.toContain('menunggu tindakan Anda');
    // The front office's link for the applicant's step points to the applicant's page, and shows a stranger nothing of the case.
    const atLink = await (await fetch(frontOffice.url)).text();
    expect(atLink).toContain('id="langkah-pemohon"');
    expect(atLink).not.toContain('Riwayat berkas');
    expect(atLink).not.toContain('name="u1"');
    await page.goto(frontOffice.url);
    await checkAtBothWidths(page, 'langkah-13-tanpa-masuk');
    // The dashboard holds the step at the applicant, not at the front office that may act for them.
    // The dashboard's period is of the day the case was received, which a run across midnight (WITA) has left.
    const receivedDay = witaDateTime(new Date((await getCase(paraf.runtime.dynamo, 'paraf', caseId!))!.createdAt)).date;
    const waiting = (
      (await clerk.json(`/api/dasbor?sop=SOP-LP2N-PPK-01&from=${receivedDay}&to=${receivedDay}`)).body.sops as {
        waiting: { caseId: string; step: number; holder: string }[];
      }[]
    )[0]!.waiting.find((row) => row.caseId === caseId);
    expect(waiting).toMatchObject({ step: 13, holder: 'pemohon (konfirmasi di halaman pemohon)' });

    // The applicant's confirmation and survey on their page: half-filled, it keeps every answer and names the rest.
    await openStage(collected.links[0]!.url, 'Sudah diserahkan');
    // On their own page the form is right below, not somewhere else.
    expect(await page.locator('#keadaan').innerText()).toContain(
      'dengan formulir "Konfirmasi penerimaan surat izin" di bawah.',
    );
    expect(await page.locator('#hak-judul + ul').innerText()).toContain('(Bidang Dalak)');
    expect(await page.locator('#pengaduan-judul + ul').innerText()).toContain('kotak saran');
    await expectApplicantsOwn('pemohon-konfirmasi');
    for (const element of [1, 2, 3, 4]) await page.check(`input[name=u${element}][value="${element === 3 ? 3 : 4}"]`);
    await page.fill('#saran', 'Loket pengambilan ramah');
    await expectNothingChanged(paraf, 'a half-filled survey', async () => {
      await page.getByRole('button', { name: 'Konfirmasi penerimaan dan kirim survei' }).click();
      await page.locator('[role=alert]').waitFor();
    });
    const alert = await page.locator('[role=alert]').innerText();
    for (const question of [
      'U5. Produk spesifikasi jenis pelayanan',
      'U6. Kompetensi pelaksana',
      'U9. Sarana dan prasarana',
    ])
      expect(alert).toContain(question);
    expect(alert).not.toContain('Persyaratan');
    expect(alert).not.toMatch(/NaN|number|Input tidak valid/);
    for (const element of [1, 2, 4]) expect(await page.isChecked(`input[name=u${element}][value="4"]`)).toBe(true);
    expect(await page.isChecked('input[name=u3][value="3"]')).toBe(true);
    expect(await page.inputValue('#saran')).toBe('Loket pengambilan ramah');
    expect((await clerk.json(`/api/cases/${caseId}`)).body.status).toBe('berjalan');
    await expectApplicantsOwn('pemohon-survei-setengah');
    for (const element of [5, 6, 7, 8, 9]) await page.check(`input[name=u${element}][value="4"]`);
    await page.setViewportSize({ width: 412, height: 915 });
    // The engine is handed the decision only once the page is read again: the moment between the
    // applicant's confirmation and the workflow's next move, held open so that the page is read in it.
    const engine = paraf.engine;
    const deliver = engine.sendTaskSuccess.bind(engine);
    const held: (() => void)[] = [];
    engine.sendTaskSuccess = (token, output) => void held.push(() => deliver(token, output));
    try {
      await page.getByRole('button', { name: 'Konfirmasi penerimaan dan kirim survei' }).click();
      expect(await page.locator('p.ok').innerText()).toContain('sudah dicatat, dengan jawaban survei Anda');
      await expectApplicantsOwn('pemohon-terima-kasih');
      // Back to their page at once: it says the confirmation was taken and asks for none again (the
      // form back would read as a failed confirmation); reading it changes nothing.
      await expectNothingChanged(paraf, "the applicant's page right after the confirmation", async () => {
        await page.getByRole('button', { name: 'Kembali ke halaman pemohon' }).click();
        await page.waitForURL((url) => url.pathname === '/pemohon' && url.search === '');
        await page.locator('#keadaan').waitFor();
      });
      expect((await getCase(paraf.runtime.dynamo, 'paraf', caseId!))?.status).toBe('berjalan');
      expect(await page.locator('#konfirmasi').count()).toBe(0);
      expect(await page.locator('input[type=radio]').count()).toBe(0);
      expect(await page.locator('#keadaan').innerText()).toContain(
        'Surat izin sudah diserahkan di loket pengambilan. Konfirmasi Anda sudah kami terima dan sedang dicatat. Terima kasih.',
      );
      await expectApplicantsOwn('pemohon-konfirmasi-diterima');
    } finally {
      engine.sendTaskSuccess = deliver;
      for (const go of held) go();
    }

    // Collected: the case closes, the survey counts in the IKM, and both pages say it is done.
    expect((await clerk.waitForStatus(caseId!, ['selesai', 'gagal'], 60_000)).status).toBe('selesai');
    const day = witaDateTime(new Date((await getCase(paraf.runtime.dynamo, 'paraf', caseId!))!.createdAt)).date;
    const ikm = (
      (await clerk.json(`/api/dasbor?sop=SOP-LP2N-PPK-01&from=${day}&to=${day}`)).body.sops as {
        ikm: { respondents: number } | null;
      }[]
    )[0]!.ikm;
    expect(ikm?.respondents).toBe(1);
    // The trail names the applicant, on their own page, as the one who confirmed: not the front office holding the step.
    const history = (await clerk.json(`/api/cases/${caseId}`)).body.history as {
      action: string;
      notes: string;
      actor: { id: string; name: string } | null;
    }[];
    // The step's own line (the closing line after it repeats the note, with no actor, at the same moment).
    const confirmed = history.find(
      (event) =>
        event.action.startsWith('Langkah 13') && event.notes.startsWith('Penerimaan surat izin dikonfirmasi pemohon'),
    );
    expect(confirmed?.actor).toEqual({ id: 'pemohon', name: 'Pemohon (di halaman pemohon)' });
    await openStage(own, 'Sudah diserahkan');
    expect(await page.locator('#keadaan').innerText()).toContain('sudah dikonfirmasi');
    expect(await page.locator('#konfirmasi').count()).toBe(0);
    await expectApplicantsOwn('pemohon-selesai');
    await page.goto(`${paraf.url}/cek-status?berkas=${encodeURIComponent(fileNumber!)}&kode=${receiptCode}`);
    expect(await page.locator('#keadaan h2').innerText()).toBe('Sudah diserahkan');
    await expectApplicantsOwn('cek-status-selesai');
    // A second confirmation records nothing.
    const again = await expectNothingChanged(paraf, 'a second confirmation', () =>
      fetch(`${paraf.url}/pemohon`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: paraf.url },
        body: new URLSearchParams({ berkas: fileNumber!, kode: receiptCode!, aksi: 'lewati' }),
      }),
    );
    expect(again.status).toBe(409);
    // Sent again (a reload): said as done, not as a failure.
    const againText = await again.text();
    expect(againText).toContain('<h1>Sudah dicatat</h1>');
    expect(againText).not.toContain('tidak dapat dicatat');
    // A wrong code and an unknown field are refused as the applicant would read it, and change nothing.
    const post = (fields: Record<string, string>) =>
      fetch(`${paraf.url}/pemohon`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: paraf.url },
        body: new URLSearchParams(fields),
      });
    // Besides the count of this client's wrong codes (throttle.ts), which a wrong pair adds to.
    await expectNothingChanged(
      paraf,
      'refused confirmations',
      async () => {
        const wrongCode = await post({ berkas: fileNumber!, kode: 'SALAH-KODE', aksi: 'lewati' });
        expect(wrongCode.status).toBe(404);
        expect(await wrongCode.text()).toContain(wrongText);
        const extra = await post({ berkas: fileNumber!, kode: receiptCode!, aksi: 'lewati', status: 'selesai' });
        expect(extra.status).toBe(400);
        expect(await extra.text()).toContain('Isian tidak dikenal: status.');
        // Opening the page by posting takes the file number, the code and its action only: a survey's answer is refused.
        const opened = await post({ berkas: fileNumber!, kode: receiptCode!, aksi: 'buka' });
        expect(opened.status).toBe(200);
        expect(await opened.text()).toContain('Sudah diserahkan');
        const openedWithAnswer = await post({ berkas: fileNumber!, kode: receiptCode!, aksi: 'buka', u1: '4' });
        expect(openedWithAnswer.status).toBe(400);
        expect(await openedWithAnswer.text()).toContain('Isian tidak dikenal: u1.');
        const openedWrong = await post({ berkas: fileNumber!, kode: 'SALAH-KODE', aksi: 'buka' });
        expect(openedWrong.status).toBe(404);
        const status = await fetch(`${paraf.url}/cek-status`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: paraf.url },
          body: new URLSearchParams({ berkas: fileNumber!, kode: receiptCode!, aksi: 'lewati' }),
        });
        expect(status.status).toBe(400);
        expect(await status.text()).toContain('Isian tidak dikenal: aksi. Status belum dicek.');
      },
      wrongReceiptCodeCount,
    );
    // Four moments, each e-mailed once.
    expect(applicantMails().map((m) => m.subject)).toEqual([
      received.subject,
      returned.subject,
      ready.subject,
      collected.subject,
    ]);
  }, 480_000);

  it("hears why the file went back when the front office's own step asks them for the correction (PAR-05 step 8)", async () => {
    const clerk = new Clerk(paraf.url, credentials);
    const email = 'humas@pameran-etam.test';
    const application = completeApplication(paraf.runtime.sop('SOP-LP2N-PAR-05'), 'PT Pameran Etam');
    application.applicant.email = email;
    const submitted = await clerk.submit(application);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { fileNumber, receiptCode } = submitted.body as Record<string, string>;
    const link = await approveUntil(clerk, fileNumber!, 7);
    const reason = 'Denah lokasi pameran belum dilampirkan';
    expect((await clerk.decide(link.url, { decision: 'return', returnTo: '8', note: reason })).status).toBe(200);

    // The front office's step 8 asks the applicant: the applicant is e-mailed the reason, and their page shows it.
    const frontOffice = await nextLink(clerk, fileNumber!);
    expect(frontOffice.step).toBe(8);
    const outbox = () => new OutboxMail(dataDir, 'uji@paraf.test').list();
    const asked = outbox().find((m) => m.links[0]?.url === frontOffice.url);
    expect(asked?.text).toContain(`Alasan pengembalian: ${reason}`);
    expect(asked?.text).toContain('Alasan ini juga dikirim kepada pemohon melalui e-mail.');
    const mails = () => outbox().filter((mail) => mail.to === email);
    // Written after the front office's link is mailed (request-action's last step): waited for as a person reloads.
    const told = () => mails().find((mail) => mail.subject.includes('Mohon perbaiki'))?.text ?? '';
    await expect.poll(told, { timeout: 60_000 }).toContain(`Alasan: ${reason}`);
    expect(told()).toContain('Bawa ke loket');
    const own = `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=${encodeURIComponent(receiptCode!)}`;
    await openStage(own, 'Dikembalikan untuk diperbaiki');
    expect(await page.locator('#keadaan').innerText()).toContain(reason);
    await expectApplicantsOwn('pemohon-dikembalikan-loket');
    // PAR-05's clock starts when the technical recommendation arrives: no date is promised before it.
    expect(await page.locator('main dl').innerText()).toContain(
      'ditetapkan setelah rekomendasi teknis dari instansi terkait diterima',
    );

    // The corrected file handed to the verifier: the page no longer says it waits on the applicant.
    expect((await clerk.decide(frontOffice.url, { decision: 'approve' })).status).toBe(200);
    expect((await nextLink(clerk, fileNumber!)).step).toBe(7);
    await openStage(own, 'Sedang diproses');
    expect(mails().filter((mail) => mail.subject.includes('Mohon perbaiki'))).toHaveLength(1);

    // An SOP that promises no service time (the DALAK SOPs) says so, rather than a date to come.
    const dalak = await clerk.submit(completeApplication(paraf.runtime.sop('SOP-DALAK-067-001'), 'PT Dipantau'));
    expect(dalak.status, JSON.stringify(dalak.body)).toBe(201);
    const opened = dalak.body as Record<string, string>;
    await page.goto(
      `${paraf.url}/pemohon?berkas=${encodeURIComponent(opened.fileNumber!)}&kode=${encodeURIComponent(opened.receiptCode!)}`,
    );
    expect(await page.locator('main dl').innerText()).toContain('SOP layanan ini tidak menetapkan waktu penyelesaian');
  }, 240_000);

  it('is told that a refused file is closed, why, and where to ask, by e-mail and on their page, with no promise left (PAR-05 step 7)', async () => {
    const clerk = new Clerk(paraf.url, credentials);
    const email = 'humas@pameran-ditolak.test';
    const application = completeApplication(paraf.runtime.sop('SOP-LP2N-PAR-05'), 'PT Pameran Ditolak');
    application.applicant.email = email;
    const submitted = await clerk.submit(application);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { fileNumber, receiptCode } = submitted.body as Record<string, string>;
    const link = await approveUntil(clerk, fileNumber!, 7);
    const reason = 'Pameran tidak diselenggarakan di wilayah Kalimantan Timur';
    expect((await clerk.decide(link.url, { decision: 'reject', note: reason })).status).toBe(200);

    const closing = () =>
      new OutboxMail(dataDir, 'uji@paraf.test').list().find((m) => m.to === email && m.subject.includes('ditutup'));
    await expect
      .poll(() => closing()?.subject, { timeout: 60_000 })
      .toBe(`Permohonan Anda ditutup: berkas ${fileNumber}`);
    const own = `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=${encodeURIComponent(receiptCode!)}`;
    const mail = closing()!;
    expect(mail.text).toContain(
      `Permohonan ${paraf.runtime.sop('SOP-LP2N-PAR-05').title} Anda dengan nomor berkas ${fileNumber} ditutup dan tidak dilanjutkan.\n\nAlasan: ${reason}\n\n`,
    );
    expect(mail.links.map((l) => l.url)).toEqual([own]);
    await openStage(own, 'Ditutup');
    const stage = await page.locator('#keadaan').innerText();
    expect(stage).toContain('Permohonan ini ditutup dan tidak dilanjutkan.');
    expect(stage).toContain(`Alasan: ${reason}`);
    expect(stage).toContain('datanglah ke loket kami');
    expect(await page.locator('main dl').innerText()).toContain('tidak berlaku lagi: permohonan ditutup');
    await expectApplicantsOwn('pemohon-ditutup');
  }, 240_000);

  it('is told to correct a returned LKPM in OSS RBA, not to bring papers to the counter (DALAK-006 step 5)', async () => {
    const clerk = new Clerk(paraf.url, credentials);
    const email = 'lkpm@borneo-agro.test';
    const sop = paraf.runtime.sop('SOP-DALAK-067-006');
    const application = completeApplication(sop, 'PT Borneo Agro Lestari');
    application.applicant.email = email;
    const submitted = await clerk.submit(application);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { fileNumber, receiptCode } = submitted.body as Record<string, string>;
    const link = await approveUntil(clerk, fileNumber!, 5);
    const reason = 'Nilai realisasi investasi triwulan III tidak sesuai';
    expect((await clerk.decide(link.url, { decision: 'return', returnTo: 'applicant', note: reason })).status).toBe(
      200,
    );

    const told = () =>
      new OutboxMail(dataDir, 'uji@paraf.test')
        .list()
        .find((m) => m.to === email && m.subject.includes('Mohon perbaiki'));
    await expect.poll(() => told()?.text ?? '', { timeout: 60_000 }).toContain(`Alasan: ${reason}`);
    expect(told()?.text).toContain(
      'Perbaiki melalui OSS RBA sesuai alasan di atas; tidak ada yang perlu dibawa ke loket.',
    );
    expect(told()?.text).not.toContain('Bawa ke loket');
    const own = `${paraf.url}/pemohon?berkas=${encodeURIComponent(fileNumber!)}&kode=${encodeURIComponent(receiptCode!)}`;
    await openStage(own, 'Dikembalikan untuk diperbaiki');
    const stage = await page.locator('#keadaan').innerText();
    expect(stage).toContain('Perbaiki melalui OSS RBA sesuai alasan di atas');
    expect(stage).not.toContain('Bawa ke loket');
    await expectApplicantsOwn('pemohon-lkpm-dikembalikan');

    // The business never answers: the front office closes the file at the correction wait, in Chromium.
    const wait = await nextLink(clerk, fileNumber!);
    // The e-mail went to the official the wait is asked of; the front office signs in as them.
    const asked = new OutboxMail(dataDir, 'uji@paraf.test').list().find((m) => m.links.some((l) => l.url === wait.url));
    const front = paraf.runtime.staff.officials.find((o) => o.email === asked?.to);
    expect(front, `no official with the address ${asked?.to}`).toBeDefined();
    // A page of its own: the applicant's page above is seen signed out, whatever the order of the tests.
    const staffPage = await newPersonPage(at.browser);
    try {
      await signInPage(staffPage, paraf.url, credentials, front!.id);
      await staffPage.goto(wait.url);
      await staffPage.fill('#note-reject', 'Tidak ada tanggapan perusahaan sampai batas waktu');
      await checkAtBothWidths(staffPage, 'lkpm-tutup-tanpa-perbaikan');
      await submitByClick(
        staffPage,
        staffPage.getByRole('button', {
          name: 'Tutup berkas tanpa perbaikan: pemohon menarik berkas, membuat permohonan baru, atau tidak menanggapi',
        }),
      );
      expect(await staffPage.locator('p.ok').innerText()).toContain(
        'Berkas ditutup tanpa perbaikan pemohon, sesuai SOP.',
      );
      await checkAtBothWidths(staffPage, 'lkpm-ditutup-konfirmasi');
    } finally {
      await staffPage.context().close();
    }
  }, 240_000);
});
