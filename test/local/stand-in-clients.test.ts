import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type AwsClientSettings, sdkClientSettings } from '#config/read-config.ts';
import { startLocal } from '#local/start-local.ts';
import { isTablePortHandler } from '#local/table-thread/table-requests.ts';
import { startDynalite } from '#local/table-thread/start-dynalite.ts';
import { ensureTable } from '#records/table.ts';

/**
 * The SDK clients of the local runtime: the table's requests skip SigV4's hashing (dynalite checks a
 * signature's shape, never its value), S3's keep it (s3rver checks it), and on AWS every client signs;
 * the runtime's table requests go to the table's thread through its port, not over loopback.
 */
const standIns = (dynamodb: string): AwsClientSettings => ({
  s3PathStyle: true,
  standIns: {
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    endpoints: { dynamodb, s3: 'http://127.0.0.1:1' },
  },
});

describe("the local runtime's SDK clients", () => {
  it('reach dynalite with an unhashed signature of the right shape, and it answers them', async () => {
    const table = await startDynalite();
    try {
      const raw = new DynamoDBClient(sdkClientSettings(standIns(table.endpoint), 'dynamodb'));
      const sent: Record<string, string>[] = [];
      raw.middlewareStack.add(
        (next) => async (args) => {
          sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'recordSentHeaders' },
      );
      const client = DynamoDBDocumentClient.from(raw);
      await ensureTable(raw, 'paraf');
      await client.send(new PutCommand({ TableName: 'paraf', Item: { pk: 'UJI#klien', sk: 'satu', isi: 'ada' } }));
      const read = await client.send(
        new GetCommand({ TableName: 'paraf', Key: { pk: 'UJI#klien', sk: 'satu' }, ConsistentRead: true }),
      );
      expect(read.Item?.isi).toBe('ada');
      expect(sent.length).toBeGreaterThanOrEqual(3);
      for (const headers of sent) {
        expect(headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/ap-southeast-3\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date, Signature=0{64}$/,
        );
        expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      }
    } finally {
      await table.close();
    }
  });

  it("keeps the SDK's own signer for S3 (s3rver checks signatures) and for every client on AWS", () => {
    expect(sdkClientSettings(standIns('http://127.0.0.1:1'), 's3')).not.toHaveProperty('signer');
    for (const service of ['dynamodb', 's3', 'sfn', 'kms', 'ses'] as const)
      expect(sdkClientSettings({ s3PathStyle: false }, service)).not.toHaveProperty('signer');
  });

  it("send the runtime's table requests through the table thread's port", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'paraf-clients-'));
    const paraf = await startLocal({ dataDir, port: 0, workers: 0 });
    try {
      const handler = paraf.runtime.dynamo.config.requestHandler;
      expect(isTablePortHandler(handler)).toBe(true);
      const handle = vi.spyOn(handler as { handle: (...args: never[]) => unknown }, 'handle');
      const table = paraf.runtime.config.table;
      await paraf.runtime.dynamo.send(
        new PutCommand({ TableName: table, Item: { pk: 'UJI#port', sk: 'satu', isi: 'ada' } }),
      );
      const read = await paraf.runtime.dynamo.send(
        new GetCommand({ TableName: table, Key: { pk: 'UJI#port', sk: 'satu' }, ConsistentRead: true }),
      );
      expect(read.Item?.isi).toBe('ada');
      expect(handle).toHaveBeenCalledTimes(2);
    } finally {
      await paraf.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
