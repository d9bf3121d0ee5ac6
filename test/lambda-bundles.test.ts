import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../infra/aws/build-app.ts';
import { startStandIns } from '#local/start-local.ts';
import { LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import { putCertificate } from '#records/certificates.ts';
import { ensureTable } from '#records/table.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { completeApplication } from '../scripts/clerk.ts';
import {
  ACCOUNT,
  allows,
  BUCKET,
  CfnApp,
  type CfnTemplate,
  REGION,
  type Statement,
  TABLE,
} from './support/cfn-values.ts';
import { startCognitoStandIn } from './support/cognito-stand-in.ts';
import { httpApiEvent } from './support/http-api-event.ts';

/**
 * The synthesized app run as Lambda runs it: the CDK app is synthesized with its real bundling, and
 * each function's bundle from cdk.out runs in a process of its own (test/support/bundle-runner.mjs)
 * from a read-only copy of its task root, with the template's environment for that function (its
 * AWS endpoints pointed at the local stand-ins), `index.handler` called with each event. API-U's
 * machine is the template's definition with its substitutions (the functions' ARNs), run on the
 * local engine, each task invoking its function's bundle; the web bundle gets HTTP API 2.0 events.
 * Every AWS call a bundle makes passes a recording proxy in front of the stand-ins and is checked
 * against that function's role in the template.
 */

const work = mkdtempSync(join(tmpdir(), 'paraf-bundles-'));
const outdir = join(work, 'cdk.out');
const API_U = 'SOP-LP2N-PPK-01';

interface Call {
  fn: string;
  action: string;
  resource: string;
}
interface Bundle {
  name: string;
  arn: string;
  child: ChildProcess;
  statements: Statement[];
  output: string[];
  invoke(event: unknown): Promise<{ result?: unknown; error?: { name: string; message: string } }>;
}

let cfn: CfnApp;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let pool: Awaited<ReturnType<typeof startCognitoStandIn>>;
let engine: LocalStepFunctions;
const bundles = new Map<string, Bundle>();
const calls: Call[] = [];
const mails: { from: string; to: string[]; subject: string }[] = [];
const proxies: Server[] = [];
/** Which SOP a task token belongs to: SendTaskSuccess is allowed on the machine's ARN. */
const tokens = new Map<string, string>();

const machineArn = (sop: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${sop}`;

/** The IAM action and resource of one SDK request, as the service would authorize it. */
function describeCall(request: IncomingMessage, body: string): Described[] {
  const target = String(request.headers['x-amz-target'] ?? '');
  const url = new URL(request.url ?? '/', 'http://stand-in');
  if (target.startsWith('DynamoDB_')) return describeDynamoCall(target.split('.')[1]!, body);
  if (target.startsWith('AWSStepFunctions.')) {
    const operation = target.split('.')[1]!;
    const input = JSON.parse(body) as { stateMachineArn?: string; taskToken?: string };
    const resource = input.stateMachineArn ?? machineArn(tokens.get(input.taskToken ?? '') ?? 'unknown-token');
    return [{ action: `states:${operation}`, resource }];
  }
  if (url.pathname === '/v2/email/outbound-emails') {
    const from = (JSON.parse(body) as { FromEmailAddress: string }).FromEmailAddress;
    const domain = /@([^>\s]+)/.exec(from)?.[1] ?? from;
    return [{ action: 'ses:SendEmail', resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${domain}` }];
  }
  return describeS3Call(request, url);
}

type Described = { action: string; resource: string };

