import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectTaggingCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveApplication,
  archiveDocumentVersion,
  writeAuditTrail,
  type ArchiveTargets,
} from '#archive/archive-document.ts';
import { readArchivedObject } from '#archive/read-archived-object.ts';
import { findPermits } from '#cases/find-permits.ts';
import { renderDocument } from '#documents/render-document.ts';
import { isParafError, ParafError } from '#errors/paraf-error.ts';
import { createCase, getCase, listEvents, recordEvent } from '#records/case-records.ts';
import { MalformedRecord } from '#records/check-record.ts';
import { accountKey, caseKey, permitKey, sessionKey, throttleKey } from '#records/keys.ts';
import { getAccount } from '#identity/accounts.ts';
import { currentSession, SESSION_COOKIE } from '#identity/sessions.ts';
import { throttledUntil, WINDOW_MS } from '#identity/throttle.ts';
import { Hono } from 'hono';
import { getVerification } from '#records/get-verification.ts';
import { replacePermitCopies } from '#records/long-term-records.ts';
import {
  copyToNameEntries,
  fillNameEntries,
  fillPermitKeys,
  getPermit,
  markRevoked,
  putPermit,
  recordRevocationRecommendation,
  searchPermits,
  searchPermitsByName,
  type PermitRecord,
} from '#records/permit-index.ts';
import { ensureTable } from '#records/table.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { findSop } from '#sop/load-catalog.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-archive-'));
const BUCKET = 'paraf-archive';
const TABLE = 'paraf-archive-test';
const dynamo = dynalite({ createTableMs: 0 });
const s3rver = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: join(work, 's3'),
  configureBuckets: [{ name: BUCKET }],
});
let targets: ArchiveTargets;

