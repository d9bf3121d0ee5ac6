import { PutCommand, type PutCommandInput, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type StandingIn, StandingInSchema } from './standing-in.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { printedHolder } from '#documents/kinds/index.ts';
import { getCase } from './case-records.ts';
import { readRecord, type RecordShape } from './check-record.ts';
import {
  npwpDigits,
  PERMIT_KEYS_FILLED,
  permitIndexPartition,
  permitKey,
  permitNameKey,
  permitNamePartition,
} from './keys.ts';
import { GSI1, PERMIT_INDEXES } from './table.ts';
import { conditionHeld, getRecord, getRecords, queryPages } from './table-operations.ts';

export interface PermitRecord {
  documentId: string;
  caseId: string;
  /**
   * The case's file number, as the receipt and Tata Usaha write it (API-U/2026/00012): copied from
   * the case when the record is written. Absent on records written before it was kept, until
   * `paraf archive index` adds it.
   */
  fileNumber?: string;
  sop: string;
  kind: string;
  title: string;
  registrationNumber: string;
  issuedAt: string;
  company: string;
  nib: string | null;
  npwp: string | null;
  status: 'aktif' | 'dicabut';
  revocation: { number: string; date: string; caseId: string } | null;
  /**
   * Recommendations to revoke (DALAK 014), oldest first: they ask the authority that revokes, so the
   * permit stays `aktif` and shows them until a revocation is recorded. Absent on older records.
   */
  revocationRecommendations?: RevocationRecommendation[];
  copies: { copy: number; key: string; sha256: string }[];
  /** `timestamp`: the TSA's time and name on the signature (PAdES B-T); absent on older records. */
  signers: {
    name: string;
    nip: string;
    position: string;
    reason: string;
    at: string;
    timestamp?: { at: string; tsa: string };
    certificateIssuer?: string;
    standsInFor?: StandingIn;
  }[];
}

/** A signature's facts but the signer's NIP: what the public verification page shows of it. */
export type SignerFacts = Omit<PermitRecord['signers'][number], 'nip'>;

export interface RevocationRecommendation {
  number: string;
  date: string;
  caseId: string;
  /** The addressee of the recommendation as its letter names it ("Kepala Badan ..., Kementerian ..."). */
  addressedTo: string | null;
}

const text = z.string();
// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const RevocationRecommendationSchema = z.lazy(() =>
  z.object({
    number: text,
    date: text,
    caseId: text,
    addressedTo: z.nullable(text),
  } satisfies RecordShape<RevocationRecommendation>),
);
const PermitRecordSchema: z.ZodMiniType<PermitRecord> = z.lazy(() =>
  z.object({
    documentId: text,
    caseId: text,
    fileNumber: z.optional(text),
    sop: text,
    kind: text,
    title: text,
    registrationNumber: text,
    issuedAt: text,
    company: text,
    nib: z.nullable(text),
    npwp: z.nullable(text),
    status: z.enum(['aktif', 'dicabut']),
    revocation: z.nullable(z.object({ number: text, date: text, caseId: text })),
    revocationRecommendations: z.optional(z.array(RevocationRecommendationSchema)),
    copies: z.array(z.object({ copy: z.number(), key: text, sha256: text })),
    signers: z.array(
      z.object({
        name: text,
        nip: text,
        position: text,
        reason: text,
        at: text,
        timestamp: z.optional(z.object({ at: text, tsa: text })),
        certificateIssuer: z.optional(text),
        standsInFor: z.optional(StandingInSchema),
      }),
    ),
  } satisfies RecordShape<PermitRecord>),
);
/**
 * The status index: every permit under its status, by issue date (the search by status or dates
 * alone). GSI1 lists the registers' numbers under other partitions; a permit's record carries its
 * keys itself, so the one write that revokes a permit also moves it there, and no retry or crash
 * leaves an index entry apart from its record.
 */
