import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { machineHandler } from '#handlers/machine-handler.ts';
import * as z from 'zod';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A DynamoDB endpoint on loopback answering every request as `answer` says: an error of DynamoDB's JSON protocol, or a dropped connection. */
async function dynamoEndpoint(answer: { status: number; type: string } | 'drop'): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (answer === 'drop') return req.socket.destroy();
      res
        .writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${answer.type}`, message: 'uji' }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The error name a machine task's handler leaves with when its one DynamoDB read meets `answer` (the SDK's own retries off). */
async function machineFailure(answer: { status: number; type: string } | 'drop'): Promise<string> {
  const client = new DynamoDBClient({
    endpoint: await dynamoEndpoint(answer),
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
    maxAttempts: 1,
  });
  try {
    const read = () => client.send(new GetItemCommand({ TableName: 'paraf', Key: { pk: { S: 'CASE#uji' } } }));
    const failure = await machineHandler('uji', z.object({}), read)({}).catch((error: unknown) => error);
    return (failure as Error).name;
  } finally {
    client.destroy();
  }
}

describe('a machine task whose AWS service is busy or down', () => {
  it('leaves as Paraf.ServiceUnavailable on a throttle, a 500 or a dropped connection; a refused request keeps its own name', async () => {
    expect(await machineFailure({ status: 400, type: 'ThrottlingException' })).toBe('Paraf.ServiceUnavailable');
    expect(await machineFailure({ status: 400, type: 'ProvisionedThroughputExceededException' })).toBe(
      'Paraf.ServiceUnavailable',
    );
    expect(await machineFailure({ status: 500, type: 'InternalServerError' })).toBe('Paraf.ServiceUnavailable');
    expect(await machineFailure('drop')).toBe('Paraf.ServiceUnavailable');
    // Waiting would not mend these: the machine's two quick retries, then the failure state.
    expect(await machineFailure({ status: 400, type: 'ValidationException' })).toBe('ValidationException');
    expect(await machineFailure({ status: 400, type: 'ResourceNotFoundException' })).toBe('ResourceNotFoundException');
  });
});
