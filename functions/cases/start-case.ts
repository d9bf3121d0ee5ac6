import { randomBytes } from 'node:crypto';
import { archiveApplication, type ArchiveTargets } from '#archive/archive-document.ts';
import { addWorkingDays } from '#clock/add-working-days.ts';
import { removeCaseFiles } from '#archive/remove-case-files.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { createCase, getCase, recordEvent, type CaseRecord } from '#records/case-records.ts';
import {
  deleteIntakeMarker,
  putIntakeMarker,
  releaseIntakeForm,
  takeIntakeForm,
  type IntakeMarker,
} from '#records/intake-markers.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { voidNumber } from '#registry/void-number.ts';
import { checkRequirements, type FactValues } from '#sop/check-requirements.ts';
import { revisionLabel, revisionOf, type Register, type Sop } from '#sop/schema.ts';
import { logger } from '#runtime/observability.ts';
import { recordReceived } from '#records/service-ledger.ts';
import { witaDay } from './ledger-entries.ts';
import { newReceiptCode } from './receipt-code.ts';

/** The kind a file register's numbers carry: the file number itself, no document (the register book tells them apart by it). */
export const FILE_NUMBER_KIND = 'berkas';

export interface NewCase {
  applicant: { name: string; nib?: string; npwp?: string; address?: string; email?: string; phone?: string };
  facts: FactValues;
  /** Requirement ids handed in at the counter. */
  handedIn: string[];
  documents: Record<string, unknown>;
  attachments: { name: string; contentType: string; bytes: Uint8Array }[];
  /** The issued permit (document id) an inspection or revocation case acts on, and its registration number. */
  permit?: { documentId: string; registrationNumber: string };
  /** The official signed in at the counter. */
  receivedBy?: { id: string; name: string };
  /** The loket form's one-time intake id: a form sent again (Back, a second click) makes no second case. */
  intakeForm?: string;
}

/**
 * The counter refused the file (`incomplete`): what is missing or wrong, in Bahasa Indonesia; the
 * answer carries `missing` and `factErrors` for the loket's form. Nothing was stored.
 */
export class IncompleteApplication extends ParafError {
  constructor(
    readonly missing: { id: string; label: string }[],
    readonly factErrors: string[],
  ) {
    super(
      'incomplete',
      // Only a missing requirement makes the file incomplete; a wrong answer on the checklist is named as such.
      `${missing.length ? 'Berkas belum lengkap' : 'Isian keadaan permohonan belum benar'}: ${[...factErrors, ...missing.map((item) => `Persyaratan ${item.id} belum ada: ${item.label}`)].join('; ')}`,
      { details: { missing, factErrors } },
    );
  }
}

/**
 * The loket's form was sent before: `record` is the case its first sending made; without it, that
 * intake has not finished (or was cut short), and nothing was made now either.
 */
export class FormAlreadySent extends ParafError {
  constructor(readonly record?: CaseRecord) {
    super(
      'form-sent',
      record
        ? formSentNotice(record.fileNumber)
        : 'Formulir ini sudah dikirim dan pendaftarannya belum selesai. Tidak ada berkas baru yang dibuat. Tunggu sebentar lalu kirim lagi; bila tetap begini, buka formulir baru dari halaman Loket.',
      { details: record ? { caseId: record.caseId, fileNumber: record.fileNumber } : {} },
    );
  }
}

/** What the clerk reads above the receipt a form sent again answers with. */
export const formSentNotice = (fileNumber: string) =>
  `Formulir ini sudah dikirim; berkas ${fileNumber} sudah tercatat. Tidak ada berkas baru yang dibuat.`;

/** How long a form sent again waits for its first sending's case: longer than an intake takes, shorter than a clerk's patience. */
const FIRST_SENDING_WAIT_MS = 20_000;

