import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../infra/aws/build-app.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { placeholdersOf } from '#sop/fill-placeholders.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { STATE_MACHINES_DIR, stateMachineFileName } from '#sop/state-machine-files.ts';

let stacks: ReturnType<typeof buildApp>;
let storage: Template;
let workflows: Template;

beforeAll(() => {
  // Bundling skipped: the tests look at the templates, not at the Lambda bundles.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stacks = buildApp(app, {
    publicUrl: 'https://paraf.example.test',
    mailFrom: 'Paraf <paraf@example.test>',
    authDomainPrefix: 'paraf-test',
  });
  // cdk-nag's AwsSolutionsChecks run as a validation plugin: any unacknowledged finding stops this synth.
  app.synth();
  storage = Template.fromStack(stacks.storage);
  workflows = Template.fromStack(stacks.workflows);
}, 120_000);

const policiesOf = (template: Template, rolePrefix: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)))
    .flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((s) => ([] as string[]).concat(s.Action));

describe('the CDK app', () => {
  it('keeps the archive versioned, locked, encrypted with KMS, private and TLS-only, and the records recoverable', () => {
    storage.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
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
      TableName: 'paraf-records',
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
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    }
  });

  it('gives every machine task more time than its function has, and retries what the Lambda service says when an invocation fails', () => {
    const machines = workflows.findResources('AWS::StepFunctions::StateMachine');
    const functions = workflows.findResources('AWS::Lambda::Function');
    let checked = 0;
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
        const retried = (state.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
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
          // Its timeout is the step falling due, and a failure sent to its token is an answer: neither is retried.
          expect(retried, name).not.toContain('States.Timeout');
          expect(retried, name).not.toContain('States.TaskFailed');
          continue;
        }
        expect(state.TimeoutSeconds, name).toBeGreaterThan(functionOf(placeholder).Timeout);
        expect(retried, name).toEqual(expect.arrayContaining(['States.Timeout', 'States.TaskFailed']));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('builds each handler as an ESM function on Node 22 and arm64 with its own log group', () => {
    const functions = Object.values(workflows.findResources('AWS::Lambda::Function'));
    // The nine the machines invoke, and the sweep of stranded decisions.
    expect(functions).toHaveLength(10);
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
        PARAF_TABLE: 'paraf-records',
        PARAF_BUCKET: expect.anything(),
      });
    }
    expect(new Set(functions.map((fn) => fn.Properties.LoggingConfig.LogGroup.Ref)).size).toBe(10);
    workflows.resourceCountIs('AWS::Logs::LogGroup', 10 + 17);
  });

  it('runs the sweep of stranded decisions every five minutes, allowed only to read and write records and answer the SOP machines', () => {
    const [rule] = Object.values(workflows.findResources('AWS::Events::Rule'));
    expect(rule!.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    const target = (rule!.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!.Arn['Fn::GetAtt'][0];
    expect(target).toMatch(/^deliverDecisions/);
    const actions = actionsOf(policiesOf(workflows, 'deliverDecisionsRole'));
    expect(actions.filter((action) => !action.startsWith('logs:') && !action.startsWith('xray:')).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'states:SendTaskSuccess',
    ]);
    const answer = policiesOf(workflows, 'deliverDecisionsRole').find((statement) =>
      actionsOf([statement]).includes('states:SendTaskSuccess'),
    )!;
    expect((answer.Resource as unknown[]).length).toBe(17);
  });

  it('serves the web app from one function behind an HTTP API, with access logs, starting and answering only the SOP machines', () => {
    const api = Template.fromStack(stacks.api);
    api.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
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
    expect(states).toHaveLength(1);
    expect(actionsOf(states).sort()).toEqual(['states:SendTaskSuccess', 'states:StartExecution']);
    expect((states[0]!.Resource as unknown[]).length).toBe(17);
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
    // Only the function that asks may answer a task (a decision taken between two asks), and only on the 17 machines.
    const answering = [
      'requestAction',
      'trackDeadline',
      'recordIntake',
      'renderDocuments',
      'signDocuments',
      'assignNumber',
      'archiveCase',
      'closeCase',
      'recordFailure',
    ].filter((role) => actionsOf(policiesOf(workflows, `${role}Role`)).includes('states:SendTaskSuccess'));
    expect(answering).toEqual(['requestAction']);
    const answer = policiesOf(workflows, 'requestActionRole').find((statement) =>
      actionsOf([statement]).includes('states:SendTaskSuccess'),
    )!;
    expect(actionsOf([answer])).toEqual(['states:SendTaskSuccess']);
    expect(JSON.stringify(answer.Resource)).toContain(':stateMachine:SOP-DALAK-067-014');
    expect((answer.Resource as unknown[]).length).toBe(17);
    // No wildcard action anywhere in the functions' policies.
    for (const role of [
      'requestAction',
      'trackDeadline',
      'recordIntake',
      'renderDocuments',
      'signDocuments',
      'assignNumber',
      'archiveCase',
      'closeCase',
      'recordFailure',
    ]) {
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
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://paraf.example.test/masuk/kembali'],
      LogoutURLs: ['https://paraf.example.test/'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const users = Object.values(auth.findResources('AWS::Cognito::UserPoolUser'))
      .map((user) => user.Properties.Username)
      .sort();
    const staff = JSON.parse(readFileSync(new URL('../config/staff.json', import.meta.url), 'utf8')) as {
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
});
