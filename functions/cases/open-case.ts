import { draftDataProblem } from '#documents/check-draft-data.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { searchArchive } from './find-permits.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { count, logger } from '#runtime/observability.ts';
import { revisionInForce } from '#sop/load-catalog.ts';
import { revisionOf, type Sop } from '#sop/schema.ts';
import { witaDateTime } from '#clock/wita.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { requireApplicantFields } from './applicant-in-drafts.ts';
import { requireSigningReadiness } from './check-signing-readiness.ts';
import { settleInterruptedIntakes } from './settle-intakes.ts';
import { startCase, type NewCase } from './start-case.ts';

/** Longer than any intake can run (a Lambda stops at 15 minutes): an older marker's intake is dead. */
const INTAKE_LIMIT_MS = 15 * 60_000;

/** An application as the counter hands it in, its fields and attachments already checked for shape. */
export interface Application {
  sop: string;
  applicant: NewCase['applicant'];
  form: { facts: NewCase['facts']; documents: Record<string, unknown> };
  /** The registration number of the permit an inspection or revocation acts on. */
  permit?: string | undefined;
  requirements: string[];
  attachments: NewCase['attachments'];
  /** The official signed in at the counter, whom the trail and the receipt name for the intake. */
  receivedBy?: NewCase['receivedBy'];
  /** The loket form's one-time intake id (the API has none): a form sent again makes no second case. */
  intakeForm?: NewCase['intakeForm'];
}

/**
 * The counter's intake behind both the API and the Loket page:
 *  1. the SOP, by id or alias;
 *  1a. on AWS, every lane that signs its documents with a certified official, and the office seal certified
 *      (check-signing-readiness.ts): a case nobody could sign is refused now, not failed at its first paraf;
 *  2. the permit an inspection or revocation acts on, by its registration number: issued and not revoked;
 *  3. the drafts' data, checked now, so a wrong field is named at the counter, not days later at drafting;
 *  3a. the applicant's fields those drafts will take from them and their kinds require (applicant-in-drafts.ts),
 *      so a case does not reach a drafting step, often one with no send-back to the applicant, without them;
 *  4. intakes another process left cut short, settled (whichever intake comes next does it);
 *  5. `startCase`, whose checklist check refuses an incomplete file before anything is stored.
 * Every refusal is a ParafError; nothing is stored before step 5.
 */
/**
 * The revision the counter receives an SOP's applications under (by id or alias): the one in force on
 * the day (WITA), which may be older than the newest the catalog keeps; undefined for an unknown SOP.
 * The loket's form shows its checklist, and the intake checks it.
 */
export function sopAtCounter(rt: Runtime, idOrAlias: string, at: Date = new Date()): Sop | undefined {
  const newest = rt.catalog.find((s) => s.id === idOrAlias || s.aliases.includes(idOrAlias.toLowerCase()));
  return newest && (revisionInForce(rt.revisions, newest.id, witaDateTime(at).date) ?? newest);
}

export async function openCase(rt: Runtime, workflow: Workflow, input: Application): Promise<CaseRecord> {
  // The revision in force on the day of receipt (WITA) governs the case to its end.
  const receivedAt = new Date();
  const sop = sopAtCounter(rt, input.sop, receivedAt);
  if (!sop) throw new ParafError('unknown-sop', `SOP "${input.sop}" tidak dikenal.`);
  await requireSigningReadiness(rt, sop);
  const permit = input.permit ? await permitActedOn(rt, sop, input.permit) : undefined;
  checkDocumentData(sop, input.form.documents);
  requireApplicantFields(sop, input.applicant, { actsOnPermit: permit !== undefined, documents: input.form.documents });
  const targets = { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table };
  await settleInterruptedIntakes(
    targets,
    (id) => rt.sop(id),
    (sopId, caseId, revision) => workflow.startCase(sopId, caseId, revision),
    new Date(Date.now() - INTAKE_LIMIT_MS),
  ).catch((error: unknown) =>
    logger.error('intake: settling earlier intakes failed; this one goes on', error as Error),
  );
  const opened = await startCase(
    targets,
    sop,
    {
      applicant: input.applicant,
      facts: input.form.facts,
      handedIn: input.requirements,
      documents: input.form.documents,
      attachments: input.attachments,
      ...(permit ? { permit } : {}),
      ...(input.receivedBy ? { receivedBy: input.receivedBy } : {}),
      ...(input.intakeForm ? { intakeForm: input.intakeForm } : {}),
    },
    (caseId) => workflow.startCase(sop.id, caseId, revisionOf(sop)),
    receivedAt,
  );
  count('CasesOpened');
  return opened;
}

/** The permit with this registration number, issued through Paraf and not revoked: its document id and number as issued. */
async function permitActedOn(
  rt: Runtime,
  sop: Sop,
  registrationNumber: string,
): Promise<{ documentId: string; registrationNumber: string }> {
  if (!sop.actsOnPermit)
    throw new ParafError('no-permit-here', `${sop.id} tidak dijalankan terhadap izin yang sudah terbit.`);
  // As the Arsip finds it: typed small, or with spaces around its slashes.
  const { permits } = await searchArchive(rt, { regNo: registrationNumber });
  const [found, ...more] = permits;
  if (!found || more.length)
    throw new ParafError(
      'unknown-permit',
      `Izin dengan nomor registrasi "${registrationNumber}" tidak ditemukan di arsip kantor. Periksa nomornya seperti tertulis pada izin; bila izin itu terbit sebelum kantor memakai aplikasi ini, kosongkan isian nomor registrasi.`,
    );
  if (found.status === 'dicabut')
    throw new ParafError(
      'permit-revoked',
      `Izin ${found.registrationNumber} sudah dicabut dengan ${found.revocation?.number ?? 'keputusan sebelumnya'}.`,
    );
  return { documentId: found.documentId, registrationNumber: found.registrationNumber };
}

/** Each draft's data is a document the SOP produces, valid against its kind's schema. */
function checkDocumentData(sop: Sop, documents: Record<string, unknown>): void {
  for (const [kind, data] of Object.entries(documents)) {
    if (!DOCUMENT_KINDS[kind] || !sop.documents.some((doc) => doc.kind === kind))
      throw new ParafError('unknown-document', `${sop.id} tidak menghasilkan dokumen "${kind}".`);
    const problem = draftDataProblem(kind, data);
    if (problem) throw new ParafError('invalid-document', problem);
  }
}
