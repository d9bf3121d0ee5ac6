import { describe, expect, it } from 'vitest';
import {
  applicantGreeting,
  applicantClosedMail,
  actionRequestMail,
  applicantCorrectionReminderMail,
  applicantReturnedMail,
  applicantReminderMail,
  correctionEscalationMail,
  correctionReminderMail,
  escalationMail,
  reminderMail,
} from '#mail/mail-templates.ts';
import { officeForApplicants } from '#cases/notify-applicant.ts';
import { correctedIn } from '#cases/applicant-needs.ts';
import { applicantStep } from '#sop/applicant-step.ts';
import { findSop, loadRevisions } from '#sop/load-catalog.ts';

/**
 * The front office's e-mail for the applicant's own step (receiving the permit): the applicant confirms
 * it on their page, the front office only for one at the counter. Any other step keeps "menunggu Anda".
 */
const sop = findSop('SOP-LP2N-PPK-01')!;
const own = sop.steps.find((s) => s.kind === 'applicant-action' && s.collectsSurvey)!;
/** The front office's address, the file and the link every e-mail below is about. */
const frontOffice = {
  to: { name: 'Siti Nurhaliza', email: 'loket@paraf.test' },
  case: { sop: sop.id, fileNumber: 'API-U/2026/00001', applicantName: 'PT Borneo Impor Jaya' },
  url: 'https://paraf.test/a/abc',
};
const asked = (step: number, what: string, applicantsOwn?: { collectsSurvey?: boolean }) =>
  actionRequestMail({
    ...frontOffice,
    applicantsOwn,
    step,
    laneLabel: 'petugas yang mewakili Pemohon/Pelanggan',
    what,
    previousNote: undefined,
    expiresOn: '5 Januari 2027',
  });

