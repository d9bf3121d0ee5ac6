import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { uploadClaimKey, UPLOAD_CLAIM_PARTITION } from './keys.ts';
import { putIfAbsent, queryAll } from './table-operations.ts';

/**
 * Takes one upload for one request: a conditional write, so of two requests naming the same upload
 * exactly one gets it. Answers false when another request holds it (or held it and stopped: the
 * upload is then never used, and the bucket forgets it within a day).
 */
export const claimUpload = (client: DynamoDBDocumentClient, table: string, uploadKey: string, at: Date) =>
  putIfAbsent(client, table, { ...uploadClaimKey(uploadKey), claimedAt: at.toISOString() });

export async function releaseUpload(client: DynamoDBDocumentClient, table: string, uploadKey: string): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table, Key: uploadClaimKey(uploadKey) }));
}

/** Claims taken before `before`: their requests ended long ago, and their uploads are gone or going. */
export async function listUploadClaims(client: DynamoDBDocumentClient, table: string, before: Date): Promise<string[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': UPLOAD_CLAIM_PARTITION },
    ConsistentRead: true,
  });
  return items.filter((item) => String(item.claimedAt ?? '') < before.toISOString()).map((item) => String(item.sk));
}
