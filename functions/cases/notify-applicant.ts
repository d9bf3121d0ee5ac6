import { officeLetterhead } from '#config/office-letterhead.ts';
import type { ApplicantLine, OfficeForApplicants } from '#mail/mail-templates.ts';
import { officeClock } from '#clock/add-working-days.ts';
import type { MailMessage } from '#mail/mail-message.ts';
import { listEvents, type CaseRecord } from '#records/case-records.ts';
import { applicantMailKey, applicantToldId, recordApplicantTold } from './applicant-told.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { sendCaseMail } from './send-case-mail.ts';

/** The applicant's page for a file: the e-mail's link carries the receipt code that opens it. */
export function applicantPageUrl(publicUrl: string, fileNumber: string, receiptCode: string): string {
  return `${publicUrl}/pemohon?berkas=${encodeURIComponent(fileNumber)}&kode=${encodeURIComponent(receiptCode)}`;
}

/** The office as an applicant's e-mail names it: its letterhead's name and address, and the calendar's service hours. */
export function officeForApplicants(): OfficeForApplicants {
  const { nama, alamat, laman } = officeLetterhead();
  return { nama, alamat, laman, jamPelayanan: officeClock().serviceHoursInWords() };
}

/**
 * Tells the applicant of one moment of their file (received, returned, ready, collected), once, where
 * they gave an e-mail address at the counter:
 *  1. no address, or the moment's trail line already there (told before a retry): nothing;
 *  2. the e-mail, keyed by the case and the moment (a provider that keeps keys sends it once);
 *  3. the trail's line that it went out: the marker the next retry reads (for an e-mail the service
 *     took only later, the queue's sweep writes it: applicant-told.ts).
 * A send that fails is written in the trail by sendCaseMail, and the moment's next retry tries again.
 */
export async function notifyApplicant(
  rt: Runtime,
  record: CaseRecord,
  moment: string,
  word: (line: ApplicantLine) => Omit<MailMessage, 'dedupeKey'>,
): Promise<void> {
  const to = record.applicant.email;
  if (!to) return;
  const actionId = applicantToldId(moment);
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  if ((await listEvents(store.dynamo, store.table, record.caseId)).some((e) => e.actionId === actionId)) return;
  const mail = word({
    to,
    applicantName: record.applicant.name,
    fileNumber: record.fileNumber,
    receiptCode: record.receiptCode,
    serviceTitle: rt.sopOf(record).title,
    pageUrl: applicantPageUrl(rt.config.publicUrl, record.fileNumber, record.receiptCode),
    office: officeForApplicants(),
  });
  const sent = await sendCaseMail(mailer(rt), store, record.caseId, {
    ...mail,
    dedupeKey: applicantMailKey(record.caseId, moment),
  });
  if (!sent) return;
  await recordApplicantTold(store, record.caseId, actionId, mail.subject, new Date());
}
