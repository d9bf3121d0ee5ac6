import {
  type CaseLine,
  type CertificateProblem,
  certificateInactiveMail,
  certificateProblemText,
} from '#mail/mail-templates.ts';
import { recordEvent } from '#records/case-records.ts';
import { mailer } from '#runtime/mailer.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { BsreClient, BsreError } from '#signing/bsre-client.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import type { ActionRequest } from './request-action.ts';
import { sendCaseMail } from './send-case-mail.ts';
import { signingFactorOf } from './rules/signing-steps.ts';

/**
 * Before an official is asked for a step that BSrE signs under their name, their certificate's status:
 *  1. only with BSrE, and only where approving the step makes their paraf or signature;
 *  2. a certificate BSrE says may not sign (any status but ISSUE), a NIK it does not know, or none in
 *     the staff directory: the official is told "sertifikat elektronik Anda tidak aktif" and what to
 *     do, the lane's supervisor (the head of office, for a lane the SOP names none for) is told the
 *     step waits on it, and the trail says so; each once per link;
 *  3. the ask goes on either way (a renewed certificate signs), and BSrE unreachable says nothing
 *     now: the signature itself will tell the official.
 */
export async function warnInactiveCertificate(
  rt: Runtime,
  sop: Sop,
  input: ActionRequest,
  signer: Official,
  link: { linkId: string },
  line: CaseLine,
): Promise<void> {
  if (!rt.config.bsre || signingFactorOf(sop, input, rt.config.signer) !== 'passphrase') return;
  const problem = await inactiveBecause(new BsreClient(rt.config.bsre), signer);
  if (!problem) return;
  const url = `${rt.config.publicUrl}/a/${link.linkId}`;
  const supervisorLane = sop.lanes.find((lane) => lane.id === input.lane)?.supervisor;
  // A lane the SOP names no supervisor for (the Kepala Dinas's, a Kabid's where the SOP has no Kepala
  // Dinas lane) answers to the head of office, the top of the office's chain of supervision.
  const supervisor = supervisorLane ? rt.staff.forLane(supervisorLane)[0] : rt.staff.head;
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const common = { signer, case: line, step: input.step, problem, url };
  await sendCaseMail(mailer(rt), store, input.caseId, {
    ...certificateInactiveMail({ ...common, to: signer, forSupervisor: false }),
    dedupeKey: `sertifikat-${link.linkId}`,
  });
  const told = supervisor && supervisor.id !== signer.id ? supervisor : undefined;
  if (told)
    await sendCaseMail(mailer(rt), store, input.caseId, {
      ...certificateInactiveMail({ ...common, to: told, forSupervisor: true }),
      dedupeKey: `sertifikat-atasan-${link.linkId}`,
    });
  await recordEvent(rt.dynamo, rt.config.table, input.caseId, {
    actionId: `sertifikat-tidak-aktif-${link.linkId}`,
    at: new Date().toISOString(),
    step: input.step,
    lane: input.lane,
    actor: { id: signer.id, name: signer.name },
    action: `Langkah ${input.step}: sertifikat elektronik ${signer.name} tidak aktif menurut BSrE (${certificateProblemText(problem)}); ${told ? `${told.name} diberi tahu` : 'pejabat diberi tahu'}`,
    notes: '',
    documents: [],
  });
}

async function inactiveBecause(client: BsreClient, signer: Official): Promise<CertificateProblem | undefined> {
  if (!signer.nik) return { kind: 'no-nik' };
  try {
    const status = await client.userStatus(signer.nik);
    return status === 'ISSUE' ? undefined : { kind: 'status', status };
  } catch (error) {
    if (error instanceof BsreError && error.problem === 'not-registered') return { kind: 'not-registered' };
    if (error instanceof BsreError) return undefined;
    throw error;
  }
}
