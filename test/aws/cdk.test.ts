import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ParafAwsSettings } from '../../infra/aws/build-app.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { placeholdersOf } from '#sop/fill-placeholders.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { STATE_MACHINES_DIR, stateMachineFileName } from '#sop/state-machine-files.ts';
import { revisionOf } from '#sop/schema.ts';

const SETTINGS: ParafAwsSettings = {
  publicUrl: 'https://paraf.example.test',
  mailFrom: 'Paraf <paraf@example.test>',
  allowWithoutTimestamp: true,
  authDomainPrefix: 'paraf-test',
};
// Bundling skipped: the tests look at the templates, not at the Lambda bundles.
const unbundledApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
/** The stacks of these settings, synthesized. */
function synthesize(settings: ParafAwsSettings) {
  const app = unbundledApp();
  const built = buildApp(app, settings);
  // cdk-nag's AwsSolutionsChecks run as a validation plugin: any unacknowledged finding stops this synth.
  app.synth();
  return built;
}

let stacks: ReturnType<typeof buildApp>;
let storage: Template;
let workflows: Template;

beforeAll(() => {
  stacks = synthesize(SETTINGS);
  storage = Template.fromStack(stacks.storage);
  workflows = Template.fromStack(stacks.workflows);
}, 120_000);

// A role's statements past the inline policy's size limit go to an overflow managed policy: both are read.
const policiesOf = (template: Template, rolePrefix: string) =>
  [
    ...Object.values(template.findResources('AWS::IAM::Policy')),
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
  ]
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)))
    .flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
/** An AwsCustomResource's SDK call as written in the template, its tokens (the pool id) left as "?". */
function sdkCall(
  resource: { [key: string]: unknown },
  phase: 'Create' | 'Update' | 'Delete',
): { action: string; parameters: Record<string, unknown> } {
  const value = (resource.Properties as Record<string, unknown>)[phase] as { 'Fn::Join': [string, unknown[]] };
  return JSON.parse(value['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '?')).join('')) as {
    action: string;
    parameters: Record<string, unknown>;
  };
}
const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => ([] as string[]).concat(s.Action));
/** A role's actions, sorted, past the logging and tracing every function is given. */
const ownActions = (statements: { Action: string | string[] }[]) =>
  actionsOf(statements)
    .filter((action) => !action.startsWith('logs:') && !action.startsWith('xray:'))
    .sort();
/** What reading and writing the records takes: the table's item calls and its KMS key. */
const RECORDS_READ_WRITE = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
];
/** The workflow functions' roles (their logical-id prefixes without "Role"). */
const FUNCTION_ROLES = [
  'requestAction',
  'trackDeadline',
  'recordIntake',
  'renderDocuments',
  'signDocuments',
  'assignNumber',
  'archiveCase',
  'closeCase',
  'recordFailure',
];

