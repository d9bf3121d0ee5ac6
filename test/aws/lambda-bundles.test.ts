import { type ChildProcess, execFile, execFileSync, fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/build-app.ts';
import { setUpAccount } from '#identity/accounts.ts';
import { currentTotp } from '#identity/totp.ts';
import { startStandIns } from '#local/start-local.ts';
import { startOcspStandIn, type OcspStandIn } from '#local/ocsp-stand-in.ts';
import { startTsaStandIn, type TsaStandIn } from '#local/tsa-stand-in.ts';
import { listCertificates } from '#records/certificates.ts';
import { decideLink } from '#records/links.ts';
import { type Json, LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import { ensureTable } from '#records/table.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';
import { pemToDer } from '#signing/pem-to-der.ts';
import { verifyPdf } from '#signing/verify-pdf.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import {
  ACCOUNT,
  allows,
  BUCKET,
  CfnApp,
  type CfnTemplate,
  REGION,
  type RequestContext,
  type Statement,
  TABLE,
} from '../support/cfn-values.ts';
import { startCognitoStandIn } from '../support/cognito-stand-in.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { once } from '../support/once.ts';
import { copyLabels, expectDocumentTimestamp, fingerprintsIn } from '../support/served-copies.ts';
import { startKmsKeysStandIn } from '../support/kms-stand-in.ts';
import { nssTrusting } from '../support/test-ca.ts';

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
  context?: RequestContext;
}
interface Bundle {
  name: string;
  /** Its task root, the bundle as cdk.out holds it. */
  root: string;
  arn: string;
  child: ChildProcess;
  statements: Statement[];
  output: string[];
  /** Whether the bundle's process could write into its task root (never, as on Lambda). */
  writableRoot: boolean;
  invoke(event: unknown): Promise<{ result?: unknown; error?: { name: string; message: string } }>;
}

let cfn: CfnApp;
let standIns: Awaited<ReturnType<typeof startStandIns>>;
let pool: Awaited<ReturnType<typeof startCognitoStandIn>>;
let engine: LocalStepFunctions;
let kms: Awaited<ReturnType<typeof startKmsKeysStandIn>>;
/**
 * The CA the operator certifies the KMS keys with, and its TSA and OCSP responder on loopback, as a
 * deploy names them (`paraf:tsaUrl`, `paraf:ocspUrl`): the permits are PAdES B-LTA, as in production.
 */
