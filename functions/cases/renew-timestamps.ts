import { calendarDayRule, isCalendarDay } from '#validation/calendar-day.ts';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { archiveDocumentVersion, recordDocumentEvent, writeAuditTrail } from '#archive/archive-document.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { getDocumentState, saveDocumentState, type DocumentState } from '#records/document-state.ts';
import { listExpiringLongTerm, replacePermitCopies, type LongTermRecord } from '#records/long-term-records.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { timestampAuthority } from '#runtime/signer.ts';
import { renewLongTerm } from '#signing/long-term.ts';
import { RevocationError } from '#signing/ocsp-client.ts';
import { TimestampError, describeToken, type TimestampAuthority } from '#signing/timestamp-client.ts';
import { indexCopyRevisions } from './index-copy-revisions.ts';
import { remakeHistorySheets } from './make-history-sheets.ts';
import { recordLongTerm } from './record-long-term.ts';

/** What a renewal did to one document. */
export interface RenewalResult {
  documentId: string;
  /** renewed: a new revision now; already: this date's renewal was done before (a repeat run); failed: see problem. */
  outcome: 'renewed' | 'already' | 'failed';
  revision?: number;
  /** The new last timestamp's TSA certificate expiry (renewed or already). */
  expiresAt?: string;
  /** That expiry is still before the date asked: the TSA's certificate itself must be replaced. */
  stillBefore?: boolean;
  /** Why it failed, in Bahasa Indonesia, for the person running it. */
  problem?: string;
  /** The technical cause, for the logs. */
  cause?: string;
}

/** How a renewal runs beyond its day. */
export interface RenewalOptions {
  /**
   * A scheduled run (handlers/renew-timestamps.ts, the local runtime's daily check): a document
   * whose last timestamp is already a renewal's and still expires before the day is left as it is,
   * since the same TSA certificate would only make a new revision with the same expiry each month
   * (each day locally); it is reported `already` with `stillBefore`, and an operator renews it with
   * `paraf archive renew` once the TSA's certificate is replaced.
   */
  scheduled?: boolean;
  /** Stop before this time (a Lambda's remaining time): the documents left wait for the next run, soonest first. */
  until?: Date;
}

/**
 * Renews the archive timestamps of every issued document whose last document timestamp's TSA
 * certificate expires before `before` (a day, YYYY-MM-DD); safe to repeat, and a repeat with the
 * same day does nothing new:
 *  1. the long-term records (records/long-term-records.ts) whose expiry is before that day; when
 *     any is to be renewed, the TSA's certificate is checked first (refuseEndingTsa): one that has
 *     ended, or that neither outlasts the day nor any of those records' timestamps, refuses the whole
 *     run, nothing written; a record whose timestamps it would not outlast is left, said as failed;
 *  2. per document, its state: a renewal for this day already saved there (a repeat, or a run a
 *     crash cut short) is only finished (steps 5 to 8), nothing new is made;
 *  3. each copy: a DSS update with the current OCSP response for its last timestamp's TSA, then a
 *     new document timestamp, as incremental updates (long-term.ts renewLongTerm);
 *  4. archived as the document's next revision (keys ending in their SHA-256: nothing is
 *     overwritten), the state saved conditionally on the one read (a change meanwhile fails it);
 *  5. the audit trail's event with the new files' hashes, and the trail written again, so
 *     `paraf verify` finds the renewed copy as the issued one;
 *  6. the permit's copies, so the verification page compares a holder's file with the renewed copy;
 *  7. the history sheets made again, sealed, with the renewal's line and the renewed files' hashes
 *     (where the office seal can sign: make-history-sheets.ts);
 *  8. the long-term record, read again from the renewed copies: written last, it marks the renewal done.
 * One document's failure (a TSA or OCSP responder down) is reported and the others go on.
 */
export async function renewTimestamps(
  rt: Runtime,
  beforeDay: string,
  options: RenewalOptions = {},
): Promise<RenewalResult[]> {
  if (!isCalendarDay(beforeDay)) throw new ParafError('invalid-request', `Tanggal "${beforeDay}" ${calendarDayRule}.`);
  const tsa = timestampAuthority(rt);
  if (!tsa)
    throw new ParafError(
      'invalid-request',
      'Tidak ada otoritas stempel waktu (PARAF_TSA=none): tidak dapat diperbarui.',
    );
  const before = `${beforeDay}T00:00:00.000Z`;
  const records = await listExpiringLongTerm(rt.dynamo, rt.config.table, before);
  const inVain = (record: LongTermRecord) => Boolean(options.scheduled) && renewedInVain(record, before);
  // Asked only when there is something to renew: a schedule with nothing due needs no TSA.
  const due = records.filter((record) => !inVain(record));
  const tsaEnds = due.length ? await refuseEndingTsa(rt, tsa, beforeDay, due) : undefined;
  const results: RenewalResult[] = [];
  for (const record of records) {
    if (options.until && Date.now() >= options.until.getTime()) break;
    const documentId = `${record.caseId}.${record.kind}`;
    if (inVain(record)) {
      results.push({ documentId, outcome: 'already', revision: record.revision, ...expiry(record, before) });
      continue;
    }
    // A TSA certificate ending sooner than this copy's timestamps would add a revision that gains nothing.
    if (tsaEnds !== undefined && tsaEnds <= Date.parse(record.expiresAt)) {
      const problem = `sertifikat TSA berakhir ${new Date(tsaEnds).toISOString().slice(0, 10)}, tidak lebih lama daripada stempel waktu yang ada (${record.expiresAt.slice(0, 10)}); tidak diperbarui`;
      results.push({ documentId, outcome: 'failed', problem, cause: problem });
      continue;
    }
    try {
      results.push(
        await renewDocument(rt, record, beforeDay, { tsa, ocspUrl: rt.config.ocspUrl, crlUrl: rt.config.crlUrl }),
      );
    } catch (error) {
      results.push({ documentId, outcome: 'failed', problem: failureReason(error), cause: (error as Error).message });
    }
  }
  return results;
}

