import type { OfficeLetterhead } from '#config/office-letterhead.ts';
import type { MailMessage } from './mail-message.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';

/**
 * Every e-mail Paraf sends, worded in one place (Bahasa Indonesia, plain text, links written out).
 * The use cases say what happened; these say it to people. None sets `dedupeKey`: the sender does.
 */

type Mail = Omit<MailMessage, 'dedupeKey'>;

/** The case as every staff e-mail names it. */
export interface CaseLine {
  sop: string;
  fileNumber: string;
  applicantName: string;
}

/** An official an e-mail is sent to. */
interface Official {
  name: string;
  email: string;
}

/** A step of a case, the official it is about, and the step's link: what every step e-mail starts from. */
interface StepMail {
  to: Official;
  case: CaseLine;
  step: number;
  url: string;
}

/** Every staff e-mail greets its official by name; the body and the links are the mail's own. */
function staffMail(to: Official, subject: string, body: string, links: Mail['links']): Mail {
  return { to: to.email, subject, text: `Yth. ${to.name},\n\n${body}`, links };
}

/** What a step asks of its official, as the e-mail and the link's page say it. */
export function stepRequest(purpose: 'step' | 'applicant-correction', stepTitle: string | undefined, step: number) {
  return purpose === 'applicant-correction'
    ? 'Berkas dikembalikan kepada pemohon untuk diperbaiki; catat penerimaan berkas perbaikan'
    : (stepTitle ?? `Langkah ${step}`);
}

/** A deputy standing in for an official who is away. */
export interface StandingIn {
  name: string;
  as: 'an' | 'plh' | 'plt';
  until: string;
}

/** "Plh., menggantikan Hj. Nurul Aini, S.H., M.H. sampai 4 Desember 2026". */
export function standingInLine(stand: StandingIn): string {
  return `${CAPACITY_TITLE[stand.as]}, menggantikan ${stand.name} sampai ${formatTanggal(stand.until)}`;
}

/** An official's absence is recorded: the deputy learns what now waits for them. */
export function absenceMail(input: {
  to: Official;
  absent: { name: string };
  as: 'an' | 'plh' | 'plt';
  from: string;
  until: string;
  waiting: { fileNumber: string; step: number; url: string }[];
  tasksUrl: string;
}): Mail {
  const { to } = input;
  const list = input.waiting.length
    ? `Tugas yang sedang menunggu:\n${input.waiting.map((task) => `- Berkas ${task.fileNumber}, langkah ${task.step}: ${task.url}`).join('\n')}`
    : 'Saat ini tidak ada tugas yang menunggu.';
  return staffMail(
    to,
    `Anda ditunjuk sebagai ${CAPACITY_TITLE[input.as]} menggantikan ${input.absent.name}`,
    `Selama ${input.absent.name} tidak hadir (${formatTanggal(input.from)} sampai ${formatTanggal(input.until)}), tugas dan tanda tangan pada jalur kerjanya dikerjakan oleh Anda sebagai ${CAPACITY_TITLE[input.as]}, dengan akun dan sertifikat Anda sendiri.\n\n${list}\n\nDaftar tugas Anda: ${input.tasksUrl}`,
    [{ label: 'Tugas saya', url: input.tasksUrl }],
  );
}

