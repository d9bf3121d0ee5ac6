import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/** A Lambda that reads one item and nothing else: the AWS SDK's share of every function's init (bundle-floors). */
const table = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id: string }) =>
  table.send(new GetCommand({ TableName: 'paraf-records', Key: { pk: event.id, sk: event.id } }));
