import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClientSettings } from '#config/read-config.ts';
import { buildRuntime, type Runtime, setRuntime } from '#runtime/runtime.ts';
import { startStandIns } from '#local/start-local.ts';
import { expectNothingChanged } from '../support/stored-state.ts';
import { ensureTable } from '#records/table.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import { startCognitoStandIn, webFunctionConfig } from '../support/cognito-stand-in.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import type { handler as WebHandler } from '#web/lambda.ts';

/**
 * The web function's API routes as API Gateway's HTTP API (payload 2.0) hands them over, through
 * hono/aws-lambda, with the real SDK clients against the local stand-ins: DynamoDB (dynalite), S3
 * (s3rver), Step Functions (a loopback stand-in of its JSON API) and the user pool (Cognito stand-in).
 */
type Result = {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
};
type Context = Parameters<typeof WebHandler>[1];
type ApiEvent = Parameters<typeof WebHandler>[0];
let handler: (event: ApiEvent, context: Context) => Promise<Result>;
let pool: Awaited<ReturnType<typeof startCognitoStandIn>>;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
/** The web function's runtime, for the whole-state snapshots (table and buckets; no outbox or executions here). */
let runtimeUnderTest: Runtime;
const stored = () => ({ runtime: runtimeUnderTest, dataDir: work });
const work = mkdtempSync(join(tmpdir(), 'paraf-web-lambda-'));
// A case starts on the published version of its SOP revision (API-U revision 02), as the CDK app configures it.
const API_U_MACHINE = 'arn:aws:states:ap-southeast-3:123456789012:stateMachine:SOP-LP2N-PPK-01:1';

const started: { stateMachineArn: string; name: string; input: string }[] = [];
const sfn = createServer(async (request, response) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  const target = String(request.headers['x-amz-target']).split('.').pop();
  const body = JSON.parse(text) as { stateMachineArn: string; name: string; input: string };
  if (target !== 'StartExecution') {
    response
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.0' })
      .end(JSON.stringify({ __type: 'InvalidArn', message: `unexpected ${target}` }));
    return;
  }
  started.push(body);
  response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(
    JSON.stringify({
      executionArn: `${body.stateMachineArn.replace(':stateMachine:', ':execution:')}:${body.name}`,
      startDate: Date.now() / 1000,
    }),
  );
});

beforeAll(async () => {
  pool = await startCognitoStandIn('web-client');
  standIns = await startStandIns(work);
  await new Promise<void>((resolve) => sfn.listen(0, '127.0.0.1', resolve));
  // The configuration from the web function's environment; the clients go to the stand-ins.
  const config = webFunctionConfig(pool, 'web-client', { 'SOP-LP2N-PPK-01@02': API_U_MACHINE });
  const { standIns: local } = standIns.aws;
  const rt = buildRuntime({
    ...config,
    aws: {
      s3PathStyle: true,
      standIns: {
        ...local,
        endpoints: { ...local.endpoints, sfn: `http://127.0.0.1:${(sfn.address() as AddressInfo).port}` },
      },
    },
  });
  setRuntime(rt);
  runtimeUnderTest = rt;
  const raw = new DynamoDBClient(sdkClientSettings(rt.config.aws, 'dynamodb'));
  await ensureTable(raw, 'paraf-records');
  raw.destroy();
  ({ handler } = (await import('#web/lambda.ts')) as unknown as { handler: typeof handler });
});
afterAll(async () => {
  setRuntime(undefined);
  await pool?.close();
  await standIns?.close();
  await new Promise<void>((resolve) => sfn.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

const event = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  httpApiEvent(method, path, init) as unknown as ApiEvent;

const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  handler(event(method, path, init), {} as Context);
const json = (result: Result) =>
  JSON.parse(result.isBase64Encoded ? Buffer.from(result.body!, 'base64').toString() : result.body!) as Record<
    string,
    unknown
  >;

describe("the web function's API routes through the HTTP API 2.0 event", () => {
  it('takes an application, starts its execution on Step Functions, and answers the case and the searches', async () => {
    const staff = { authorization: `Bearer ${await pool.idToken('loket')}` };
    const sop = loadCatalog().find((s) => s.id === 'SOP-LP2N-PPK-01')!;
    const body = JSON.stringify(completeApplication(sop, 'PT Lewat Lambda'));

    // Without a token the API refuses, and nothing starts or is stored.
    const anonymous = await expectNothingChanged(stored(), 'an application without a token', () =>
      call('POST', '/api/cases', { headers: { 'content-type': 'application/json' }, body }),
    );
    expect(anonymous.statusCode).toBe(401);
    expect(json(anonymous).error).toBe('unauthenticated');
    expect(started).toEqual([]);

    const created = await call('POST', '/api/cases', {
      headers: { ...staff, 'content-type': 'application/json' },
      body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, fileNumber, receiptUrl } = json(created) as { id: string; fileNumber: string; receiptUrl: string };
    expect(fileNumber).toMatch(/^API-U\/20\d\d\/00001$/);
    expect(started).toEqual([{ stateMachineArn: API_U_MACHINE, name: id, input: JSON.stringify({ caseId: id }) }]);

    const status = await call('GET', `/api/cases/${id}`, { headers: staff });
    expect(status.statusCode).toBe(200);
    expect(json(status)).toMatchObject({ id, fileNumber, status: 'berjalan' });

    // The applicant's sheet is rendered from the case at once; the archived office copy is the
    // execution's first step, which the stand-in does not run, so it is not there yet.
    const receipt = await call('GET', receiptUrl, { headers: staff });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers?.['content-type']).toBe('application/pdf');
    const archived = await call('GET', `/api/cases/${id}/receipt`, { headers: staff });
    expect(archived.statusCode).toBe(404);
    expect(json(archived).message).toBe('Tanda terima belum tersedia.');

    // Bad input is answered in Bahasa Indonesia through the function as over HTTP.
    const [broken, query] = await expectNothingChanged(stored(), 'bad input through the function', async () => [
      await call('POST', '/api/cases', {
        headers: { ...staff, 'content-type': 'application/json' },
        body: '{"sop": "api-u"',
      }),
      await call('GET', '/api/permits?sop=SOP-LP2N-PPK-01&from=2026-02-30', { headers: staff }),
    ]);
    expect(broken.statusCode).toBe(400);
    expect(json(broken).error).toBe('invalid-json');
    expect(query.statusCode).toBe(400);
    expect(json(query).error).toBe('invalid-query');

    const permits = await call('GET', '/api/permits?sop=SOP-LP2N-PPK-01', { headers: staff });
    expect(permits.statusCode).toBe(200);
    expect(json(permits).permits).toEqual([]);
    const registers = await call('GET', '/api/registers', { headers: staff });
    expect(registers.statusCode).toBe(200);
    expect((json(registers).registers as { id: string }[]).map((r) => r.id)).toContain('api-u');
    const unknown = await call('GET', '/api/cases/AAAAAAAAAAAA', { headers: staff });
    expect(unknown.statusCode).toBe(404);
    // Local only: no outbox on AWS.
    expect((await call('GET', '/api/outbox', { headers: staff })).statusCode).toBe(404);
    expect(started).toHaveLength(1);
  });
});
