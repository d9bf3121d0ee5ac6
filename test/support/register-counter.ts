import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { registerCounterKey } from '#records/keys.ts';

/**
 * As another process (a Lambda, `npm start`) that took a number on the counter of `registerId` in
 * `year` and died before recording its claim: the number it took, with the counter's pending entry
 * naming `claim` when given.
 */
export async function takeOnCounterOnly(
  dynamo: DynamoDBDocumentClient,
  table: string,
  registerId: string,
  year: number,
  claim?: string,
): Promise<number> {
  const Key = registerCounterKey(registerId, year);
  // A pending entry is set inside the counter's map, which a register no test has numbered on lacks.
  await dynamo.send(
    new UpdateCommand({
      TableName: table,
      Key,
      UpdateExpression: 'SET #pending = if_not_exists(#pending, :none)',
      ExpressionAttributeNames: { '#pending': 'pending' },
      ExpressionAttributeValues: { ':none': {} },
    }),
  );
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: table,
      Key,
      UpdateExpression: `SET #last = if_not_exists(#last, :zero) + :one${claim ? ', #pending.#claim = if_not_exists(#last, :zero) + :one' : ''}`,
      ExpressionAttributeNames: { '#last': 'last', ...(claim ? { '#pending': 'pending', '#claim': claim } : {}) },
      ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Attributes?.last as number;
}