/**
 * Refuses the renewal, before anything is written, when the TSA's certificate is expired, or ends on
 * or before the day asked without outlasting any of the copies' timestamps due: each would gain a
 * revision whose timestamp runs out as soon as the one it renews. One that outlasts some of them is
 * used for those (a copy stamped under an older TSA certificate gains the years between), and its end
 * returned. The certificate is learnt as a verifier does, from a token the TSA makes now (over a
 * throwaway text: a TSA names its certificate nowhere else, and an outside one may change it).
 */
async function refuseEndingTsa(
  rt: Runtime,
  tsa: TimestampAuthority,
  beforeDay: string,
  due: LongTermRecord[],
): Promise<number> {
  const now = new Date();
  const token = await tsa.timestamp(new TextEncoder().encode(`paraf-renewal-probe ${now.toISOString()}`));
  const { notAfter } = describeToken(token).tsa;
  const end = Date.parse(notAfter);
  const dayAfter = Date.parse(`${beforeDay}T00:00:00.000Z`) + 86_400_000;
  // An unreadable end (no certificate in the token) is taken as ending: a renewal must know it outlasts the day.
  if (tsaOutlasts(end, now, dayAfter, due)) return end;
  const ends = Number.isNaN(end)
    ? 'tidak diketahui (token TSA tidak membawa sertifikatnya)'
    : `${end <= now.getTime() ? 'sudah berakhir pada' : 'berakhir'} ${notAfter.slice(0, 10)}`;
  const what =
    rt.config.tsa.provider === 'local'
      ? `Hentikan Paraf, lalu jalankan npm start: sertifikat TSA lokal yang berakhir dalam PARAF_RENEWAL_MARGIN_DAYS (${rt.config.renewalMarginDays} hari) diganti saat mulai, paling lama sampai sertifikat CA kantor berakhir`
      : `Minta sertifikat TSA baru kepada penyedia TSA (${rt.config.tsa.provider === 'rfc3161' ? rt.config.tsa.url : 'PARAF_TSA_URL'}) yang berlaku melewati ${beforeDay}`;
  throw new ParafError(
    'tsa-certificate-ending',
    `Sertifikat TSA ${ends}, tidak melewati ${beforeDay}: stempel waktu baru akan berakhir bersama stempel yang diperbarui. Tidak ada yang diubah. ${what}, lalu ulangi.`,
    { details: { tsaNotAfter: notAfter, before: beforeDay } },
  );
}

/**
 * Whether a TSA certificate ending at `end` is worth a renewal: not ended, and outlasting the day
 * asked or at least one of the copies' timestamps due (NaN, an end unknown, is neither).
 */
export function tsaOutlasts(
  end: number,
  now: Date,
  dayAfter: number,
  due: readonly Pick<LongTermRecord, 'expiresAt'>[],
): boolean {
  return end > now.getTime() && (end >= dayAfter || due.some((record) => end > Date.parse(record.expiresAt)));
}

/**
 * The scheduled renewal: every document whose last timestamp's TSA certificate expires within the
 * configured margin (PARAF_RENEWAL_MARGIN_DAYS) of `now`, renewed as `renewTimestamps` does, with
 * the day asked being `now` plus the margin (UTC).
 */
export async function renewDueTimestamps(
  rt: Runtime,
  now: Date,
  until?: Date,
): Promise<{ before: string; results: RenewalResult[] }> {
  const before = renewalDay(now, rt.config.renewalMarginDays);
  return { before, results: await renewTimestamps(rt, before, { scheduled: true, ...(until ? { until } : {}) }) };
}

/** The day `marginDays` after `now`, as YYYY-MM-DD. */
export const renewalDay = (now: Date, marginDays: number) =>
  new Date(now.getTime() + marginDays * 86_400_000).toISOString().slice(0, 10);

/** The last timestamp is a renewal's, and its TSA certificate still ends before the day: the same TSA gives nothing more. */
const renewedInVain = (record: LongTermRecord, before: string) =>
  record.renewals.at(-1)?.revision === record.revision && record.expiresAt < before;