/** A step waits for an official: the link to decide it. */
export function actionRequestMail(
  input: StepMail & {
    laneLabel: string;
    what: string;
    previousNote: string | undefined;
    expiresOn: string;
    /** The step is asked of an official who is away: the deputy gets it, saying for whom and until when. */
    standingInFor?: StandingIn | undefined;
    /** The file comes back through a send-back: who returned it, in which role, from which step. */
    returnedBy?: { name: string; role: string; fromStep: number } | undefined;
    /** The step is the applicant's own (receiving the permit), which the front office's link only stands in for. */
    applicantsOwn?: { collectsSurvey?: boolean | undefined } | undefined;
    /** The file went back to the applicant: the front office waits for the corrected file, and records it. */
    applicantCorrection?: { applicantMailed: boolean } | undefined;
    /** The front office's own step asks the applicant for the correction: whether the applicant was e-mailed the reason. */
    applicantToldOfReturn?: { applicantMailed: boolean } | undefined;
  },
): Mail {
  const { to, case: c, url, returnedBy } = input;
  if (input.applicantsOwn) return applicantStepMail(input, input.applicantsOwn);
  if (input.applicantCorrection) return correctionAskMail(input, input.applicantCorrection);
  const note = input.previousNote
    ? `\n${returnedBy ? 'Alasan pengembalian' : 'Catatan sebelumnya'}: ${input.previousNote}`
    : '';
  const capacity = input.standingInFor ? ` (${standingInLine(input.standingInFor)})` : '';
  const told = input.applicantToldOfReturn ? `\n\n${applicantToldLine(input.applicantToldOfReturn)}` : '';
  // A send-back reads differently in the inbox from a hand-off; the subject keeps "langkah N menunggu Anda" for both.
  const returned = returnedBy ? ` (dikembalikan oleh ${returnedBy.name}, ${returnedBy.role})` : '';
  const came = returnedBy
    ? `dikembalikan kepada Anda oleh ${returnedBy.name} (${returnedBy.role}, langkah ${returnedBy.fromStep}) dan `
    : '';
  return staffMail(
    to,
    `[${c.sop}] Berkas ${c.fileNumber}: langkah ${input.step} menunggu Anda${input.standingInFor ? ` sebagai ${CAPACITY_TITLE[input.standingInFor.as]}` : ''}${returned}`,
    `Berkas ${c.fileNumber} (${c.applicantName}) ${came}menunggu tindakan Anda sebagai ${input.laneLabel}${capacity}:\n${input.what}${note}${told}\n\nBuka tautan berikut untuk memeriksa dan memutuskan (berlaku sampai ${input.expiresOn}):\n${url}`,
    [{ label: 'Periksa dan putuskan', url }],
  );
}

/**
 * The front office holds the applicant's own step's link, yet the applicant confirms it on their page:
 * the e-mail says so first, and that the link is only for an applicant who comes to the counter and cannot
 * confirm it themselves. Who may decide is unchanged (the front office's link still records it).
 */
function applicantStepMail(
  input: Parameters<typeof actionRequestMail>[0],
  own: { collectsSurvey?: boolean | undefined },
): Mail {
  const { to, case: c, url } = input;
  const capacity = input.standingInFor
    ? ` E-mail ini dikirim kepada Anda sebagai ${standingInLine(input.standingInFor)}.`
    : '';
  const survey = own.collectsSurvey ? ' dan mengisi survei kepuasan' : '';
  return staffMail(
    to,
    `[${c.sop}] Berkas ${c.fileNumber}: langkah ${input.step} menunggu konfirmasi pemohon`,
    `Berkas ${c.fileNumber} (${c.applicantName}) sampai pada langkah ${input.step}:\n${input.what}\n\nLangkah ini dikerjakan pemohon sendiri: pemohon mengonfirmasi penerimaan surat izin${survey} di halaman pemohon, dari tautan pada e-mailnya atau dari Cek status dengan nomor berkas dan kode tanda terima. Anda tidak perlu melakukan apa pun.${capacity}\n\nHanya bila pemohon datang ke loket dan tidak dapat mengonfirmasinya sendiri, catat penerimaannya atas nama pemohon melalui tautan berikut (berlaku sampai ${input.expiresOn}):\n${url}`,
    [{ label: 'Catat atas nama pemohon di loket', url }],
  );
}

/**
 * The case closed without a handover: the applicant is told it is done, or that it was closed and why
 * (the note whoever closed it wrote). A case with a handover told them at the handover.
 */