describe('the e-mail for the wait for a correction', () => {
  it("says the front office waits for the applicant's corrected file, who returned it and why, and what its link records", () => {
    const mail = actionRequestMail({
      ...frontOffice,
      step: 6,
      laneLabel: 'Petugas Loket',
      what: 'Berkas dikembalikan kepada pemohon untuk diperbaiki; catat penerimaan berkas perbaikan',
      previousNote: 'Akta belum dilegalisir',
      expiresOn: '5 Januari 2027',
      returnedBy: { name: 'Rahmat Hidayat', role: 'Petugas Verifikasi', fromStep: 6 },
      applicantCorrection: { applicantMailed: false },
    });
    expect(mail.subject).toBe(
      `[${sop.id}] Berkas API-U/2026/00001: langkah 6, dikembalikan kepada pemohon untuk diperbaiki, menunggu berkas perbaikan`,
    );
    expect(mail.text).toContain(
      'Berkas API-U/2026/00001 (PT Borneo Impor Jaya) dikembalikan oleh Rahmat Hidayat (Petugas Verifikasi, langkah 6) kepada pemohon untuk diperbaiki.\nAlasan pengembalian: Akta belum dilegalisir',
    );
    expect(mail.text).toContain('(berlaku sampai 5 Januari 2027):\nhttps://paraf.test/a/abc');
    expect(mail.text).not.toMatch(/menunggu (tindakan )?Anda/);
    // This applicant gave no e-mail address: the front office is told to tell them itself.
    expect(mail.text).toContain('Pemohon tidak memberikan alamat e-mail, jadi tidak menerima alasan ini dari sistem');
  });
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

/** The applicant's own step past its due time: the applicant is reminded in their words; an official's reminder is as it was. */
describe("the reminder of the applicant's own step", () => {
  const line = {
    to: 'direksi@borneo-impor.test',
    applicantName: 'PT Borneo Impor Jaya',
    fileNumber: 'API-U/2026/00001',
    receiptCode: 'K7QX-2MPB',
    serviceTitle: sop.title,
    pageUrl: 'https://paraf.test/pemohon?berkas=API-U%2F2026%2F00001&kode=K7QX-2MPB',
    office: officeForApplicants(),
  };

  it('asks the applicant for what the step waits for, says the date passed, and that the file stays open for them', () => {
    const mail = applicantReminderMail({ ...line, survey: true, dueOn: '11 Desember 2026' });
    expect(mail.to).toBe(line.to);
    expect(mail.subject).toBe('Pengingat konfirmasi penerimaan surat izin: berkas API-U/2026/00001');
    expect(mail.text).toMatch(/^Yth\. Pimpinan PT Borneo Impor Jaya,\n\nSurat izin permohonan /);
    expect(mail.text).toContain(
      `${sop.title} Anda sudah diserahkan di loket pengambilan, tetapi penerimaannya belum Anda konfirmasi.`,
    );
    expect(mail.text).toContain('Batas waktu konfirmasi, 11 Desember 2026, sudah lewat.');
    expect(mail.text).toContain('dan bantu kami dengan mengisi survei kepuasan masyarakat');
    expect(mail.text).toContain('Berkas Anda tidak ditutup; berkas tetap menunggu konfirmasi Anda.');
    expect(mail.text).toContain(`${line.pageUrl}\n`);
    expect(mail.text).toContain('kode tanda terima K7QX-2MPB');
    expect(mail.links).toEqual([{ label: 'Halaman pemohon', url: line.pageUrl }]);
    expect(mail.text).toMatch(
      /\n\nHormat kami,\nDinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur\n/,
    );
    for (const official of [/atasan/i, /eskalasi/i, /keputusan/i, /SOP-/]) expect(mail.text).not.toMatch(official);
  });

  it('asks for no survey where the step collects none, and names no date where none is known', () => {
    const mail = applicantReminderMail({ ...line, survey: false, dueOn: undefined });
    expect(mail.text).not.toContain('survei');
    expect(mail.text).toContain('belum Anda konfirmasi. Batas waktu konfirmasi sudah lewat.\n');
  });

  it("keeps an official's reminder as it was: their decision, and the escalation to their supervisor", () => {
    const mail = reminderMail({
      to: { name: 'Budi Santoso', email: 'pemrosesan@paraf.test' },
      case: { sop: sop.id, fileNumber: 'API-U/2026/00001', applicantName: 'PT Borneo Impor Jaya' },
      step: 6,
      url: 'https://paraf.test/a/abc',
      escalatesAt: '3 Desember 2026 pukul 11.00 WITA',
    });
    expect(mail.text).toContain('menunggu keputusan Anda');
    expect(mail.text).toContain('sampai 3 Desember 2026 pukul 11.00 WITA, berkas ini dieskalasi kepada atasan Anda.');
    // Where nobody is above (the Kepala's lane), no escalation is promised.
    const top = reminderMail({
      to: { name: 'Dr. H. Bambang Suryadi', email: 'kepala@paraf.test' },
      case: { sop: sop.id, fileNumber: 'API-U/2026/00001', applicantName: 'PT Borneo Impor Jaya' },
      step: 10,
      url: 'https://paraf.test/a/abc',
      escalatesAt: undefined,
    });
    expect(top.text).toContain('menunggu keputusan Anda');
    expect(top.text).not.toMatch(/atasan|dieskalasi/i);
  });

  it("gives the applicant's own step no supervisor in any SOP: nobody is escalated to for it", () => {
    const owns = loadRevisions().flatMap((each) => {
      const step = applicantStep(each);
      return step ? [{ sop: each, lane: each.lanes.find((lane) => lane.id === step.lane)! }] : [];
    });
    expect(owns.length).toBeGreaterThanOrEqual(3);
    for (const { sop: each, lane } of owns) {
      expect(lane.external, each.id).toBe(true);
      expect(lane.supervisor, each.id).toBeUndefined();
    }
  });
});

/** The wait for the applicant's correction past the office's working days: the applicant's wait, said as such to everyone. */
describe('the reminders of a correction the applicant has not brought', () => {
  const fileNumber = 'API-U/2026/00001';
  const step = {
    to: { name: 'Siti Nurhaliza', email: 'loket@paraf.test' },
    case: { sop: sop.id, fileNumber, applicantName: 'PT Borneo Impor Jaya' },
    step: 6,
    url: 'https://paraf.test/a/abc',
  };

  const applicant = {
    to: 'direksi@borneo-impor.test',
    applicantName: 'PT Borneo Impor Jaya',
    fileNumber,
    receiptCode: 'K7QX-2MPB',
    serviceTitle: sop.title,
    pageUrl: 'https://paraf.test/pemohon?berkas=x&kode=K7QX-2MPB',
    office: officeForApplicants(),
    reason: 'Akta pendirian belum dilegalisir notaris',
    bring: ['Tanda terima berkas', 'Akta pendirian yang dilegalisir'],
  };

  it('says the promised time stays paused only where it was paused (an SOP with a service time and its date)', () => {
    const paused = 'waktu penyelesaian tetap berhenti dihitung sampai berkas perbaikan kami terima';
    const returnedOn = '1 Desember 2026';
    expect(applicantCorrectionReminderMail({ ...applicant, returnedOn, clockPaused: true }).text).toContain(paused);
    expect(applicantCorrectionReminderMail({ ...applicant, returnedOn, clockPaused: false }).text).not.toMatch(
      /waktu penyelesaian/i,
    );
    const returned = (clockPaused: boolean) => applicantReturnedMail({ ...applicant, clockPaused }).text;
    expect(returned(true)).toContain('Waktu penyelesaian berhenti dihitung sampai berkas perbaikan kami terima.');
    expect(returned(false)).not.toMatch(/waktu penyelesaian/i);
    expect(returned(false)).toContain('Bawa ke loket:\n- Tanda terima berkas\n- Akta pendirian yang dilegalisir');
  });

  it('reminds the applicant why it came back and what to bring, names no deadline of theirs, and keeps the file open', () => {
    const mail = applicantCorrectionReminderMail({ ...applicant, returnedOn: '1 Desember 2026', clockPaused: true });
    expect(mail.subject).toBe(`Pengingat: perbaikan berkas ${fileNumber} belum kami terima`);
    expect(mail.text).toContain(
      'dikembalikan untuk diperbaiki pada 1 Desember 2026, dan sampai hari ini berkas perbaikannya belum kami terima.',
    );
    expect(mail.text).toContain('Alasan: Akta pendirian belum dilegalisir notaris');
    expect(mail.text).toContain('Bawa ke loket:\n- Tanda terima berkas\n- Akta pendirian yang dilegalisir');
    expect(mail.text).toContain('Berkas Anda tidak ditutup; berkas tetap menunggu perbaikan Anda');
    for (const word of [/atasan/i, /eskalasi/i, /batas waktu/i, /SOP-/]) expect(mail.text).not.toMatch(word);
  });

  it('says to correct it where the SOP has it corrected, not at the counter (DALAK-006: the LKPM, in OSS RBA)', () => {
    const lkpm = findSop('dalak-006')!;
    expect(correctedIn(lkpm, { step: 4, purpose: 'applicant-correction' })).toBe('OSS RBA');
    expect(correctedIn(lkpm, { step: 4, purpose: 'step' })).toBeUndefined();
    expect(correctedIn(sop, { step: 6, purpose: 'applicant-correction' })).toBeUndefined();
    const where = { ...applicant, serviceTitle: lkpm.title, correctedIn: 'OSS RBA' };
    for (const mail of [
      applicantReturnedMail({ ...where, clockPaused: false }),
      applicantCorrectionReminderMail({ ...where, returnedOn: '1 Desember 2026', clockPaused: false }),
    ]) {
      expect(mail.text).toContain(
        'Perbaiki melalui OSS RBA sesuai alasan di atas; tidak ada yang perlu dibawa ke loket. Kami memeriksanya kembali setelah perbaikan Anda tercatat di OSS RBA.',
      );
      expect(mail.text).not.toContain('Bawa ke loket');
    }
  });

  it('tells the front office and its supervisor that the applicant has not brought it, not that the front office has not decided', () => {
    const reminder = correctionReminderMail({ ...step, escalatesAt: '3 Desember 2026 pukul 11.00 WITA' });
    const escalation = correctionEscalationMail({
      ...step,
      to: { name: 'Ir. Ahmad Fauzi', email: 'kasi@paraf.test' },
      holderName: 'Siti Nurhaliza',
      laneLabel: 'Petugas Informasi / CS / Loket Pendaftaran',
    });
    for (const mail of [reminder, escalation]) {
      expect(mail.subject).toContain(`berkas ${fileNumber}: langkah 6, berkas perbaikan pemohon belum diterima`);
      expect(mail.text).toContain('pemohon belum menyerahkan berkas perbaikannya');
      expect(mail.text).not.toMatch(/menunggu keputusan Anda|belum diputuskan oleh/);
    }
    expect(reminder.text).toContain('sampai 3 Desember 2026 pukul 11.00 WITA, atasan Anda juga menerima tautan');
    expect(escalation.text).toContain('Yang ditunggu adalah pemohon, bukan Siti Nurhaliza');
  });

  it("keeps an official's escalation as it was: the holder has not decided", () => {
    const mail = escalationMail({
      ...step,
      to: { name: 'Ir. Ahmad Fauzi', email: 'kasi@paraf.test' },
      holderName: 'Budi Santoso',
      laneLabel: 'Petugas Pemrosesan',
      what: 'Periksa berkas',
    });
    expect(mail.text).toContain('belum diputuskan oleh Budi Santoso (Petugas Pemrosesan)');
  });
});

describe('an e-mail to an applicant', () => {
  it('greets a business through its leader and a person by name', () => {
    expect(applicantGreeting('PT Borneo Impor Jaya')).toBe('Yth. Pimpinan PT Borneo Impor Jaya,');
    expect(applicantGreeting('CV Etam Kreasi Event')).toBe('Yth. Pimpinan CV Etam Kreasi Event,');
    expect(applicantGreeting('Koperasi Nelayan Mahakam')).toBe('Yth. Pimpinan Koperasi Nelayan Mahakam,');
    expect(applicantGreeting('Yohanes Pattiasina')).toBe('Yth. Yohanes Pattiasina,');
    // A name that only begins with the letters is a person's.
    expect(applicantGreeting('Ptolemeus Hadi')).toBe('Yth. Ptolemeus Hadi,');
    expect(applicantGreeting('  BUMDes Maju Bersama ')).toBe('Yth. Pimpinan BUMDes Maju Bersama,');
    // Pd. (a pastor), a person's name beginning "Fa", and small letters are a person's, not a business's.
    expect(applicantGreeting('Pd. Hendra Wijaya')).toBe('Yth. Pd. Hendra Wijaya,');
    expect(applicantGreeting('Fa Hui Lim')).toBe('Yth. Fa Hui Lim,');
    expect(applicantGreeting('pt maju')).toBe('Yth. pt maju,');
  });

  it('that closes the file says how it closed, with the reason of a closing, the page and its code, and ends with the office that writes', () => {
    const line = {
      to: 'direksi@borneo-impor.test',
      applicantName: 'PT Borneo Impor Jaya',
      fileNumber: 'API-U/2026/00001',
      receiptCode: 'K7QF-29X0',
      serviceTitle: 'Layanan Penerbitan Angka Pengenal Importir Umum (API-U)',
      pageUrl: 'https://paraf.test/pemohon?berkas=API-U%2F2026%2F00001&kode=K7QF-29X0',
      office: officeForApplicants(),
    };
    const done = applicantClosedMail({ ...line, outcome: 'completed', note: undefined });
    expect(done.subject).toBe('Permohonan Anda selesai: berkas API-U/2026/00001');
    expect(done.text).toContain(
      'Permohonan Layanan Penerbitan Angka Pengenal Importir Umum (API-U) Anda dengan nomor berkas API-U/2026/00001 telah selesai diproses.',
    );
    const closed = applicantClosedMail({ ...line, outcome: 'rejected', note: ' Perusahaan menarik permohonannya. ' });
    expect(closed.subject).toBe('Permohonan Anda ditutup: berkas API-U/2026/00001');
    expect(closed.text).toContain('ditutup dan tidak dilanjutkan.\n\nAlasan: Perusahaan menarik permohonannya.\n\n');
    expect(closed.text).toContain('datanglah ke loket kami pada jam pelayanan: Senin sampai Kamis pukul 08.00');
    expect(applicantClosedMail({ ...line, outcome: 'rejected', note: '' }).text).not.toContain('Alasan');
    for (const mail of [done, closed]) {
      expect(mail.text).toMatch(/^Yth\. Pimpinan PT Borneo Impor Jaya,\n\n/);
      expect(mail.text).toContain('nomor berkas API-U/2026/00001 dan kode tanda terima K7QF-29X0');
      expect(mail.links).toEqual([{ label: 'Halaman pemohon', url: line.pageUrl }]);
      expect(mail.text).toMatch(
        /\n\nHormat kami,\nDinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur\nJalan Basuki Rahmat Nomor 55, Samarinda, Kalimantan Timur 75117\ndpmptsp\.kaltimprov\.go\.id$/,
      );
    }
  });
});
