import { laneAsked } from '#sop/lane-asked.ts';
import {
  actionRequestMail,
  applicantCollectedMail,
  applicantReadyMail,
  applicantReturnedMail,
  correctionEscalationMail,
  escalationMail,
  stepRequest,
  type CaseLine,
} from '#mail/mail-templates.ts';
import { getCase, updateCase, type CaseRecord } from '#records/case-records.ts';
import { linkMailKey, listStepLinks, markLinkNotified, openLink, type ApprovalLink } from '#records/links.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { workflow } from '#runtime/workflow-client.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import type { AskPurpose, Due, MachineDecision, StepInput } from '#workflow/machine-input.ts';
import { sendCaseMail } from './send-case-mail.ts';
import { decisionContext, deliverTakenDecision } from './settle-decision.ts';
import type { Acting } from '#staff/acting-official.ts';
import { actingFor } from './acting-for.ts';
import { witaDateTime } from '#clock/wita.ts';
import { formatTanggal } from '#documents/format-dates.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { applicantStep, applicantsOwnStep, waitsOnApplicantCorrection } from '#sop/applicant-step.ts';
import { collectionNeeds, correctedIn, correctionNeeds } from './applicant-needs.ts';
import { findSendBack } from './find-send-back.ts';
import { warnInactiveCertificate } from './warn-inactive-certificate.ts';
import { escalationTarget } from './escalation-target.ts';
import { officialFor } from './official-for.ts';

const LINK_DAYS = 30;

export interface ActionRequest extends StepInput {
  purpose: AskPurpose;
  taskToken: string;
  due: Due | null;
  previousDecision: MachineDecision | null;
}

/**
 * Asks the official of a lane to act on a step, keeping the task token behind a short link id:
 *  1. a decision of this asking already taken but not delivered (a restart, or a reminder racing
 *     the click) is delivered now instead of another e-mail;
 *  2. the official: the lane's first; an external lane's (the applicant, the agency's technical
 *     team) is the front office's, who acts on their behalf; a lane with nobody is a `lane-unstaffed`
 *     error, which stops the case where staff see it, rather than a guessed recipient;
 *  3. the case shows who holds the step and until when (and, on a return, the reason the applicant is given);
 *  4. their link opened (or re-pointed at this token after a reminder) and mailed once; with BSrE,
 *     a certificate that cannot sign told to them and their supervisor (warn-inactive-certificate.ts);
 *  5. from the second overdue round on, the lane's supervisor gets a link of their own (escalation),
 *     the first staying valid until one decides (for a correction: told the applicant has not brought
 *     it); the applicant's lane has none, so their own step escalates to nobody;
 *  6. the applicant told, where the asking is a moment of theirs (tellApplicant).
 */