/** A DynamoDB request: a transaction or batch is authorized per table and per item action. */
function describeDynamoCall(operation: string, body: string): Described[] {
  const input = JSON.parse(body) as Record<string, unknown>;
  const table = (name: string, index?: string) =>
    `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}${index ? `/index/${index}` : ''}`;
  if (operation === 'TransactWriteItems')
    return (input.TransactItems as Record<string, { TableName: string }>[]).map((item) => {
      const [kind, detail] = Object.entries(item)[0]!;
      const action = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' }[kind] ?? 'ConditionCheckItem';
      return { action: `dynamodb:${action}`, resource: table(detail.TableName) };
    });
  if (operation === 'TransactGetItems')
    return (input.TransactItems as { Get: { TableName: string } }[]).map((item) => ({
      action: 'dynamodb:GetItem',
      resource: table(item.Get.TableName),
    }));
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem')
    return Object.keys(input.RequestItems as object).map((name) => ({
      action: `dynamodb:${operation}`,
      resource: table(name),
    }));
  return [{ action: `dynamodb:${operation}`, resource: table(input.TableName as string, input.IndexName as string) }];
}

/** An S3 request, path-style (/bucket/key?query): the object actions its method and query need. */
function describeS3Call(request: IncomingMessage, url: URL): Described[] {
  const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
  const key = rest.join('/');
  const object = `arn:aws:s3:::${bucket}/${key}`;
  const q = url.searchParams;
  const method = request.method ?? 'GET';
  if (!key)
    return [
      { action: q.has('versions') ? 's3:ListBucketVersions' : 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` },
    ];
  if (method === 'GET' || method === 'HEAD') {
    const sub = q.has('tagging') ? 'GetObjectTagging' : q.has('retention') ? 'GetObjectRetention' : 'GetObject';
    return [{ action: `s3:${sub}${q.has('versionId') && sub === 'GetObject' ? 'Version' : ''}`, resource: object }];
  }
  if (method === 'PUT') {
    if (q.has('tagging')) return [{ action: 's3:PutObjectTagging', resource: object }];
    if (q.has('retention')) return [{ action: 's3:PutObjectRetention', resource: object }];
    const described = [{ action: 's3:PutObject', resource: object }];
    if (request.headers['x-amz-tagging']) described.push({ action: 's3:PutObjectTagging', resource: object });
    const source = request.headers['x-amz-copy-source'];
    if (source)
      described.push({
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${decodeURIComponent(String(source)).replace(/^\//, '')}`,
      });
    return described;
  }
  if (method === 'DELETE')
    return [{ action: q.has('versionId') ? 's3:DeleteObjectVersion' : 's3:DeleteObject', resource: object }];
  return [{ action: `s3:${method}?`, resource: object }];
}

/** One function's endpoint for every AWS service: records each call, answers SES and Step Functions, forwards the rest. */
async function recordingProxy(fn: string): Promise<string> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    for (const call of describeCall(request, body)) calls.push({ fn, ...call });
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target.startsWith('AWSStepFunctions.')) return answerStepFunctions(target.split('.')[1]!, body, response);
    if (request.url?.startsWith('/v2/email/outbound-emails')) {
      const input = JSON.parse(body) as {
        FromEmailAddress: string;
        Destination: { ToAddresses: string[] };
        Content: { Simple: { Subject: { Data: string } } };
      };
      mails.push({
        from: input.FromEmailAddress,
        to: input.Destination.ToAddresses,
        subject: input.Content.Simple.Subject.Data,
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: randomUUID() }));
      return;
    }
    const upstream = new URL(
      target.startsWith('DynamoDB_') ? standIns.aws.standIns.endpoints.dynamodb : standIns.aws.standIns.endpoints.s3,
    );
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(response);
      },
    );
    out.on('error', (error) => response.writeHead(502).end(String(error)));
    out.end(raw);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Step Functions' JSON API on the local engine: the web function starts executions, requestAction's decisions answer tokens. */
