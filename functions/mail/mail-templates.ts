import type { MailMessage } from './mail-message.ts';

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

/** What a step asks of its official, as the e-mail and the link's page say it. */
export function stepRequest(purpose: 'step' | 'applicant-correction', stepTitle: string | undefined, step: number) {
  return purpose === 'applicant-correction'
    ? 'Berkas dikembalikan kepada pemohon untuk diperbaiki; catat penerimaan berkas perbaikan'
    : (stepTitle ?? `Langkah ${step}`);
}

/** A step waits for an official: the link to decide it. */
export function actionRequestMail(input: {
  to: { name: string; email: string };
  case: CaseLine;
  step: number;
  laneLabel: string;
  what: string;
  previousNote: string | undefined;
  expiresOn: string;
  url: string;
}): Mail {
  const { to, case: c, url } = input;
  const note = input.previousNote ? `\nCatatan sebelumnya: ${input.previousNote}` : '';
  return {
    to: to.email,
    subject: `[${c.sop}] Berkas ${c.fileNumber}: langkah ${input.step} menunggu Anda`,
    text: `Yth. ${to.name},\n\nBerkas ${c.fileNumber} (${c.applicantName}) menunggu tindakan Anda sebagai ${input.laneLabel}:\n${input.what}${note}\n\nBuka tautan berikut untuk memeriksa dan memutuskan (berlaku sampai ${input.expiresOn}):\n${url}`,
    links: [{ label: 'Periksa dan putuskan', url }],
  };
}

/** A step overdue past its reminder: the lane's supervisor gets a link of their own. */
export function escalationMail(input: {
  to: { name: string; email: string };
  case: CaseLine;
  step: number;
  holderName: string;
  laneLabel: string;
  what: string;
  url: string;
}): Mail {
  const { to, case: c, url } = input;
  return {
    to: to.email,
    subject: `[${c.sop}] Eskalasi berkas ${c.fileNumber}: langkah ${input.step} melewati batas waktu`,
    text: `Yth. ${to.name},\n\nLangkah ${input.step} berkas ${c.fileNumber} (${c.applicantName}) belum diputuskan oleh ${input.holderName} (${input.laneLabel}) dan sudah melewati batas waktu:\n${input.what}\n\nSebagai atasan, Anda dapat memeriksa dan memutuskannya melalui tautan berikut; tautan ${input.holderName} tetap berlaku sampai langkah ini diputuskan:\n${url}`,
    links: [{ label: 'Periksa dan putuskan (eskalasi)', url }],
  };
}

/** A step's due time passed: its official is reminded, with the link already sent. */
export function reminderMail(input: {
  to: { name: string; email: string };
  case: CaseLine;
  step: number;
  escalatesOn: string;
  url: string;
}): Mail {
  const { to, case: c, url } = input;
  return {
    to: to.email,
    subject: `[${c.sop}] Pengingat berkas ${c.fileNumber}: langkah ${input.step} sudah jatuh tempo`,
    text: `Yth. ${to.name},\n\nLangkah ${input.step} berkas ${c.fileNumber} (${c.applicantName}) sudah jatuh tempo dan menunggu keputusan Anda. Tautan yang sudah dikirim tetap berlaku:\n${url}\n\nBila belum diputuskan sampai ${input.escalatesOn}, berkas ini dieskalasi kepada atasan Anda.`,
    links: [{ label: 'Periksa dan putuskan', url }],
  };
}

/** The case closed: the applicant is told it is done (collect at the counter), or closed with the reason. */
export function caseClosedMail(input: {
  to: string;
  applicantName: string;
  fileNumber: string;
  outcome: 'completed' | 'rejected';
  note: string | undefined;
  statusUrl: string;
}): Mail {
  const { applicantName, fileNumber, statusUrl } = input;
  const completed = input.outcome === 'completed';
  return {
    to: input.to,
    subject: completed ? `Berkas ${fileNumber} selesai` : `Berkas ${fileNumber} ditutup`,
    text: completed
      ? `Yth. ${applicantName},\n\nBerkas nomor ${fileNumber} telah selesai diproses. Surat dapat diambil di loket pengambilan dengan membawa tanda terima.\n\nCek status: ${statusUrl}`
      : `Yth. ${applicantName},\n\nBerkas nomor ${fileNumber} ditutup${input.note ? `: ${input.note}` : ''}.\n\nCek status: ${statusUrl}`,
    links: [{ label: 'Cek status', url: statusUrl }],
  };
}
