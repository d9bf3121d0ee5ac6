import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { surveyKey, surveyPartition } from './keys.ts';
import type { SurveyAnswers } from '#survey/ikm.ts';

export interface SurveyRecord {
  caseId: string;
  sop: string;
  at: string;
  answers: SurveyAnswers;
}

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
  const surveys: SurveyRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': surveyPartition(sop), ':from': from, ':to': `${to}\uffff` },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const { pk: _pk, sk: _sk, ...survey } of page.Items ?? []) surveys.push(survey as SurveyRecord);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return surveys;
}