const STATUS_INDEX = GSI1;
const statusIndexKeys = (status: PermitRecord['status'], issuedAt: string) => ({
  [STATUS_INDEX.partition]: permitIndexPartition.status(status),
  [STATUS_INDEX.sort]: issuedAt,
});
/**
 * The permit indexes' attributes, the recommending cases (a set, for the once-per-case condition) and
 * how often the record changed after issue (which copy a name entry may take): not part of the record.
 */
const PERMIT_ATTRIBUTES = [
  ...[...Object.values(PERMIT_INDEXES), STATUS_INDEX].flatMap((index) => [index.partition, index.sort]),
  'recommendedBy',
  'changes',
];
/** A name index entry written before entries carried the record: which document it points at. */
const NameEntrySchema = z.lazy(() => z.object({ documentId: text }));

/**
 * The items that record an issued document: its record with its search keys, and one item per word
 * of the company's name keyed by the name from that word on ("niaga sentosa" of PT Mahakam Niaga
 * Sentosa), so a name is found by any run of its words, each word by its beginning. Each name entry
 * carries the record too, so that a search by name is one query (BENCHMARKS.md: the archive over
 * 1,000,000 permits); every change of the record after issue is copied to them (copyToNameEntries).
 */
export function permitItems(permit: PermitRecord): Record<string, unknown>[] {
  return [
    {
      ...permitKey(permit.documentId),
      ...permit,
      ...statusIndexKeys(permit.status, permit.issuedAt),
      gsi2pk: permitIndexPartition.regNo(permit.registrationNumber),
      gsi2sk: permit.issuedAt,
      ...(permit.nib ? { gsi3pk: permitIndexPartition.nib(permit.nib), gsi3sk: permit.issuedAt } : {}),
      gsi4pk: permitIndexPartition.sop(permit.sop),
      gsi4sk: permit.issuedAt,
      ...(permit.npwp ? { gsi5pk: permitIndexPartition.npwp(permit.npwp), gsi5sk: permit.issuedAt } : {}),
    },
    ...nameTails(permit.company).map((tail) => ({
      ...permitNameKey(tail, permit.issuedAt, permit.documentId),
      ...permit,
    })),
  ];
}

/**
 * Writes (or rewrites, on a retry) an issued document's record with its search keys. The holder
 * (company, NIB, NPWP) is the one the document prints, from the case's data for its kind: the
 * name typed at the counter may be the proxy's or a short form, and the archive, its name search
 * and the verification page must agree with the paper. `permit.company` stays only where the
 * kind prints no holder. The file number is the case's, read here anyway.
 */
export async function putPermit(client: DynamoDBDocumentClient, table: string, permit: PermitRecord): Promise<void> {
  const record = await getCase(client, table, permit.caseId);
  const printed = record && printedHolder(permit.kind, record.form.documents?.[permit.kind]);
  // The counter's NIB may be another party's (a proxy, an organiser's agent): only what is printed goes with a printed name.
  const filed = record ? { ...permit, fileNumber: record.fileNumber } : permit;
  const issued = printed
    ? { ...filed, company: printed.name, nib: printed.nib ?? null, npwp: printed.npwp ?? null }
    : filed;
  const [permitItem, ...nameEntries] = permitItems(issued);
  // A record changed since its issue (revoked, recommended against, renewed) keeps what the change
  // wrote: a retried archive step (its machine retries it for as long as a year) writes nothing.
  const issuedNow = await conditionHeld(
    client.send(
      new PutCommand({ TableName: table, Item: permitItem, ConditionExpression: 'attribute_not_exists(changes)' }),
    ),
  );
  if (!issuedNow) return;
  for (const item of nameEntries) await client.send(new PutCommand({ TableName: table, Item: item }));
}

/** Words that say nothing about which company it is. */
const LEGAL_FORMS = new Set(['pt', 'cv', 'tbk', 'persero', 'ud', 'koperasi', 'yayasan', 'firma', 'fa', 'dan', 'the']);

