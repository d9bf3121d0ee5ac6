import { readAttachmentList, storeAttachmentList, type ArchivedAttachment } from '#archive/attachment-list.ts';
import { archiveKeys } from '#archive/archive-layout.ts';
import { storeFile } from '#archive/store-file.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { recordEvent } from '#records/case-records.ts';
import type { ApprovalLink } from '#records/links.ts';
import { refuseDeadLink } from './rules/retired-link.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { actingFor } from './acting-for.ts';
import { findLink } from './find-link.ts';

/** A file the applicant brought with the correction, already checked for type, size and name; `replaces` names the file it replaces by hash. */
export interface CorrectionFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  replaces?: string;
}

/** The most files a case keeps, as at the counter. */
const MAX_ATTACHMENTS = 20;

/**
 * Adds or replaces files of a case while its file is back with the applicant, at the front
 * office's "terima berkas perbaikan" link:
 *  1. the link must be open, unexpired, a correction's, and the signed-in official its holder (or
 *     their deputy during a recorded absence);
 *  2. every replaced file must be one the case lists now, each once, and the case keeps at most 20;
 *  3. each file is stored under its hash, then the new list under a key of its own;
 *  4. the trail records each file added or replaced, with its name and SHA-256.
 * A refusal (1, 2) stores nothing.
 */
export async function addCorrectionFiles(
  rt: Runtime,
  linkId: string,
  input: { actor: string | undefined; files: CorrectionFile[] },
  now: Date = new Date(),
): Promise<{ added: ArchivedAttachment[]; replaced: { old: ArchivedAttachment; new: ArchivedAttachment }[] }> {
  const link = await checkCorrectionLink(rt, linkId, input.actor, now);
  if (input.files.length === 0) throw new ParafError('invalid', 'Pilih berkas yang akan ditambahkan atau diganti.');
  const s3 = archiveClient(rt);
  const { attachments, lists } = await readAttachmentList(s3, rt.config.bucket, link.caseId);
  const replacing = input.files.flatMap((file) => (file.replaces ? [file.replaces] : []));
  for (const sha of replacing)
    if (!attachments.some((a) => a.sha256 === sha) || replacing.indexOf(sha) !== replacing.lastIndexOf(sha))
      throw new ParafError('invalid', 'Lampiran yang hendak diganti tidak ada pada berkas ini; muat ulang halaman.');
  const count = attachments.length + input.files.filter((file) => !file.replaces).length;
  if (count > MAX_ATTACHMENTS)
    throw new ParafError('invalid-attachment', `Paling banyak ${MAX_ATTACHMENTS} lampiran pada satu berkas.`);

  const list = [...attachments];
  const added: ArchivedAttachment[] = [];
  const replaced: { old: ArchivedAttachment; new: ArchivedAttachment }[] = [];
  for (const file of input.files) {
    const stored = await storeFile(
      s3,
      rt.config.bucket,
      file.bytes,
      (sha) => archiveKeys.attachment(link.caseId, sha, file.name),
      file.contentType,
    );
    const kept = { name: file.name, contentType: file.contentType, ...stored };
    const at = list.findIndex((a) => a.sha256 === file.replaces);
    const old = list[at];
    if (old) {
      replaced.push({ old, new: kept });
      list[at] = kept;
    } else {
      added.push(kept);
      list.push(kept);
    }
  }
  await storeAttachmentList(s3, rt.config.bucket, link.caseId, lists + 1, list);
  await recordCorrectionTrail(rt, link, link.actor, lists + 1, list, { added, replaced }, now);
  return { added, replaced };
}

/**
 * The link a correction's files come through: open (not retired), unexpired, a correction's, and the signed-in
 * official's (or their deputy's). Also asked before an upload form is issued for it (web/upload-routes.ts).
 */
export async function checkCorrectionLink(rt: Runtime, linkId: string, actor: string | undefined, now = new Date()) {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (link?.purpose !== 'applicant-correction')
    throw new ParafError('not-found', 'Tautan perbaikan berkas ini tidak dikenal.');
  await refuseDeadLink({ dynamo: rt.dynamo, table: rt.config.table }, link);
  if (link.status === 'decided')
    throw new ParafError('decided', 'Berkas perbaikan ini sudah dicatat; lampiran tidak dapat diubah lagi di sini.');
  if (new Date(link.expiresAt) < now) throw new ParafError('expired', 'Tautan ini sudah kedaluwarsa.');
  const holder = (await actingFor(rt, link.officialId, now))?.official.id ?? link.officialId;
  if (!actor || actor !== holder)
    throw new ParafError(
      'forbidden',
      'Lampiran perbaikan hanya dapat diunggah oleh petugas yang diminta menerima berkas ini.',
    );
  return { ...link, actor };
}

/** One trail line per file added or replaced, naming it with its SHA-256 (and the replaced file's). */
async function recordCorrectionTrail(
  rt: Runtime,
  link: ApprovalLink,
  actorId: string,
  listCount: number,
  list: ArchivedAttachment[],
  { added, replaced }: Awaited<ReturnType<typeof addCorrectionFiles>>,
  now: Date,
) {
  const actor = { id: actorId, name: rt.staff.byId(actorId)?.name ?? actorId };
  const lines = [
    ...added.map((file) => ({ file, action: `Lampiran ditambahkan pada perbaikan berkas: ${file.name}`, was: '' })),
    ...replaced.map((r) => ({
      file: r.new,
      action: `Lampiran diganti pada perbaikan berkas: ${r.old.name} diganti ${r.new.name}`,
      was: `; menggantikan SHA-256 ${r.old.sha256}`,
    })),
  ];
  for (const [i, line] of lines.entries())
    await recordEvent(rt.dynamo, rt.config.table, link.caseId, {
      actionId: `lampiran-${listCount}-${i}`,
      at: now.toISOString(),
      step: link.step,
      lane: link.lane,
      actor,
      action: line.action,
      notes: `SHA-256 ${line.file.sha256}${line.was}`,
      documents: [
        { kind: 'lampiran', copy: list.indexOf(line.file) + 1, key: line.file.key, sha256: line.file.sha256 },
      ],
    });
}