export async function requestAction(
  rt: Runtime,
  input: ActionRequest,
): Promise<{ delivered: true } | { linkId: string; officialId: string }> {
  const sop = rt.sopOf(input);
  const ask = { caseId: input.caseId, step: input.step, purpose: input.purpose, token: input.taskToken };
  // Read once: a decision taken on one of them is delivered; else the official's own is re-pointed or made.
  const stepLinks = await listStepLinks(rt.dynamo, rt.config.table, ask);
  const decisions = decisionContext(rt, workflow(rt));
  if (await deliverTakenDecision(decisions, { ...ask, askedSince: input.due?.askedSince }, stepLinks))
    return { delivered: true };
  const record = await getCase(rt.dynamo, rt.config.table, input.caseId);
  if (!record) throw new Error(`request-action: no case ${input.caseId}`);
  const official = officialFor(rt, sop, input.lane);
  const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000).toISOString();
  const correction = waitsOnApplicantCorrection(
    sop,
    input,
    Boolean(input.previousDecision?.route.startsWith('return:')),
  );
  const asking: Asking = {
    rt,
    input,
    stepLinks,
    applicantsOwn: applicantsOwnStep(sop, input),
    applicantMailed: Boolean(record.applicant.email),
    correction,
    expiresAt,
    case: { sop: sop.id, fileNumber: record.fileNumber, applicantName: record.applicant.name },
    laneLabel: laneAsked(sop, input.lane),
    what: stepRequest(input.purpose, sop.steps.find((s) => s.no === input.step)?.title, input.step),
  };
  // The case shows who holds the step before the link is mailed: whoever follows the link, or reads the
  // case as its e-mail arrives, sees this step, never the one before.
  const returnReason = correction ? input.previousDecision?.note : undefined;
  const overdueSince = lateSince(record.current, input, new Date());
  await updateCase(rt.dynamo, rt.config.table, input.caseId, {
    current: {
      step: input.step,
      lane: input.lane,
      purpose: input.purpose,
      officialId: official.id,
      dueAt: input.due?.dueAt ?? expiresAt,
      ...(overdueSince ? { overdueSince } : {}),
      ...(returnReason ? { returnReason } : {}),
    },
  });
  // The link stays the lane official's; while they are away, their deputy gets it and may act on it.
  const acting = await actingFor(rt, official.id, new Date());
  const link = await askOfficial(asking, official, { kind: 'ask', acting });
  await warnInactiveCertificate(rt, sop, input, acting?.official ?? official, link, asking.case);
  // Overdue past the reminder (round 2 on): the lane's supervisor gets a link of their own to the same step.
  const supervisor = (input.due?.round ?? 0) >= 2 ? escalationTarget(rt, sop, input.lane, official.id) : undefined;
  if (supervisor) await askOfficial(asking, supervisor, { kind: 'escalation', official });
  await tellApplicant(rt, sop, record, input, link.linkId, correction);
  return { linkId: link.linkId, officialId: official.id };
}

/**
 * The moments of an asking the applicant hears of (once per link, so a reminder tells nothing again):
 * the file returned to them, the permit ready at the counter (before the handover), and handed over.
 */
async function tellApplicant(
  rt: Runtime,
  sop: Sop,
  record: CaseRecord,
  input: ActionRequest,
  linkId: string,
  correction: boolean,
) {
  if (correction) {
    const reason = input.previousDecision?.note;
    await notifyApplicant(rt, record, `dikembalikan-${linkId}`, (line) =>
      applicantReturnedMail({
        ...line,
        reason,
        bring: correctionNeeds(record),
        correctedIn: correctedIn(sop, input),
        clockPaused: Boolean(record.clockPausedAt),
      }),
    );
    return;
  }
  if (sop.steps.find((s) => s.no === input.step)?.kind === 'handover') {
    const documents = sop.documents.filter((doc) => doc.register && doc.kind !== 'tanda-terima').map((d) => d.title);
    await notifyApplicant(rt, record, `siap-diambil-${linkId}`, (line) =>
      applicantReadyMail({ ...line, documents, bring: collectionNeeds(sop) }),
    );
    return;
  }
  const own = applicantStep(sop);
  if (own?.no === input.step)
    await notifyApplicant(rt, record, `diserahkan-${linkId}`, (line) =>
      applicantCollectedMail({ ...line, survey: own.collectsSurvey === true }),
    );
}

interface Asking {
  rt: Runtime;
  input: ActionRequest;
  /** The step's links as the ask found them (listStepLinks). */
  stepLinks: readonly ApprovalLink[];
  /** The step is the applicant's own, done on their page: its e-mail says the front office rarely acts. */
  applicantsOwn: { collectsSurvey?: boolean | undefined } | undefined;
  /** The applicant gave an e-mail address: they are mailed at their moments (a return's reason among them). */
  applicantMailed: boolean;
  /** The step waits on the applicant's corrected file (waitsOnApplicantCorrection). */
  correction: boolean;
  expiresAt: string;
  case: CaseLine;
  laneLabel: string;
  what: string;
}

