import { describe, expect, it } from 'vitest';
import { officeLetterhead } from '#config/office-letterhead.ts';
import { officeForApplicants } from '#cases/notify-applicant.ts';
import { mailHtml } from '#mail/mail-html.ts';
import { applicantReadyMail } from '#mail/mail-templates.ts';

/** The HTML part reads in the plain text's order: a link's button where the text gives its address. */
describe("an e-mail's HTML part", () => {
  const ready = applicantReadyMail({
    to: 'direksi@mahakam.test',
    applicantName: 'PT Mahakam Niaga Sentosa',
    fileNumber: 'API-U/2026/00001',
    receiptCode: 'K7QF-29X0',
    serviceTitle: 'Layanan Penerbitan Angka Pengenal Importir Umum (API-U)',
    pageUrl: 'https://paraf.test/pemohon?berkas=API-U%2F2026%2F00001&kode=K7QF-29X0',
    office: officeForApplicants(),
    documents: ['Angka Pengenal Importir - Umum (API-U)'],
    bring: ['Surat tanda terima berkas awal'],
  });
  const html = mailHtml({ ...ready, dedupeKey: 'siap' }, 'Paraf DPMPTSP Kaltim');

  it("puts the applicant's page button after its words and before the office's sign-off, once", () => {
    const words = html.indexOf('Lihat keadaan berkas Anda kapan saja di halaman pemohon:');
    const button = html.indexOf('<a href="https://paraf.test/pemohon?berkas=API-U%2F2026%2F00001&amp;kode=K7QF-29X0"');
    const signOff = html.indexOf('Hormat kami,<br>Dinas Penanaman Modal');
    expect(words).toBeGreaterThan(0);
    expect(button).toBeGreaterThan(words);
    expect(signOff).toBeGreaterThan(button);
    expect(html.match(/<a href=/g)).toHaveLength(1);
  });

  it('gives a link whose words are its label as the button alone', () => {
    const closed = {
      to: 'direksi@mahakam.test',
      subject: 'Berkas API-U/2026/00001',
      text: `Yth. Pimpinan PT Mahakam Niaga Sentosa,\n\nCek status: https://paraf.test/cek-status\n\nHormat kami,\n${officeLetterhead().nama}`,
      links: [{ label: 'Cek status', url: 'https://paraf.test/cek-status' }],
    };
    expect(closed.text).toContain('Cek status: https://paraf.test/cek-status');
    const closedHtml = mailHtml({ ...closed, dedupeKey: 'tutup' }, 'Paraf DPMPTSP Kaltim');
    expect(closedHtml.match(/<a href=/g)).toHaveLength(1);
    expect(closedHtml.split('Cek status')).toHaveLength(2);
    expect(closedHtml.indexOf('Cek status')).toBeLessThan(closedHtml.indexOf('Hormat kami'));
  });
});
