import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { readRecord, type RecordShape } from './check-record.ts';
import { INTAKE_PENDING, intakeFormKey, intakeMarkerKey } from './keys.ts';
import { getRecord, putIfAbsent, queryRecords } from './table-operations.ts';

/**
 * An intake in progress: written before the file number is taken, removed once the case record
 * exists and its workflow started. A marker that outlives its intake (a kill, a crash, a timeout)
 * tells the next start, or the next intake, which number to void or which case to start.
 */
export interface IntakeMarker {
  caseId: string;
  sop: string;
  /** The intake's time: the year of the file-number register. */
  at: string;
  /** The loket form's intake id this intake took: given back when the intake is abandoned, so the form can be sent again. */
  form?: string;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const IntakeMarkerSchema = z.lazy(() =>
  z.object({
    caseId: z.string(),
    sop: z.string(),
    at: z.string(),
    form: z.optional(z.string()),
  } satisfies RecordShape<IntakeMarker>),
);
/** A marker as its schema names it: attributes a newer writer added stay behind. */
function readMarker(item: Record<string, unknown>): IntakeMarker {
  const { caseId, sop, at, form } = readRecord(IntakeMarkerSchema, 'penanda pendaftaran', item);
  return { caseId, sop, at, ...(form ? { form } : {}) };
}

export async function putIntakeMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: IntakeMarker,
): Promise<void> {
  await client.send(
    new PutCommand({ TableName: table, Item: { ...intakeMarkerKey(marker.at, marker.caseId), ...marker } }),
  );
}

export async function deleteIntakeMarker(
  client: DynamoDBDocumentClient,
  table: string,
  marker: IntakeMarker,
): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: intakeMarkerKey(marker.at, marker.caseId) }));
}

/** Markers of intakes that began before `before`, oldest first. */
export const listIntakeMarkers = (client: DynamoDBDocumentClient, table: string, before: Date) =>
  queryRecords(client, table, { partition: INTAKE_PENDING, range: { before: before.toISOString() } }, readMarker);

/** Which intake took a loket form's intake id: the case it made, or is making. */
export interface IntakeForm {
  form: string;
  caseId: string;
  at: string;
}

const IntakeFormSchema = z.lazy(() =>
  z.object({
    form: z.string(),
    caseId: z.string(),
    at: z.string(),
  } satisfies RecordShape<IntakeForm>),
);

/**
 * Takes a form's intake id for one intake, by a conditional write: of two sendings of the same form,
 * however close, one takes it. Undefined when taken here; else the intake that holds it.
 */
export async function takeIntakeForm(
  client: DynamoDBDocumentClient,
  table: string,
  taken: IntakeForm,
): Promise<IntakeForm | undefined> {
  // A second try only where the holder gave it back between our write and our read (its intake abandoned).
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await putIfAbsent(client, table, { ...intakeFormKey(taken.form), ...taken })) return undefined;
    const holder = await getRecord(client, table, intakeFormKey(taken.form), (item) => {
      const { form, caseId, at } = readRecord(IntakeFormSchema, 'formulir loket', item);
      return { form, caseId, at };
    });
    if (holder) return holder;
  }
  throw new Error(`intake form ${taken.form}: taken and given back twice while it was being taken`);
}

/** Gives a form's intake id back when its intake made no case. */
export async function releaseIntakeForm(client: DynamoDBDocumentClient, table: string, form: string): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: intakeFormKey(form) }));
}