/** The searchable words of a name, in order: lower case, letters and digits only, at least 3 characters, no legal form. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !LEGAL_FORMS.has(word));
}

/** The name from each of its words on: what the name index keys. */
function nameTails(name: string): string[] {
  const words = nameWords(name);
  return [...new Set(words.map((_, i) => words.slice(i).join(' ')))];
}

export const getPermit = (client: DynamoDBDocumentClient, table: string, documentId: string) =>
  getRecord(client, table, permitKey(documentId), strip);

/**
 * The permit records of several document ids (`<case>.<kind>`), in their order (undefined for one
 * not archived), read in one BatchGetItem per 100 rather than one read per document.
 */
export const getPermits = (client: DynamoDBDocumentClient, table: string, documentIds: readonly string[]) =>
  getRecords(client, table, documentIds.map(permitKey), strip);

/**
 * A revocation decree closes the loop: the permit shows who revoked it, by which number, when. The
 * same write moves it to the revoked permits of the status index (its sort key, the issue date, set
 * too: a record from before the index had none).
 */
export async function markRevoked(
  client: DynamoDBDocumentClient,
  table: string,
  documentId: string,
  revocation: NonNullable<PermitRecord['revocation']>,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: permitKey(documentId),
      UpdateExpression:
        'SET #status = :revoked, revocation = :revocation, #statusPk = :revokedPartition, #statusSk = issuedAt ADD changes :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#statusPk': STATUS_INDEX.partition,
        '#statusSk': STATUS_INDEX.sort,
      },
      ExpressionAttributeValues: {
        ':revoked': 'dicabut',
        ':revocation': revocation,
        ':revokedPartition': permitIndexPartition.status('dicabut'),
        ':one': 1,
      },
    }),
  );
  await copyToNameEntries(client, table, documentId);
}

/**
 * A recommendation to revoke, recorded once per recommending case (a retried archive step adds
 * nothing): the permit's status does not change, since only the revoking authority's act revokes.
 */
export async function recordRevocationRecommendation(
  client: DynamoDBDocumentClient,
  table: string,
  documentId: string,
  recommendation: RevocationRecommendation,
): Promise<void> {
  const recorded = await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: permitKey(documentId),
        UpdateExpression:
          'SET revocationRecommendations = list_append(if_not_exists(revocationRecommendations, :none), :recommendation) ADD recommendedBy :case, changes :one',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(recommendedBy, :caseId)',
        ExpressionAttributeValues: {
          ':none': [],
          ':recommendation': [recommendation],
          ':case': new Set([recommendation.caseId]),
          ':caseId': recommendation.caseId,
          ':one': 1,
        },
      }),
    ),
  );
  // Already recorded by this case is a retry (which copies again what a crash may have cut short); a missing permit is a real fault.
  if (!recorded && !(await getPermit(client, table, documentId)))
    throw new Error(`no permit ${documentId} to record a revocation recommendation on`);
  await copyToNameEntries(client, table, documentId);
}

/**
 * The record as it stands now, copied into each of its name entries after a change (a revocation, a
 * recommendation, renewed copies), so that a search by name shows what the record says:
 *  1. the record read (strongly), with how often it has changed;
 *  2. each entry written unless it holds a copy of a later change already: two changes at once each
 *     copy after their own write, and the one that read the older record must not win.
 * A crash between a change and its copy leaves the entries behind until the change is retried (a
 * machine task, or the renewal that finds the document still due), which copies again.
 */
export async function copyToNameEntries(client: DynamoDBDocumentClient, table: string, documentId: string) {
  await writeNameEntries(client, table, documentId, (changes) => ({
    ConditionExpression: 'attribute_not_exists(changes) OR changes <= :changes',
    ExpressionAttributeValues: { ':changes': changes },
  }));
}

/**
 * The record copied into those of its name entries that lack it (written before entries carried
 * the record, or missing) or hold an older change of it (a copy a crash cut off whose change was
 * never retried): `paraf archive index`. True when one was written.
 */
