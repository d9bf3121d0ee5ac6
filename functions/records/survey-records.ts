import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { surveyKey, surveyPartition } from './keys.ts';
import { queryAll } from './table-operations.ts';
import * as z from 'zod';
import { SurveySchema, type SurveyAnswers } from '#survey/ikm.ts';
import { readRecord, type RecordShape } from './check-record.ts';

export interface SurveyRecord {
  caseId: string;
  sop: string;
  at: string;
  answers: SurveyAnswers;
}

const SurveyRecordSchema: z.ZodType<SurveyRecord> = z.object({
  caseId: z.string(),
  sop: z.string(),
  at: z.string(),
  answers: SurveySchema,
} satisfies RecordShape<SurveyRecord>);

/** Keeps an applicant's answers, once per case: a retry rewrites the same item. */
export async function putSurvey(client: DynamoDBDocumentClient, table: string, survey: SurveyRecord): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { ...surveyKey(survey.sop, survey.at, survey.caseId), ...survey },
    }),
  );
}

/** The answers for an SOP within dates (YYYY-MM-DD, inclusive). */
export async function listSurveys(
  client: DynamoDBDocumentClient,
  table: string,
  sop: string,
  from: string,
  to: string,
): Promise<SurveyRecord[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': surveyPartition(sop), ':from': from, ':to': `${to}\uffff` },
  });
  return items.map((item) => readRecord(SurveyRecordSchema, 'survei', item));
}
