import { describe, expect, it } from 'vitest';
import { actionRequestMail } from '#mail/mail-templates.ts';
import { findSop } from '#sop/load-catalog.ts';

/**
 * The front office's e-mail for the applicant's own step (receiving the permit): the applicant confirms
 * it on their page, the front office only for one at the counter. Any other step keeps "menunggu Anda".
 */
const sop = findSop('SOP-LP2N-PPK-01')!;
const own = sop.steps.find((s) => s.kind === 'applicant-action' && s.collectsSurvey)!;
const asked = (step: number, what: string, applicantsOwn?: { collectsSurvey?: boolean }) =>
  actionRequestMail({
    applicantsOwn,
    to: { name: 'Siti Nurhaliza', email: 'loket@paraf.test' },
    case: { sop: sop.id, fileNumber: 'API-U/2026/00001', applicantName: 'PT Borneo Impor Jaya' },
    step,
    url: 'https://paraf.test/a/abc',
    laneLabel: 'petugas yang mewakili Pemohon/Pelanggan',
    what,
    previousNote: undefined,
    expiresOn: '5 Januari 2027',
  });

describe("the e-mail for the applicant's own step", () => {
  it('says the applicant confirms it on their page, and the front office acts only at the counter', () => {
    const mail = asked(own.no, own.title, own);
    expect(mail.subject).toBe(`[${sop.id}] Berkas API-U/2026/00001: langkah ${own.no} menunggu konfirmasi pemohon`);
    expect(mail.text).toContain(`sampai pada langkah ${own.no}:\n${own.title}`);
    expect(mail.text).toContain('pemohon mengonfirmasi penerimaan surat izin dan mengisi survei kepuasan');
    expect(mail.text).toContain('Hanya bila pemohon datang ke loket');
    expect(mail.text).toContain('(berlaku sampai 5 Januari 2027):\nhttps://paraf.test/a/abc');
    expect(mail.text).not.toContain('menunggu tindakan Anda');
    expect(mail.links).toEqual([{ label: 'Catat atas nama pemohon di loket', url: 'https://paraf.test/a/abc' }]);
  });

  it('leaves a staff step as it was', () => {
    const staffStep = sop.steps.find((s) => s.kind === 'paraf-review')!;
    for (const mail of [asked(staffStep.no, staffStep.title)]) {
      expect(mail.subject).toMatch(/menunggu Anda$/);
      expect(mail.text).toContain('menunggu tindakan Anda');
      expect(mail.text).not.toContain('pemohon sendiri');
    }
  });
});
