import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalParaf } from '#local/start-local.ts';

/** Moves an e-mailed link's expiry into the past on the runtime's own table, as if its days had run out. */
export async function expireLink(paraf: LocalParaf, linkUrl: string) {
  const linkId = linkUrl.split('/a/')[1]!;
  await paraf.runtime.dynamo.send(
    new UpdateCommand({
      TableName: paraf.runtime.config.table,
      Key: { pk: `LINK#${linkId}`, sk: 'META' },
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': '2026-01-01T00:00:00.000Z' },
    }),
  );
}
