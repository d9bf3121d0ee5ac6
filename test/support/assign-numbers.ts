/**
 * One process of the cross-process numbering test: assigns numbers from the register in
 * PARAF_TEST_REGISTER on the DynamoDB at AWS_ENDPOINT_URL_DYNAMODB, for the claims named in
 * PARAF_TEST_CLAIMS (comma-separated case ids), all at once. It says "ready" when connected and
 * starts when a line arrives on stdin, so two processes contend from the same moment; it prints
 * the numbers it got as JSON.
 */
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { assignNumber } from '#registry/assign-number.ts';
import { officeRegisters } from '#sop/registers.ts';

const env = process.env;
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const table = env.PARAF_TEST_TABLE!;
const register = officeRegisters().find((r) => r.id === env.PARAF_TEST_REGISTER)!;
const claims = env.PARAF_TEST_CLAIMS!.split(',');
const at = new Date(env.PARAF_TEST_AT!);

await client.send(new GetCommand({ TableName: table, Key: { pk: 'warm-up', sk: 'warm-up' } }));
console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise((resolve) => lines.once('line', resolve));
lines.close();
const results = await Promise.all(
  claims.map((caseId) => assignNumber(client, table, { register, caseId, documentKind: register.id, at })),
);
console.log(JSON.stringify(results.map((r) => ({ caseId: r.caseId, seq: r.seq, number: r.number }))));
client.destroy();