/** Opens (or re-points) an official's link to this token, and mails it once. */
async function askOfficial(
  asking: Asking,
  to: Official,
  as: { kind: 'ask'; acting?: Acting | undefined } | { kind: 'escalation'; official: Official },
): Promise<ApprovalLink> {
  const { rt, input, expiresAt } = asking;
  const { link, created } = await openLink(
    rt.dynamo,
    rt.config.table,
    {
      caseId: input.caseId,
      sop: input.sop,
      ...(input.revision ? { revision: input.revision } : {}),
      step: input.step,
      lane: input.lane,
      purpose: input.purpose,
      officialId: to.id,
      token: input.taskToken,
      expiresAt,
    },
    asking.stepLinks,
  );
  const stand = as.kind === 'ask' ? as.acting?.standsInFor : undefined;
  const recipient = stand && as.kind === 'ask' && as.acting ? as.acting.official : to;
  // Mailed at least once: an ask cut off between the link and the e-mail mails it on its retry, and an
  // ask after the recipient's address changed (staff.json) mails it to the new one, under a key of its own.
  const resent = link.notifiedAt !== undefined && link.notifiedTo !== undefined && link.notifiedTo !== recipient.email;
  if (link.notifiedAt && !resent) return link;
  const url = `${rt.config.publicUrl}/a/${link.linkId}`;
  const common = {
    to: recipient,
    case: asking.case,
    step: input.step,
    laneLabel: asking.laneLabel,
    what: asking.what,
    url,
  };
  // Escalating the wait for the applicant's correction says that the applicant has not brought it.
  const escalation = input.purpose === 'applicant-correction' ? correctionEscalationMail : escalationMail;
  const mail =
    as.kind === 'escalation'
      ? escalation({ ...common, holderName: as.official.name })
      : actionRequestMail({
          ...common,
          previousNote: input.previousDecision?.note || undefined,
          expiresOn: formatTanggal(witaDateTime(new Date(expiresAt)).date),
          standingInFor: stand ? { name: to.name, as: stand.as, until: stand.until } : undefined,
          returnedBy: await returnedBy(rt, input),
          applicantsOwn: asking.applicantsOwn,
          applicantCorrection:
            input.purpose === 'applicant-correction' ? { applicantMailed: asking.applicantMailed } : undefined,
          applicantToldOfReturn: asking.correction ? { applicantMailed: asking.applicantMailed } : undefined,
        });
  const records = { dynamo: rt.dynamo, table: rt.config.table };
  const message = { ...mail, dedupeKey: linkMailKey(link.linkId, resent ? recipient.email : undefined) };
  const sent = await sendCaseMail(mailer(rt), records, input.caseId, message, new Date(), created);
  // Not sent: the link is in the official's task list meanwhile; the queue's sweep mails it, or the
  // next ask of the step does where the mail service refused it for good or the queue gave it up.
  if (sent) await markLinkNotified(rt.dynamo, rt.config.table, link.linkId, new Date().toISOString(), recipient.email);
  return link;
}

/** Who sent the file back to this step, when the previous decision was a send-back: its e-mail says so. */
async function returnedBy(rt: Runtime, input: ActionRequest) {
  if (!input.previousDecision?.route.startsWith('return:')) return undefined;
  const back = await findSendBack(rt, input);
  return back ? { name: back.by, role: back.role, fromStep: back.fromStep } : undefined;
}

/**
 * A round after the first (`due.round` 1 on) asks the step again because its due time passed: it has
 * been late since the first such round, whatever new due time the round sets. A retried round keeps it.
 */
function lateSince(
  current: CaseRecord['current'],
  input: Pick<ActionRequest, 'step' | 'purpose' | 'due'>,
  now: Date,
): string | undefined {
  if ((input.due?.round ?? 0) < 1) return undefined;
  const same = current && current.step === input.step && current.purpose === input.purpose;
  return (same && current.overdueSince) || now.toISOString();
}