export function applicantClosedMail(
  line: ApplicantLine & { outcome: 'completed' | 'rejected'; note: string | undefined },
): Mail {
  const application = `Permohonan ${line.serviceTitle} Anda dengan nomor berkas ${line.fileNumber}`;
  if (line.outcome === 'completed')
    return applicantMail(
      line,
      'Permohonan Anda selesai: {berkas}',
      `${application} telah selesai diproses. Terima kasih.`,
    );
  const reason = line.note?.trim() ? `\n\nAlasan: ${line.note.trim()}` : '';
  return applicantMail(
    line,
    'Permohonan Anda ditutup: {berkas}',
    `${application} ditutup dan tidak dilanjutkan.${reason}\n\nBila ada yang perlu ditanyakan, datanglah ke loket kami pada jam pelayanan: ${line.office.jamPelayanan}.`,
  );
}

/**
 * The file went back to the applicant for correction through the front office: what the front office
 * waits for is the applicant's corrected file, not a decision of its own, so the e-mail says who sent
 * it back and why (the front office tells an applicant who asks), and what its link records.
 */
function correctionAskMail(
  input: Parameters<typeof actionRequestMail>[0],
  applicant: { applicantMailed: boolean },
): Mail {
  const { to, case: c, url, returnedBy } = input;
  const by = returnedBy ? ` oleh ${returnedBy.name} (${returnedBy.role}, langkah ${returnedBy.fromStep})` : '';
  const reason = input.previousNote ? `\nAlasan pengembalian: ${input.previousNote}` : '';
  const capacity = input.standingInFor
    ? `\n\nE-mail ini dikirim kepada Anda sebagai ${standingInLine(input.standingInFor)}.`
    : '';
  return staffMail(
    to,
    `[${c.sop}] Berkas ${c.fileNumber}: langkah ${input.step}, dikembalikan kepada pemohon untuk diperbaiki, menunggu berkas perbaikan`,
    `Berkas ${c.fileNumber} (${c.applicantName}) dikembalikan${by} kepada pemohon untuk diperbaiki.${reason}\n\nSekarang yang ditunggu adalah berkas perbaikan dari pemohon. ${applicantToldLine(applicant)} Saat pemohon menyerahkan berkas perbaikan di loket, buka tautan berikut untuk mencatat penerimaannya (berlaku sampai ${input.expiresOn}):\n${url}${capacity}`,
    [{ label: 'Catat berkas perbaikan', url }],
  );
}

/** Whether the applicant heard of the return from Paraf: the front office tells one who gave no e-mail. */
const applicantToldLine = (applicant: { applicantMailed: boolean }) =>
  applicant.applicantMailed
    ? 'Alasan ini juga dikirim kepada pemohon melalui e-mail.'
    : 'Pemohon tidak memberikan alamat e-mail, jadi tidak menerima alasan ini dari sistem: beri tahu pemohon sendiri.';

/** A step overdue past its reminder: the lane's supervisor gets a link of their own. */
export function escalationMail(input: StepMail & { holderName: string; laneLabel: string; what: string }): Mail {
  const { to, case: c, url } = input;
  return staffMail(
    to,
    `[${c.sop}] Eskalasi berkas ${c.fileNumber}: langkah ${input.step} melewati batas waktu`,
    `Langkah ${input.step} berkas ${c.fileNumber} (${c.applicantName}) belum diputuskan oleh ${input.holderName} (${input.laneLabel}) dan sudah melewati batas waktu:\n${input.what}\n\nSebagai atasan, Anda dapat memeriksa dan memutuskannya melalui tautan berikut; tautan ${input.holderName} tetap berlaku sampai langkah ini diputuskan:\n${url}`,
    [{ label: 'Periksa dan putuskan (eskalasi)', url }],
  );
}

/**
 * The wait for the applicant's correction overdue past its reminder: the front office's supervisor gets
 * a link of their own, told that it is the applicant who has not brought the corrected file, not the
 * front office that has not decided.
 */
