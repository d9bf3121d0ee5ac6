import { settleInterruptedIntakes } from '#cases/settle-intakes.ts';
import { IncompleteApplication, startCase } from '#cases/start-case.ts';
import { DOCUMENT_KINDS } from '#documents/kinds/index.ts';
import type { Runtime } from '#handlers/runtime.ts';
import type { CaseRecord } from '#records/case-records.ts';
import { searchPermits } from '#records/permit-index.ts';
import { indonesianErrors, zodMessage } from '#validation/indonesian-errors.ts';
import type { CaseRequest, Refusal } from './read-case-request.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { archiveClient } from '#handlers/archive-client.ts';

/** Longer than any intake can run (a Lambda stops at 15 minutes): an older marker's intake is dead. */
const INTAKE_LIMIT_MS = 15 * 60_000;

export type OpenRefusal = Omit<Refusal, 'status'> & {
  status: Refusal['status'] | 404;
  extra?: Record<string, unknown>;
};

/**
 * The counter's intake behind both the API and the Loket page: the SOP, the drafts' data (checked
 * now, so a wrong field is named at the counter, not days later at drafting), the permit an
 * inspection or revocation acts on (by its registration number: issued and not revoked), then `startCase`,
 * whose checklist check refuses an incomplete file before anything is stored.
 */
export async function openCase(rt: Runtime, workflow: Workflow, input: CaseRequest): Promise<CaseRecord | OpenRefusal> {
  const sop = rt.catalog.find((s) => s.id === input.sop || s.aliases.includes(input.sop.toLowerCase()));
  if (!sop) return { status: 404, error: 'unknown-sop', message: `SOP "${input.sop}" tidak dikenal.` };
  let permit: string | undefined;
  if (input.permit) {
    if (!sop.actsOnPermit)
      return {
        status: 422,
        error: 'no-permit-here',
        message: `${sop.id} tidak dijalankan terhadap izin yang sudah terbit.`,
      };
    const [found, ...more] = await searchPermits(rt.dynamo, rt.config.table, { registrationNumber: input.permit });
    if (!found || more.length)
      return {
        status: 422,
        error: 'unknown-permit',
        message: `Izin dengan nomor registrasi "${input.permit}" tidak ditemukan di arsip.`,
      };
    if (found.status === 'dicabut')
      return {
        status: 422,
        error: 'permit-revoked',
        message: `Izin ${input.permit} sudah dicabut dengan ${found.revocation?.number ?? 'keputusan sebelumnya'}.`,
      };
    permit = found.documentId;
  }
  for (const [kind, data] of Object.entries(input.form.documents)) {
    if (!sop.documents.some((doc) => doc.kind === kind))
      return { status: 422, error: 'unknown-document', message: `${sop.id} tidak menghasilkan dokumen "${kind}".` };
    const check = DOCUMENT_KINDS[kind]!.schema.safeParse(data, { error: indonesianErrors });
    if (!check.success)
      return {
        status: 422,
        error: 'invalid-document',
        message: `Data ${kind} tidak valid: ${zodMessage(check.error.issues)}`,
      };
  }
  const targets = { s3: archiveClient(rt), bucket: rt.config.bucket, dynamo: rt.dynamo, table: rt.config.table };
  // An intake of another process that died mid-way (a Lambda timeout): settled by whichever intake comes next.
  await settleInterruptedIntakes(
    targets,
    (id) => rt.sop(id),
    (sopId, caseId) => workflow.startCase(sopId, caseId),
    new Date(Date.now() - INTAKE_LIMIT_MS),
  ).catch((error: unknown) => console.error('intake: settling earlier intakes failed; this one goes on', error));
  try {
    return await startCase(
      targets,
      sop,
      {
        applicant: input.applicant,
        facts: input.form.facts,
        handedIn: input.requirements,
        documents: input.form.documents,
        attachments: input.attachments,
        ...(permit ? { permit } : {}),
      },
      (caseId) => workflow.startCase(sop.id, caseId),
    );
  } catch (error) {
    if (error instanceof IncompleteApplication)
      return {
        status: 422,
        error: 'incomplete',
        message: `Berkas belum lengkap: ${error.message}`,
        extra: { missing: error.missing, factErrors: error.factErrors },
      };
    throw error;
  }
}
