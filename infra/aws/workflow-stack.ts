import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CfnStateMachineAlias,
  CfnStateMachineVersion,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { StorageStack } from './storage-stack.ts';
import { dataKeyStatement, recordsStatement } from './record-access.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { archiveCasesFinding, bundledCode, parafEnvironment, ROOT } from './function-defaults.ts';
import { placeholdersOf } from '#sop/fill-placeholders.ts';
import { LAMBDA_PLACEHOLDERS, type LambdaRole } from '#sop/lambda-placeholders.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { STATE_MACHINES_DIR, definitionHash, stateMachineFileName } from '#sop/state-machine-files.ts';
import { revisionOf } from '#sop/schema.ts';
import { OFFICE_SEAL } from '#signing/office-seal.ts';

export interface WorkflowStackProps extends StackProps {
  /** The records and the archive (storage-stack.ts), whose names and ARNs come through its exports. */
  storage: StorageStack;
  dataKey: Key;
  /** Where people reach Paraf: the base of every e-mailed link. */
  publicUrl: string;
  mailFrom: string;
  /** paraf:tsaUrl and paraf:ocspUrl, for the signing function (function-defaults.ts). */
  tsaUrl?: string;
  ocspUrl?: string;
  /** The officials' signing keys are those whose alias starts with this (signing-stack.ts). */
  signingAliasPrefix: string;
  /** Every state machine's name starts with it: none for the first Paraf in an account, `<stage>-` for more. */
  machinePrefix: string;
  /** The SES identity the handlers send as. */
  mailIdentityArn: string;
}

/** A function's log group and the role that may write to it (WorkflowStack.functionLogsAndRole). */
interface FunctionLogsAndRole {
  logGroup: LogGroup;
  role: Role;
}

/** cdk-nag findings that are the shape of the service, acknowledged with the reason (README, deploying). */
function acknowledge(scope: Construct, findings: [id: string, reason: string][]): void {
  for (const [id, reason] of findings) Validations.of(scope).acknowledge({ id: `AwsSolutions::${id}`, reason });
}

/** What each handler touches, and nothing more: the least privilege of every function. */
const ACCESS: Record<
  LambdaRole,
  {
    write: boolean;
    bucket: 'read' | 'write' | 'none';
    mail: boolean;
    sign: boolean;
    /** Signs with the office seal's key only, and lists the case's folder: the history sheets (archive-case, close-case after a handover). */
    seal?: boolean;
    answersTasks?: boolean;
    deletes?: boolean;
    /** Writes in batches: an issued copy's hashes (cases/index-copy-revisions.ts), a new link's items (openLink). */
    batchWrites?: boolean;
  }
> = {
  // requestAction delivers a decision taken while its step was between two asks (settle-decision.ts);
  // it takes a changed e-mail out of the retry queue (send-case-mail.ts), and writes a new link's
  // three items in one batch (records/links.ts, openLink).
  requestAction: {
    write: true,
    bucket: 'none',
    mail: true,
    sign: false,
    answersTasks: true,
    deletes: true,
    batchWrites: true,
  },
  trackDeadline: { write: false, bucket: 'none', mail: true, sign: false },
  recordIntake: { write: true, bucket: 'none', mail: true, sign: false },
  renderDocuments: { write: true, bucket: 'write', mail: false, sign: false },
  signDocuments: { write: true, bucket: 'write', mail: false, sign: true },
  assignNumber: { write: true, bucket: 'none', mail: false, sign: false },
  archiveCase: { write: true, bucket: 'write', mail: false, sign: false, seal: true, batchWrites: true },
  closeCase: { write: true, bucket: 'write', mail: true, sign: false, seal: true },
  recordFailure: { write: true, bucket: 'none', mail: false, sign: false },
};

/**
 * An event pattern's match for the executions of these machines: by the execution's ARN, which names
 * its machine alone however it was started (on a version here), rather than by stateMachineArn, whose
 * form for a version's execution is not promised.
 */
