import { createHash, randomBytes } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { withClaimedUploads, type UploadReference } from '#cases/claim-uploads.ts';
import { UPLOAD_CLAIM_PARTITION } from '#records/keys.ts';
import { claimUpload } from '#records/upload-claims.ts';
import { UPLOAD_BUCKET, type LocalParaf } from '#local/start-local.ts';
import { sweepUploadsEachHour } from '#local/upload-sweep.ts';
import { archiveClient } from '#runtime/archive-client.ts';
import { witaYearMonth } from '#clock/wita.ts';
import { type Clerk, completeApplication } from '../../scripts/clerk.ts';
import { parafForFile } from '../support/start-paraf.ts';
import { expectNothingChanged } from '../support/stored-state.ts';

/** As on Lambda (infra/aws/api-stack.ts): a request body carries 4 MB, larger files go to the uploads bucket. */
const at = parafForFile({ prefix: 'paraf-rujukan-unggahan-', env: { PARAF_BODY_MB: '4' } });
let paraf: LocalParaf;
let clerk: Clerk;
const SOP = 'SOP-LP2N-PPK-01';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  ({ paraf, clerk } = at);
});

async function pdfOf(text: string, padding = 0): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 18, font });
  return Buffer.concat([Buffer.from(await pdf.save()), randomBytes(padding)]);
}

/** What an integrator does: asks the API for a form, posts the file to it, and keeps the reference. */
async function upload(name: string, file: Buffer): Promise<UploadReference> {
  const asked = await clerk.json('/api/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, contentType: 'application/pdf', size: file.length }),
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  const form = asked.body as { url: string; fields: Record<string, string>; key: string };
  const body = new FormData();
  for (const [field, value] of Object.entries(form.fields)) body.append(field, value);
  body.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), name);
  expect((await fetch(form.url, { method: 'POST', body })).status).toBe(204);
  return { key: form.key, name, contentType: 'application/pdf', size: file.length, sha256: sha256(file) };
}

async function uploadsLeft(): Promise<string[]> {
  const listed = await archiveClient(paraf.runtime).send(new ListObjectsV2Command({ Bucket: UPLOAD_BUCKET }));
  return (listed.Contents ?? []).map((item) => item.Key!);
}

async function claimsLeft(): Promise<string[]> {
  const found = await paraf.runtime.dynamo.send(
    new QueryCommand({
      TableName: paraf.runtime.config.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': UPLOAD_CLAIM_PARTITION },
      ConsistentRead: true,
    }),
  );
  return (found.Items ?? []).map((item) => String(item.sk));
}

/**
 * The file-number registers of the office's (WITA) year at `at` and of the year after, every entry
 * used or void: a count taken before and after a submit stays right if the year turns between them.
 */
async function fileNumbers(at: Date) {
  const { year } = witaYearMonth(at);
  const entries: { status: string }[] = [];
  for (const of of [year, year + 1]) {
    const answer = await clerk.fetch(`/api/registers/berkas-${SOP}/${of}`);
    if (answer.status === 200) entries.push(...((await answer.json()) as { entries: { status: string }[] }).entries);
    else expect(answer.status).toBe(404);
  }
  return entries;
}

describe('the API takes files posted to the uploads bucket beforehand', () => {
  it('takes a 12 MB scan through POST /api/uploads into a case, and says where larger bodies go', async () => {
    const scan = await pdfOf('Akta pendirian, pindaian', 12 * 1024 * 1024);
    const reference = await upload('akta pendirian.pdf', scan);
    const small = await pdfOf('Surat permohonan');
    const application = {
      ...completeApplication(paraf.runtime.sop(SOP)!),
      attachments: [{ name: 'surat.pdf', contentType: 'application/pdf', base64: small.toString('base64') }],
      uploads: [reference],
    };
    const opened = await clerk.submit(application);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = String(opened.body.id);
    for (const file of [scan, small]) {
      const served = await clerk.fetch(`/lampiran/${caseId}/${sha256(file)}?unduh=1`);
      expect(served.status).toBe(200);
      expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(file));
    }
    expect(await uploadsLeft()).toEqual([]);
    expect(await claimsLeft()).toEqual([]);
    // The same reference again: the upload is gone with the case that took it.
    const again = await expectNothingChanged(paraf, 'a reference already taken', () =>
      clerk.submit({ ...completeApplication(paraf.runtime.sop(SOP)!), uploads: [reference] }),
    );
    expect(again.status).toBe(422);
    expect(again.body.message).toBe(
      'Lampiran "akta pendirian.pdf" tidak ditemukan di unggahan atau sudah dipakai; pilih berkasnya lagi.',
    );

    // The same scan in the body: refused unread, naming the limit and the way that carries it.
    const inBody = await expectNothingChanged(paraf, 'a body over the limit', () =>
      clerk.submit({
        ...completeApplication(paraf.runtime.sop(SOP)!),
        attachments: [{ name: 'akta.pdf', contentType: 'application/pdf', base64: scan.toString('base64') }],
      }),
    );
    expect(inBody.status).toBe(413);
    expect(inBody.body).toEqual({
      error: 'too-large',
      message:
        'Isi permintaan terlalu besar (paling besar 4 MB). Lampiran yang lebih besar diunggah lebih dulu ke penyimpanan berkas (POST /api/uploads) dan dirujuk dalam isian "uploads".',
    });
    // A reference with a field it does not know is refused by name, before anything is claimed.
    const kuasa = await upload('kuasa.pdf', small);
    const stray = await expectNothingChanged(paraf, 'a reference with a field it does not know', () =>
      clerk.submit({
        ...completeApplication(paraf.runtime.sop(SOP)!),
        uploads: [{ ...kuasa, folder: 'lain' }],
      }),
    );
    expect(stray.status).toBe(400);
    expect(String(stray.body.message)).toContain('folder');
    expect(await claimsLeft()).toEqual([]);
    // The refused request left its upload as it was; the next one takes it.
    expect(await uploadsLeft()).toEqual([kuasa.key]);
    expect(await withClaimedUploads(paraf.runtime, [kuasa], async (files) => files.length)).toBe(1);
  }, 180_000);
});