beforeAll(async () => {
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const { port: s3Port } = await s3rver.run();
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(raw, TABLE);
  // s3rver stores streamed bodies with their chunk framing unless checksums are only sent, when required.
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${s3Port}`,
    forcePathStyle: true,
    region: 'local',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  targets = { s3, bucket: BUCKET, dynamo: DynamoDBDocumentClient.from(raw), table: TABLE };
});
afterAll(async () => {
  targets.s3.destroy();
  targets.dynamo.destroy();
  await s3rver.close();
  await new Promise<void>((resolve) => dynamo.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const read = (key: string) => readArchivedObject(targets.s3, BUCKET, key);
/** A running API-U case of PT Mahakam Niaga Sentosa. */
const createApiUCase = (caseId: string, fileNumber: string, receiptCode: string) =>
  createCase(targets.dynamo, TABLE, {
    caseId,
    sop: 'SOP-LP2N-PPK-01',
    fileNumber,
    applicant: { name: 'PT Mahakam Niaga Sentosa', nib: '9120001234567' },
    status: 'berjalan',
    createdAt: '2026-11-23T01:40:00Z',
    receiptCode,
    deadline: '2026-11-30',
    form: {},
    requirements: [],
  });
/** A step's event by an official of the step's lane. */
const eventBy = (
  actor: { id: string; name: string },
  event: { actionId: string; at: string; step: number; action: string; notes: string },
) => ({ ...event, lane: actor.id, actor });
const PEMROSESAN = { id: 'pemrosesan', name: 'Rina Marlina, S.Kom.' };
const KASI = { id: 'kasi-layanan', name: 'Ir. Ahmad Fauzi' };
const renderEvent = eventBy(PEMROSESAN, {
  actionId: 'render-7-d7',
  at: '2026-11-23T02:00:00Z',
  step: 7,
  action: 'Draf izin dicetak rangkap 3',
  notes: '',
});

describe('the archive', () => {
  it('stores every copy and the draft under keys ending in their SHA-256, byte for byte, and records the step with the hashes', async () => {
    const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
    const rendered = await renderDocument(findSop('api-u')!, 'api-u', data);
    await createApiUCase('case-1', 'API-U/2026/00012', 'K7QF-29XM');
    const version = {
      caseId: 'case-1',
      kind: 'api-u',
      revision: 0,
      copies: rendered.copies.map((c) => ({ copy: c.copy, pdf: c.pdf })),
      draft: rendered.docx,
      event: renderEvent,
    };
    const stored = await archiveDocumentVersion(targets, version);
    for (const [i, copy] of stored.copies.entries()) {
      expect(copy.key).toBe(`cases/case-1/documents/api-u/copy-${i + 1}/000-${copy.sha256}.pdf`);
      const back = await read(copy.key);
      expect(sha(back)).toBe(copy.sha256);
      expect(back.length).toBe(rendered.copies[i]!.pdf.length);
    }
    expect(sha(await read(stored.draft!.key))).toBe(sha(rendered.docx));
    // The draft carries the tag the bucket's lifecycle rule moves; the signed copies carry none.
    expect(
      (await targets.s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: stored.draft!.key }))).TagSet,
    ).toEqual([{ Key: 'paraf-kind', Value: 'draft' }]);
    expect(
      (await targets.s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: stored.copies[0]!.key }))).TagSet,
    ).toEqual([]);
    // A retried archive step stores the same keys and records no second event.
    await archiveDocumentVersion(targets, version);
    const events = await listEvents(targets.dynamo, TABLE, 'case-1');
    expect(events).toHaveLength(1);
    expect(events[0]!.documents.map((d) => d.sha256)).toEqual([
      ...stored.copies.map((c) => c.sha256),
      stored.draft!.sha256,
    ]);
    const listed = await targets.s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cases/case-1/documents/' }),
    );
    expect(listed.KeyCount).toBe(4);
  });

  it("writes the audit trail as JSON: who, when, what, notes and each file's hash", async () => {
    // A case of its own, so this runs alone or in any order: a rendering event with its file, then a paraf.
    await createApiUCase('case-trail', 'API-U/2026/00013', 'K7QF-29XN');
    const copy = {
      kind: 'api-u',
      copy: 1,
      key: `cases/case-trail/documents/api-u/copy-1/000-${'a'.repeat(64)}.pdf`,
      sha256: 'a'.repeat(64),
    };
    expect(await recordEvent(targets.dynamo, TABLE, 'case-trail', { ...renderEvent, documents: [copy] })).toBe(true);
    const paraf = {
      ...eventBy(KASI, { actionId: 'd8', at: '2026-11-23T03:00:00Z', step: 8, action: 'Paraf', notes: 'Sesuai' }),
      documents: [],
    };
    expect(await recordEvent(targets.dynamo, TABLE, 'case-trail', paraf)).toBe(true);
    // The same action again, seconds later (a retried step): not a second event.
    expect(await recordEvent(targets.dynamo, TABLE, 'case-trail', { ...paraf, at: '2026-11-23T03:00:05Z' })).toBe(
      false,
    );
    const trail = await writeAuditTrail(targets, 'case-trail');
    expect(trail.key).toMatch(/^cases\/case-trail\/audit-trail\/002-[0-9a-f]{64}\.json$/);
    const bytes = await read(trail.key);
    expect(trail.key).toContain(sha(bytes));
    const json = JSON.parse(new TextDecoder().decode(bytes));
    expect(
      json.events.map((e: { action: string; notes: string; actor: { id: string } }) => [e.action, e.notes, e.actor.id]),
    ).toEqual([
      ['Draf izin dicetak rangkap 3', '', 'pemrosesan'],
      ['Paraf', 'Sesuai', 'kasi-layanan'],
    ]);
    expect(json.events[0].documents).toEqual([copy]);
    expect((await getCase(targets.dynamo, TABLE, 'case-trail'))?.fileNumber).toBe('API-U/2026/00013');
  });

  it('keeps the trail in order of time whatever order its events were written in, each action once', async () => {
    await createApiUCase('case-trail-order', 'API-U/2026/00014', 'M3TR-41QD');
    const at = (time: string, actionId: string, action: string) => ({
      ...eventBy(KASI, { actionId, at: `2026-11-23T${time}Z`, step: 8, action, notes: '' }),
      documents: [],
    });
    // A late writer (a mail retried by the sweep) records its event after a later decision's.
    expect(await recordEvent(targets.dynamo, TABLE, 'case-trail-order', at('03:00:09', 'd9', 'Paraf'))).toBe(true);
    expect(await recordEvent(targets.dynamo, TABLE, 'case-trail-order', at('03:00:01', 'mail-1', 'E-mail'))).toBe(true);
    // An event written under the older key (time first), before events were keyed by their action, and
    // the same action again under the new key: a retry that straddled the change. Shown once, the earlier.
    const older = at('03:00:05', 'd8', 'Paraf Kasi');
    await targets.dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'CASE#case-trail-order', sk: `EVENT#${older.at}#${older.actionId}`, ...older },
      }),
    );
    await recordEvent(targets.dynamo, TABLE, 'case-trail-order', { ...older, at: '2026-11-23T03:00:07Z' });
    const trail = await listEvents(targets.dynamo, TABLE, 'case-trail-order');
    expect(trail.map((e) => [e.at.slice(11, 19), e.actionId])).toEqual([
      ['03:00:01', 'mail-1'],
      ['03:00:05', 'd8'],
      ['03:00:09', 'd9'],
    ]);
  });
});