export function correctionEscalationMail(input: StepMail & { holderName: string; laneLabel: string }): Mail {
  const { to, case: c, url } = input;
  return staffMail(
    to,
    `[${c.sop}] Eskalasi berkas ${c.fileNumber}: langkah ${input.step}, berkas perbaikan pemohon belum diterima`,
    `Berkas ${c.fileNumber} (${c.applicantName}) dikembalikan kepada pemohon untuk diperbaiki pada langkah ${input.step}, dan sampai batas waktu pemohon belum menyerahkan berkas perbaikannya. Yang ditunggu adalah pemohon, bukan ${input.holderName} (${input.laneLabel}).\n\nSebagai atasan, Anda menerima tautan sendiri untuk langkah ini: catat penerimaan berkas perbaikan bila pemohon menyerahkannya kepada Anda. Tautan ${input.holderName} tetap berlaku sampai langkah ini diputuskan:\n${url}`,
    [{ label: 'Buka langkah ini (eskalasi)', url }],
  );
}

/** A step's due time passed: its official is reminded, with the link already sent. */
export function reminderMail(
  input: StepMail & {
    /**
     * When the step escalates, as the mail writes it ("3 Desember 2026 pukul 11.00 WITA"); undefined
     * where it escalates to nobody (the Kepala's lane has no supervisor), and nothing is said of it.
     */
    escalatesAt: string | undefined;
  },
): Mail {
  const { to, case: c, url } = input;
  const escalation = input.escalatesAt
    ? `\n\nBila belum diputuskan sampai ${input.escalatesAt}, berkas ini dieskalasi kepada atasan Anda.`
    : '';
  return staffMail(
    to,
    `[${c.sop}] Pengingat berkas ${c.fileNumber}: langkah ${input.step} sudah jatuh tempo`,
    `Langkah ${input.step} berkas ${c.fileNumber} (${c.applicantName}) sudah jatuh tempo dan menunggu keputusan Anda. Tautan yang sudah dikirim tetap berlaku:\n${url}${escalation}`,
    [{ label: 'Periksa dan putuskan', url }],
  );
}

/**
 * The wait for the applicant's correction passed the office's working days (applicantCorrectionWorkingDays):
 * the front office is reminded that the applicant has not brought it, with the link that records it.
 */
export function correctionReminderMail(input: StepMail & { escalatesAt: string | undefined }): Mail {
  const { to, case: c, url } = input;
  const escalation = input.escalatesAt
    ? `\n\nBila belum dicatat sampai ${input.escalatesAt}, atasan Anda juga menerima tautan untuk langkah ini.`
    : '';
  return staffMail(
    to,
    `[${c.sop}] Pengingat berkas ${c.fileNumber}: langkah ${input.step}, berkas perbaikan pemohon belum diterima`,
    `Berkas ${c.fileNumber} (${c.applicantName}) dikembalikan kepada pemohon untuk diperbaiki pada langkah ${input.step}, dan sampai batas waktu pemohon belum menyerahkan berkas perbaikannya. Tautan yang sudah dikirim tetap berlaku untuk mencatat penerimaannya saat pemohon menyerahkannya:\n${url}${escalation}`,
    [{ label: 'Catat berkas perbaikan', url }],
  );
}

/**
 * The applicant as a letter greets them: a business (PT, CV, a cooperative ...) through its leader
 * ("Yth. Pimpinan PT Mahakam Niaga Sentosa"), as Indonesian correspondence addresses a body; a person by name.
 */
export function applicantGreeting(name: string): string {
  const trimmed = name.trim();
  return BUSINESS.test(trimmed) ? `Yth. Pimpinan ${trimmed},` : `Yth. ${trimmed},`;
}