export function executionsOf(stack: Stack, machineNames: string[]) {
  return machineNames.map((name) => ({
    prefix: stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${name}:`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  }));
}

/**
 * The handlers as Lambda functions (ESM, Node 22, arm64) and one Standard state machine per SOP,
 * loaded from the committed ASL with its placeholders substituted by those functions' ARNs.
 */
export class WorkflowStack extends Stack {
  readonly functions: Record<LambdaRole, NodejsFunction>;
  readonly stateMachines: Record<string, StateMachine> = {};
  /**
   * Per SOP, its newest revision published as a Step Functions version (retained when a later revision
   * replaces it, so executions in flight and their records keep it) and the alias `berlaku` routing to it.
   */
  readonly revisions: Record<string, { revision: string; versionArn: string; aliasArn: string }> = {};
  /** The sweep of stranded decisions (scheduleDecisionSweep). */
  readonly sweep: NodejsFunction;
  /** The monthly renewal of the archive's document timestamps (scheduleTimestampRenewal). */
  readonly renewal: NodejsFunction;

  // biome-ignore lint/complexity/noExcessiveLinesPerFunction: a CDK stack declares its resources in order, each block one resource with its grants; split, the order would be lost
  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const environment = parafEnvironment({
      ...props,
      tableName: props.storage.shared.tableName,
      bucketName: props.storage.shared.bucketName,
    });
    const tableArn = props.storage.shared.tableArn;
    const machineArns = loadCatalog().map((sop) =>
      this.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: `${props.machinePrefix}${sop.id}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    this.functions = Object.fromEntries(
      // biome-ignore lint/complexity/noExcessiveLinesPerFunction: one declaration per machine function: its bundle, environment, role and log group together
      (Object.keys(LAMBDA_PLACEHOLDERS) as LambdaRole[]).map((role) => {
        const file = role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        const logsAndRole = this.functionLogsAndRole(role);
        const executionRole = logsAndRole.role;
        const fn = this.handlerFunction(role, file, logsAndRole, {
          memorySize: role === 'renderDocuments' || role === 'signDocuments' ? 1024 : 256,
          timeout: Duration.seconds(60),
          environment,
        });
        const access = ACCESS[role];
        executionRole.addToPolicy(
          recordsStatement(tableArn, {
            batchReads: true,
            writes: access.write,
            deletes: access.deletes,
            batchWrites: access.batchWrites,
          }),
        );
        executionRole.addToPolicy(dataKeyStatement(props.dataKey.keyArn, access.write || access.bucket === 'write'));
        if (access.bucket !== 'none') {
          executionRole.addToPolicy(
            new PolicyStatement({
              actions: ['s3:GetObject', ...(access.bucket === 'write' ? ['s3:PutObject', 's3:PutObjectTagging'] : [])],
              resources: [`${props.storage.shared.bucketArn}/cases/*`],
            }),
          );
        }
        // The history sheets are found by listing their case's folder (make-history-sheets.ts): who seals them lists it.
        if (access.seal)
          executionRole.addToPolicy(
            new PolicyStatement({
              actions: ['s3:ListBucket'],
              resources: [props.storage.shared.bucketArn],
              conditions: { StringLike: { 's3:prefix': ['cases/*'] } },
            }),
          );
        if (access.mail)
          executionRole.addToPolicy(
            new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [props.mailIdentityArn] }),
          );
        if (access.answersTasks) {
          // By name rather than by the machines' ARNs: the machines name these functions, so a reference back would be a cycle.
          executionRole.addToPolicy(
            new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: machineArns }),
          );
        }
        // Any key of this stage's officials, by alias: no per-official reference to the signing stack,
        // so that adding or removing an official never blocks on an export in use.
        if (access.sign)
          executionRole.addToPolicy(
            new PolicyStatement({
              actions: ['kms:Sign'],
              resources: [this.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
              conditions: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': `${props.signingAliasPrefix}*` } },
            }),
          );
        // The seal's alias shares the officials' prefix: the signing function is denied it by name, so
        // only the functions that make the history sheets can seal.
        if (access.sign && !access.seal)
          executionRole.addToPolicy(
            new PolicyStatement({
              effect: Effect.DENY,
              actions: ['kms:Sign'],
              resources: [this.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
              conditions: {
                'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `${props.signingAliasPrefix}${OFFICE_SEAL.id}` },
              },
            }),
          );
        // The seal's key alone, by its exact alias: the same reason as above for no reference to its ARN.
        if (access.seal)
          executionRole.addToPolicy(
            new PolicyStatement({
              actions: ['kms:Sign'],
              resources: [this.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
              conditions: {
                'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `${props.signingAliasPrefix}${OFFICE_SEAL.id}` },
              },
            }),
          );
        acknowledge(executionRole, [
          [
            'AwsSolutions-IAM5[Resource::*]',
            'X-Ray PutTraceSegments and PutTelemetryRecords accept only the resource *.',
          ],
          ...(access.bucket !== 'none'
            ? ([
                [
                  `AwsSolutions-IAM5[Resource::${archiveCasesFinding(props.storage)}]`,
                  'Every case file lives under cases/<case id>/; case ids are made at run time.',
                ],
              ] as [string, string][])
            : []),
          ...(access.sign || access.seal
            ? ([
                [
                  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
                  "Limited by the kms:ResourceAliases condition to the keys of this stage's officials (whose ids are data), or to the office seal's alone.",
                ],
              ] as [string, string][])
            : []),
        ]);
        return [role, fn];
      }),
    ) as Record<LambdaRole, NodejsFunction>;

    this.sweep = this.scheduleDecisionSweep(
      environment,
      props.dataKey.keyArn,
      tableArn,
      machineArns,
      props.mailIdentityArn,
    );
    this.renewal = this.scheduleTimestampRenewal(
      environment,
      props.dataKey.keyArn,
      tableArn,
      props.storage,
      props.signingAliasPrefix,
    );

    const byPlaceholder = new Map<string, IFunction>(
      (Object.entries(LAMBDA_PLACEHOLDERS) as [LambdaRole, string][]).map(([role, placeholder]) => [
        placeholder,
        this.functions[role],
      ]),
    );
    const functionArn = (placeholder: string) => {
      const fn = byPlaceholder.get(placeholder);
      if (!fn) throw new Error(`no function for the placeholder \${${placeholder}}`);
      return fn.functionArn;
    };
    for (const sop of loadCatalog()) {
      const text = readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8');
      const used = placeholdersOf(JSON.parse(text) as AslDefinition);
      // Under /aws/vendedlogs/: CloudWatch Logs' resource policy for vended logs then covers all 17
      // with one entry instead of growing past its size limit by one entry per group.
      const logs = new LogGroup(this, `${sop.id}Logs`, {
        logGroupName: `/aws/vendedlogs/states/paraf/${props.machinePrefix}${sop.id}`,
        retention: RetentionDays.ONE_YEAR,
        // Kept when the stack is deleted or the group replaced, but removed when a first deploy rolls
        // back: its fixed name would otherwise block the retry ("already exists").
        removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      });
      const machine = new StateMachine(this, sop.id, {
        stateMachineName: `${props.machinePrefix}${sop.id}`,
        stateMachineType: StateMachineType.STANDARD,
        // The committed file as it is, without its indentation (the template has a 1 MB limit).
        definitionBody: DefinitionBody.fromString(JSON.stringify(JSON.parse(text))),
        definitionSubstitutions: Object.fromEntries(used.map((placeholder) => [placeholder, functionArn(placeholder)])),
        // Every event, without execution data: a case's decision notes and document data stay in the
        // records, not copied into a year of logs.
        logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
        tracingEnabled: true,
      });
      // Each machine may invoke only the functions its own ASL names (by their unqualified ARNs, as the ASL does).
      machine.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: used.map(functionArn),
        }),
      );
      acknowledge(machine, [
        [
          'AwsSolutions-IAM5[Resource::*]',
          'X-Ray and the CloudWatch Logs delivery actions of Step Functions accept only the resource *.',
        ],
      ]);
      this.stateMachines[sop.id] = machine;
      this.publishRevision(sop.id, revisionOf(sop), text, machine);
    }
    this.recordTimedOutExecutions(Object.keys(this.stateMachines).map((sopId) => `${props.machinePrefix}${sopId}`));
  }

  /**
   * A Standard execution ends at one year, TIMED_OUT, and nothing inside the machine can catch it:
   * the event of its end goes to the failure path's function (handlers/record-failure.ts), which marks
   * its case `gagal` with the reason on its trail, so it does not stay `berjalan` for ever. The
   * monitoring stack's TimedOut alarms tell the operator. EventBridge delivers at least once and
   * retries for a day; recording the failure twice changes nothing.
   */
  private recordTimedOutExecutions(machineNames: string[]): void {
    new Rule(this, 'TimedOutExecutions', {
      description: 'An SOP execution reached the one-year limit of Step Functions: its case is recorded as failed',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['TIMED_OUT'],
          executionArn: executionsOf(this, machineNames),
        },
      },
      targets: [
        new LambdaFunction(this.functions.recordFailure, { retryAttempts: 185, maxEventAge: Duration.hours(24) }),
      ],
    });
  }

  /**
   * The revision as a published version of its machine, and the SOP's alias to it. The version's
   * logical id carries the revision and the definition's hash, so a new revision (or a regenerated
   * definition) publishes a new version and moves the alias; the version it replaces is retained, not
   * deleted, so the executions started on it run on to their end on the definition they started with.
   */
  private publishRevision(sopId: string, revision: string, definitionText: string, machine: StateMachine): void {
    const hash = definitionHash(definitionText);
    const logicalRevision = revision.replace(/[^A-Za-z0-9]/g, '');
    const version = new CfnStateMachineVersion(this, `${sopId}Revision${logicalRevision}${hash.slice(0, 12)}`, {
      stateMachineArn: machine.stateMachineArn,
      stateMachineRevisionId: machine.stateMachineRevisionId,
      description: `${sopId} revisi ${revision}; definition sha256 ${hash}`,
    });
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const alias = new CfnStateMachineAlias(this, `${sopId}Alias`, {
      name: 'berlaku',
      description: `${sopId}: the revision in force (${revision})`,
      routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
    });
    this.revisions[sopId] = { revision, versionArn: version.attrArn, aliasArn: alias.attrArn };
  }

  /**
   * The sweep that delivers decisions a dying web function left recorded but undelivered
   * (deliver-decisions.ts), every five minutes: it reads and writes records and answers tasks, and
   * sends again through SES the e-mails SES did not take (retry-queued-mail.ts).
   */
  private scheduleDecisionSweep(
    environment: Record<string, string>,
    dataKeyArn: string,
    tableArn: string,
    machineArns: string[],
    mailIdentityArn: string,
  ): NodejsFunction {
    const logsAndRole = this.functionLogsAndRole('deliverDecisions');
    const { role } = logsAndRole;
    role.addToPolicy(recordsStatement(tableArn, { batchReads: true, writes: true, deletes: true }));
    role.addToPolicy(dataKeyStatement(dataKeyArn, true));
    role.addToPolicy(new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: machineArns }));
    role.addToPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [mailIdentityArn] }),
    );
    acknowledge(role, [
      ['AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments and PutTelemetryRecords accept only the resource *.'],
    ]);
    const fn = this.handlerFunction('deliverDecisions', 'deliver-decisions', logsAndRole, {
      memorySize: 256,
      timeout: Duration.seconds(60),
      environment,
    });
    this.onSchedule(fn, Schedule.rate(Duration.minutes(5)));
    return fn;
  }

  /**
   * A function's log group, kept a year, and its own role, which may write to that log group alone
   * (instead of the managed AWSLambdaBasicExecutionRole). A log group's ARN already ends in :*, its streams.
   */
  private functionLogsAndRole(name: string): FunctionLogsAndRole {
    const logGroup = new LogGroup(this, `${name}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    return { logGroup, role };
  }

  /**
   * A handler (functions/handlers/<file>.ts) as a function: ESM on Node 22, arm64, traced, with its
   * own role and log group (functionLogsAndRole), whose grants the caller adds.
   */
  private handlerFunction(
    name: string,
    file: string,
    { logGroup, role }: FunctionLogsAndRole,
    settings: { memorySize: number; timeout: Duration; environment: Record<string, string> },
  ): NodejsFunction {
    const fn = new NodejsFunction(this, name, {
      role,
      ...bundledCode(join(ROOT, 'functions/handlers', `${file}.ts`)),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      logGroup,
      ...settings,
    });
    acknowledge(fn, [
      [
        'AwsSolutions-L1',
        "Paraf's Lambdas deploy on Node.js 22 by decision of the project; moving to a newer runtime is a tested change of its own.",
      ],
    ]);
    return fn;
  }

  /** Runs a function on a schedule; EventBridge tries a failed run twice more. */
  private onSchedule(fn: NodejsFunction, schedule: Schedule): void {
    new Rule(this, `${fn.node.id}Schedule`, { schedule, targets: [new LambdaFunction(fn, { retryAttempts: 2 })] });
  }

  /**
   * The renewal of the archive's document timestamps (handlers/renew-timestamps.ts), on the first of
   * each month (18.00 UTC, 02.00 WITA of the 2nd): it reads and writes records and reads and adds case files (each renewed
   * copy is a new object; nothing is overwritten or deleted). The TSA signs the timestamps; the office
   * seal's key (by its alias, as the archive and closing functions have it) seals the history sheets
   * made again with the renewal's line, which it finds by listing the document's sheets.
   */
  private scheduleTimestampRenewal(
    environment: Record<string, string>,
    dataKeyArn: string,
    tableArn: string,
    storage: StorageStack,
    signingAliasPrefix: string,
  ): NodejsFunction {
    const logsAndRole = this.functionLogsAndRole('renewTimestamps');
    const { role } = logsAndRole;
    // Batch writes: a renewed copy's hashes are indexed again (cases/index-copy-revisions.ts).
    role.addToPolicy(recordsStatement(tableArn, { writes: true, batchWrites: true }));
    role.addToPolicy(dataKeyStatement(dataKeyArn, true));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
        resources: [`${storage.shared.bucketArn}/cases/*`],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [storage.shared.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['cases/*'] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kms:Sign'],
        resources: [this.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
        conditions: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `${signingAliasPrefix}${OFFICE_SEAL.id}` },
        },
      }),
    );
    acknowledge(role, [
      ['AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments and PutTelemetryRecords accept only the resource *.'],
      [
        `AwsSolutions-IAM5[Resource::${archiveCasesFinding(storage)}]`,
        'Every case file lives under cases/<case id>/; case ids are made at run time.',
      ],
      [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
        "Limited by the kms:ResourceAliases condition to the office seal's key alone.",
      ],
    ]);
    const fn = this.handlerFunction('renewTimestamps', 'renew-timestamps', logsAndRole, {
      // Whole PDFs are read and written; a month's documents may take minutes (the handler stops 2 minutes short).
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: { ...environment, PARAF_RENEWAL_MARGIN_DAYS: '365' },
    });
    this.onSchedule(fn, Schedule.cron({ day: '1', hour: '18', minute: '0' }));
    // An operator's renewal for a day of their choosing, as `paraf archive renew --before` runs locally.
    new CfnOutput(this, 'RenewTimestamps', {
      value: fn.functionName,
      description: `Renew the archive's document timestamps before a day: aws lambda invoke --function-name <this> --cli-binary-format raw-in-base64-out --payload '{"before":"YYYY-MM-DD"}' renewal.json`,
    });
    return fn;
  }
}