describe('the application file', () => {
  it('stores the form, the checklist and each attachment under its hash, names made safe', async () => {
    const scan = new TextEncoder().encode('%PDF-1.4 akta pendirian');
    const stored = await archiveApplication(targets, {
      caseId: 'case-2',
      sop: 'SOP-LP2N-PPK-01',
      fileNumber: 'API-U/2026/00013',
      applicant: { name: 'PT Mahakam Niaga Sentosa', nib: '9120001234567' },
      form: { perubahan: false, jumlahPenandatangan: 2 },
      requirements: [{ id: '1', label: 'Rekaman akta pendirian', handedIn: true }],
      attachments: [{ name: '../Akta Pendirian (2019).pdf', contentType: 'application/pdf', bytes: scan }],
    });
    expect(stored.attachments[0]!.key).toBe(`cases/case-2/attachments/${sha(scan)}-Akta_Pendirian_2019_.pdf`);
    expect(sha(await read(stored.attachments[0]!.key))).toBe(sha(scan));
    const json = JSON.parse(new TextDecoder().decode(await read(stored.application.key)));
    expect(json).toMatchObject({
      fileNumber: 'API-U/2026/00013',
      requirements: [{ id: '1', handedIn: true }],
      attachments: [{ name: '../Akta Pendirian (2019).pdf', sha256: sha(scan) }],
    });
  });
});

const permit = (documentId: string, overrides: Partial<PermitRecord>): PermitRecord => ({
  documentId,
  caseId: `case-${documentId}`,
  sop: 'SOP-LP2N-PPK-01',
  kind: 'api-u',
  title: 'Angka Pengenal Importir Umum (API-U)',
  registrationNumber: `503/${documentId}/API-U/DPMPTSP-III/XI/2026`,
  issuedAt: '2026-11-24T02:15:00Z',
  company: 'PT Mahakam Niaga Sentosa',
  nib: '9120001234567',
  npwp: '01.234.567.8-722.000',
  status: 'aktif',
  revocation: null,
  copies: [{ copy: 1, key: 'k1', sha256: 'a'.repeat(64) }],
  signers: [
    {
      name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
      nip: '197205141998031007',
      position: 'Kepala Dinas',
      reason: 'Tanda tangan',
      at: '2026-11-24T02:10:00Z',
    },
  ],
  ...overrides,
});

