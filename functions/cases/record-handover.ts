import { ParafError } from '#errors/paraf-error.ts';
import { sameReceiptCode } from './receipt-code.ts';
import { readTypedText } from '#validation/typed-text.ts';
import { type CaseRecord, getCase } from '#records/case-records.ts';

import type { Runtime } from '#runtime/runtime.ts';
import type { Workflow } from '#workflow/workflow.ts';
import { decide } from './decide.ts';
import { refuseDeadLink } from './rules/retired-link.ts';
import { decisionContext } from './settle-decision.ts';
import { findLink } from './find-link.ts';
import { refuseFactor } from './rules/refuse-factor.ts';
import type { FactorChecker } from './decide.ts';

/**
 * Records the handover of a case's permit at Tata Usaha, as the handover step's decision:
 *  1. the link must be a handover step's (otherwise: not-found), and not retired (retired-link.ts);
 *  2. the collector's name is required (at least 3 letters);
 *  3. the code on the receipt the collector brings must be the case's, as the SOP says; a collector
 *     who lost the receipt is identified instead: the identity document Tata Usaha checked is
 *     required and written in the trail and on the handover receipt, under the signed-in clerk's name;
 *  4. the step is approved through `decide`, the note saying who collected it. The receipt code is
 *     the applicant's key to their own page: it never goes in the trail, which every official reads
 *     and the archive keeps.
 */
export async function recordHandover(
  rt: Runtime,
  workflow: Workflow,
  linkId: string,
  handover: HandoverRequest,
  checkFactor?: FactorChecker,
): Promise<void> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (!link || rt.sopOf(link).steps.find((s) => s.no === link.step)?.kind !== 'handover')
    throw new ParafError('not-found', 'Penyerahan ini tidak dikenal.');
  // One read of the case for the checks below and decide's own.
  const record = await getCase(rt.dynamo, rt.config.table, link.caseId);
  // A link of a failed case (retired or not yet) says so before anything typed is checked.
  await refuseDeadLink({ dynamo: rt.dynamo, table: rt.config.table }, link, { record });
  const collector = readTypedText(handover.collector, {
    label: 'Nama penerima',
    max: 120,
    oneLine: true,
    min: { length: 3, message: 'Nama penerima wajib diisi (paling sedikit 3 huruf).' },
  });
  const note = readTypedText(handover.note, { label: 'Catatan', max: 300 });
  const identity = await checkCollector(record, handover, checkFactor);
  await decide(
    decisionContext(rt, workflow),
    link.linkId,
    {
      decision: 'approve',
      // Tata Usaha's page, signed in as the official the step is asked of: the only way a handover is approved.
      actor: handover.actor,
      via: 'handover-page',
      note: `Diserahkan kepada ${collector}, ${identity ? `tanpa kode tanda terima (tanda terima tidak ditunjukkan); identitas pengambil diperiksa: ${identity}` : 'kode tanda terima cocok'}${note ? `; ${note}` : ''}`,
      // The handover receipt names who collected it; the rest of it is built from the case and the catalog.
      documentData: {
        'tanda-terima-penyerahan': { penerima: collector, ...(identity ? { identitas: identity } : {}) },
      },
    },
    new Date(),
    { link, record },
  );
}

/** What Tata Usaha's handover form sends: the receipt's code, or (a receipt lost) the identity checked and the clerk's own code. */
export interface HandoverRequest {
  collector: string;
  receiptCode: string;
  identity?: string;
  /** The signed-in clerk's authenticator code, asked where no receipt code vouches for the collector. */
  factorCode?: string;
  note: string;
  actor: string | undefined;
}

/**
 * The receipt's code checked against the case's; or, without one, the identity document checked
 * instead (returned), vouched for by the clerk's own authenticator code: a session left open on a
 * counter computer must not be enough to release a permit to whoever stands there.
 */
async function checkCollector(
  record: CaseRecord | undefined,
  handover: HandoverRequest,
  checkFactor: FactorChecker | undefined,
): Promise<string | undefined> {
  if (handover.receiptCode.trim() === '' && handover.identity !== undefined) {
    const identity = readTypedText(handover.identity, {
      label: 'Identitas pengambil',
      max: 200,
      oneLine: true,
      min: { length: 5, message: IDENTITY_NEEDED },
    });
    if (!/\d{6}/.test(identity.replace(/[\s.-]/g, ''))) throw new ParafError('invalid', IDENTITY_NEEDED);
    await confirmClerk(handover, checkFactor);
    return identity;
  }
  if (!record || !sameReceiptCode(record.receiptCode, handover.receiptCode))
    throw new ParafError(
      'invalid',
      'Kode tanda terima tidak cocok dengan berkas ini. Periksa tanda terima yang dibawa pengambil.',
    );
  return undefined;
}

const IDENTITY_NEEDED =
  'Tanpa kode tanda terima, tulis identitas pengambil yang Anda periksa: jenis dan nomornya (paling sedikit 6 angka), misalnya KTP 6472011234560001, dan surat kuasa bila diwakilkan.';

/** The signed-in clerk's authenticator code, checked and counted as a signing code is. */
async function confirmClerk(handover: HandoverRequest, checkFactor: FactorChecker | undefined): Promise<void> {
  const check = handover.actor && checkFactor ? await checkFactor(handover.actor, handover.factorCode) : undefined;
  if (check?.ok) return;
  throw refuseFactor(check ?? { ok: false, reason: 'no-account' }, {
    doing: 'untuk mencatat penyerahan tanpa kode tanda terima',
    notDone: 'Penyerahan belum dicatat',
  });
}