describe('one upload, one request', () => {
  it('lets exactly one of two concurrent submits take a reference; the other is refused and takes no number', async () => {
    const reference = await upload('izin lokasi.pdf', await pdfOf('Izin lokasi', 2 * 1024 * 1024));
    const startedAt = new Date();
    const before = await fileNumbers(startedAt);
    const application = { ...completeApplication(paraf.runtime.sop(SOP)!), uploads: [reference] };
    const answers = await Promise.all([clerk.submit(application), clerk.submit(application)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses, JSON.stringify(answers.map((a) => a.body))).toEqual([201, 422]);
    const refused = answers.find((answer) => answer.status === 422)!;
    // Claimed by the other (still taking it), or already taken by it: either way in Bahasa Indonesia, by name.
    expect(String(refused.body.message)).toMatch(
      /^Lampiran "izin lokasi\.pdf" (sedang atau sudah dipakai oleh permohonan lain|tidak ditemukan di unggahan atau sudah dipakai); pilih berkasnya lagi\.$/,
    );
    const after = await fileNumbers(startedAt);
    expect(after.length - before.length).toBe(1);
    expect(after.filter((entry) => entry.status === 'batal')).toEqual(before.filter((e) => e.status === 'batal'));
    expect(await uploadsLeft()).toEqual([]);
    expect(await claimsLeft()).toEqual([]);
  }, 120_000);

  it('claims before the intake runs and releases the claim when the intake refuses', async () => {
    const file = await pdfOf('Surat kuasa');
    const reference = await upload('kuasa.pdf', file);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = withClaimedUploads(paraf.runtime, [reference], async (files) => {
      await gate;
      return sha256(files[0]!.bytes);
    });
    // The first holds its claim while its intake waits: the second is refused before reading anything.
    await expect.poll(claimsLeft).toEqual([reference.key]);
    await expect(withClaimedUploads(paraf.runtime, [reference], async () => 'kedua')).rejects.toThrow(
      'Lampiran "kuasa.pdf" sedang atau sudah dipakai oleh permohonan lain; pilih berkasnya lagi.',
    );
    open();
    expect(await first).toBe(sha256(file));
    expect(await uploadsLeft()).toEqual([]);

    // An intake that refuses leaves the upload and releases it: the form sent again takes it.
    const kept = await upload('kuasa.pdf', file);
    await expect(
      withClaimedUploads(paraf.runtime, [kept], async () => {
        throw new Error('checklist belum lengkap');
      }),
    ).rejects.toThrow('checklist belum lengkap');
    expect(await uploadsLeft()).toEqual([kept.key]);
    expect(await claimsLeft()).toEqual([]);
    expect(await withClaimedUploads(paraf.runtime, [kept], async (files) => files.length)).toBe(1);
    expect(await uploadsLeft()).toEqual([]);
  }, 120_000);
});

describe('uploads nobody took', () => {
  it('are swept a day after they were posted, with their claims, and not before', async () => {
    const reference = await upload('tidak diambil.pdf', await pdfOf('Tidak diambil'));
    // A claim a stopped request left behind (killed between the claim and its release).
    const left = await upload('terputus.pdf', await pdfOf('Terputus'));
    expect(await claimUpload(paraf.runtime.dynamo, paraf.runtime.config.table, left.key, new Date())).toBe(true);
    await expect(withClaimedUploads(paraf.runtime, [left], async () => 'lain')).rejects.toThrow(
      'sedang atau sudah dipakai',
    );
    const now = Date.now();
    const at = { now: new Date(now) };
    const sweep = sweepUploadsEachHour(paraf.runtime, () => at.now);
    try {
      at.now = new Date(now + 23 * 3_600_000);
      expect(await sweep.tick()).toEqual({ uploads: 0, claims: 0 });
      expect((await uploadsLeft()).sort()).toEqual([reference.key, left.key].sort());
      at.now = new Date(now + 25 * 3_600_000);
      expect(await sweep.tick()).toEqual({ uploads: 2, claims: 1 });
      expect(await uploadsLeft()).toEqual([]);
      expect(await claimsLeft()).toEqual([]);
    } finally {
      await sweep.close();
    }
  }, 120_000);
});