/** The case of the intake that took the form, once it is recorded; undefined if it is not within the wait. */
async function firstSendingCase(targets: ArchiveTargets, caseId: string): Promise<CaseRecord | undefined> {
  for (const until = Date.now() + FIRST_SENDING_WAIT_MS; ; ) {
    const record = await getCase(targets.dynamo, targets.table, caseId);
    if (record || Date.now() > until) return record;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The prefix of an SOP's file numbers, as the counter writes it: API-U/2026/00001. */
export const fileNumberPrefix = (sop: Sop) => (sop.aliases[0] ?? sop.id).toUpperCase();

/** The file-number register of an SOP: gapless per SOP and year, like the counter's book (<ALIAS>/<year>/<00001>). */
export const fileRegister = (sop: Sop): Register => ({
  id: `berkas-${sop.id}`,
  title: `Nomor berkas ${fileNumberPrefix(sop)} (${sop.id})`,
  format: `${fileNumberPrefix(sop)}/{year}/{seq:05}`,
});

/**
 * The front office's intake:
 *  1. the checklist check: a missing item refuses the file and stores nothing;
 *  1a. the loket form's intake id taken, by a conditional write: a form sent again (Back, a second click,
 *      two at once) waits for the case its first sending makes and refuses with it (FormAlreadySent);
 *  2. a marker of the intake in progress, so that a crash from here on is settled (settle-intakes.ts);
 *  3. the file number, the receipt code and the promised date;
 *  4. the application file in the archive, then the case record: the commit point;
 *  5. the trail's line naming the SOP revision, the start of that revision's state machine, the case
 *     in the dashboard's ledger, and the marker removed.
 * A failure between 3 and 4 voids the number in the register with its reason and removes the
 * archived files, so no number is skipped silently and no file of a case that does not exist stays.
 * A failure to start (5) leaves the marker: the case is recorded, and the next settling starts it.
 */
export async function startCase(
  targets: ArchiveTargets,
  sop: Sop,
  input: NewCase,
  start: (caseId: string) => Promise<void>,
  now: Date = new Date(),
): Promise<CaseRecord> {
  const check = checkRequirements(sop, input.facts, input.handedIn);
  if (check.factErrors.length || check.missing.length) throw new IncompleteApplication(check.missing, check.factErrors);
  const caseId = randomBytes(9).toString('base64url');
  const marker = await beginIntake(targets, sop, caseId, input.intakeForm, now);
  let record: CaseRecord;
  try {
    record = newCaseRecord(
      sop,
      input,
      check,
      caseId,
      (
        await assignNumber(targets.dynamo, targets.table, {
          register: fileRegister(sop),
          caseId,
          documentKind: FILE_NUMBER_KIND,
          at: now,
        })
      ).number,
      now,
    );
    await archiveApplication(targets, {
      caseId,
      sop: sop.id,
      fileNumber: record.fileNumber,
      applicant: input.applicant,
      form: record.form,
      requirements: record.requirements,
      attachments: input.attachments,
    });
    await createCase(targets.dynamo, targets.table, record);
  } catch (error) {
    await abandonIntake(targets, sop, marker, ABANDONED_ON_ERROR).catch((cleanup: unknown) =>
      logger.error('intake: abandoning after a failure failed too; the next settling finishes it', cleanup as Error),
    );
    throw error;
  }
  try {
    // The trail names the revision that governs the case (best effort: the case stands without this line).
    await recordEvent(targets.dynamo, targets.table, caseId, {
      actionId: 'revision',
      at: now.toISOString(),
      step: null,
      lane: null,
      actor: null,
      action: `Berkas diproses menurut ${sop.id} ${revisionLabel(sop)}`,
      notes: '',
      documents: [],
    }).catch((error: unknown) =>
      logger.error("intake: the trail's revision line failed", { caseId, error: error as Error }),
    );
    await start(caseId);
    await recordReceived(targets.dynamo, targets.table, {
      sop: sop.id,
      caseId,
      receivedDay: witaDay(record.createdAt),
    });
    await deleteIntakeMarker(targets.dynamo, targets.table, marker);
  } catch (error) {
    logger.error(
      'intake: the case is recorded but its workflow start or its ledger entry failed; the next settling finishes both',
      {
        caseId,
        error: error as Error,
      },
    );
  }
  return record;
}

/** Steps 1a and 2: the form's intake id taken (or the first sending's case refused with), then the marker. */
async function beginIntake(
  targets: ArchiveTargets,
  sop: Sop,
  caseId: string,
  intakeForm: string | undefined,
  now: Date,
): Promise<IntakeMarker> {
  const marker: IntakeMarker = {
    caseId,
    sop: sop.id,
    at: now.toISOString(),
    ...(intakeForm ? { form: intakeForm } : {}),
  };
  if (intakeForm) {
    const holder = await takeIntakeForm(targets.dynamo, targets.table, { form: intakeForm, caseId, at: marker.at });
    if (holder) throw new FormAlreadySent(await firstSendingCase(targets, holder.caseId));
  }
  try {
    await putIntakeMarker(targets.dynamo, targets.table, marker);
  } catch (error) {
    // No marker, so no settling would give the form back: given back here, or it could never be sent.
    if (intakeForm) await releaseIntakeForm(targets.dynamo, targets.table, intakeForm).catch(() => undefined);
    throw error;
  }
  return marker;
}

const ABANDONED_ON_ERROR = 'Pendaftaran gagal karena gangguan sistem sebelum berkas tercatat; nomor ini tidak dipakai.';

function newCaseRecord(
  sop: Sop,
  input: NewCase,
  check: ReturnType<typeof checkRequirements>,
  caseId: string,
  fileNumber: string,
  now: Date,
): CaseRecord {
  return {
    caseId,
    sop: sop.id,
    revision: revisionOf(sop),
    fileNumber,
    applicant: input.applicant,
    status: 'berjalan',
    createdAt: now.toISOString(),
    receiptCode: newReceiptCode(),
    // Where the count starts with the technical recommendation, the date is set when it arrives (adjust-deadline.ts).
    deadline: sop.serviceTime?.startsAt.event === 'receipt' ? addWorkingDays(now, sop.serviceTime.limit) : null,
    form: { facts: input.facts, documents: input.documents },
    requirements: check.required.map((item) => ({
      id: item.id,
      label: item.label,
      handedIn: input.handedIn.includes(item.id),
    })),
    current: null,
    ...(input.permit ? { permit: input.permit.documentId, permitNumber: input.permit.registrationNumber } : {}),
    ...(input.receivedBy ? { receivedBy: input.receivedBy } : {}),
  };
}

/**
 * An intake that will not reach its case: its number void with the reason, its archived files removed,
 * its form's intake id given back (the clerk may send the form again), its marker gone.
 */
export async function abandonIntake(
  targets: ArchiveTargets,
  sop: Sop,
  marker: IntakeMarker,
  reason: string,
  at: Date = new Date(),
): Promise<void> {
  // First: this intake makes no case whatever else fails here (the archive down, say), and the clerk
  // sending the form again must not wait for the next settling.
  if (marker.form) await releaseIntakeForm(targets.dynamo, targets.table, marker.form);
  await voidNumber(targets.dynamo, targets.table, {
    register: fileRegister(sop),
    caseId: marker.caseId,
    documentKind: FILE_NUMBER_KIND,
    at: new Date(marker.at),
    reason,
    voidedAt: at,
  });
  await removeCaseFiles(targets.s3, targets.bucket, marker.caseId);
  await deleteIntakeMarker(targets.dynamo, targets.table, marker);
}