async function renewDocument(
  rt: Runtime,
  record: LongTermRecord,
  beforeDay: string,
  sources: Parameters<typeof renewLongTerm>[2],
): Promise<RenewalResult> {
  const { caseId, kind } = record;
  const documentId = `${caseId}.${kind}`;
  const actionId = `renew-timestamp-${beforeDay}`;
  const before = `${beforeDay}T00:00:00.000Z`;
  const state = await getDocumentState(rt.dynamo, rt.config.table, caseId, kind);
  if (!state) throw new Error(`document ${documentId} has no state`);
  const renewedBefore = state.actions.includes(actionId);
  // A later day's renewal covers an earlier day: nothing new to make.
  const covered = record.renewals.some((renewal) => renewal.before >= before);
  if ((renewedBefore && record.revision === state.revision) || (!renewedBefore && covered))
    return { documentId, outcome: 'already', revision: record.revision, ...expiry(record, before) };
  const renewed = renewedBefore
    ? state
    : await renewCopies(rt, state, `pembaruan-stempel-waktu-${beforeDay}`, sources, actionId);
  await finishRenewal(rt, renewed, actionId);
  await remakeHistorySheets(rt, documentId);
  const written = await recordLongTerm(rt, caseId, kind, {
    before,
    at: new Date().toISOString(),
    revision: renewed.revision,
  });
  return {
    documentId,
    outcome: renewedBefore ? 'already' : 'renewed',
    revision: renewed.revision,
    ...(written ? expiry(written, before) : {}),
  };
}

const expiry = (record: LongTermRecord, before: string) => ({
  expiresAt: record.expiresAt,
  stillBefore: record.expiresAt < before,
});

/** Steps 3 and 4: the copies renewed and archived as the next revision, the state saved with the action. */
async function renewCopies(
  rt: Runtime,
  state: DocumentState,
  fieldName: string,
  sources: Parameters<typeof renewLongTerm>[2],
  actionId: string,
): Promise<DocumentState> {
  const copies = await Promise.all(
    state.copies.map(async ({ copy, key }) => ({
      copy,
      pdf: await renewLongTerm(await readArchivedObject(archiveClient(rt), rt.config.bucket, key), fieldName, sources),
    })),
  );
  const revision = state.revision + 1;
  const stored = await archiveDocumentVersion(targets(rt), {
    caseId: state.caseId,
    kind: state.kind,
    revision,
    copies,
  });
  const next: DocumentState = {
    ...state,
    revision,
    copies: state.copies.map((copy) => {
      const updated = stored.copies.find((s) => s.copy === copy.copy);
      return updated ? { ...copy, key: updated.key, sha256: updated.sha256 } : copy;
    }),
    actions: [...state.actions, actionId],
  };
  const saved = await saveDocumentState(rt.dynamo, rt.config.table, next, {
    revision: state.revision,
    actions: state.actions.length,
  });
  if (!saved) throw new Error(`${state.kind} of case ${state.caseId} changed while it was renewed; run it again`);
  return next;
}

/** Steps 5 and 6, each safe to repeat: the trail's event (once per action), the copies' hashes, the permit's copies, the trail. */
async function finishRenewal(rt: Runtime, state: DocumentState, actionId: string): Promise<void> {
  const to = targets(rt);
  await recordDocumentEvent(
    to,
    state.caseId,
    state.kind,
    {
      actionId: `${actionId}-${state.kind}`,
      at: new Date().toISOString(),
      step: null,
      lane: null,
      actor: null,
      action: 'Pembaruan stempel waktu dokumen',
      notes: 'Data validasi dan stempel waktu dokumen yang baru ditambahkan sebelum sertifikat TSA berakhir.',
    },
    state.copies,
  );
  // The renewed copy is the issued one now: verification by upload finds it, and its earlier revisions, by their hashes.
  await indexCopyRevisions(rt, `${state.caseId}.${state.kind}`, state.copies);
  await replacePermitCopies(
    rt.dynamo,
    rt.config.table,
    `${state.caseId}.${state.kind}`,
    state.copies.map(({ copy, key, sha256 }) => ({ copy, key, sha256 })),
  );
  await writeAuditTrail(to, state.caseId);
}

const targets = (rt: Runtime) => ({
  s3: archiveClient(rt),
  bucket: rt.config.bucket,
  dynamo: rt.dynamo,
  table: rt.config.table,
});

/** What failed, said to the person running the renewal; the technical cause goes with it for the logs. */
function failureReason(error: unknown): string {
  if (error instanceof TimestampError) return 'otoritas stempel waktu (TSA) tidak menjawab atau menolak; ulangi nanti.';
  if (error instanceof RevocationError)
    return 'layanan status sertifikat (OCSP atau daftar pencabutan) tidak menjawab; ulangi nanti.';
  return 'dokumen tidak dapat diperbarui (mungkin berubah pada saat yang sama); ulangi.';
}