export async function fillNameEntries(client: DynamoDBDocumentClient, table: string, documentId: string) {
  const written = await writeNameEntries(client, table, documentId, (changes) =>
    changes > 0
      ? {
          ConditionExpression: 'attribute_not_exists(copies) OR attribute_not_exists(changes) OR changes < :changes',
          ExpressionAttributeValues: { ':changes': changes },
        }
      : { ConditionExpression: 'attribute_not_exists(copies)' },
  );
  return written.some(Boolean);
}

/**
 * `paraf archive index`: a record written before the status index and the file number were kept
 * gets them, in one conditional write of the record itself:
 *  1. the record read (strongly) with its index attributes; one that has both is left alone;
 *  2. its status index keys set, for the status read, and the case's file number where it lacks one;
 *     held only while the status is still the one read (a revocation meanwhile sets its own keys);
 *  3. a new file number counts as a change (`changes`), which the name entries then lack: the caller
 *     copies it with fillNameEntries next (`paraf archive index` does, for every document, so a crash
 *     between the two leaves the copy to the next run).
 * True when the record was written.
 */
export async function fillPermitKeys(client: DynamoDBDocumentClient, table: string, documentId: string) {
  const item = await getRecord(client, table, permitKey(documentId), (found) => found);
  if (!item) return false;
  const permit = strip({ ...item });
  const indexed = item[STATUS_INDEX.partition] === permitIndexPartition.status(permit.status);
  const fileNumber = permit.fileNumber ? undefined : (await getCase(client, table, permit.caseId))?.fileNumber;
  if (indexed && !fileNumber) return false;
  const written = await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: permitKey(documentId),
        UpdateExpression: `SET #statusPk = :partition, #statusSk = issuedAt${fileNumber ? ', fileNumber = :fileNumber ADD changes :one' : ''}`,
        ConditionExpression: '#status = :status',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#statusPk': STATUS_INDEX.partition,
          '#statusSk': STATUS_INDEX.sort,
        },
        ExpressionAttributeValues: {
          ':status': permit.status,
          ':partition': permitIndexPartition.status(permit.status),
          ...(fileNumber ? { ':fileNumber': fileNumber, ':one': 1 } : {}),
        },
      }),
    ),
  );
  return written;
}

async function writeNameEntries(
  client: DynamoDBDocumentClient,
  table: string,
  documentId: string,
  condition: (changes: number) => Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeValues'>,
): Promise<boolean[]> {
  const item = await getRecord(client, table, permitKey(documentId), (found) => found);
  if (!item) return [];
  const changes = typeof item.changes === 'number' ? item.changes : 0;
  const permit = strip(item);
  return Promise.all(
    nameTails(permit.company).map((tail) =>
      conditionHeld(
        client.send(
          new PutCommand({
            TableName: table,
            Item: { ...permitNameKey(tail, permit.issuedAt, documentId), ...permit, changes },
            ...condition(changes),
          }),
        ),
      ),
    ),
  );
}

export interface PermitSearch {
  registrationNumber?: string;
  nib?: string;
  npwp?: string;
  sop?: string;
  /** Issued from and until these instants (ISO, UTC), both inclusive. */
  issuedSince?: string;
  issuedUntil?: string;
  status?: PermitRecord['status'];
  /** At most this many, newest first; all when absent. */
  limit?: number;
}

type PermitIndex = { name: string; partition: string; sort: string };

/**
 * The archive search: by register number, NIB, NPWP or SOP (each an index), narrowed by issue date
 * and status; with none of those, by status or issue date alone (the status index: one partition
 * per status, both read and merged when no status is given). Newest first. At least one of them is needed.
 */
