import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * A Lambda bundle's SDK client as Paraf makes it on AWS, built by bundleFunction: no credentials
 * given, so the bundle's default provider answers (lambda-credentials.test.ts).
 */
const client = new DynamoDBClient({
  region: process.env.AWS_REGION,
  endpoint: process.env.TEST_ENDPOINT,
  maxAttempts: 1,
});
const answer = await client.send(new ListTablesCommand({}));
console.log(JSON.stringify(answer.TableNames));
