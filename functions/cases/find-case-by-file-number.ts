import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getCase, type CaseRecord } from '#records/case-records.ts';
import { findRegisterEntry } from '#registry/list-register.ts';
import type { Sop } from '#sop/schema.ts';
import { fileNumberPrefix, fileRegister } from './start-case.ts';

/**
 * The case behind a file number as printed on the receipt ("API-U/2026/00001"):
 *  1. the number's prefix, year and sequence: another shape finds nothing;
 *  2. the SOP whose file numbers carry that prefix;
 *  3. the file-number register (`berkas-<sop>`), which lists the number by year and sequence: one
 *     indexed read, its entry's number checked against the one given;
 *  4. the case the entry names.
 */
export async function findCaseByFileNumber(
  client: DynamoDBDocumentClient,
  table: string,
  catalog: readonly Sop[],
  fileNumber: string,
): Promise<CaseRecord | undefined> {
  const match = /^([A-Za-z0-9-]{2,20})\/(\d{4})\/(\d{1,6})$/.exec(fileNumber.trim());
  if (!match) return undefined;
  const [, prefix = '', year = '', seq = ''] = match;
  const sop = catalog.find((s) => fileNumberPrefix(s) === prefix.toUpperCase());
  if (!sop) return undefined;
  const assigned = await findRegisterEntry(client, table, fileRegister(sop).id, year, seq);
  if (!assigned || assigned.number.toUpperCase() !== fileNumber.trim().toUpperCase()) return undefined;
  return getCase(client, table, assigned.caseId);
}
