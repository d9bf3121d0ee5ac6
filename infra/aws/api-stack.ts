import { join } from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { type HttpApi, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { dataKeyStatement, recordsStatement } from './record-access.ts';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { StorageStack } from './storage-stack.ts';
import type { WorkflowStack } from './workflow-stack.ts';
import { archiveCasesFinding, bundledCode, parafEnvironment, ROOT } from './function-defaults.ts';

export interface ApiStackProps extends StackProps {
  /** The HTTP API of the endpoint stack: this stack gives it its one route. */
  api: HttpApi;
  /** The records and the archive (storage-stack.ts), whose names and ARNs come through its exports. */
  storage: StorageStack;
  dataKey: Key;
  stateMachines: Record<string, StateMachine>;
  /** The stage's prefix of the machines' names (WorkflowStack's machinePrefix): a move reads and stops their executions. */
  machinePrefix: string;
  /** Each SOP's newest revision as a published version and its alias (WorkflowStack.revisions). */
  revisions: WorkflowStack['revisions'];
  publicUrl: string;
  mailFrom: string;
  /** The SES identity the web app sends from: an absence's notice to the deputy (record-absence.ts). */
  mailIdentityArn: string;
  /** The staff sign-in (AuthStack): the pool's issuer, the web client and the sign-in domain. */
  auth: { issuer: string; clientId: string; domain: string };
}

/**
 * The web app (pages, API and the e-mailed approval links) as one function behind an HTTP API:
 * the same Hono app as the local runtime, through its Lambda adapter.
 */
export class ApiStack extends Stack {
  readonly web: NodejsFunction;
  // biome-ignore lint/complexity/noExcessiveLinesPerFunction: a CDK stack declares its resources in order, each block one resource with its grants; split, the order would be lost
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const logGroup = new LogGroup(this, 'WebLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, 'WebRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const tableArn = props.storage.shared.tableArn;
    role.addToPolicy(recordsStatement(tableArn, { batchReads: true, writes: true, deletes: true }));
    role.addToPolicy(dataKeyStatement(props.dataKey.keyArn, true));
    role.addToPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [props.mailIdentityArn] }),
    );
    // DeleteObject and ListBucket: an intake that fails before its case record removes what it stored (start-case.ts).
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'],
        resources: [`${props.storage.shared.bucketArn}/cases/*`],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.storage.shared.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['cases/*'] } },
      }),
    );
    // The loket's uploads: PutObject lets the presigned POST it signs be accepted (uploads/ only), Get and
    // Delete read an upload back into its case and remove it (issue-upload-form.ts, claim-uploads.ts).
    const uploadObjects = `${props.storage.shared.uploadBucketArn}/uploads/*`;
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], resources: [uploadObjects] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${props.storage.stackName}-UploadBucketArn/uploads/*]`,
      reason: 'Every upload gets a random key under uploads/ when its form is issued, at run time.',
    });
    const machines = Object.values(props.stateMachines).map((machine) => machine.stateMachineArn);
    // A case starts on its revision's version (its execution then names that version); tokens are answered per machine.
    const versions = Object.values(props.revisions).map((published) => published.versionArn);
    role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: versions }));
    role.addToPolicy(new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: machines }));
    // Moving a case to a newer revision (migrate-case.ts) reads where its execution waits and stops it,
    // then starts the target version: only executions of the SOP machines, named at run time by case id.
    const executionsOf = (sopId: string) => `${props.machinePrefix}${sopId}:*`;
    const executions = Object.keys(props.stateMachines).map((sopId) =>
      Stack.of(this).formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: executionsOf(sopId),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
        resources: executions,
      }),
    );
    for (const sopId of Object.keys(props.stateMachines))
      Validations.of(role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${executionsOf(sopId)}]`,
        reason: "A case's executions are named at run time by its case id (and revision, after a move).",
      });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords accept only the resource *.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${archiveCasesFinding(props.storage)}]`,
      reason: 'Every case file lives under cases/<case id>/; case ids are made at run time.',
    });

    const web = new NodejsFunction(this, 'Web', {
      ...bundledCode(join(ROOT, 'functions/web/lambda.ts')),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        ...parafEnvironment({
          ...props,
          tableName: props.storage.shared.tableName,
          bucketName: props.storage.shared.bucketName,
        }),
        PARAF_UPLOAD_BUCKET: props.storage.shared.uploadBucketName,
        // A synchronous Lambda behind API Gateway carries 6 MB, base64-encoded: 4 MB of PDF.
        PARAF_VERIFY_UPLOAD_MB: '4',
        PARAF_BODY_MB: '4',
        PARAF_AUTH: 'cognito',
        PARAF_AUTH_ISSUER: props.auth.issuer,
        PARAF_AUTH_CLIENT_ID: props.auth.clientId,
        PARAF_AUTH_DOMAIN: props.auth.domain,
        // "<SOP id>@<revision>" -> the published version a case under that revision starts on.
        PARAF_STATE_MACHINES: JSON.stringify(
          Object.fromEntries(
            Object.entries(props.revisions).map(([sop, published]) => [
              `${sop}@${published.revision}`,
              published.versionArn,
            ]),
          ),
        ),
      },
    });
    this.web = web;
    Validations.of(web).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        "Paraf's Lambdas deploy on Node.js 22 by decision; moving to a newer runtime is a tested change of its own.",
    });

    const route = new HttpRoute(this, 'Route', {
      httpApi: props.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('WebIntegration', web),
    });
    // The approval links are capabilities (an unguessable id per official and step, acting once), the
    // verification and status pages are public by design; the staff pages are signed in by the app.
    Validations.of(route).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Authorization is in the web app (functions/web/staff-sign-in.ts): staff pages send the browser to the Cognito sign-in and verify the ID token, which an API Gateway authorizer cannot do for a page; approval links, status check and verification are public by design.',
    });
  }
}
