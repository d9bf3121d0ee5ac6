import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { readRecord } from './check-record.ts';
import { permitKey } from './keys.ts';
import { getRecords } from './table-operations.ts';

/** What a register book needs of an issued document: the number it bears and the holder it names. */
export interface PermitHolder {
  documentId: string;
  registrationNumber: string;
  company: string;
}

/** Only these fields are checked: the book reads no more of the record (permit-index.ts checks it whole). */
const PermitHolderSchema = z.object({ documentId: z.string(), registrationNumber: z.string(), company: z.string() });

const readHolder = (item: Record<string, unknown>): PermitHolder => {
  // readRecord leaves the attributes it does not check (the index keys, the rest of the record): only these are kept.
  const { documentId, registrationNumber, company } = readRecord(PermitHolderSchema, 'izin', item);
  return { documentId, registrationNumber, company };
};

/**
 * The permit records of several document ids (`<case>.<kind>`), in their order (undefined for one
 * not archived), read in one BatchGetItem per 100 rather than one read per document.
 */
export const getPermitHolders = (client: DynamoDBDocumentClient, table: string, documentIds: readonly string[]) =>
  getRecords(client, table, documentIds.map(permitKey), readHolder);