describe('the permit index', () => {
  beforeAll(async () => {
    await putPermit(targets.dynamo, TABLE, permit('001', {}));
    await putPermit(
      targets.dynamo,
      TABLE,
      permit('002', {
        issuedAt: '2026-12-02T02:00:00Z',
        company: 'PT Kutai Energi Persada',
        nib: '9120007654321',
        npwp: '023456789721000',
      }),
    );
    await putPermit(
      targets.dynamo,
      TABLE,
      permit('003', { sop: 'SOP-LP2N-TKT-02', kind: 'imta', issuedAt: '2027-01-05T02:00:00Z' }),
    );
  });

  it('finds permits by register number, NIB, NPWP (with or without punctuation), and SOP within dates, newest first', async () => {
    const ids = (list: PermitRecord[]) => list.map((p) => p.documentId);
    expect(
      ids(await searchPermits(targets.dynamo, TABLE, { registrationNumber: '503/002/API-U/DPMPTSP-III/XI/2026' })),
    ).toEqual(['002']);
    expect(ids(await searchPermits(targets.dynamo, TABLE, { nib: '9120001234567' }))).toEqual(['003', '001']);
    expect(ids(await searchPermits(targets.dynamo, TABLE, { npwp: '02.345.678.9-721.000' }))).toEqual(['002']);
    // An NPWP beside another key is a filter of the query, compared by its digits as the key is.
    expect(ids(await searchPermits(targets.dynamo, TABLE, { nib: '9120001234567', npwp: '012345678722000' }))).toEqual([
      '003',
      '001',
    ]);
    expect(
      ids(await searchPermits(targets.dynamo, TABLE, { nib: '9120007654321', npwp: '02.345.678.9-721.000' })),
    ).toEqual(['002']);
    expect(
      ids(
        await searchPermits(targets.dynamo, TABLE, {
          sop: 'SOP-LP2N-PPK-01',
          issuedSince: '2026-11-30T16:00:00.000Z',
          issuedUntil: '2026-12-31T15:59:59.999Z',
        }),
      ),
    ).toEqual(['002']);
    // By issue date or status alone: the status index, both statuses merged newest first.
    expect(ids(await searchPermits(targets.dynamo, TABLE, { issuedSince: '2026-12-01T00:00:00.000Z' }))).toEqual([
      '003',
      '002',
    ]);
    expect(ids(await searchPermits(targets.dynamo, TABLE, { status: 'aktif', limit: 2 }))).toEqual(['003', '002']);
    await expect(searchPermits(targets.dynamo, TABLE, {})).rejects.toThrow(
      'cari dengan nomor registrasi, NIB, NPWP, SOP, status atau tanggal terbit',
    );
    // By company name: any run of its words in order, the last by its beginning; accents and case do not matter.
    expect(ids(await searchPermitsByName(targets.dynamo, TABLE, 'mahakam niaga'))).toEqual(['003', '001']);
    expect(ids(await searchPermitsByName(targets.dynamo, TABLE, 'NIAGA sent'))).toEqual(['003', '001']);
    expect(ids(await searchPermitsByName(targets.dynamo, TABLE, 'Énergi'))).toEqual(['002']);
    expect(ids(await searchPermitsByName(targets.dynamo, TABLE, 'sentosa mahakam'))).toEqual([]);
    expect(ids(await searchPermitsByName(targets.dynamo, TABLE, 'mahakam', 1))).toHaveLength(1);
    await expect(searchPermitsByName(targets.dynamo, TABLE, 'PT')).rejects.toThrow('paling sedikit 3 huruf');
  });

  it('refuses a search by name without a searchable word as invalid-query, and leaves a failing table a fault of its own', async () => {
    const searching = (table: string) => ({ dynamo: targets.dynamo, config: { table } }) as unknown as Runtime;
    const refused = await findPermits(searching(TABLE), { nama: 'PT Tbk' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ParafError);
    expect((refused as ParafError).code).toBe('invalid-query');
    expect((refused as ParafError).message).toBe(
      'Isian pencarian belum benar: nama perusahaan harus berisi kata yang paling sedikit 3 huruf',
    );
    // A table that cannot be read is Paraf's fault (500), not the searcher's: the DynamoDB error goes on as it is.
    const failed = await findPermits(searching('no-such-table'), { nama: 'mahakam' }).catch((e: unknown) => e);
    expect(isParafError(failed)).toBe(false);
    expect((failed as Error).name).toBe('ResourceNotFoundException');
  });

  it('marks a permit revoked with the decree, and the verification lookup shows it', async () => {
    await markRevoked(targets.dynamo, TABLE, '001', {
      number: '188.4/001/SK/DPMPTSP/XII/2026',
      date: '2026-12-07',
      caseId: 'revocation-1',
    });
    expect((await getPermit(targets.dynamo, TABLE, '001'))?.status).toBe('dicabut');
    expect(
      (await searchPermits(targets.dynamo, TABLE, { nib: '9120001234567', status: 'aktif' })).map((p) => p.documentId),
    ).toEqual(['003']);
    const verification = await getVerification(targets.dynamo, TABLE, '001');
    expect(verification).toMatchObject({
      found: true,
      status: 'dicabut',
      revocation: { number: '188.4/001/SK/DPMPTSP/XII/2026', date: '2026-12-07' },
      copies: [{ copy: 1, sha256: 'a'.repeat(64) }],
    });
    expect(verification.found && verification.signers[0]).toEqual({
      name: 'Dr. H. Bambang Suryadi, S.E., M.Si.',
      position: 'Kepala Dinas',
      reason: 'Tanda tangan',
      at: '2026-11-24T02:10:00Z',
    });
    expect(await getVerification(targets.dynamo, TABLE, 'unknown')).toEqual({ found: false });
  });

  it('records a recommendation to revoke once per recommending case, leaving the permit in force', async () => {
    const first = {
      number: '067/001/REK-CABUT/DPMPTSP-DALAK/XII/2026',
      date: '2026-12-07',
      caseId: 'recommend-1',
      addressedTo: 'Kepala Dinas Perkebunan, Pemerintah Provinsi Kalimantan Timur',
    };
    await recordRevocationRecommendation(targets.dynamo, TABLE, '002', first);
    await recordRevocationRecommendation(targets.dynamo, TABLE, '002', first);
    const second = {
      ...first,
      number: '067/002/REK-CABUT/DPMPTSP-DALAK/XII/2026',
      caseId: 'recommend-2',
      addressedTo: null,
    };
    await recordRevocationRecommendation(targets.dynamo, TABLE, '002', second);
    const recorded = await getPermit(targets.dynamo, TABLE, '002');
    expect(recorded).toMatchObject({ status: 'aktif', revocation: null, revocationRecommendations: [first, second] });
    expect(recorded).not.toHaveProperty('recommendedBy');
    expect(await getVerification(targets.dynamo, TABLE, '002')).toMatchObject({
      status: 'aktif',
      revocationRecommendations: [{ number: first.number }, { number: second.number, addressedTo: null }],
    });
    expect((await getPermit(targets.dynamo, TABLE, '003'))?.revocationRecommendations).toEqual([]);
    await expect(recordRevocationRecommendation(targets.dynamo, TABLE, 'missing', first)).rejects.toThrow(
      'no permit missing',
    );
  });
});

/**
 * Another client of the file's dynalite whose next write of a name entry fails once when armed, as a
 * process killed between a change of the record and its copy to the name entries would leave them.
 */
function clientFailingNameEntries() {
  let armed = false;
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      // The document client's input, before or after its marshalling.
      const pk = (args.input as { Item?: { pk?: string | { S?: string } } }).Item?.pk;
      const partition = typeof pk === 'string' ? pk : pk?.S;
      if (armed && context.commandName === 'PutItemCommand' && partition?.startsWith('PERMITNAME#')) {
        armed = false;
        throw new Error('PutItem tidak sampai');
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return { dynamo: DynamoDBDocumentClient.from(raw), arm: () => (armed = true) };
}

describe('the name entries', () => {
  // Each test its own holder, NIB and NPWP: the order tests run in is shuffled, and the permit
  // index's tests above count what their NIB and names find.
  const holder = (documentId: string, company: string, overrides: Partial<PermitRecord> = {}) =>
    permit(documentId, {
      company,
      nib: `91200099${documentId}00`,
      npwp: `09.999.${documentId}.9-999.000`,
      ...overrides,
    });
  const byName = async (query: string) => searchPermitsByName(targets.dynamo, TABLE, query);
  /** The entries of `documentId` keyed by its name from the word starting with `prefix` on. */
  const nameEntries = async (documentId: string, prefix: string) =>
    (
      await targets.dynamo.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `PERMITNAME#${prefix}` },
        }),
      )
    ).Items?.filter((item) => item.documentId === documentId) ?? [];

  it('carry the record, so a search by name answers from them; older entries with only the id still find theirs', async () => {
    const company = 'PT Berau Kayu Lestari';
    await putPermit(targets.dynamo, TABLE, holder('101', company));
    const [entry] = await nameEntries('101', 'kay');
    const { pk: _pk, sk: _sk, ...carried } = entry!;
    expect(carried).toEqual(holder('101', company));
    // An entry as the release before wrote it: the id alone, its record read whole.
    const older = holder('102', company, { issuedAt: '2026-11-25T02:15:00Z' });
    await putPermit(targets.dynamo, TABLE, older);
    for (const key of [
      { pk: 'PERMITNAME#ber', sk: 'berau kayu lestari#2026-11-25T02:15:00Z#102' },
      { pk: 'PERMITNAME#kay', sk: 'kayu lestari#2026-11-25T02:15:00Z#102' },
      { pk: 'PERMITNAME#les', sk: 'lestari#2026-11-25T02:15:00Z#102' },
    ])
      await targets.dynamo.send(new PutCommand({ TableName: TABLE, Item: { ...key, documentId: '102' } }));
    const found = await byName('kayu lestari');
    expect(found.map((p) => p.documentId)).toEqual(['102', '101']);
    expect(found[0]).toEqual({ ...older, revocationRecommendations: [] });
  });

  it('show a revocation, a recommendation and renewed copies, and a change cut off before its copy is mended by its retry', async () => {
    const company = 'PT Paser Rotan Jaya';
    await putPermit(targets.dynamo, TABLE, holder('201', company));
    const failing = clientFailingNameEntries();
    const shown = async () => (await byName('paser rotan')).find((p) => p.documentId === '201');
    const act = { number: '188.4/009/SK/DPMPTSP/XII/2026', date: '2026-12-08', caseId: 'revocation-9' };
    failing.arm();
    await expect(markRevoked(failing.dynamo, TABLE, '201', act)).rejects.toThrow('PutItem tidak sampai');
    // Cut off after the record changed: the search is behind until the retry.
    expect((await getPermit(targets.dynamo, TABLE, '201'))?.status).toBe('dicabut');
    expect((await shown())?.status).toBe('aktif');
    await markRevoked(failing.dynamo, TABLE, '201', act);
    expect(await shown()).toMatchObject({ status: 'dicabut', revocation: act });

    const recommendation = {
      number: '067/009/REK-CABUT/DPMPTSP-DALAK/XII/2026',
      date: '2026-12-08',
      caseId: 'recommend-9',
      addressedTo: null,
    };
    failing.arm();
    await expect(recordRevocationRecommendation(failing.dynamo, TABLE, '201', recommendation)).rejects.toThrow(
      'PutItem tidak sampai',
    );
    // The retry finds it recorded and copies it all the same.
    await recordRevocationRecommendation(failing.dynamo, TABLE, '201', recommendation);
    expect((await shown())?.revocationRecommendations).toEqual([recommendation]);

    const renewed = [{ copy: 1, key: 'k1-r2', sha256: 'b'.repeat(64) }];
    failing.arm();
    await expect(replacePermitCopies(failing.dynamo, TABLE, '201', renewed)).rejects.toThrow('PutItem tidak sampai');
    expect(await replacePermitCopies(failing.dynamo, TABLE, '201', renewed)).toBe(true);
    expect(await shown()).toMatchObject({ status: 'dicabut', copies: renewed });
    expect(await shown()).toEqual(await getPermit(targets.dynamo, TABLE, '201'));
    failing.dynamo.destroy();

    // The permit's own archive step retried after all that (its machine retries it for up to a year):
    // the record and its entries keep what the changes wrote.
    await putPermit(targets.dynamo, TABLE, holder('201', company));
    expect(await getPermit(targets.dynamo, TABLE, '201')).toMatchObject({ status: 'dicabut', copies: renewed });
    expect(await shown()).toMatchObject({ status: 'dicabut', copies: renewed });
  });

  it('are brought up to the record by paraf archive index where a copy never landed, and left alone after', async () => {
    await putPermit(targets.dynamo, TABLE, holder('301', 'PT Sendawar Batu Abadi'));
    await markRevoked(targets.dynamo, TABLE, '301', {
      number: '188.4/010/SK',
      date: '2026-12-09',
      caseId: 'revocation-10',
    });
    const [entry] = await nameEntries('301', 'bat');
    // A copy a crash cut off and no retry made: an entry as the record stood before its change.
    await targets.dynamo.send(
      new PutCommand({ TableName: TABLE, Item: { ...entry, changes: 0, status: 'aktif', revocation: null } }),
    );
    expect((await byName('batu abadi')).find((p) => p.documentId === '301')?.status).toBe('aktif');
    expect(await fillNameEntries(targets.dynamo, TABLE, '301')).toBe(true);
    expect((await byName('batu abadi')).find((p) => p.documentId === '301')).toEqual(
      await getPermit(targets.dynamo, TABLE, '301'),
    );
    expect(await fillNameEntries(targets.dynamo, TABLE, '301')).toBe(false);
  });

  it('list a permit by its status and issue date alone, moved by the revocation itself; paraf archive index keys older records', async () => {
    const byStatus = async (status: 'aktif' | 'dicabut') =>
      (await searchPermits(targets.dynamo, TABLE, { status })).map((p) => p.documentId);
    await putPermit(targets.dynamo, TABLE, holder('501', 'PT Muara Badak Lestari'));
    expect(await byStatus('aktif')).toContain('501');
    await markRevoked(targets.dynamo, TABLE, '501', { number: '188.4/050/SK', date: '2026-12-10', caseId: 'rev-50' });
    expect(await byStatus('aktif')).not.toContain('501');
    expect(await byStatus('dicabut')).toContain('501');
    // Its own archive step retried after the revocation writes nothing: it stays among the revoked only.
    await putPermit(targets.dynamo, TABLE, holder('501', 'PT Muara Badak Lestari'));
    expect(await byStatus('aktif')).not.toContain('501');
    expect(await byStatus('dicabut')).toContain('501');

    // A record written before the status index and the file number were kept: its item without them.
    await createApiUCase('case-601', 'API-U/2026/00601', 'KODE601');
    await putPermit(targets.dynamo, TABLE, holder('601', 'PT Samboja Hijau Permai', { caseId: 'case-601' }));
    const { Item: written } = await targets.dynamo.send(
      new GetCommand({ TableName: TABLE, Key: permitKey('601'), ConsistentRead: true }),
    );
    expect(written).toMatchObject({ fileNumber: 'API-U/2026/00601', gsi1pk: 'PERMITS#aktif' });
    const { gsi1pk: _pk, gsi1sk: _sk, fileNumber: _fileNumber, ...older } = written!;
    await targets.dynamo.send(new PutCommand({ TableName: TABLE, Item: older }));
    expect(await byStatus('aktif')).not.toContain('601');
    expect(await fillPermitKeys(targets.dynamo, TABLE, '601')).toBe(true);
    expect(await fillNameEntries(targets.dynamo, TABLE, '601')).toBe(true);
    expect(await byStatus('aktif')).toContain('601');
    expect((await getPermit(targets.dynamo, TABLE, '601'))?.fileNumber).toBe('API-U/2026/00601');
    // The name entries take the new file number as they take any change of the record (archive index's next step).
    expect((await byName('samboja hijau')).map((p) => p.fileNumber)).toEqual(['API-U/2026/00601']);
    expect(await fillPermitKeys(targets.dynamo, TABLE, '601')).toBe(false);
  });

  it('keep the copy of the latest change: a copy from an older reading of the record does not overwrite it', async () => {
    await putPermit(targets.dynamo, TABLE, holder('401', 'PT Tenggarong Emas Jaya'));
    const [entry] = await nameEntries('401', 'ema');
    // As a change made meanwhile would have left it: counted further than the record this copy reads.
    await targets.dynamo.send(new PutCommand({ TableName: TABLE, Item: { ...entry, changes: 99, status: 'dicabut' } }));
    await copyToNameEntries(targets.dynamo, TABLE, '401');
    const [kept] = await nameEntries('401', 'ema');
    expect(kept).toMatchObject({ changes: 99, status: 'dicabut' });
  });
});

