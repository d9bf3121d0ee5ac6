import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { witaDateTime } from '#clock/wita.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { OutboxMail } from '#mail/outbox-mail.ts';
import { getCase } from '#records/case-records.ts';
import { findOpenLink } from '#records/links.ts';
import { completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { allDayCalendar } from '../support/all-day-calendar.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * The applicant's own step (confirming receipt of the permit on their page) left past its due time:
 * the applicant is reminded in their words, once; nobody is escalated to (the applicant has no
 * superior), the front office is told nothing more, and the file keeps waiting for the applicant,
 * whose page still takes the confirmation.
 */

const work = tempDataDir('paraf-pengingat-pemohon-');
afterAll(() => removeDir(work));
// As escalation.test.ts: an office open all day, waits fast-forwarded 50,000 times (a working day in under two seconds).
const at = parafForFile({
  prefix: 'paraf-pengingat-pemohon-',
  dataDir: join(work, 'data'),
  timeScale: 0.00002,
  config: { calendarFile: allDayCalendar(work) },
});
const APPLICANT = 'direksi@mahakam-niaga.test';

/** Every e-mail sent so far, with its text, from the local outbox folder. */
const sentMail = () => new OutboxMail(at.dataDir, 'uji').list();

/** Polls until `until` holds of the value `read` gives; the ceiling is far above what the scaled rounds take. */
async function poll<T>(read: () => Promise<T> | T, until: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; ; ) {
    const value = await read();
    if (until(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the applicant's own step left past its due time", () => {
  it('reminds the applicant in their words once, escalates to nobody, and still takes their confirmation', async () => {
    const { paraf, clerk } = at;
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const own = sop.steps.find((s) => s.kind === 'applicant-action' && s.collectsSurvey)!;
    const application = completeApplication(sop);
    application.applicant.email = APPLICANT;
    const submitted = await clerk.submit(application);
    const { id, fileNumber, receiptCode } = submitted.body as Record<string, string>;
    const caseOf = async () => (await getCase(paraf.runtime.dynamo, 'paraf', id!))!;

    let link = await clerk.nextLink(fileNumber!);
    for (; link && link.step !== own.no; link = await clerk.nextLink(fileNumber!))
      expect((await clerk.decide(link.url, { decision: 'approve' })).status, link.subject).toBe(200);
    expect(link?.subject).toContain('menunggu konfirmasi pemohon');
    // Its first due time, read before the first round re-asks it (seconds away, scaled).
    const firstDue = (await caseOf()).current!.dueAt;
    // This file's page: the other case of this file mails the same applicant (tests run in any order).
    const pageUrl = sentMail().find(
      (m) => m.to === APPLICANT && m.links[0]?.url.includes(`berkas=${encodeURIComponent(fileNumber!)}&`),
    )!.links[0]!.url;

    const subject = `Pengingat konfirmasi penerimaan surat izin: berkas ${fileNumber}`;
    const reminder = await poll(sentMail, (all) => all.some((m) => m.subject === subject)).then((all) =>
      all.find((m) => m.subject === subject),
    );
    expect(reminder, 'no reminder to the applicant').toBeDefined();
    expect(reminder!.to).toBe(APPLICANT);
    const text = reminder!.text;
    expect(text).toContain(
      `Batas waktu konfirmasi, ${formatTanggal(witaDateTime(new Date(firstDue)).date)}, sudah lewat.`,
    );
    expect(text).toContain(
      'Mohon konfirmasi bahwa surat izin sudah Anda terima di halaman pemohon, dan bantu kami dengan mengisi survei kepuasan masyarakat',
    );
    expect(text).toContain('Berkas Anda tidak ditutup; berkas tetap menunggu konfirmasi Anda.');
    expect(text).toContain('petugas dapat mencatat penerimaannya atas nama Anda');
    expect(text).toContain(`${pageUrl}\n`);
    expect(text).toContain(`kode tanda terima ${receiptCode}`);
    expect(reminder!.links).toEqual([{ label: 'Halaman pemohon', url: pageUrl }]);
    // An official's words, a catalog id or an English word have no place in it.
    for (const word of [
      /atasan/i,
      /eskalasi/i,
      /keputusan/i,
      /putuskan/i,
      /SOP-/,
      /front-office/,
      /deadline|reminder/i,
    ])
      expect(text).not.toMatch(word);

    // Re-asked twice more (each asking re-points the front office's link to a new task token): past the
    // round in which an official's supervisor is given a link of their own.
    const { officialId } = (await caseOf()).current!;
    const tokenNow = async () =>
      (await findOpenLink(paraf.runtime.dynamo, 'paraf', id!, own.no, 'step', officialId))!.token;
    const tokens = new Set([await tokenNow()]);
    await poll(
      async () => tokens.add(await tokenNow()).size,
      (size) => size >= 3,
    );
    expect(tokens.size, 'the step was not asked again twice').toBeGreaterThanOrEqual(3);
    const aboutIt = sentMail().filter((m) => m.subject.includes(fileNumber!) && m.id > reminder!.id);
    expect(aboutIt.map((m) => m.subject)).toEqual([]);
    const ofTheStep = sentMail().filter((m) =>
      new RegExp(`berkas ${fileNumber}: langkah ${own.no}\\b`, 'i').test(m.subject),
    );
    expect(ofTheStep.map((m) => m.subject)).toEqual([link!.subject]);
    expect(sentMail().filter((m) => m.subject === subject)).toHaveLength(1);

    // The applicant's page still takes the confirmation after the due time: the file closes as completed.
    const confirmed = await clerk.fetch('/pemohon', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ berkas: fileNumber!, kode: receiptCode!, aksi: 'lewati' }),
    });
    expect(confirmed.status).toBe(200);
    expect((await clerk.waitForStatus(id!, ['selesai'])).status).toBe('selesai');
  }, 300_000);

  it("reminds the applicant of a correction they have not brought, and tells the front office and its supervisor it is the applicant's wait", async () => {
    const { paraf, clerk } = at;
    const application = completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01'), 'PT Perbaikan Lambat');
    application.applicant.email = APPLICANT;
    const { fileNumber, receiptCode } = (await clerk.submit(application)).body as Record<string, string>;
    const step6 = (await clerk.nextLink(fileNumber!))!;
    expect(step6.step).toBe(6);
    const reason = 'Akta pendirian belum dilegalisir notaris';
    const returnedDays = new Set([formatTanggal(witaDateTime(new Date()).date)]);
    expect((await clerk.decide(step6.url, { decision: 'return', returnTo: 'applicant', note: reason })).status).toBe(
      200,
    );
    returnedDays.add(formatTanggal(witaDateTime(new Date()).date));

    const found = (subject: string) =>
      poll(sentMail, (all) => all.some((m) => m.subject === subject)).then((all) =>
        all.find((m) => m.subject === subject),
      );
    const applicants = await found(`Pengingat: perbaikan berkas ${fileNumber} belum kami terima`);
    expect(applicants, 'no reminder to the applicant').toBeDefined();
    expect(applicants!.to).toBe(APPLICANT);
    expect(
      [...returnedDays].some((day) =>
        applicants!.text.includes(
          `dikembalikan untuk diperbaiki pada ${day}, dan sampai hari ini berkas perbaikannya belum kami terima.`,
        ),
      ),
    ).toBe(true);
    expect(applicants!.text).toContain(`Alasan: ${reason}`);
    expect(applicants!.text).toContain(`Bawa ke loket:\n- Tanda terima berkas (nomor berkas ${fileNumber})`);
    expect(applicants!.text).toContain('Berkas Anda tidak ditutup; berkas tetap menunggu perbaikan Anda');
    expect(applicants!.text).toContain(`kode tanda terima ${receiptCode}`);
    for (const word of [/atasan/i, /eskalasi/i, /keputusan/i, /SOP-/, /front-office/, /batas waktu/i])
      expect(applicants!.text).not.toMatch(word);

    // The front office's first e-mail says what it waits for: the applicant's corrected file, returned by whom and why.
    const asked = await found(
      `[SOP-LP2N-PPK-01] Berkas ${fileNumber}: langkah 6, dikembalikan kepada pemohon untuk diperbaiki, menunggu berkas perbaikan`,
    );
    expect(asked, 'no e-mail to the front office when the file went back').toBeDefined();
    expect(asked!.to).toBe('loket@dpmptsp.test');
    expect(asked!.text).toMatch(/dikembalikan oleh .+ \(.+, langkah 6\) kepada pemohon untuk diperbaiki/);
    expect(asked!.text).toContain(`Alasan pengembalian: ${reason}`);
    expect(asked!.text).toContain('Alasan ini juga dikirim kepada pemohon melalui e-mail.');
    expect(asked!.text).toContain('Saat pemohon menyerahkan berkas perbaikan di loket, buka tautan berikut');
    expect(asked!.text).not.toContain('menunggu tindakan Anda');
    expect(asked!.text).not.toContain('dikembalikan kepada Anda');

    // The front office holds the link: reminded that the applicant has not brought it, not that it has not decided.
    const office = await found(
      `[SOP-LP2N-PPK-01] Pengingat berkas ${fileNumber}: langkah 6, berkas perbaikan pemohon belum diterima`,
    );
    expect(office, 'no reminder to the front office').toBeDefined();
    expect(office!.to).toBe('loket@dpmptsp.test');
    expect(office!.text).toContain('pemohon belum menyerahkan berkas perbaikannya');
    expect(office!.text).toMatch(/sampai \d{1,2} \S+ \d{4} pukul \d{2}\.\d{2} WITA, atasan Anda juga menerima tautan/);
    expect(office!.text).not.toContain('menunggu keputusan Anda');

    // Its supervisor's escalation: the applicant has not acted; the front office is not blamed.
    const escalation = await found(
      `[SOP-LP2N-PPK-01] Eskalasi berkas ${fileNumber}: langkah 6, berkas perbaikan pemohon belum diterima`,
    );
    expect(escalation, 'no escalation').toBeDefined();
    expect(escalation!.to).toBe('kasi.layanan@dpmptsp.test');
    expect(escalation!.text).toContain(
      'pemohon belum menyerahkan berkas perbaikannya. Yang ditunggu adalah pemohon, bukan ',
    );
    expect(escalation!.text).not.toContain('belum diputuskan oleh');
    expect(sentMail().filter((m) => m.subject.includes(`Eskalasi berkas ${fileNumber}: langkah 6`))).toHaveLength(1);
    expect(
      sentMail().filter(
        (m) => m.to === APPLICANT && m.subject.startsWith('Pengingat') && m.subject.includes(fileNumber!),
      ),
    ).toHaveLength(1);

    // The supervisor's own link records the corrected file: the case goes back to step 6.
    const fresh = escalation!.links[0]!.url;
    expect((await clerk.decide(fresh, { decision: 'approve' })).status).toBe(200);
    expect((await clerk.nextLink(fileNumber!))?.step).toBe(6);
  }, 300_000);
});
