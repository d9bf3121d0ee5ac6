import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { surveyKey, surveyPartition } from './keys.ts';
import { queryRecords } from './table-operations.ts';
import * as z from 'zod/mini';
import { SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';
import { readRecord, type RecordShape } from './check-record.ts';

export interface SurveyRecord {
  caseId: string;
  sop: string;
  at: string;
  answers: SurveyAnswers;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const SurveyRecordSchema: z.ZodMiniType<SurveyRecord> = z.lazy(() =>
  z.object({
    caseId: z.string(),
    sop: z.string(),
    at: z.string(),
    answers: SurveySchema,
  } satisfies RecordShape<SurveyRecord>),
);

/** Keeps an applicant's answers, once per case: a retry rewrites the same item. */
export async function putSurvey(client: DynamoDBDocumentClient, table: string, survey: SurveyRecord): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { ...surveyKey(survey.sop, survey.at, survey.caseId), ...survey },
    }),
  );
}

/** The answers for an SOP given from `since` to `until` (ISO instants in UTC, both inclusive). */
export const listSurveys = (client: DynamoDBDocumentClient, table: string, sop: string, since: string, until: string) =>
  // The sort key is the instant then the case ("…Z#caseId"): the last instant's answers sort after `until`.
  queryRecords(
    client,
    table,
    { partition: surveyPartition(sop), range: { between: [since, `${until}\uffff`] } },
    (item) => readRecord(SurveyRecordSchema, 'survei', item),
  );