/** A business's name as the counter writes it: the form's abbreviation in capitals, or its word. */
const BUSINESS =
  /^(?:(?:PT|CV|UD|PD|BUMDes|BUMD|Fa\.)\s|(?:Firma|Koperasi|Yayasan|Perum|Perumda|Persero|Perkumpulan|Persekutuan Komanditer)\b)/;

/** How every e-mail to an applicant ends: the office that writes, where it is and its site. */
const signOff = (office: Pick<OfficeLetterhead, 'nama' | 'alamat' | 'laman'>) =>
  `Hormat kami,\n${office.nama}\n${office.alamat}\n${office.laman}`;

/** The applicant, their file, and their own page (opened with the file number and the receipt code). */
export interface ApplicantLine {
  to: string;
  applicantName: string;
  fileNumber: string;
  receiptCode: string;
  serviceTitle: string;
  pageUrl: string;
  /** Who writes and where the counter is (templates/kantor.json), and when it serves (the office calendar). */
  office: OfficeForApplicants;
}

/** The office as an applicant's e-mail names it. */
export type OfficeForApplicants = Pick<OfficeLetterhead, 'nama' | 'alamat' | 'laman'> & { jamPelayanan: string };

/** Every applicant e-mail ends the same way: their page, the code that opens it, and the office that writes. */
function applicantMail(line: ApplicantLine, subject: `${string}{berkas}${string}`, body: string): Mail {
  return {
    to: line.to,
    // Not "Berkas <nomor>:", the staff e-mails' form: the applicant's subject reads as a sentence.
    subject: subject.replace('{berkas}', `berkas ${line.fileNumber}`),
    text: `${applicantGreeting(line.applicantName)}\n\n${body}\n\nLihat keadaan berkas Anda kapan saja di halaman pemohon:\n${line.pageUrl}\n\nHalaman itu dibuka dengan nomor berkas ${line.fileNumber} dan kode tanda terima ${line.receiptCode}. Simpan kode ini dan jangan berikan kepada orang lain.\n\n${signOff(line.office)}`,
    links: [{ label: 'Halaman pemohon', url: line.pageUrl }],
  };
}

const bulleted = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');

/** How the applicant hands in a correction: at the counter with what to bring, or in the system the SOP names. */
export interface CorrectionWay {
  bring: readonly string[];
  /** The system the correction is made in (applicant-needs.ts correctedIn); absent for the counter. */
  correctedIn?: string | undefined;
}

const correctionWay = (line: CorrectionWay) =>
  line.correctedIn
    ? `Perbaiki melalui ${line.correctedIn} sesuai alasan di atas; tidak ada yang perlu dibawa ke loket. Kami memeriksanya kembali setelah perbaikan Anda tercatat di ${line.correctedIn}.`
    : `Bawa ke loket:\n${bulleted(line.bring)}`;

/** The file was received at the counter: the promised date, where the SOP gives one now. */
export function applicantReceivedMail(line: ApplicantLine & { promised: string | null }): Mail {
  const promised = line.promised
    ? `Janji selesai: ${formatTanggal(line.promised)}.`
    : 'Tanggal janji selesai dihitung sejak berkas lengkap diterima petugas teknis; tanggalnya tampil di halaman pemohon.';
  return applicantMail(
    line,
    'Permohonan Anda kami terima: {berkas}',
    `Permohonan ${line.serviceTitle} Anda sudah kami terima dan didaftarkan dengan nomor berkas ${line.fileNumber}.\n${promised}`,
  );
}

/**
 * The file went back to the applicant for correction: why (the note of whoever returned it; none
 * written, a general one), and what to bring to the counter.
 */
export function applicantReturnedMail(
  line: ApplicantLine & CorrectionWay & { reason: string | undefined; clockPaused: boolean },
): Mail {
  const reason = line.reason || 'Berkas perlu dilengkapi atau diperbaiki.';
  return applicantMail(
    line,
    'Mohon perbaiki {berkas}',
    `Berkas permohonan ${line.serviceTitle} Anda dikembalikan untuk diperbaiki.\n\nAlasan: ${reason}\n\n${correctionWay(line)}${line.clockPaused ? `\n\n${CLOCK_PAUSED}` : ''}`,
  );
}