export async function searchPermits(
  client: DynamoDBDocumentClient,
  table: string,
  search: PermitSearch,
): Promise<PermitRecord[]> {
  const [index, key, keyedOn] = search.registrationNumber
    ? [PERMIT_INDEXES.regNo, permitIndexPartition.regNo(search.registrationNumber.trim()), 'registrationNumber']
    : search.nib
      ? [PERMIT_INDEXES.nib, permitIndexPartition.nib(search.nib.trim()), 'nib']
      : search.npwp
        ? [PERMIT_INDEXES.npwp, permitIndexPartition.npwp(search.npwp), 'npwp']
        : search.sop
          ? [PERMIT_INDEXES.sop, permitIndexPartition.sop(search.sop), 'sop']
          : [undefined, undefined, undefined];
  if (index && key) return queryPermitIndex(client, table, index, key, { ...search, [keyedOn]: undefined });
  if (!search.status && !search.issuedSince && !search.issuedUntil)
    throw new ParafError(
      'invalid-query',
      'Isian pencarian belum benar: cari dengan nomor registrasi, NIB, NPWP, SOP, status atau tanggal terbit',
    );
  // Each status's partition is in issue order already: the newest `limit` of each, merged, are the newest of all.
  const statuses = search.status ? [search.status] : (['aktif', 'dicabut'] as const);
  const { status: _inThePartition, ...rest } = search;
  const lists = await Promise.all(
    statuses.map((status) => queryPermitIndex(client, table, STATUS_INDEX, permitIndexPartition.status(status), rest)),
  );
  const merged = lists.flat().sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return search.limit ? merged.slice(0, search.limit) : merged;
}

/**
 * The fields of a search the index read does not key on, as the item's attributes: filtered in
 * the query itself, so that a limit counts only matching permits (a company's newer permits of
 * other SOPs never push its older ones of the SOP asked out of the list).
 */
function searchFilters(search: PermitSearch): Record<string, string> {
  const given: [string, string | undefined][] = [
    ['registrationNumber', search.registrationNumber?.trim()],
    ['nib', search.nib?.trim()],
    // The NPWP by its digits, as its index key holds it: the record keeps it as the document prints it.
    [PERMIT_INDEXES.npwp.partition, search.npwp && permitIndexPartition.npwp(search.npwp)],
    ['sop', search.sop],
    ['status', search.status],
  ];
  return Object.fromEntries(given.filter((entry): entry is [string, string] => Boolean(entry[1])));
}

/**
 * Whether a permit read by its key alone (a file's documents, the name index) has every other field
 * of a search: the fields searchFilters filters in the query, an NPWP by its digits however it was
 * typed, and the issue dates.
 */
export function matchesSearch(permit: PermitRecord, search: PermitSearch): boolean {
  const { [PERMIT_INDEXES.npwp.partition]: _byDigits, ...exact } = searchFilters(search);
  const attributes = permit as unknown as Record<string, unknown>;
  return (
    Object.entries(exact).every(([attribute, value]) => attributes[attribute] === value) &&
    (!search.npwp || (permit.npwp !== null && npwpDigits(permit.npwp) === npwpDigits(search.npwp))) &&
    (!search.issuedSince || permit.issuedAt >= search.issuedSince) &&
    (!search.issuedUntil || permit.issuedAt <= search.issuedUntil)
  );
}