function answerStepFunctions(operation: string, body: string, response: import('node:http').ServerResponse) {
  const input = JSON.parse(body) as {
    stateMachineArn: string;
    name: string;
    input: string;
    taskToken: string;
    output: string;
  };
  const reply = (status: number, value: unknown) =>
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(value));
  if (operation === 'StartExecution') {
    const sop = loadCatalog().find((s) => input.stateMachineArn.startsWith(`${machineArn(s.id)}:`))?.id;
    if (!sop) return reply(400, { __type: 'StateMachineDoesNotExist', message: input.stateMachineArn });
    const record = engine.startExecution(sop, JSON.parse(input.input), input.name);
    return reply(200, { executionArn: record.executionArn, startDate: Date.now() / 1000 });
  }
  if (operation === 'SendTaskSuccess') {
    engine.sendTaskSuccess(input.taskToken, JSON.parse(input.output));
    return reply(200, {});
  }
  return reply(400, { __type: 'InvalidAction', message: operation });
}

/** A function of the template: its bundle copied read-only, its environment resolved, its process started. */
async function startBundle(stack: string, id: string): Promise<Bundle> {
  const template = cfn.templates[stack]!;
  const props = template.Resources[id]!.Properties as Record<string, unknown>;
  const s3Key = cfn.resolve(stack, (props.Code as { S3Key: unknown }).S3Key) as string;
  const name = cfn.functionName(stack, id);
  const root = join(work, 'task-roots', name);
  cpSync(join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`), root, { recursive: true });
  execFileSync('chmod', ['-R', 'a-w', root]);
  const statements = cfn.roleStatements(stack, (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
  const environment = cfn.resolve(
    stack,
    (props.Environment as { Variables: Record<string, unknown> }).Variables,
  ) as Record<string, string>;
  const endpoint = await recordingProxy(name);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TZ: ':UTC',
    ...environment,
    // The Lambda runtime's own variables, and the SDK's endpoints at the stand-ins (s3rver takes only its credentials).
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.MemorySize ?? 128),
    LAMBDA_TASK_ROOT: root,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ENDPOINT_URL_SFN: endpoint,
    AWS_ENDPOINT_URL_SESV2: endpoint,
    PARAF_S3_PATH_STYLE: 'true',
    ...(environment.PARAF_AUTH === 'cognito' ? { PARAF_AUTH_ISSUER: pool.issuer, PARAF_AUTH_DOMAIN: pool.domain } : {}),
  };
  const { child, output, invoke } = await spawnBundle(name, env);
  return {
    name,
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    child,
    statements,
    output,
    invoke,
  };
}

/** The bundle's process (bundle-runner.mjs in its task root); an import that fails fails here, with its output. */
async function spawnBundle(name: string, env: Record<string, string>) {
  const child = fork(fileURLToPath(new URL('./support/bundle-runner.mjs', import.meta.url)), [], {
    cwd: env.LAMBDA_TASK_ROOT,
    env,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const pending = new Map<string, (answer: { result?: unknown; error?: { name: string; message: string } }) => void>();
  const ready = await new Promise<{ ready: boolean; error?: { message: string } }>((resolve) => {
    child.once('message', (message) => resolve(message as { ready: boolean }));
    child.once('exit', (code) => resolve({ ready: false, error: { message: `exited ${code}: ${output.join('')}` } }));
  });
  if (!ready.ready) throw new Error(`${name}: the bundle does not start: ${ready.error?.message}`);
  child.on('message', (message: { id: string; result?: unknown; error?: { name: string; message: string } }) => {
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const invoke = (event: unknown) =>
    new Promise<{ result?: unknown; error?: { name: string; message: string } }>((resolve) => {
      const requestId = randomUUID();
      pending.set(requestId, resolve);
      child.send({ id: requestId, event });
    });
  return { child, output, invoke };
}

const byRole = (role: string) => [...bundles.values()].find((b) => b.name.startsWith(`ParafWorkflows-${role}`))!;
const web = () => [...bundles.values()].find((b) => b.name.startsWith('ParafApi-Web'))!;

async function request(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const answer = await web().invoke(httpApiEvent(method, path, init));
  if (answer.error) throw new Error(`web: ${answer.error.name}: ${answer.error.message}`);
  const result = answer.result as { statusCode: number; body: string; isBase64Encoded?: boolean };
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body;
  return { status: result.statusCode, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** The app as `cdk synth` makes it, bundling included (esbuild from node_modules, no Docker), read back from cdk.out. */
function synthesize(): CfnApp {
  const app = new App({ outdir });
  buildApp(app, {
    publicUrl: 'https://paraf.example.test',
    mailFrom: 'Paraf <paraf@example.test>',
    allowWithoutTimestamp: true,
    authDomainPrefix: 'paraf-test',
  });
  app.synth();
  return new CfnApp(
    Object.fromEntries(
      readdirSync(outdir)
        .filter((file) => file.endsWith('.template.json'))
        .map((file) => [
          file.replace(/\.template\.json$/, ''),
          JSON.parse(readFileSync(join(outdir, file), 'utf8')) as CfnTemplate,
        ]),
    ),
  );
}

/** An SOP's machine from the template: its definition with the template's substitutions, the functions' ARNs. */
function templateMachine(sopId: string): AslDefinition {
  const machine = Object.values(cfn.templates.ParafWorkflows!.Resources).find(
    (r) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties!.StateMachineName === sopId,
  );
  if (!machine) throw new Error(`the template has no machine ${sopId}`);
  const substitutions = cfn.resolve('ParafWorkflows', machine.Properties!.DefinitionSubstitutions) as Record<
    string,
    string
  >;
  return JSON.parse(
    (machine.Properties!.DefinitionString as string).replace(
      /\$\{([A-Za-z0-9]+)\}/g,
      (_, name: string) => substitutions[name]!,
    ),
  ) as AslDefinition;
}

/** A task of the machine: the bundle whose ARN it names, invoked; its error thrown by name, as Lambda reports it. */
async function invokeBundle(functionName: string, payload: unknown): Promise<never> {
  const bundle = bundles.get(functionName);
  if (!bundle) throw new Error(`the machine invokes ${functionName}, which the template does not define`);
  const { taskToken, sop } = payload as { taskToken?: string; sop?: string };
  if (taskToken && sop) tokens.set(taskToken, sop);
  const answer = await bundle.invoke(payload);
  if (answer.error) {
    const error = new Error(answer.error.message);
    error.name = answer.error.name;
    throw error;
  }
  return answer.result as never;
}

beforeAll(async () => {
  cfn = synthesize();
  standIns = await startStandIns(join(work, 'data'));
  const raw = new DynamoDBClient({ ...standIns.aws.standIns, endpoint: standIns.aws.standIns.endpoints.dynamodb });
  await ensureTable(raw as never, TABLE);
  await certifyEverySigner(DynamoDBDocumentClient.from(raw));
  raw.destroy();
  const clientId = cfn.resolve('ParafApi', {
    'Fn::ImportValue': webEnvironmentImport('PARAF_AUTH_CLIENT_ID'),
  }) as string;
  pool = await startCognitoStandIn(clientId);
  mkdirSync(join(work, 'engine'));
  engine = new LocalStepFunctions(join(work, 'engine'), new Map([[API_U, templateMachine(API_U)]]), invokeBundle);
  for (const [stack, template] of Object.entries(cfn.templates))
    for (const [id, resource] of Object.entries(template.Resources))
      if (resource.Type === 'AWS::Lambda::Function' && (resource.Properties!.Handler as string) === 'index.handler') {
        // The AwsCustomResource's provider (auth stack) is CDK's own, not a Paraf bundle.
        if (id.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) continue;
        const bundle = await startBundle(stack, id);
        bundles.set(bundle.arn, bundle);
      }
}, 600_000);

/**
 * What `npx paraf aws certify --import` leaves in the table: a chain for every official and the seal,
 * without which the loket refuses every case (check-signing-readiness.ts). Nothing here signs, so the
 * chains are placeholders in PEM form; aws-certify.test stores and uses real ones.
 */
async function certifyEverySigner(documents: DynamoDBDocumentClient): Promise<void> {
  const directory = JSON.parse(readFileSync(new URL('../config/staff.json', import.meta.url), 'utf8')) as {
    staff: { id: string }[];
  };
  for (const signerId of [...directory.staff.map((official) => official.id), OFFICE_SEAL.id])
    await putCertificate(documents, TABLE, {
      signerId,
      keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${signerId}`,
      algorithm: 'ECDSA_SHA_256',
      certificates: ['-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----'],
      subject: `CN=${signerId}`,
      notAfter: '2036-12-31T00:00:00.000Z',
      storedAt: new Date().toISOString(),
    });
}