/**
 * Said to the applicant only where the promised time is paused (adjust-deadline.ts: an SOP with a
 * service time, a case with its date): elsewhere no completion time was promised to stop.
 */
const CLOCK_PAUSED = 'Waktu penyelesaian berhenti dihitung sampai berkas perbaikan kami terima.';

/**
 * The file is still with the applicant for correction past the office's working days: why it was returned,
 * what to bring, and what the wait does not do (the file is not closed; a promised time stays paused).
 * The seeds give the applicant no limit, so no deadline of theirs is named.
 */
export function applicantCorrectionReminderMail(
  line: ApplicantLine & {
    returnedOn: string | undefined;
    reason: string | undefined;
    clockPaused: boolean;
  } & CorrectionWay,
): Mail {
  const reason = line.reason || 'Berkas perlu dilengkapi atau diperbaiki.';
  const paused = line.clockPaused
    ? ', dan waktu penyelesaian tetap berhenti dihitung sampai berkas perbaikan kami terima'
    : '';
  return applicantMail(
    line,
    'Pengingat: perbaikan {berkas} belum kami terima',
    `Berkas permohonan ${line.serviceTitle} Anda dikembalikan untuk diperbaiki${line.returnedOn ? ` pada ${line.returnedOn}` : ''}, dan sampai hari ini berkas perbaikannya belum kami terima.\n\nAlasan: ${reason}\n\n${correctionWay(line)}\n\nBerkas Anda tidak ditutup; berkas tetap menunggu perbaikan Anda${paused}. Tautan ke halaman pemohon di bawah ini dan kode tanda terima Anda tetap berlaku.`,
  );
}

/** The permit is numbered and waits at the counter: what to bring to collect it. */
export function applicantReadyMail(
  line: ApplicantLine & { documents: readonly string[]; bring: readonly string[] },
): Mail {
  return applicantMail(
    line,
    'Surat izin siap diambil: {berkas}',
    `Permohonan ${line.serviceTitle} Anda sudah selesai diproses. Dokumen berikut siap diambil di loket pengambilan:\n${bulleted(line.documents)}\n\nBawa saat mengambil:\n${bulleted(line.bring)}\n\nLoket pengambilan ada di kantor kami, ${line.office.alamat}, dan melayani ${line.office.jamPelayanan}.`,
  );
}

/** What the applicant's own step asks of them, as both their e-mails about it say it. */
const confirmReceiptAsk = (survey: boolean) =>
  `Mohon konfirmasi bahwa surat izin sudah Anda terima di halaman pemohon${survey ? ', dan bantu kami dengan mengisi survei kepuasan masyarakat (sembilan pertanyaan singkat)' : ''}.`;

/** The permit was handed over: the applicant confirms receipt (and answers the survey) on their page. */
export function applicantCollectedMail(line: ApplicantLine & { survey: boolean }): Mail {
  return applicantMail(
    line,
    'Permohonan selesai, surat izin sudah diserahkan: {berkas}',
    `Surat izin permohonan ${line.serviceTitle} Anda sudah diserahkan di loket pengambilan. ${confirmReceiptAsk(line.survey)}`,
  );
}

/**
 * The applicant's own step (confirming receipt) is past its due date: what still waits for them, and
 * what the deadline does not do. The applicant's lane has no supervisor, so nobody is escalated to and
 * the file is not closed: the workflow asks again each working day until the applicant confirms, or
 * the front office records it for them at the counter (the front office's e-mail for the step).
 */