const pkiDir = join(work, 'pki-uji');
const caFiles = { key: join(pkiDir, 'pki', 'ca.key.pem'), cert: join(pkiDir, 'pki', 'ca.cert.pem') };
let tsa: TsaStandIn;
let ocsp: OcspStandIn;
/** The signing stack's aliases (build-app.ts, no stage): `npx paraf aws certify` finds each signer's key by it. */
const ALIAS_PREFIX = 'alias/paraf/main/';
const directory = JSON.parse(readFileSync(new URL('../../config/staff.json', import.meta.url), 'utf8')) as {
  staff: { id: string; name: string; email: string }[];
};
/** Each official's authenticator secret, as `npx paraf staf` hands it over: the signing factor on AWS. */
const secrets = new Map<string, string>();
const bundles = new Map<string, Bundle>();
const calls: Call[] = [];
const mails: { from: string; to: string[]; subject: string; text: string }[] = [];
const proxies: Server[] = [];
/** Which SOP a task token belongs to: SendTaskSuccess is allowed on the machine's ARN. */
const tokens = new Map<string, string>();
/** The executions the web function started, in order, with the input it gave each. */
const executions: { arn: string; input: string }[] = [];
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://paraf.example.test' };
/** An official's session on AWS: an ID token of the user pool, its username the official's id. */
const bearer = async (official: string) => ({ authorization: `Bearer ${await pool.idToken(official)}` });

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
  if (target.startsWith('TrentService.')) return [describeKmsCall(target.split('.')[1]!, body)];
  if (url.pathname === '/v2/email/outbound-emails') {
    const from = (JSON.parse(body) as { FromEmailAddress: string }).FromEmailAddress;
    const domain = /@([^>\s]+)/.exec(from)?.[1] ?? from;
    return [{ action: 'ses:SendEmail', resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${domain}` }];
  }
  return describeS3Call(request, url);
}

type Described = { action: string; resource: string; context?: RequestContext };

/** A KMS request: on the key's ARN, with the key's aliases (the signing roles' condition reads them). */
function describeKmsCall(operation: string, body: string): Described {
  const { KeyId } = JSON.parse(body) as { KeyId: string };
  const [alias, key] = [...kms.keys].find(([name, k]) => k.arn === KeyId || name === KeyId) ?? [];
  return {
    action: `kms:${operation}`,
    resource: key?.arn ?? KeyId,
    context: { 'kms:ResourceAliases': alias ? [alias] : [] },
  };
}

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
      {
        action: q.has('versions') ? 's3:ListBucketVersions' : 's3:ListBucket',
        resource: `arn:aws:s3:::${bucket}`,
        context: { 's3:prefix': [q.get('prefix') ?? ''] },
      },
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
        Content: { Simple: { Subject: { Data: string }; Body: { Text: { Data: string } } } };
      };
      mails.push({
        from: input.FromEmailAddress,
        to: input.Destination.ToAddresses,
        subject: input.Content.Simple.Subject.Data,
        text: input.Content.Simple.Body.Text.Data,
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: randomUUID() }));
      return;
    }
    const upstream = new URL(
      target.startsWith('DynamoDB_')
        ? standIns.aws.standIns.endpoints.dynamodb
        : target.startsWith('TrentService.')
          ? kms.endpoint
          : standIns.aws.standIns.endpoints.s3,
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
    executions.push({ arn: record.executionArn, input: input.input });
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
    AWS_ENDPOINT_URL_KMS: endpoint,
    PARAF_S3_PATH_STYLE: 'true',
    ...(environment.PARAF_AUTH === 'cognito' ? { PARAF_AUTH_ISSUER: pool.issuer, PARAF_AUTH_DOMAIN: pool.domain } : {}),
  };
  const { child, output, invoke, writableRoot } = await spawnBundle(name, env);
  return {
    name,
    root,
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    child,
    statements,
    output,
    writableRoot,
    invoke,
  };
}

/**
 * A user without rights to the task roots: CI runs as root, whom `chmod a-w` does not stop, so the
 * bundles run as `nobody` there (from a copy of the runner beside the roots, readable to them).
 */
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const runner = join(work, 'bundle-runner.mjs');

/** The bundle's process (bundle-runner.mjs in its task root); an import that fails fails here, with its output. */
async function spawnBundle(name: string, env: Record<string, string>) {
  cpSync(fileURLToPath(new URL('../support/bundle-runner.mjs', import.meta.url)), runner);
  chmodSync(work, 0o755);
  const child = fork(runner, [], {
    cwd: env.LAMBDA_TASK_ROOT,
    env,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    ...asNobody,
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const pending = new Map<string, (answer: { result?: unknown; error?: { name: string; message: string } }) => void>();
  const ready = await new Promise<{ ready: boolean; writableRoot?: boolean; error?: { message: string } }>(
    (resolve) => {
      child.once('message', (message) => resolve(message as { ready: boolean; writableRoot: boolean }));
      child.once('exit', (code) => resolve({ ready: false, error: { message: `exited ${code}: ${output.join('')}` } }));
    },
  );
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
  return { child, output, invoke, writableRoot: ready.writableRoot !== false };
}

const byRole = (role: string) => [...bundles.values()].find((b) => b.name.startsWith(`ParafWorkflows-${role}`))!;
const web = () => [...bundles.values()].find((b) => b.name.startsWith('ParafApi-Web'))!;

async function request(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean } = {},
) {
  const answer = await web().invoke(httpApiEvent(method, path, init));
  if (answer.error) throw new Error(`web: ${answer.error.name}: ${answer.error.message}`);
  const result = answer.result as {
    statusCode: number;
    body?: string;
    isBase64Encoded?: boolean;
    headers?: Record<string, string>;
  };
  const bytes = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    bytes,
    json: () => JSON.parse(bytes.toString()) as Record<string, unknown>,
  };
}

/**
 * The public "Verifikasi dokumen" upload through the web bundle, as API Gateway hands a multipart form
 * over (base64-encoded): the issued copy reads as genuine, the same copy with one byte changed as altered.
 */
async function expectUploadVerified(copy: Buffer, registrationNumber: string) {
  const upload = async (bytes: Buffer) => {
    const form = new FormData();
    form.append('berkas', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'izin.pdf');
    const encoded = new Request('https://paraf.example.test/verifikasi', { method: 'POST', body: form });
    const answer = await request('POST', '/verifikasi', {
      headers: { 'content-type': encoded.headers.get('content-type')!, accept: 'text/html' },
      body: Buffer.from(await encoded.arrayBuffer()).toString('base64'),
      isBase64Encoded: true,
    });
    return { status: answer.status, page: answer.bytes.toString() };
  };
  const genuine = await upload(copy);
  expect(genuine.status, genuine.page).toBe(200);
  expect(genuine.page).toContain('Dokumen asli terbitan DPMPTSP Provinsi Kalimantan Timur.');
  // Read as text: the page lets the number break only after its slashes (markup between its parts).
  expect(genuine.page.replace(/<[^>]+>/g, '')).toContain(registrationNumber);
  expect(genuine.page).toContain('<dt>Rangkap</dt><dd>2 dari 3</dd>');
  expect(genuine.page).toContain(createHash('sha256').update(copy).digest('hex'));
  // One letter of the register signature's Reason, inside its signed range.
  const flipped = Buffer.from(copy);
  const at = copy.lastIndexOf('(Registrasi)');
  expect(at).toBeGreaterThan(0);
  flipped[at + 1] = 'r'.charCodeAt(0);
  const altered = await upload(flipped);
  expect(altered.status, altered.page).toBe(200);
  expect(altered.page).toContain('Dokumen terbitan DPMPTSP Provinsi Kalimantan Timur yang telah diubah.');
}

/** The e-mail asking an official to decide a step of a file, waited for as it is sent. */
async function mailFor(fileNumber: string, step: number) {
  const until = Date.now() + 120_000;
  for (;;) {
    const found = mails.find(
      (mail) => mail.subject.includes(`Berkas ${fileNumber}: langkah ${step}`) && /\/a\//.test(mail.text),
    );
    if (found) return found;
    if (Date.now() > until) throw new Error(`no e-mail for step ${step} of ${fileNumber} within 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** An API-U application at the counter, through the web bundle, as the loket's staff submits it. */
async function submit(company: string) {
  const sop = loadCatalog().find((s) => s.id === API_U)!;
  const created = await request('POST', '/api/cases', {
    headers: { ...(await bearer('loket')), 'content-type': 'application/json' },
    body: JSON.stringify(completeApplication(sop, company)),
  });
  expect(created.status).toBe(201);
  return created.json() as { id: string; fileNumber: string; receiptCode: string };
}

/** The app as `cdk synth` makes it, bundling included (esbuild from node_modules, no Docker), read back from cdk.out. */
function synthesize(): CfnApp {
  const app = new App({ outdir });
  buildApp(app, {
    publicUrl: 'https://paraf.example.test',
    mailFrom: 'Paraf <paraf@example.test>',
    tsaUrl: tsa.url,
    ocspUrl: ocsp.url,
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
async function invokeBundle(functionName: string, payload: unknown): Promise<Json> {
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
  return answer.result as Json;
}

beforeAll(async () => {
  tsa = await startTsaStandIn(pkiDir);
  ocsp = await startOcspStandIn(pkiDir);
  cfn = synthesize();
  standIns = await startStandIns(join(work, 'data'));
  const raw = new DynamoDBClient({ ...standIns.aws.standIns, endpoint: standIns.aws.standIns.endpoints.dynamodb });
  await ensureTable(raw, TABLE);
  const documents = DynamoDBDocumentClient.from(raw);
  for (const { id } of directory.staff)
    secrets.set(id, (await setUpAccount({ dynamo: documents, table: TABLE }, id, { withPassword: false })).totpSecret);
  raw.destroy();
  kms = await startKmsKeysStandIn(
    [...directory.staff.map((o) => o.id), OFFICE_SEAL.id].map((id) => ALIAS_PREFIX + id),
    ACCOUNT,
  );
  await certifyEverySigner();
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
 * The signers certified as an operator certifies them: `npx paraf aws certify` (the CLI in its own
 * process) fetches each KMS key's public key from the stand-in, has a test CA certify it, and stores
 * the chain in the table, without which the loket refuses every case (check-signing-readiness.ts).
 */
async function certifyEverySigner(): Promise<void> {
  const { PARAF_DATA: _data, AWS_PROFILE: _profile, ...rest } = process.env;
  const cli = fileURLToPath(new URL('../../bin/paraf.mjs', import.meta.url));
  const args = ['aws', 'certify', '--ca-key', caFiles.key, '--ca-cert', caFiles.cert, '--table', TABLE];
  // Asynchronously: the KMS stand-in and dynalite answer from this process.
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...rest,
          AWS_REGION: REGION,
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_ENDPOINT_URL_KMS: kms.endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: standIns.aws.standIns.endpoints.dynamodb,
        },
      },
      (error, out, err) => (error ? reject(new Error(`aws certify: ${err}${out}`)) : resolve(out)),
    ),
  );
  expect(stdout).toContain('Semua sertifikat tersimpan');
  // The CA keeps what it issued: its OCSP responder answers "good" for those certificates only.
  const raw = new DynamoDBClient({ ...standIns.aws.standIns, endpoint: standIns.aws.standIns.endpoints.dynamodb });
  for (const [signerId, stored] of await listCertificates(DynamoDBDocumentClient.from(raw), TABLE))
    writeFileSync(join(pkiDir, 'pki', `kms-${signerId}.cert.pem`), stored.certificates[0]!);
  raw.destroy();
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
  await kms?.close();
  await tsa?.close();
  await ocsp?.close();
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
    for (const bundle of bundles.values()) {
      expect(bundle.child.exitCode, bundle.name).toBeNull();
      expect(bundle.writableRoot, bundle.name).toBe(false);
      // No source maps: loading one costs every cold start 20-50 ms (function-defaults.ts).
      expect(readdirSync(bundle.root).filter((file) => file.endsWith('.map'))).toEqual([]);
      expect(readFileSync(join(bundle.root, 'index.mjs'), 'utf8')).not.toContain('sourceMappingURL');
    }
  });

  const issueApiU = once(async () => {
    const { id, fileNumber, receiptCode } = await submit('PT Bundel Lambda');
    caseId = id;
    const started = calls.find((c) => c.action === 'states:StartExecution');
    expect(started?.resource).toMatch(new RegExp(`^${machineArn(API_U)}:\\d+$`));
    executionArn = executions[0]!.arn;

    // Each e-mailed step answered as its official answers it: the link, the official's own session
    // (a Cognito token), and their authenticator code; the handover on Tata Usaha's page, with the receipt's code.
    const asked: number[] = [];
    let read = 0;
    let handedOver = false;
    const until = Date.now() + 600_000;
    for (;;) {
      const execution = engine.describeExecution(executionArn);
      if (execution?.status === 'SUCCEEDED') break;
      if (execution && execution.status !== 'RUNNING')
        throw new Error(`the execution stopped: ${JSON.stringify(execution).slice(0, 800)}`);
      if (Date.now() > until) throw new Error(`not done within 10 minutes; steps asked: ${asked.join(',')}`);
      const mail = mails[read];
      if (!mail) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      read += 1;
      const path = /https:\/\/paraf\.example\.test(\/a\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (!mail.subject.includes(`Berkas ${fileNumber}:`) || !path) continue;
      const official = directory.staff.find((o) => mail.to.includes(o.email))!.id;
      asked.push(Number(/langkah (\d+)/.exec(mail.subject)?.[1]));
      const answer = await request('POST', path, {
        headers: { ...(await bearer(official)), ...FORM },
        body: new URLSearchParams({ decision: 'approve', kode: currentTotp(secrets.get(official)!) }).toString(),
      });
      if (answer.status === 403 && answer.json().error === 'handover') {
        const handed = await request('POST', `/tata-usaha/serah-terima/${path.split('/').at(-1)}`, {
          headers: { ...(await bearer('tata-usaha')), ...FORM, accept: 'text/html' },
          body: new URLSearchParams({ penerima: 'Pemohon (dengan tanda terima)', kode: receiptCode }).toString(),
        });
        expect(handed.status, handed.bytes.toString()).toBe(303);
        handedOver = true;
      } else expect(answer.status, `step ${asked.at(-1)}: ${answer.bytes}`).toBe(200);
    }
    expect(handedOver).toBe(true);
    expect(asked).toEqual([...new Set(asked)]);
    const status = await request('GET', `/api/cases/${caseId}`, { headers: await bearer('loket') });
    expect(status.json()).toMatchObject({ id: caseId, status: 'selesai' });
    expect(mails.some((mail) => mail.from.includes('paraf@example.test'))).toBe(true);
  });
  it("takes an API-U application through the web bundle to selesai: each paraf and the head's signature with the signer's own code, the number, the archive, Tata Usaha's handover", async () => {
    await issueApiU();
  }, 700_000);

  it('issues a numbered permit whose three copies pdfsig finds signed through KMS, valid and trusted under the test CA', async () => {
    await issueApiU();
    const tataUsaha = await bearer('tata-usaha');
    const found = await request('GET', `/api/permits?sop=${API_U}`, { headers: tataUsaha });
    expect(found.status).toBe(200);
    const permit = (found.json().permits as { documentId: string; registrationNumber: string }[]).find((p) =>
      p.documentId.startsWith(caseId),
    )!;
    expect(permit.registrationNumber).toMatch(/^503\/\d{3}\/API-U\/DPMPTSP-III\/[IVX]+\/20\d\d$/);
    const nss = nssTrusting(join(work, 'nss'), caFiles.cert);
    const signsBefore = kms.requests.filter((r) => r.target === 'TrentService.Sign').length;
    expect(signsBefore).toBeGreaterThan(0);
    const head = directory.staff.find((o) => o.id === 'kepala')!;
    // Each copy as served is the one asked for, as the public verification page fingerprints it.
    const page = await request('GET', `/verifikasi/${permit.documentId}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const shown = fingerprintsIn(page.bytes.toString());
    expect([...shown.keys()]).toEqual([1, 2, 3]);
    for (const [n, expected] of [
      [1, 4],
      [2, 2],
      [3, 2],
    ] as const) {
      const copy = await request('GET', `/api/permits/${permit.documentId}/copies/${n}`, { headers: tataUsaha });
      expect(copy.status).toBe(200);
      expect(copy.headers['content-type']).toBe('application/pdf');
      const file = join(work, `copy-${n}.pdf`);
      writeFileSync(file, copy.bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(permit.registrationNumber);
      expect({ copy: n, labels: copyLabels(text) }).toEqual({ copy: n, labels: [n] });
      const sha256 = createHash('sha256').update(copy.bytes).digest('hex');
      expect({ copy: n, sha256 }).toEqual({ copy: n, sha256: shown.get(n) });
      // pdfsig answers 0 only if every signature is valid; the report is read either way.
      const report = (() => {
        try {
          return execFileSync('pdfsig', ['-nssdir', nss, file], { encoding: 'utf8' });
        } catch (error) {
          return String((error as { stdout?: string }).stdout);
        }
      })();
      // The officials' and the register's signatures, then the document timestamp (B-LTA), which
      // pdfsig lists but cannot validate: openssl checks its token over the whole file.
      const blocks = report.split(/^Signature #\d+:$/m).slice(1);
      const cades = blocks.filter((block) => block.includes('Signature Type: ETSI.CAdES.detached'));
      expect({ copy: n, signatures: cades.length, all: blocks.length }).toEqual({
        copy: n,
        signatures: expected,
        all: expected + 1,
      });
      for (const block of cades) {
        expect(block).toContain('Signature Validation: Signature is Valid.');
        expect(block).toContain('Certificate Validation: Certificate is Trusted.');
      }
      expect(report).toContain(`Signer Certificate Common Name: ${head.name}`);
      await expectDocumentTimestamp(new Uint8Array(copy.bytes), caFiles.cert, work);
      // Each signature time-stamped by the deploy's TSA and its revocation data in the DSS, under the document timestamp.
      const levels = await verifyPdf(new Uint8Array(copy.bytes), [pemToDer(readFileSync(caFiles.cert, 'utf8'))]);
      expect({ copy: n, ok: levels.ok, levels: levels.signatures.map((s) => s.level) }).toEqual({
        copy: n,
        ok: true,
        levels: Array(expected).fill('B-LTA'),
      });
      expect(levels.validationData.verifiedGood).toBeGreaterThanOrEqual(expected);
      if (n === 2) await expectUploadVerified(copy.bytes, permit.registrationNumber);
    }
    // The head's key signed, through the signing function, by its alias (the role's condition).
    const signed = calls.filter((c) => c.action === 'kms:Sign');
    expect(
      signed.some(
        (c) =>
          c.fn.startsWith('ParafWorkflows-signDocuments') &&
          c.context?.['kms:ResourceAliases']?.[0] === `${ALIAS_PREFIX}kepala`,
      ),
    ).toBe(true);
    expect(signed.length).toBe(signsBefore);
    // The history sheets are sealed with the office seal's key, by the functions that make them.
    const sealers = signed.filter(
      (c) => c.context?.['kms:ResourceAliases']?.[0] === `${ALIAS_PREFIX}${OFFICE_SEAL.id}`,
    );
    expect(sealers.length).toBeGreaterThan(0);
    for (const call of sealers) expect(call.fn).toMatch(/^ParafWorkflows-(archiveCase|closeCase)/);
  }, 800_000);

  const refuseEvents = once(async () => {
    await issueApiU();
    // A decision a dying web function recorded on its link but never delivered, three minutes ago:
    // the sweep delivers it with its own role, and the case's next step is asked.
    const { fileNumber } = await submit('PT Keputusan Tertinggal');
    const firstAsk = await mailFor(fileNumber, 6);
    const linkId = /https:\/\/paraf\.example\.test\/a\/([A-Za-z0-9_-]+)/.exec(firstAsk.text)![1]!;
    const by = directory.staff.find((o) => firstAsk.to.includes(o.email))!.id;
    const at = new Date(Date.now() - 180_000).toISOString();
    const raw = new DynamoDBClient({ ...standIns.aws.standIns, endpoint: standIns.aws.standIns.endpoints.dynamodb });
    const records = DynamoDBDocumentClient.from(raw);
    expect(
      await decideLink(records, TABLE, linkId, { id: randomUUID(), route: 'approve', note: '', by, at }, { at }),
    ).toMatchObject({ status: 'decided' });
    raw.destroy();
    const sweep = [...bundles.values()].find((b) => b.name.startsWith('ParafWorkflows-deliverDecisions'))!;
    const swept = await sweep.invoke({});
    expect(swept.error).toBeUndefined();
    expect(swept.result).toMatchObject({ delivered: 1, mail: { sent: 0 } });
    await mailFor(fileNumber, 7);
    for (const role of ['renderDocuments', 'signDocuments', 'assignNumber', 'archiveCase']) {
      const answer = await byRole(role).invoke({ caseId, sop: API_U, execution: executionArn });
      expect(answer.error?.name, role).toBe('Paraf.MalformedEvent');
    }
    const failed = await byRole('recordFailure').invoke({
      caseId,
      sop: API_U,
      revision: '02',
      error: { Error: 'Test.Failure', Cause: 'a failure recorded by the bundle test' },
      execution: executionArn,
    });
    expect(failed.error, JSON.stringify(failed.error)).toBeUndefined();
    // The renewal function: an operator's event with a field it does not know is refused by name; the
    // operator's day and the monthly rule's event are read (nothing expires before either: no renewal).
    const renewal = byRole('renewTimestamps');
    expect((await renewal.invoke({ before: '2031-06-01', paksa: true })).error?.message).toContain('(paksa)');
    const asked = await renewal.invoke({ before: '2026-01-01' });
    expect(asked.error, JSON.stringify(asked.error)).toBeUndefined();
    expect(asked.result).toEqual({ before: '2026-01-01', renewed: 0, already: 0, failed: 0 });
    const monthly = await renewal.invoke({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      time: new Date().toISOString(),
    });
    expect(monthly.error, JSON.stringify(monthly.error)).toBeUndefined();
    expect(monthly.result).toMatchObject({
      before: expect.stringMatching(/^20\d\d-\d\d-\d\d$/),
      renewed: 0,
      failed: 0,
    });
    // A failure after the close is recorded on the trail, never made the closed case's status.
    const status = await request('GET', `/api/cases/${caseId}`, { headers: await bearer('loket') });
    expect(status.json()).toMatchObject({ status: 'selesai' });
  });
  it('refuses, in its bundle, an event it cannot read, by name; the sweep and the failure path answer theirs', async () => {
    await refuseEvents();
  }, 800_000);

  const endAtOneYear = once(async () => {
    await issueApiU();
    const { id, fileNumber } = await submit('PT Setahun Tertahan');
    const started = executions.at(-1)!;
    // Its first official asked: the case waits, as a stalled one does.
    await mailFor(fileNumber, 6);
    // The event EventBridge delivers for an execution's end (the workflow stack's TimedOutExecutions rule).
    const timedOut = (arn: string, input: string | null, status = 'TIMED_OUT') => ({
      version: '0',
      id: randomUUID(),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: ACCOUNT,
      time: new Date().toISOString(),
      region: REGION,
      resources: [arn],
      detail: {
        executionArn: arn,
        stateMachineArn: machineArn(API_U),
        name: id,
        status,
        startDate: Date.now() - 365 * 86_400_000,
        stopDate: Date.now(),
        input,
        output: null,
        inputDetails: { included: true },
        outputDetails: { included: true },
      },
    });
    const recorder = byRole('recordFailure');
    const recorded = await recorder.invoke(timedOut(started.arn, started.input));
    expect(recorded.error, JSON.stringify(recorded.error)).toBeUndefined();
    expect(recorded.result).toEqual({ recorded: true, caseId: id });
    const status = await request('GET', `/api/cases/${id}`, { headers: await bearer('loket') });
    const shown = status.json() as { status: string; history: { action: string }[] };
    expect(shown.status).toBe('gagal');
    expect(shown.history.map((event) => event.action)).toContain(
      'Proses terhenti: Batas waktu satu tahun sejak proses berkas dimulai telah terlampaui; berkas tidak dapat dilanjutkan dan perlu diajukan kembali.',
    );
    // Delivered again (EventBridge delivers at least once): the trail says it once.
    expect((await recorder.invoke(timedOut(started.arn, started.input))).result).toEqual({
      recorded: true,
      caseId: id,
    });
    const again = (await request('GET', `/api/cases/${id}`, { headers: await bearer('loket') })).json() as {
      history: { action: string }[];
    };
    expect(again.history.filter((event) => event.action.includes('Batas waktu satu tahun'))).toHaveLength(1);
    // Another deploy's execution records nothing; an event of another status is refused by name.
    expect((await recorder.invoke(timedOut(started.arn, JSON.stringify({ caseId: 'TIDAKADA0000' })))).result).toEqual({
      recorded: false,
    });
    const succeeded = await recorder.invoke(timedOut(started.arn, started.input, 'SUCCEEDED'));
    expect(succeeded.error?.name).toBe('Paraf.MalformedEvent');
    // The first case, closed, is untouched.
    expect((await request('GET', `/api/cases/${caseId}`, { headers: await bearer('loket') })).json()).toMatchObject({
      status: 'selesai',
    });
  });
  it('records a case whose execution Step Functions ended at one year as failed, with the reason on its trail', async () => {
    await endAtOneYear();
  }, 900_000);

  it("makes no AWS call its function's role would deny", async () => {
    // Every call the story makes is checked: the whole of it first.
    for (const part of [issueApiU, refuseEvents, endAtOneYear]) await part();
    const denied = calls.filter((call) => {
      const bundle = [...bundles.values()].find((b) => b.name === call.fn)!;
      return !allows(bundle.statements, call.action, call.resource, call.context);
    });
    expect(denied).toEqual([]);
    // Each of these made calls of its own: the check above had something to check.
    for (const fn of [
      'ParafApi-Web',
      'ParafWorkflows-recordIntake',
      'ParafWorkflows-trackDeadline',
      'ParafWorkflows-requestAction',
      'ParafWorkflows-closeCase',
      'ParafWorkflows-renderDocuments',
      'ParafWorkflows-signDocuments',
      'ParafWorkflows-assignNumber',
      'ParafWorkflows-archiveCase',
      'ParafWorkflows-deliverDecisions',
      'ParafWorkflows-renewTimestamps',
    ])
      expect(calls.filter((call) => call.fn.startsWith(fn)).length, fn).toBeGreaterThan(0);
    // The check itself refuses what a role does not grant.
    const web = [...bundles.values()].find((b) => b.name.startsWith('ParafApi-Web'))!;
    expect(allows(web.statements, 'dynamodb:DeleteTable', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}`)).toBe(
      false,
    );
    expect(allows(web.statements, 's3:GetObject', `arn:aws:s3:::other-bucket/${BUCKET}`)).toBe(false);
    // The signing role signs with an official's key by its alias, never the seal's nor another stage's.
    const signing = byRole('signDocuments').statements;
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/any`;
    const aliased = (alias: string) => ({ 'kms:ResourceAliases': [alias] });
    expect(allows(signing, 'kms:Sign', key, aliased(`${ALIAS_PREFIX}kepala`))).toBe(true);
    expect(allows(signing, 'kms:Sign', key, aliased(`${ALIAS_PREFIX}${OFFICE_SEAL.id}`))).toBe(false);
    expect(allows(signing, 'kms:Sign', key, aliased('alias/paraf/uji/kepala'))).toBe(false);
  }, 1_000_000);

  it('logs JSON lines that name the case, its SOP, step and execution, and counts in EMF, with no token or secret', async () => {
    for (const part of [issueApiU, refuseEvents, endAtOneYear]) await part();
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
    // A request found by its approval link names the link's case, SOP and step (cases/find-link.ts).
    const byLink = lines('ParafApi-Web').filter(
      (line) => line.message === 'request' && String(line.path).startsWith('/a/'),
    );
    expect(byLink.length).toBeGreaterThan(0);
    for (const line of byLink)
      expect(line).toMatchObject({ caseId: expect.any(String), sop: expect.any(String), step: expect.any(Number) });
    expect(byLink.some((line) => line.caseId === caseId && line.sop === API_U)).toBe(true);
    // A request whose address names a case or one of its documents carries that case's id: this
    // test asks two such addresses itself, and waits for their lines (the bundle's output is a pipe).
    const tataUsaha = await bearer('tata-usaha');
    const listed = await request('GET', `/api/permits?sop=${API_U}`, { headers: tataUsaha });
    const { documentId } = (listed.json().permits as { documentId: string }[]).find((p) =>
      p.documentId.startsWith(caseId),
    )!;
    expect((await request('GET', `/verifikasi/${documentId}`, { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await request('GET', `/api/permits/${documentId}/copies/1`, { headers: tataUsaha })).status).toBe(200);
    const asks = (line: Record<string, unknown>) =>
      line.message === 'request' && String(line.path).includes(documentId);
    for (let until = Date.now() + 30_000; lines('ParafApi-Web').filter(asks).length < 2; ) {
      if (Date.now() > until) throw new Error('the two document requests were not logged within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const byDocument = lines('ParafApi-Web').filter(
      (line) => line.message === 'request' && /^\/(api\/permits|verifikasi)\/[^/?]+\.api-u/.test(String(line.path)),
    );
    expect(byDocument.map((line) => String(line.path).split('/')[1])).toEqual(
      expect.arrayContaining(['api', 'verifikasi']),
    );
    for (const line of byDocument)
      expect({ path: line.path, caseId: line.caseId }).toEqual({
        path: line.path,
        caseId: /\/([A-Za-z0-9_-]+)\.api-u/.exec(String(line.path))![1],
      });
    expect(byDocument.some((line) => line.caseId === caseId)).toBe(true);
    // Task tokens and the staff's bearer tokens never reach a log.
    const everything = [...bundles.values()].map((b) => b.output.join('')).join('\n');
    expect(tokens.size).toBeGreaterThan(0);
    for (const token of tokens.keys()) expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/Bearer |eyJ[A-Za-z0-9_-]{20,}/);
  }, 1_000_000);
});