function webEnvironmentImport(variable: string): string {
  const resource = Object.values(cfn.templates.ParafApi!.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
  const value = (resource.Properties!.Environment as { Variables: Record<string, { 'Fn::ImportValue': string }> })
    .Variables[variable]!;
  return value['Fn::ImportValue'];
}

afterAll(async () => {
  for (const bundle of bundles.values()) bundle.child.kill();
  await engine?.close();
  for (const server of proxies) await new Promise<void>((resolve) => server.close(() => resolve()));
  await pool?.close();
  await standIns?.close();
  execFileSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
});

describe('the Lambda bundles from cdk.out, run as Lambda runs them', () => {
  let caseId = '';
  let executionArn = '';

  it('starts every function of the app from its bundle, read-only, with the environment of its template', () => {
    // The nine the machines invoke, the sweep, the monthly renewal and the web function.
    expect(bundles.size).toBe(12);
    for (const bundle of bundles.values()) expect(bundle.child.exitCode, bundle.name).toBeNull();
  });

  it('takes an API-U application through the web bundle and runs its machine from the template until the first official is asked', async () => {
    const sop = loadCatalog().find((s) => s.id === API_U)!;
    const staff = { authorization: `Bearer ${await pool.idToken('loket')}` };
    const created = await request('POST', '/api/cases', {
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify(completeApplication(sop, 'PT Bundel Lambda')),
    });
    expect(created.status).toBe(201);
    caseId = created.json().id as string;
    const started = calls.find((c) => c.action === 'states:StartExecution');
    expect(started?.resource).toMatch(new RegExp(`^${machineArn(API_U)}:\\d+$`));

    // The machine's tasks run in their bundles until the first step waits for its official (requestAction, an e-mail).
    const deadline = Date.now() + 120_000;
    while (!calls.some((c) => c.fn.startsWith('ParafWorkflows-requestAction') && c.action === 'ses:SendEmail')) {
      const record = engine.describeExecution(engine.runningRecords()[0]?.executionArn ?? '');
      if (record && record.status !== 'RUNNING')
        throw new Error(`the execution stopped: ${JSON.stringify(record).slice(0, 800)}`);
      if (Date.now() > deadline)
        throw new Error(`no official asked within 2 minutes; calls: ${JSON.stringify(calls.map((c) => c.action))}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    executionArn = engine.runningRecords()[0]!.executionArn;
    expect(mails.some((mail) => mail.from.includes('paraf@example.test'))).toBe(true);
    const status = await request('GET', `/api/cases/${caseId}`, { headers: staff });
    expect(status.status).toBe(200);
    expect(status.json()).toMatchObject({ id: caseId, status: 'berjalan' });
  }, 200_000);

  it('runs the functions the first steps do not reach: each answers its event, or names what is wrong with it', async () => {
    const sweep = [...bundles.values()].find((b) => b.name.startsWith('ParafWorkflows-deliverDecisions'))!;
    const swept = await sweep.invoke({});
    expect(swept.error).toBeUndefined();
    expect(swept.result).toMatchObject({ delivered: 0, mail: { sent: 0 } });
    for (const role of ['renderDocuments', 'signDocuments', 'assignNumber', 'archiveCase']) {
      // A step the case has not reached: the event is checked at the door, in the bundle, and refused by name.
      const answer = await byRole(role).invoke({ caseId, sop: API_U, execution: executionArn });
      expect(answer.error?.name, role).toBe('Paraf.MalformedEvent');
    }
    const closed = await byRole('closeCase').invoke({
      caseId,
      sop: API_U,
      revision: '02',
      outcome: 'rejected',
      decision: null,
      execution: executionArn,
    });
    expect(closed.error, JSON.stringify(closed.error)).toBeUndefined();
    const failed = await byRole('recordFailure').invoke({
      caseId,
      sop: API_U,
      revision: '02',
      error: { Error: 'Test.Failure', Cause: 'a failure recorded by the bundle test' },
      execution: executionArn,
    });
    expect(failed.error, JSON.stringify(failed.error)).toBeUndefined();
  }, 120_000);

  it("makes no AWS call its function's role would deny", () => {
    const denied = calls.filter((call) => {
      const bundle = [...bundles.values()].find((b) => b.name === call.fn)!;
      return !allows(bundle.statements, call.action, call.resource);
    });
    expect(denied).toEqual([]);
    // Each of these made calls of its own: the check above had something to check.
    for (const fn of [
      'ParafApi-Web',
      'ParafWorkflows-recordIntake',
      'ParafWorkflows-trackDeadline',
      'ParafWorkflows-requestAction',
      'ParafWorkflows-closeCase',
      'ParafWorkflows-deliverDecisions',
    ])
      expect(calls.filter((call) => call.fn.startsWith(fn)).length, fn).toBeGreaterThan(0);
    // The check itself refuses what a role does not grant.
    const web = [...bundles.values()].find((b) => b.name.startsWith('ParafApi-Web'))!;
    expect(allows(web.statements, 'dynamodb:DeleteTable', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}`)).toBe(
      false,
    );
    expect(allows(web.statements, 's3:GetObject', `arn:aws:s3:::other-bucket/${BUCKET}`)).toBe(false);
  });

  it('logs JSON lines that name the case, its SOP, step and execution, and counts in EMF, with no token or secret', () => {
    const lines = (fn: string) =>
      [...bundles.values()]
        .filter((b) => b.name.startsWith(fn))
        .flatMap((b) => b.output.join('').split('\n'))
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const asked = lines('ParafWorkflows-requestAction').filter((line) => line.message === 'request-action: done');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]).toMatchObject({ level: 'INFO', service: 'paraf', caseId, sop: API_U, executionArn });
    expect(typeof asked[0]!.step).toBe('number');
    // A refused event is logged with the ids it carried, at ERROR.
    expect(
      lines('ParafWorkflows-signDocuments').find((line) => line.message === 'sign-documents: failed'),
    ).toMatchObject({
      level: 'ERROR',
      caseId,
      executionArn,
      error: { name: 'Paraf.MalformedEvent' },
    });
    const closed = lines('ParafWorkflows-closeCase');
    expect(closed.find((line) => line.message === 'close-case: done')).toMatchObject({ caseId, executionArn });
    const emf = closed.find((line) => '_aws' in line);
    expect(emf).toMatchObject({ CasesClosed: 1, service: 'paraf' });
    expect(JSON.stringify(emf)).toContain('"Namespace":"Paraf"');
    expect(lines('ParafApi-Web').some((line) => line.CasesOpened === 1)).toBe(true);
    expect(lines('ParafApi-Web').find((line) => line.message === 'request')).toMatchObject({
      requestId: expect.stringMatching(/^r-/),
    });
    // Task tokens and the staff's bearer tokens never reach a log.
    const everything = [...bundles.values()].map((b) => b.output.join('')).join('\n');
    expect(tokens.size).toBeGreaterThan(0);
    for (const token of tokens.keys()) expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/Bearer |eyJ[A-Za-z0-9_-]{20,}/);
  });
});