export function applicantReminderMail(line: ApplicantLine & { survey: boolean; dueOn: string | undefined }): Mail {
  const due = line.dueOn
    ? `Batas waktu konfirmasi, ${line.dueOn}, sudah lewat.`
    : 'Batas waktu konfirmasi sudah lewat.';
  return applicantMail(
    line,
    'Pengingat konfirmasi penerimaan surat izin: {berkas}',
    `Surat izin permohonan ${line.serviceTitle} Anda sudah diserahkan di loket pengambilan, tetapi penerimaannya belum Anda konfirmasi. ${due}\n\n${confirmReceiptAsk(line.survey)} Tautan ke halaman pemohon di bawah ini dan kode tanda terima Anda tetap berlaku.\n\nBerkas Anda tidak ditutup; berkas tetap menunggu konfirmasi Anda. Bila Anda tidak dapat mengonfirmasinya sendiri, datanglah ke loket: petugas dapat mencatat penerimaannya atas nama Anda.`,
  );
}

/**
 * Why an official's certificate cannot sign: a status of BSrE's other than ISSUE, a NIK BSrE does
 * not know, or no NIK in the staff directory.
 */
export type CertificateProblem = { kind: 'status'; status: string } | { kind: 'not-registered' } | { kind: 'no-nik' };

/** BSrE's statuses a person reads: anything else is named as BSrE names it. */
const CERTIFICATE_STATUS: Record<string, string> = {
  EXPIRED: 'sertifikat kedaluwarsa',
  REVOKE: 'sertifikat dicabut',
  SUSPEND: 'sertifikat ditangguhkan',
  NEW: 'sertifikat belum diterbitkan',
  RENEW: 'sertifikat sedang diperbarui',
};

/** The problem in words, as the e-mails below and the case's trail give it. */
export function certificateProblemText(problem: CertificateProblem): string {
  if (problem.kind === 'no-nik') return 'NIK tidak tercatat di direktori pegawai Paraf';
  if (problem.kind === 'not-registered') return 'NIK tidak terdaftar di BSrE';
  return CERTIFICATE_STATUS[problem.status] ?? `status ${problem.status}`;
}

/**
 * Before a step is asked that needs the official's BSrE signature: their certificate cannot sign.
 * The official is told what to do; the lane's supervisor, that the step may wait on it.
 */
export function certificateInactiveMail(
  input: StepMail & { signer: { name: string }; forSupervisor: boolean; problem: CertificateProblem },
): Mail {
  const { to, case: c } = input;
  const why = certificateProblemText(input.problem);
  const about = `langkah ${input.step} berkas ${c.fileNumber} (${c.applicantName})`;
  const body = input.forSupervisor
    ? `Sertifikat elektronik ${input.signer.name} tidak aktif menurut BSrE (${why}), padahal ${about} memerlukan tanda tangan elektroniknya. Langkah ini menunggu sampai sertifikatnya aktif kembali, atau dikerjakan oleh pejabat yang menggantikannya (Plh./Plt.) dengan sertifikatnya sendiri; ketidakhadiran dicatat di halaman Ketidakhadiran Paraf.`
    : `Sertifikat elektronik Anda tidak aktif menurut BSrE (${why}). ${about[0]?.toUpperCase()}${about.slice(1)} memerlukan tanda tangan elektronik Anda, dan BSrE tidak akan menandatanganinya sampai sertifikat Anda aktif kembali. Hubungi pengelola sertifikat elektronik kantor (Dinas Komunikasi dan Informatika) untuk memperbarui atau menerbitkannya.\n\nTautan langkah: ${input.url}`;
  return staffMail(
    to,
    input.forSupervisor
      ? `[${c.sop}] Sertifikat elektronik ${input.signer.name} tidak aktif: berkas ${c.fileNumber} menunggu`
      : `[${c.sop}] Sertifikat elektronik Anda tidak aktif: berkas ${c.fileNumber}`,
    body,
    // The step's link is the official's own: the supervisor's mail carries none.
    input.forSupervisor ? [] : [{ label: 'Buka langkah', url: input.url }],
  );
}