describe('the CDK app', () => {
  it('refuses a paraf:publicUrl that is no whole http(s) address, as npm start refuses PARAF_PUBLIC_URL', () => {
    expect(() => buildApp(unbundledApp(), { ...SETTINGS, publicUrl: 'paraf.example.test' })).toThrow(
      'paraf:publicUrl bernilai "paraf.example.test": harus alamat lengkap',
    );
  });

  it('keeps the archive versioned, locked, encrypted with KMS, private and TLS-only, and the records recoverable', () => {
    storage.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3650 } },
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ TagFilters: [{ Key: 'paraf-kind', Value: 'draft' }] })]),
      },
    });
    storage.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      GlobalSecondaryIndexes: ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'].map((name) =>
        Match.objectLike({ IndexName: name }),
      ),
    });
  });

  it('deploys one Standard state machine per SOP from the committed ASL, every placeholder substituted and none unused, logged and traced', () => {
    const machines = workflows.findResources('AWS::StepFunctions::StateMachine');
    expect(Object.keys(machines)).toHaveLength(17);
    for (const sop of loadCatalog()) {
      const text = readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8');
      const machine = Object.values(machines).find((m) => m.Properties.StateMachineName === sop.id)!;
      expect(machine.Properties.StateMachineType).toBe('STANDARD');
      expect(JSON.parse(machine.Properties.DefinitionString)).toEqual(JSON.parse(text));
      expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort(), sop.id).toEqual(
        placeholdersOf(JSON.parse(text) as AslDefinition).sort(),
      );
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      // Every event, but no decision notes or document data in the logs; under /aws/vendedlogs/.
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
      const logGroup = machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn;
      const [logGroupId] = logGroup['Fn::GetAtt'] as [string];
      expect(workflows.toJSON().Resources[logGroupId].Properties.LogGroupName).toBe(
        `/aws/vendedlogs/states/paraf/${sop.id}`,
      );
    }
  });

  it("gives every machine task more time than its function has, and retries what the Lambda service says when an invocation fails and the handler's own errors, waits included", () => {
    const machines = workflows.findResources('AWS::StepFunctions::StateMachine');
    const functions = workflows.findResources('AWS::Lambda::Function');
    let checked = 0;
    let waits = 0;
    for (const machine of Object.values(machines)) {
      const definition = JSON.parse(machine.Properties.DefinitionString) as AslDefinition;
      const functionOf = (placeholder: string) => {
        const ref = (machine.Properties.DefinitionSubstitutions[placeholder] as { 'Fn::GetAtt': [string, string] })[
          'Fn::GetAtt'
        ][0];
        return functions[ref]!.Properties as { Timeout: number };
      };
      for (const [name, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task') continue;
        const placeholder = /^\$\{(\w+)\}$/.exec(
          String((state.Parameters as { FunctionName: string }).FunctionName),
        )![1]!;
        const retriers = state.Retry as { ErrorEquals: string[]; MaxAttempts?: number; JitterStrategy?: string }[];
        const retried = retriers.flatMap((r) => r.ErrorEquals);
        const taskFailed = retriers.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed'));
        // The handler's own errors (a DynamoDB throttle) retried, with backoff and jitter, on every task.
        expect(retriers[taskFailed], name).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
        expect(retriers[taskFailed]!.MaxAttempts, name).toBeGreaterThan(0);
        expect(retried, name).not.toContain('States.ALL');
        expect(retried, name).toEqual(
          expect.arrayContaining([
            'Lambda.Unknown',
            'Sandbox.Timedout',
            'Lambda.TooManyRequestsException',
            'Lambda.ClientExecutionTimeoutException',
            'Lambda.ServiceException',
            'Lambda.AWSLambdaException',
            'Lambda.SdkClientException',
          ]),
        );
        if (String(state.Resource).endsWith('.waitForTaskToken')) {
          // Its timeout is the step falling due: not retried (States.TaskFailed does not match it on AWS) but
          // caught into the reminder. A failure sent to its token is an answer: a retrier of none, before TaskFailed's.
          expect(retried, name).not.toContain('States.Timeout');
          const catchers = state.Catch as { ErrorEquals: string[]; Next: string }[];
          expect(catchers[0], name).toMatchObject({
            ErrorEquals: ['States.Timeout'],
            Next: name.replace(/_Wait$/, '_Remind'),
          });
          const answer = retriers.findIndex((r) => r.ErrorEquals.includes('Paraf.CaseWithdrawn'));
          expect(answer, name).toBeGreaterThanOrEqual(0);
          expect(answer, name).toBeLessThan(taskFailed);
          expect(retriers[answer]!.MaxAttempts, name).toBe(0);
          waits += 1;
          continue;
        }
        expect(state.TimeoutSeconds, name).toBeGreaterThan(functionOf(placeholder).Timeout);
        expect(retried, name).toEqual(expect.arrayContaining(['States.Timeout', 'States.TaskFailed']));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(waits).toBeGreaterThan(50);
  });

  it('builds each handler as an ESM function on Node 22 and arm64 with its own log group', () => {
    const functions = Object.values(workflows.findResources('AWS::Lambda::Function'));
    // The nine the machines invoke, the sweep of stranded decisions and the timestamp renewal.
    expect(functions).toHaveLength(11);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      // A log group of this stack, its own: not merely some value.
      expect(Object.keys(workflows.findResources('AWS::Logs::LogGroup'))).toContain(
        fn.Properties.LoggingConfig.LogGroup.Ref,
      );
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PARAF_MAIL: 'ses',
        PARAF_SIGNER: 'kms',
        // No TSA named in the context: signatures stay B-B, and no stand-in is looked for.
        PARAF_TSA: 'none',
        PARAF_TABLE: { 'Fn::ImportValue': `${stacks.storage.stackName}-RecordsTableName` },
        PARAF_BUCKET: { 'Fn::ImportValue': `${stacks.storage.stackName}-ArchiveBucketName` },
      });
      // No source maps at run time: they cost every cold start.
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
    expect(new Set(functions.map((fn) => fn.Properties.LoggingConfig.LogGroup.Ref)).size).toBe(11);
    workflows.resourceCountIs('AWS::Logs::LogGroup', 11 + 17);
  });

  it('runs the sweep of stranded decisions and queued mail every five minutes, allowed only to read and write records, answer the SOP machines and send through SES', () => {
    const rule = Object.values(workflows.findResources('AWS::Events::Rule')).find(
      (candidate) => candidate.Properties.ScheduleExpression === 'rate(5 minutes)',
    );
    const target = (rule!.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!.Arn['Fn::GetAtt'][0];
    expect(target).toMatch(/^deliverDecisions/);
    expect(ownActions(policiesOf(workflows, 'deliverDecisionsRole'))).toEqual(
      [
        ...RECORDS_READ_WRITE,
        'dynamodb:BatchGetItem',
        'dynamodb:DeleteItem',
        'ses:SendEmail',
        'ses:SendRawEmail',
        'states:SendTaskSuccess',
      ].sort(),
    );
    const answer = policiesOf(workflows, 'deliverDecisionsRole').find((statement) =>
      actionsOf([statement]).includes('states:SendTaskSuccess'),
    )!;
    expect((answer.Resource as unknown[]).length).toBe(17);
  });

  it('renews the archive timestamps monthly, allowed only to read and write records, to list, read and add case files, and to seal with the office seal', () => {
    const rules = Object.values(workflows.findResources('AWS::Events::Rule'));
    // The two schedules and the rule of timed-out executions.
    expect(rules).toHaveLength(3);
    const rule = rules.find((candidate) => candidate.Properties.ScheduleExpression?.startsWith('cron('))!;
    expect(rule.Properties.ScheduleExpression).toBe('cron(0 18 1 * ? *)');
    const target = (rule.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!.Arn['Fn::GetAtt'][0];
    expect(target).toMatch(/^renewTimestamps/);
    const policies = policiesOf(workflows, 'renewTimestampsRole');
    expect(ownActions(policies)).toEqual(
      [
        ...RECORDS_READ_WRITE,
        'dynamodb:BatchWriteItem',
        's3:GetObject',
        's3:PutObject',
        's3:PutObjectTagging',
        's3:ListBucket',
        'kms:Sign',
      ].sort(),
    );
    // Case files only; the TSA signs the document timestamp, and of the signing keys only the office
    // seal's, by its exact alias, seals the history sheets made again with the renewal's line.
    const files = policies.find((statement) => actionsOf([statement]).includes('s3:PutObject'))!;
    expect(JSON.stringify(files.Resource)).toContain('/cases/*');
    // (The seal's exact alias and the listing's prefix: 'makes the office seal a KMS key ...' below.)
    const [fn] = Object.values(workflows.findResources('AWS::Lambda::Function')).filter((candidate) =>
      candidate.Properties.Role['Fn::GetAtt'][0].startsWith('renewTimestampsRole'),
    );
    expect(fn!.Properties).toMatchObject({ Timeout: 900, MemorySize: 1024 });
    expect(fn!.Properties.Environment.Variables.PARAF_RENEWAL_MARGIN_DAYS).toBe('365');
    // The operator's renewal for a day of their choosing: the function named in the stack's outputs.
    const output = workflows.findOutputs('RenewTimestamps');
    expect(Object.values(output)[0]?.Value).toEqual({
      Ref: Object.keys(workflows.findResources('AWS::Lambda::Function')).find(
        (id) => id.startsWith('renewTimestamps') && !id.includes('Role'),
      ),
    });
    expect(Object.values(output)[0]?.Description).toContain(`--payload '{"before":"YYYY-MM-DD"}'`);
  });

  it('serves the web app from one function behind an HTTP API, with access logs, starting and answering only the SOP machines', () => {
    const api = Template.fromStack(stacks.api);
    const endpoint = Template.fromStack(stacks.endpoint);
    endpoint.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    endpoint.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    api.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    endpoint.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const [web] = Object.values(api.findResources('AWS::Lambda::Function'));
    expect(web!.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    const machines = web!.Properties.Environment.Variables.PARAF_STATE_MACHINES;
    expect(JSON.stringify(machines)).toContain('SOP-DALAK-067-014');
    const states = policiesOf(api, 'WebRole').filter((statement) =>
      actionsOf([statement]).some((action) => action.startsWith('states:')),
    );
    expect(actionsOf(states).sort()).toEqual([
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:SendTaskSuccess',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    for (const statement of states) expect((statement.Resource as unknown[]).length).toBe(17);
    // A move reads and stops executions of the SOP machines only, never a machine itself.
    const moving = states.find((statement) => actionsOf([statement]).includes('states:StopExecution'))!;
    expect(JSON.stringify(moving.Resource)).toContain(':execution:');
    expect(JSON.stringify(moving.Resource)).not.toContain(':stateMachine:');
  });

  it("takes the loket's uploads in a bucket of their own: CORS for the public URL only, forgotten after a day, written by the web role under uploads/ only", () => {
    const api = Template.fromStack(stacks.api);
    // The archive's object lock would keep every upload ten years: the uploads bucket has none, and no versions.
    const [uploads, ...more] = Object.values(
      storage.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } }),
    );
    expect(more).toEqual([]);
    expect(uploads!.Properties.ObjectLockEnabled).toBeUndefined();
    expect(uploads!.Properties.VersioningConfiguration).toBeUndefined();
    expect(uploads!.Properties).toMatchObject({
      CorsConfiguration: {
        CorsRules: [
          { AllowedOrigins: ['https://paraf.example.test'], AllowedMethods: ['POST'], AllowedHeaders: ['*'] },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'unclaimed-uploads',
            Prefix: 'uploads/',
            ExpirationInDays: 1,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'uploads/' },
    });
    const uploadExport = { 'Fn::ImportValue': `${stacks.storage.stackName}-UploadBucketArn` };
    const onUploads = policiesOf(api, 'WebRole').filter((statement) =>
      JSON.stringify(statement.Resource).includes('UploadBucketArn'),
    );
    expect(onUploads).toHaveLength(1);
    expect(actionsOf(onUploads).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(onUploads[0]!.Resource).toEqual({ 'Fn::Join': ['', [uploadExport, '/uploads/*']] });
    // The archive's own grants stay on cases/: an upload never writes there.
    const archivePuts = policiesOf(api, 'WebRole').filter(
      (statement) => actionsOf([statement]).includes('s3:PutObject') && statement !== onUploads[0],
    );
    for (const statement of archivePuts) expect(JSON.stringify(statement.Resource)).toContain('/cases/*');
    const [web] = Object.values(api.findResources('AWS::Lambda::Function'));
    expect(web!.Properties.Environment.Variables).toMatchObject({
      PARAF_UPLOAD_BUCKET: { 'Fn::ImportValue': `${stacks.storage.stackName}-UploadBucketName` },
      PARAF_VERIFY_UPLOAD_MB: '4',
      // A body past the platform's ~4.4 MB is refused in Bahasa Indonesia, naming POST /api/uploads.
      PARAF_BODY_MB: '4',
    });
  });

  it("publishes each SOP's revision as a retained Step Functions version behind the alias berlaku, and starts each case on its revision's version", () => {
    const versions = workflows.findResources('AWS::StepFunctions::StateMachineVersion');
    const aliases = workflows.findResources('AWS::StepFunctions::StateMachineAlias');
    const machines = workflows.findResources('AWS::StepFunctions::StateMachine');
    expect(Object.keys(versions)).toHaveLength(17);
    expect(Object.keys(aliases)).toHaveLength(17);
    const api = Template.fromStack(stacks.api);
    const [web] = Object.values(api.findResources('AWS::Lambda::Function'));
    const started = JSON.stringify(web!.Properties.Environment.Variables.PARAF_STATE_MACHINES);
    const startPolicy = JSON.stringify(
      policiesOf(api, 'WebRole').find((s) => actionsOf([s]).includes('states:StartExecution'))!.Resource,
    );
    for (const sop of loadCatalog()) {
      const text = readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      const revision = revisionOf(sop);
      const [machineId] = Object.entries(machines).find(([, m]) => m.Properties.StateMachineName === sop.id)!;
      // Named by its revision and its definition's hash: a new revision is a new version, the old one kept for its executions.
      const [versionId, version] = Object.entries(versions).find(([id]) =>
        id.startsWith(
          `${sop.id.replace(/-/g, '')}Revision${revision.replace(/[^A-Za-z0-9]/g, '')}${hash.slice(0, 12)}`,
        ),
      )!;
      expect(version.DeletionPolicy).toBe('Retain');
      expect(version.UpdateReplacePolicy).toBe('Retain');
      expect(version.Properties.StateMachineArn).toEqual({ Ref: machineId });
      expect(version.Properties.StateMachineRevisionId).toEqual({
        'Fn::GetAtt': [machineId, 'StateMachineRevisionId'],
      });
      expect(version.Properties.Description).toBe(`${sop.id} revisi ${revision}; definition sha256 ${hash}`);
      const alias = Object.values(aliases).find((a) =>
        JSON.stringify(a.Properties.RoutingConfiguration).includes(versionId),
      )!;
      expect(alias.Properties).toMatchObject({
        Name: 'berlaku',
        RoutingConfiguration: [{ StateMachineVersionArn: { 'Fn::GetAtt': [versionId, 'Arn'] }, Weight: 100 }],
      });
      // The web function starts a case under "<SOP>@<revision>" on that version (so the execution records its ARN), and may start nothing else.
      expect(started).toContain(
        `\\"${sop.id}@${revision}\\":\\"",{"Fn::ImportValue":"${stacks.workflows.stackName}:ExportsOutputFnGetAtt${versionId}Arn`,
      );
      expect(startPolicy).toContain(`ExportsOutputFnGetAtt${versionId}Arn`);
    }
  });

  it("makes the office seal a KMS key like the officials', which the archive, close and renewal functions alone may sign with, by its exact alias", () => {
    const signing = Template.fromStack(stacks.signing);
    const keys = Object.values(signing.findResources('AWS::KMS::Key'));
    const directory = JSON.parse(readFileSync(new URL('../../config/staff.json', import.meta.url), 'utf8')) as {
      staff: unknown[];
    };
    expect(keys).toHaveLength(directory.staff.length + 1);
    for (const key of keys) expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    signing.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/paraf/main/segel-kantor' });
    // archive-case seals the sheets at issue, close-case again after the handover, renew-timestamps
    // after a renewal; each lists the case's folder to find them.
    for (const role of ['archiveCaseRole', 'closeCaseRole', 'renewTimestampsRole']) {
      const seal = policiesOf(workflows, role).filter((statement) =>
        actionsOf([statement]).includes('kms:Sign'),
      ) as unknown as { Action: string; Condition: unknown }[];
      expect(seal, role).toHaveLength(1);
      expect(seal[0]!.Action).toBe('kms:Sign');
      expect(seal[0]!.Condition).toEqual({
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/paraf/main/segel-kantor' },
      });
      const listing = policiesOf(workflows, role).find((statement) =>
        actionsOf([statement]).includes('s3:ListBucket'),
      ) as unknown as { Condition: unknown };
      expect(listing.Condition).toEqual({ StringLike: { 's3:prefix': ['cases/*'] } });
    }
    // The officials' keys are allowed to the signing function by their common prefix, which the seal's
    // alias shares: it is denied the seal by name.
    const denied = (
      policiesOf(workflows, 'signDocumentsRole') as unknown as { Effect: string; Action: string; Condition: unknown }[]
    ).filter((statement) => statement.Effect === 'Deny');
    expect(denied).toEqual([
      expect.objectContaining({
        Action: 'kms:Sign',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/paraf/main/segel-kantor' } },
      }),
    ]);
    // Nobody else but the signing function signs; no function reads a key file any more.
    for (const role of [
      'requestAction',
      'trackDeadline',
      'recordIntake',
      'renderDocuments',
      'assignNumber',
      'recordFailure',
    ])
      expect(actionsOf(policiesOf(workflows, `${role}Role`))).not.toContain('kms:Sign');
    for (const fn of Object.values(workflows.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.Environment.Variables.PARAF_KMS_KEYS).toBeUndefined();
  });

  it("records a case whose execution reaches Step Functions' one-year limit as failed: the end's event goes to the failure path", () => {
    const rules = Object.values(workflows.findResources('AWS::Events::Rule')).filter((rule) =>
      rule.Properties.EventPattern?.detail?.status?.includes('TIMED_OUT'),
    );
    expect(rules).toHaveLength(1);
    const { EventPattern, Targets } = rules[0]!.Properties as {
      EventPattern: {
        source: string[];
        'detail-type': string[];
        detail: { status: string[]; executionArn: { prefix: unknown }[] };
      };
      Targets: { Arn: { 'Fn::GetAtt': [string, string] }; RetryPolicy: Record<string, number> }[];
    };
    expect(EventPattern).toMatchObject({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['TIMED_OUT'] },
    });
    // The executions of every SOP's machine of this stage, by their ARN's prefix (a version's
    // executions too), and nothing else.
    const prefixes = EventPattern.detail.executionArn.map(({ prefix }) => {
      const [, parts] = (prefix as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
      return parts.map((part) => (typeof part === 'string' ? part : '?')).join('');
    });
    expect(prefixes.sort()).toEqual(
      loadCatalog()
        .map((sop) => `arn:?:states:?:?:execution:${sop.id}:`)
        .sort(),
    );
    expect(prefixes).toHaveLength(17);
    expect(Targets).toHaveLength(1);
    expect(Targets[0]!.Arn['Fn::GetAtt'][0]).toMatch(/^recordFailure/);
    // A once-a-year event must not be lost to a throttle: retried for a day.
    expect(Targets[0]!.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 });
    const permission = Object.values(workflows.findResources('AWS::Lambda::Permission')).find(
      (candidate) =>
        candidate.Properties.Principal === 'events.amazonaws.com' &&
        candidate.Properties.FunctionName['Fn::GetAtt']?.[0]?.startsWith('recordFailure'),
    );
    expect(permission).toBeDefined();
  });

  it('grants no role of any stack what no function calls: table descriptions, KMS public keys; batch writes only to the two that index hashes and the one that opens links', () => {
    for (const stack of Object.values(stacks)) {
      const actions = actionsOf(policiesOf(Template.fromStack(stack), ''));
      for (const unused of ['dynamodb:DescribeTable', 'kms:GetPublicKey'])
        expect(actions, `${stack.stackName}: ${unused}`).not.toContain(unused);
    }
    // An issued copy's hashes are written in batches (cases/index-copy-revisions.ts): by the archiving and
    // the renewal; and a new link's three items (records/links.ts, openLink), by the ask alone.
    const batchWriters = Object.values(stacks).flatMap((stack) =>
      Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
        .filter(([, policy]) =>
          actionsOf(policy.Properties.PolicyDocument.Statement).includes('dynamodb:BatchWriteItem'),
        )
        .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref)),
    );
    expect(batchWriters.map((role) => role.replace(/Role.*$/, '')).sort()).toEqual([
      'archiveCase',
      'renewTimestamps',
      'requestAction',
    ]);
    // The intake writes records and sends mail; it reads and writes no case file.
    const intake = actionsOf(policiesOf(workflows, 'recordIntakeRole'));
    expect(intake.filter((action) => action.startsWith('s3:'))).toEqual([]);
    expect(intake).toContain('dynamodb:PutItem');
  });

  it('gives each function only what it uses, and each machine only its own functions', () => {
    const sign = actionsOf(policiesOf(workflows, 'signDocumentsRole'));
    expect(sign).toEqual(expect.arrayContaining(['kms:Sign', 's3:PutObject', 'dynamodb:UpdateItem']));
    expect(sign).not.toContain('ses:SendEmail');
    const track = actionsOf(policiesOf(workflows, 'trackDeadlineRole'));
    expect(track).toContain('ses:SendEmail');
    expect(track).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    expect(track.some((action) => action.startsWith('s3:') || action === 'kms:Sign')).toBe(false);
    expect(actionsOf(policiesOf(workflows, 'requestActionRole')).some((action) => action.startsWith('s3:'))).toBe(
      false,
    );
    // The intake's step tells the applicant their file was received (lambda-bundles found the grant missing).
    expect(actionsOf(policiesOf(workflows, 'recordIntakeRole'))).toContain('ses:SendEmail');
    // Only the function that asks may answer a task (a decision taken between two asks), and only on the 17 machines.
    const answering = FUNCTION_ROLES.filter((role) =>
      actionsOf(policiesOf(workflows, `${role}Role`)).includes('states:SendTaskSuccess'),
    );
    expect(answering).toEqual(['requestAction']);
    const answer = policiesOf(workflows, 'requestActionRole').find((statement) =>
      actionsOf([statement]).includes('states:SendTaskSuccess'),
    )!;
    expect(actionsOf([answer])).toEqual(['states:SendTaskSuccess']);
    expect(JSON.stringify(answer.Resource)).toContain(':stateMachine:SOP-DALAK-067-014');
    expect((answer.Resource as unknown[]).length).toBe(17);
    // No wildcard action anywhere in the functions' policies.
    for (const role of FUNCTION_ROLES) {
      expect(
        actionsOf(policiesOf(workflows, `${role}Role`)).filter((action) => action.includes('*')),
        role,
      ).toEqual([]);
    }
    const apiU = Object.entries(workflows.findResources('AWS::StepFunctions::StateMachine')).find(
      ([, m]) => m.Properties.StateMachineName === 'SOP-LP2N-PPK-01',
    )!;
    const roleRef = (apiU[1].Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const invoke = policiesOf(workflows, roleRef).filter((s) => actionsOf([s]).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect((invoke[0]!.Resource as unknown[]).length).toBe(
      Object.keys(apiU[1].Properties.DefinitionSubstitutions).length,
    );
  });

  it('signs staff in through a user pool with no sign-up and required TOTP, a public PKCE client, and a user per official', () => {
    const auth = Template.fromStack(stacks.auth);
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireUppercase: true }),
      },
    });
    auth.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'paraf-test' });
    // The operator is told where staff sign in and what to do before the first case.
    expect(JSON.stringify(auth.findOutputs('SignInUrl'))).toContain('.auth.');
    expect(JSON.stringify(auth.findOutputs('NextSteps'))).toContain('npx paraf aws certify');
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://paraf.example.test/masuk/kembali'],
      LogoutURLs: ['https://paraf.example.test/'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const users = Object.values(auth.findResources('Custom::AWS'))
      .map((user) => sdkCall(user, 'Create'))
      .filter((call) => call.action === 'AdminCreateUser')
      .map((call) => call.parameters.Username)
      .sort();
    const staff = JSON.parse(readFileSync(new URL('../../config/staff.json', import.meta.url), 'utf8')) as {
      staff: { id: string }[];
    };
    expect(users).toEqual(staff.staff.map((official) => official.id).sort());

    const api = Template.fromStack(stacks.api);
    const [web] = Object.values(api.findResources('AWS::Lambda::Function'));
    const env = web!.Properties.Environment.Variables;
    expect(env.PARAF_AUTH).toBe('cognito');
    expect(JSON.stringify(env.PARAF_AUTH_ISSUER)).toContain('cognito-idp.');
    // Each names the auth stack's own resource: the pool (issuer), its client, its hosted sign-in domain.
    const exported = (logicalIdOf: string) => {
      const [id] = Object.keys(auth.findResources(logicalIdOf));
      return new RegExp(`"Fn::ImportValue":"${stacks.auth.stackName}:ExportsOutputRef${id}[0-9A-F]{8}"`);
    };
    expect(JSON.stringify(env.PARAF_AUTH_ISSUER)).toMatch(exported('AWS::Cognito::UserPool'));
    expect(JSON.stringify(env.PARAF_AUTH_CLIENT_ID)).toMatch(exported('AWS::Cognito::UserPoolClient'));
    expect(JSON.stringify(env.PARAF_AUTH_DOMAIN)).toMatch(exported('AWS::Cognito::UserPoolDomain'));
    expect(JSON.stringify(env.PARAF_AUTH_DOMAIN)).toContain('.amazoncognito.com');
  });

  it('gives the HTTP API the office domain when there is one, and otherwise links to the API itself', () => {
    const built = synthesize({
      domainName: 'paraf.dpmptsp.example.test',
      mailFrom: 'Paraf <paraf@example.test>',
      authDomainPrefix: 'paraf-test',
      tsaUrl: 'https://tsa.example.test/tsr',
      ocspUrl: 'http://ocsp.example.test',
    });
    // The TSA of paraf:tsaUrl reaches every machine function (the signing one among them).
    for (const fn of Object.values(Template.fromStack(built.workflows).findResources('AWS::Lambda::Function')))
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PARAF_TSA: 'rfc3161',
        PARAF_TSA_URL: 'https://tsa.example.test/tsr',
        PARAF_OCSP_URL: 'http://ocsp.example.test',
      });
    expect(() =>
      buildApp(new App(), { mailFrom: 'a <a@b.test>', authDomainPrefix: 'x', tsaUrl: 'tsa.example.test' }),
    ).toThrow('paraf:tsaUrl "tsa.example.test": an http:// or https:// address');
    // No TSA and no explicit opt-out: synthesis stops, saying what each signature would lack and how to choose.
    expect(() => buildApp(new App(), { mailFrom: 'a <a@b.test>', authDomainPrefix: 'x' })).toThrow(
      /No TSA: without -c paraf:tsaUrl=.* PAdES B-B .* -c paraf:allowWithoutTimestamp=true\. B-LT also needs revocation data: -c paraf:ocspUrl=/,
    );
    // No sender, or one that is no address: synthesis stops (no default domain could ever be verified in SES).
    const tsa = { authDomainPrefix: 'x', tsaUrl: 'https://tsa.example.test' };
    expect(() => buildApp(new App(), tsa)).toThrow(/^No sender: give -c paraf:mailFrom="Paraf DPMPTSP <paraf@/);
    expect(() => buildApp(new App(), { ...tsa, mailFrom: 'paraf' })).toThrow('paraf:mailFrom "paraf": give');
    expect(() => buildApp(new App(), { ...tsa, mailFrom: 'Paraf <paraf@kantor>' })).toThrow('paraf:mailFrom');
    const endpoint = Template.fromStack(built.endpoint);
    endpoint.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'paraf.dpmptsp.example.test' });
    endpoint.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'paraf.dpmptsp.example.test',
      ValidationMethod: 'DNS',
    });
    endpoint.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const outputs = Object.keys(endpoint.findOutputs('*')).filter((name) => !name.startsWith('ExportsOutput'));
    expect(outputs.sort()).toEqual(['CertificateValidation', 'DnsRecord', 'PublicUrl']);
    const webEnv = (stack: typeof built.api) =>
      Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0]!.Properties.Environment
        .Variables as Record<string, unknown>;
    expect(webEnv(built.api).PARAF_PUBLIC_URL).toBe('https://paraf.dpmptsp.example.test');
    Template.fromStack(built.auth).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://paraf.dpmptsp.example.test/masuk/kembali'],
    });

    // Without a domain nor a public URL, every link is the API's own address, on a first deploy with no DNS.
    const plain = synthesize({
      mailFrom: 'Paraf <paraf@example.test>',
      authDomainPrefix: 'paraf-test',
      allowWithoutTimestamp: true,
    });
    const url = JSON.stringify(webEnv(plain.api).PARAF_PUBLIC_URL);
    expect(url).toContain('Fn::ImportValue');
    expect(url).toContain(plain.endpoint.stackName);
    const [apiId] = Object.keys(Template.fromStack(plain.endpoint).findResources('AWS::ApiGatewayV2::Api'));
    expect(JSON.stringify(Template.fromStack(plain.endpoint).findOutputs('PublicUrl'))).toContain(apiId!);
    const workflowEnv = Object.values(Template.fromStack(plain.workflows).findResources('AWS::Lambda::Function')).map(
      (fn) => JSON.stringify(fn.Properties.Environment.Variables.PARAF_PUBLIC_URL),
    );
    expect(new Set(workflowEnv)).toEqual(new Set([url]));
    // A ceiling, not a wait: two synths take 30-40 s on the loaded shared machine.
  }, 120_000);

  it('lets a failed first deploy be retried and a second stage live beside the first: no fixed names', () => {
    for (const bucket of Object.values(storage.findResources('AWS::S3::Bucket')))
      expect(bucket.Properties.BucketName).toBeUndefined();
    for (const table of Object.values(storage.findResources('AWS::DynamoDB::Table'))) {
      expect(table.Properties.TableName).toBeUndefined();
      expect(table.DeletionPolicy).toBe('Retain');
    }
    // A resource that keeps a fixed name must not outlive a rolled-back create, or the retry meets it.
    for (const stack of Object.values(stacks))
      for (const [id, resource] of Object.entries(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')))
        if (typeof resource.Properties?.LogGroupName === 'string')
          expect(resource.DeletionPolicy, `${stack.stackName}/${id}`).toBe('RetainExceptOnCreate');
    const uji = synthesize({
      stage: 'uji',
      // One SES identity per domain in a region: a second stage sends from a domain of its own.
      mailFrom: 'Paraf Uji <paraf@uji.example.test>',
      allowWithoutTimestamp: true,
      authDomainPrefix: 'paraf-uji',
    });
    const names = (built: typeof stacks) => {
      const all = new Set<string>();
      for (const stack of Object.values(built)) {
        all.add(stack.stackName);
        const template = Template.fromStack(stack).toJSON() as {
          Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
          Outputs?: Record<string, { Export?: { Name: string } }>;
        };
        // A machine's alias is named within its machine (its ARN is the machine's and the name), so the same name never meets another stage's.
        for (const resource of Object.values(template.Resources))
          if (resource.Type !== 'AWS::StepFunctions::StateMachineAlias')
            for (const key of [
              'StateMachineName',
              'LogGroupName',
              'AliasName',
              'UserPoolName',
              'ClientName',
              'Name',
              'EmailIdentity',
            ])
              if (typeof resource.Properties?.[key] === 'string') all.add(resource.Properties[key] as string);
        for (const output of Object.values(template.Outputs ?? {})) if (output.Export) all.add(output.Export.Name);
      }
      return all;
    };
    const first = names(stacks);
    const overlap = [...names(uji)].filter((name) => first.has(name));
    expect(overlap).toEqual([]);
    expect([...names(uji)]).toEqual(expect.arrayContaining(['uji-SOP-LP2N-PPK-01', 'alias/paraf/uji/kepala']));
    expect(() => buildApp(new App(), { stage: 'Uji Coba', mailFrom: 'a <a@b.test>', authDomainPrefix: 'x' })).toThrow(
      /paraf:stage/,
    );
  });

  it('changes the officials without a deadlock: no export per official, one joins, one leaves, a new e-mail updates the user in place', () => {
    // The signing stack exports nothing that another stack could hold on to.
    expect(Template.fromStack(stacks.signing).toJSON().Outputs ?? {}).toEqual({});
    const imports = (built: typeof stacks) =>
      Object.values(built).flatMap((stack) =>
        [...JSON.stringify(Template.fromStack(stack).toJSON()).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map(
          (match) => match[1]!,
        ),
      );
    // The signing function may use the keys of this stage's officials, by alias, and only sign.
    const sign = policiesOf(workflows, 'signDocumentsRole').find((statement) =>
      actionsOf([statement]).includes('kms:Sign'),
    ) as unknown as { Action: string; Condition: unknown };
    expect(sign.Action).toBe('kms:Sign');
    expect(sign.Condition).toEqual({ 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/paraf/main/*' } });

    const directory = JSON.parse(readFileSync(new URL('../../config/staff.json', import.meta.url), 'utf8')) as {
      staff: { id: string; email: string; lanes: string[] }[];
    };
    const removable = directory.staff.find((official) => official.lanes.length === 0)!;
    const changed = directory.staff.find((official) => official.id === 'kepala')!;
    // One official leaves, one joins (a reviewer of the kasi's lane), the Kepala's e-mail changes.
    const reviewer = directory.staff.find((official) => official.lanes.length > 0 && official.id !== 'kepala')!;
    const joining = {
      ...reviewer,
      id: 'kasi-baru',
      name: 'Rina Lestari, S.E.',
      nip: '198805122010012003',
      nik: '6472015205880003',
      email: 'kasi.baru@dpmptsp.test',
    };
    const after = {
      ...directory,
      staff: [
        ...directory.staff
          .filter((official) => official !== removable)
          .map((official) => (official === changed ? { ...official, email: 'kepala.baru@dpmptsp.test' } : official)),
        joining,
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'paraf-staff-'));
    try {
      const file = join(dir, 'staff.json');
      writeFileSync(file, JSON.stringify(after));
      const changedStacks = synthesize({ ...SETTINGS, staffFile: pathToFileURL(file) });
      // Every import after the change was exported before it: nothing the change removes is in use.
      const exportedBefore = new Set(
        Object.values(stacks).flatMap((stack) =>
          Object.values(Template.fromStack(stack).toJSON().Outputs ?? {}).flatMap(
            (output) => (output as { Export?: { Name: string } }).Export?.Name ?? [],
          ),
        ),
      );
      for (const name of imports(changedStacks)) expect(exportedBefore.has(name), name).toBe(true);
      expect(new Set(imports(changedStacks))).toEqual(new Set(imports(stacks)));
      // The removed official's key stays (retained); the kepala's user is the same resource, updated.
      const usersBefore = Template.fromStack(stacks.auth).findResources('Custom::AWS');
      const usersAfter = Template.fromStack(changedStacks.auth).findResources('Custom::AWS');
      const kepalaId = Object.keys(usersBefore).find(
        (id) => sdkCall(usersBefore[id]!, 'Create').parameters.Username === 'kepala',
      )!;
      expect(usersAfter[kepalaId], 'same logical id').toBeDefined();
      expect(sdkCall(usersAfter[kepalaId]!, 'Update')).toMatchObject({
        action: 'AdminUpdateUserAttributes',
        parameters: { UserAttributes: expect.arrayContaining([{ Name: 'email', Value: 'kepala.baru@dpmptsp.test' }]) },
      });
      expect(sdkCall(usersAfter[kepalaId]!, 'Delete').action).toBe('AdminDisableUser');
      // One user less and one more; the joining official has a user and a signing key of their own.
      expect(Object.keys(usersAfter)).toHaveLength(Object.keys(usersBefore).length);
      expect(
        Object.values(usersAfter).some((user) => sdkCall(user, 'Create').parameters.Username === 'kasi-baru'),
      ).toBe(true);
      Template.fromStack(changedStacks.signing).hasResourceProperties('AWS::KMS::Alias', {
        AliasName: 'alias/paraf/main/kasi-baru',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the operator of failed cases, function errors, 5xx answers and mail bounces through one encrypted topic', () => {
    const alerts = Template.fromStack(stacks.alerts);
    alerts.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    alerts.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    alerts.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'reject', 'deliveryDelay'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    // The sender's identity uses that set by default: every message, without the handlers naming it.
    const identity = Object.values(Template.fromStack(stacks.mail).findResources('AWS::SES::EmailIdentity'))[0]!;
    expect(JSON.stringify(identity.Properties.ConfigurationSetAttributes)).toContain('Fn::ImportValue');

    const monitoring = Template.fromStack(stacks.monitoring);
    const alarms = Object.values(monitoring.findResources('AWS::CloudWatch::Alarm'));
    const [topicId] = Object.keys(alerts.findResources('AWS::SNS::Topic'));
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(topicId!);
      expect(alarm.Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    }
    const metrics = alarms.map((alarm) => `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`);
    const count = (metric: string) => metrics.filter((name) => name === metric).length;
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut'])
      expect(count(`AWS/States/${metric}`), metric).toBe(17);
    // A stopped execution is told by an event rule that leaves out a move's own stop (issue 20), not by the metric.
    expect(count('AWS/States/ExecutionsAborted')).toBe(0);
    const [stopped] = Object.values(monitoring.findResources('AWS::Events::Rule'));
    expect(stopped!.Properties.EventPattern.detail).toMatchObject({
      status: ['ABORTED'],
      $or: [{ error: [{ 'anything-but': 'Paraf.MovedToRevision' }] }, { error: [null] }],
    });
    // By the execution's ARN: cases start on a version, whose stateMachineArn form is not promised.
    expect(stopped!.Properties.EventPattern.detail.stateMachineArn).toBeUndefined();
    const prefixes = stopped!.Properties.EventPattern.detail.executionArn as { prefix: unknown }[];
    expect(prefixes).toHaveLength(17);
    for (const { prefix } of prefixes) expect(JSON.stringify(prefix)).toMatch(/:execution:.*:"?/);
    expect(JSON.stringify(stopped!.Properties.Targets)).toContain(topicId!);
    // The nine the machines invoke, the sweep, the renewal and the web function.
    expect(count('AWS/Lambda/Errors')).toBe(12);
    expect(count('AWS/Lambda/Throttles')).toBe(12);
    expect(count('AWS/ApiGateway/5xx')).toBe(1);
    // Paraf's own EMF metrics, with the dimension Powertools gives them: a stalled step and a failed e-mail.
    for (const metric of ['CasesStalled', 'MailFailures']) {
      expect(count(`Paraf/${metric}`), metric).toBe(1);
      const alarm = alarms.find((a) => a.Properties.MetricName === metric)!;
      expect(alarm.Properties.Dimensions).toEqual([{ Name: 'service', Value: 'paraf' }]);
    }

    const built = synthesize({ ...SETTINGS, alarmEmail: 'operator@dpmptsp.example.test' });
    Template.fromStack(built.alerts).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'operator@dpmptsp.example.test',
    });
  });

  it('tells every function its execution for the logs, and the stall check its margin (2 working days, or paraf:stallMarginDays)', () => {
    // Every task of every machine passes the execution's ARN, so that each log line can name it.
    for (const sop of loadCatalog()) {
      const definition = JSON.parse(
        readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8'),
      ) as AslDefinition;
      const tasks = Object.values(definition.States).filter(
        (state) => (state as { Parameters?: { FunctionName?: string } }).Parameters?.FunctionName,
      ) as unknown as { Parameters: { Payload: Record<string, unknown> } }[];
      expect(tasks.length, sop.id).toBeGreaterThan(0);
      for (const task of tasks) expect(task.Parameters.Payload['execution.$'], sop.id).toBe('$$.Execution.Id');
    }
    const marginOf = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((fn) => fn.Properties.Environment.Variables.PARAF_STALL_MARGIN_DAYS as string | undefined)
        .filter((value) => value !== undefined);
    expect(marginOf(workflows)).toEqual(['2']);
    const built = buildApp(unbundledApp(), { ...SETTINGS, stallMarginDays: 5 });
    expect(marginOf(Template.fromStack(built.workflows))).toEqual(['5']);
    const stalled = Object.values(Template.fromStack(built.monitoring).findResources('AWS::CloudWatch::Alarm')).find(
      (alarm) => alarm.Properties.MetricName === 'CasesStalled',
    )!;
    expect(stalled.Properties.AlarmDescription).toContain('5 working days');
    expect(() =>
      buildApp(unbundledApp(), {
        mailFrom: 'Paraf <paraf@example.test>',
        allowWithoutTimestamp: true,
        authDomainPrefix: 'paraf-test',
        stallMarginDays: 1.5,
      }),
    ).toThrow(/stallMarginDays/);
  });
});
