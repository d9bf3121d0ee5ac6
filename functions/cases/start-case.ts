import { randomBytes } from 'node:crypto';
import { archiveApplication, type ArchiveTargets } from '#archive/archive-document.ts';
import { addWorkingDays } from '#clock/add-working-days.ts';
import { createCase, type CaseRecord } from '#records/case-records.ts';
import { assignNumber } from '#registry/assign-number.ts';
import { checkRequirements, type FactValues } from '#sop/check-requirements.ts';
import type { Sop } from '#sop/schema.ts';

export interface NewCase {
  applicant: { name: string; nib?: string; npwp?: string; address?: string; email?: string; phone?: string };
  facts: FactValues;
  /** Requirement ids handed in at the counter. */
  handedIn: string[];
  documents: Record<string, unknown>;
  attachments: { name: string; contentType: string; bytes: Uint8Array }[];
  /** The issued permit (document id) an inspection or revocation case acts on. */
  permit?: string;
}

/** The counter refused the file: what is missing or wrong, in Bahasa Indonesia. Nothing was stored. */
export class IncompleteApplication extends Error {
  override readonly name = 'Paraf.IncompleteApplication';
  constructor(readonly missing: { id: string; label: string }[], readonly factErrors: string[]) {
    super([...factErrors, ...missing.map((item) => `Persyaratan ${item.id} belum ada: ${item.label}`)].join('; '));
  }
}

/** The prefix of an SOP's file numbers, as the counter writes it: API-U/2026/00001. */
export const fileNumberPrefix = (sop: Sop) => (sop.aliases[0] ?? sop.id).toUpperCase();

/**
 * The front office's intake: the checklist check (a missing item refuses the file and stores
 * nothing), then the file number, the receipt code and the promised date, the case record, the
 * application file in the archive, and the start of the SOP's state machine.
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
  // File numbers are gapless per SOP and year, like the counter's book: <ALIAS>/<year>/<00001>.
  const file = await assignNumber(targets.dynamo, targets.table, { register: { id: `berkas-${sop.id}`, title: `Nomor berkas ${sop.id}`, format: `${fileNumberPrefix(sop)}/{year}/{seq:05}` }, caseId, documentKind: 'berkas', at: now });
  const record: CaseRecord = {
    caseId,
    sop: sop.id,
    fileNumber: file.number,
    applicant: input.applicant,
    status: 'berjalan',
    createdAt: now.toISOString(),
    receiptCode: randomBytes(6).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, 'X').replace(/^(.{4})/, '$1-'),
    // Where the count starts with the technical recommendation, the date is set when it arrives (adjust-deadline.ts).
    deadline: sop.serviceTime?.startsAt.event === 'receipt' ? addWorkingDays(now, sop.serviceTime.limit) : null,
    form: { facts: input.facts, documents: input.documents },
    requirements: check.required.map((item) => ({ id: item.id, label: item.label, handedIn: input.handedIn.includes(item.id) })),
    current: null,
    ...(input.permit ? { permit: input.permit } : {}),
  };
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
  await start(caseId);
  return record;
}