/** One partition of a permit index, newest first, within the dates and matching the fields given (not its own key), up to the limit. */
async function queryPermitIndex(
  client: DynamoDBDocumentClient,
  table: string,
  index: PermitIndex,
  key: string,
  search: PermitSearch,
): Promise<PermitRecord[]> {
  const names: Record<string, string> = { '#pk': index.partition };
  const values: Record<string, unknown> = { ':key': key };
  let condition = '#pk = :key';
  if (search.issuedSince || search.issuedUntil) {
    names['#sk'] = index.sort;
    values[':since'] = search.issuedSince ?? '0000';
    values[':until'] = search.issuedUntil ?? '9999';
    condition += ' AND #sk BETWEEN :since AND :until';
  }
  const filters = Object.entries(searchFilters(search)).map(([attribute, value], i) => {
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const results: PermitRecord[] = [];
  const pages = queryPages(client, {
    TableName: table,
    IndexName: index.name,
    KeyConditionExpression: condition,
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    // Without a filter, the index can stop at the limit itself; with one, pages are read until enough pass.
    ...(search.limit && !filters.length ? { Limit: search.limit } : {}),
  });
  for await (const page of pages) {
    results.push(...(page.Items ?? []).map(strip));
    if (search.limit && results.length >= search.limit) break;
  }
  return search.limit ? results.slice(0, search.limit) : results;
}

/**
 * Permits whose company name contains the words of `query` in that order, the last one by its
 * beginning ("mahakam niaga" and "niaga sent" both find PT Mahakam Niaga Sentosa). One query of the
 * name index reads at most `limit` entries, so a common word answers as fast as a rare one; results
 * come in the order of the name, then newest first.
 */
export async function searchPermitsByName(
  client: DynamoDBDocumentClient,
  table: string,
  query: string,
  limit = 100,
): Promise<PermitRecord[]> {
  const phrase = nameWords(query).join(' ');
  if (!phrase)
    throw new ParafError(
      'invalid-query',
      'Isian pencarian belum benar: nama perusahaan harus berisi kata yang paling sedikit 3 huruf',
    );
  const found = new Map<string, PermitRecord | undefined>();
  const pages = queryPages(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :phrase)',
    ExpressionAttributeValues: { ':pk': permitNamePartition(phrase), ':phrase': phrase },
    Limit: limit,
  });
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const { documentId } = readRecord(NameEntrySchema, 'indeks nama', item);
      if (found.size < limit && !found.has(documentId))
        found.set(documentId, 'copies' in item ? strip(item) : undefined);
    }
    if (found.size >= limit) break;
  }
  // Entries written before they carried the record point at it: those records are read whole.
  const older = [...found].filter(([, permit]) => !permit).map(([documentId]) => documentId);
  const permits = [...found.values(), ...(older.length ? await getPermits(client, table, older) : [])];
  return permits
    .filter((permit) => permit !== undefined)
    .sort((a, b) => a.company.localeCompare(b.company, 'id') || b.issuedAt.localeCompare(a.issuedAt));
}

/**
 * A signature as the verification page shows it, and the permit record keeps it with the signer's
 * NIP: the timestamp and the issuer only where the signature has them (the table takes no undefined).
 */
export function signerFacts(signer: SignerFacts): SignerFacts {
  const { name, position, reason, at, timestamp, certificateIssuer, standsInFor } = signer;
  return {
    name,
    position,
    reason,
    at,
    ...(timestamp ? { timestamp } : {}),
    ...(certificateIssuer ? { certificateIssuer } : {}),
    ...(standsInFor ? { standsInFor } : {}),
  };
}

/** The permit record of an item, checked; older records, written before recommendations were kept, get none. */
function strip(item: Record<string, unknown>): PermitRecord {
  const permit = readRecord(PermitRecordSchema, 'izin', item, PERMIT_ATTRIBUTES);
  permit.revocationRecommendations ??= [];
  return permit;
}

/** A document id as archive-case makes it (`<case>.<kind>`): anything else is not looked up at all. */
export const isDocumentId = (id: string): boolean => /^[A-Za-z0-9_-]{8,64}\.[a-z-]{2,40}$/.test(id);

/** When every permit of the table was given its status index keys (cases/fill-permit-keys.ts), if it was. */
export const permitKeysFilledAt = (client: DynamoDBDocumentClient, table: string) =>
  getRecord(client, table, PERMIT_KEYS_FILLED, (item) => (typeof item.at === 'string' ? item.at : 'unknown'));

export async function markPermitKeysFilled(client: DynamoDBDocumentClient, table: string, at: string): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { ...PERMIT_KEYS_FILLED, at } }));
}