describe('records read back', () => {
  it('are checked against their schema: a malformed item is refused with its key and field named, extra attributes kept', async () => {
    await targets.dynamo.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...caseKey('malformed-1'), caseId: 'malformed-1', sop: 'SOP-LP2N-PPK-01', status: 'lost' },
      }),
    );
    const refused = await getCase(targets.dynamo, TABLE, 'malformed-1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MalformedRecord);
    expect(refused).toMatchObject({ code: 'malformed-record', key: 'CASE#malformed-1 / META' });
    expect((refused as MalformedRecord).fields.join('; ')).toMatch(/fileNumber: .*status: /);

    const record = {
      caseId: 'extra-1',
      sop: 'SOP-LP2N-PPK-01',
      fileNumber: 'API-U/2026/00999',
      applicant: { name: 'PT Uji', phone: '0541 123456' },
      status: 'berjalan' as const,
      createdAt: '2026-12-01T01:00:00.000Z',
      receiptCode: 'ABCD-EFGH',
      deadline: null,
      form: {},
      requirements: [],
    };
    await createCase(targets.dynamo, TABLE, record);
    expect(await getCase(targets.dynamo, TABLE, 'extra-1')).toEqual(record);
  });

  it("of identity (an account, a session, a throttle window) are checked too: a malformed one names its record's field", async () => {
    const store = { dynamo: targets.dynamo, table: TABLE };
    const put = (item: Record<string, unknown>) =>
      targets.dynamo.send(new PutCommand({ TableName: TABLE, Item: item }));
    const fieldsOf = (error: unknown) => {
      expect(error).toBeInstanceOf(MalformedRecord);
      return (error as MalformedRecord).fields.join('; ');
    };

    await put({ ...accountKey('kasi-rusak'), officialId: 'kasi-rusak', createdAt: '2026-12-01T01:00:00.000Z' });
    expect(fieldsOf(await getAccount(store, 'kasi-rusak').catch((error: unknown) => error))).toMatch(/^totpSecret: /);

    const now = new Date('2026-12-01T01:05:00.000Z');
    const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS).toISOString();
    await put({ ...throttleKey('masuk', 'kasi-rusak', windowStart), failures: '5', expiresAt: windowStart });
    const throttle = await throttledUntil(store, 'masuk', 'kasi-rusak', now).catch((error: unknown) => error);
    expect(fieldsOf(throttle)).toMatch(/^failures: /);

    const cookie = 'kasi-rusak.sesi-rusak';
    const hash = createHash('sha256').update(cookie).digest('hex');
    await put({
      ...sessionKey(hash),
      officialId: 'kasi-rusak',
      createdAt: '2026-12-01T01:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
      via: 'saml',
    });
    const app = new Hono().get('/', (c) =>
      currentSession(store, c).then(
        (session) => c.json({ session }),
        (error: unknown) => c.json({ fields: fieldsOf(error) }),
      ),
    );
    const answer = await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(await answer.json()).toEqual({ fields: expect.stringMatching(/^via: /) });
  });

  it('open a session only for the official its cookie names: a session of another official under that name opens nothing', async () => {
    const store = { dynamo: targets.dynamo, table: TABLE };
    const sessionUnder = async (cookie: string, officialId: string) => {
      await targets.dynamo.send(
        new PutCommand({
          TableName: TABLE,
          Item: {
            ...sessionKey(createHash('sha256').update(cookie).digest('hex')),
            officialId,
            createdAt: '2026-12-01T01:00:00.000Z',
            expiresAt: '2099-01-01T00:00:00.000Z',
            via: 'local',
          },
        }),
      );
      const app = new Hono().get('/', async (c) =>
        c.json({ officialId: (await currentSession(store, c))?.session.officialId ?? null }),
      );
      const answer = await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      return ((await answer.json()) as { officialId: string | null }).officialId;
    };
    expect(await sessionUnder('kasi-layanan.rahasia-satu', 'kasi-layanan')).toBe('kasi-layanan');
    expect(await sessionUnder('kepala.rahasia-dua', 'kasi-layanan')).toBeNull();
    // A value without an official's name (the form before it carried one) opens nothing, even with its session kept.
    expect(await sessionUnder('rahasia-tiga', 'kasi-layanan')).toBeNull();
    expect(await sessionUnder('.rahasia-empat', 'kasi-layanan')).toBeNull();
  });
});
