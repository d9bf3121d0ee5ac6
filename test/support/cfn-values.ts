/**
 * A synthesized CDK app's templates read as CloudFormation would resolve them, with made-up names
 * for what only a deploy decides (account, region, generated names): the values a function's
 * environment and its role's policy statements take. Used by test/aws/lambda-bundles.test.ts.
 */

export const ACCOUNT = '123456789012';
export const REGION = 'ap-southeast-3';
/** The local stand-ins' table and bucket: every reference to the app's table and bucket names these. */
export const TABLE = 'paraf-records';
export const BUCKET = 'paraf-archive';

type Json = unknown;
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
export interface CfnTemplate {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: string } }>;
}

/** Every template of the app by stack name, and where each export comes from. */
export class CfnApp {
  private readonly exports = new Map<string, { stack: string; value: Json }>();

  constructor(readonly templates: Record<string, CfnTemplate>) {
    for (const [stack, template] of Object.entries(templates))
      for (const output of Object.values(template.Outputs ?? {}))
        if (output.Export) this.exports.set(output.Export.Name, { stack, value: output.Value });
  }

  /** An intrinsic-laden value of a stack as a plain string (or array, object), resolved all the way. */
  resolve(stack: string, value: Json): Json {
    if (Array.isArray(value)) return value.map((item) => this.resolve(stack, item));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, Json>);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref') return this.ref(stack, arg as string);
    if (entries.length === 1 && key === 'Fn::GetAtt') return this.getAtt(stack, ...(arg as [string, string]));
    if (entries.length === 1 && key === 'Fn::ImportValue') {
      const name = this.resolve(stack, arg) as string;
      const exported = this.exports.get(name);
      if (!exported) throw new Error(`no export ${name}`);
      return this.resolve(exported.stack, exported.value);
    }
    if (entries.length === 1 && key === 'Fn::Join') {
      const [separator, parts] = arg as [string, Json[]];
      return (this.resolve(stack, parts) as Json[]).join(separator);
    }
    if (entries.length === 1 && key === 'Fn::Select') {
      const [index, list] = arg as [number, Json];
      return (this.resolve(stack, list) as Json[])[index];
    }
    if (entries.length === 1 && key === 'Fn::Split') {
      const [separator, text] = arg as [string, Json];
      return (this.resolve(stack, text) as string).split(separator);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(stack, v)]));
  }

  private resource(stack: string, id: string): Resource {
    const resource = this.templates[stack]?.Resources[id];
    if (!resource) throw new Error(`${stack}: no resource ${id}`);
    return resource;
  }

  private ref(stack: string, id: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack,
    };
    if (id in pseudo) return pseudo[id]!;
    const resource = this.resource(stack, id);
    switch (resource.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return TABLE;
      case 'AWS::S3::Bucket':
        return BUCKET;
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::StepFunctions::StateMachineVersion':
      case 'AWS::StepFunctions::StateMachineAlias':
        return this.getAtt(stack, id, 'Arn');
      case 'AWS::Lambda::Function':
        return this.functionName(stack, id);
      default:
        return `${stack}-${id}`;
    }
  }

  /** Every statement of the policies attached to a role of the stack, resolved. */
  roleStatements(stack: string, roleId: string): Statement[] {
    return Object.values(this.templates[stack]!.Resources)
      .filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          (r.Properties!.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
      )
      .flatMap(
        (r) => this.resolve(stack, (r.Properties!.PolicyDocument as { Statement: unknown[] }).Statement) as Statement[],
      );
  }

  functionName(stack: string, id: string): string {
    return `${stack}-${id}`;
  }

  private getAtt(stack: string, id: string, attribute: string): string {
    const resource = this.resource(stack, id);
    const props = resource.Properties ?? {};
    const machineArn = (machineId: string) => {
      const machine = this.resource(stack, machineId);
      return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${this.resolve(stack, machine.Properties?.StateMachineName ?? machineId)}`;
    };
    switch (`${resource.Type}.${attribute}`) {
      case 'AWS::DynamoDB::GlobalTable.Arn':
      case 'AWS::DynamoDB::Table.Arn':
        return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}`;
      case 'AWS::S3::Bucket.Arn':
        return `arn:aws:s3:::${BUCKET}`;
      case 'AWS::Lambda::Function.Arn':
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${this.functionName(stack, id)}`;
      case 'AWS::StepFunctions::StateMachine.Arn':
        return machineArn(id);
      case 'AWS::StepFunctions::StateMachineVersion.Arn': {
        const target = props.StateMachineArn as { Ref: string };
        return `${this.resolve(stack, target)}:1`;
      }
      case 'AWS::StepFunctions::StateMachineAlias.Arn':
        return `${machineArn(id)}:berlaku`;
      case 'AWS::KMS::Key.Arn':
        return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${stack}-${id}`;
      case 'AWS::Logs::LogGroup.Arn':
        return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${stack}-${id}:*`;
      default:
        return `${stack}-${id}.${attribute}`;
    }
  }
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  /** By operator, then condition key: the values a request's context is compared with. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** What a request carries that a policy's conditions read: the key's aliases of kms:Sign, the prefix of s3:ListBucket. */
export type RequestContext = Record<string, string[]>;

/** IAM's wildcard match: `*` any run of characters, `?` one. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(value);
}

/**
 * Whether a statement's conditions hold for a request: every operator, every key. Only the operators
 * Paraf's roles use are known; any other throws, so that a new condition is modelled before it is trusted.
 * A key the request does not carry fails its condition (IAM's rule for all but the ...IfExists operators).
 */
function conditionsHold(statement: Statement, context: RequestContext): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, wanted]) => {
      const like = operator.endsWith('StringLike');
      if (!like && !operator.endsWith('StringEquals'))
        throw new Error(`the condition operator ${operator} is not modelled`);
      const values = context[key];
      if (!values) return false;
      const patterns = ([] as string[]).concat(wanted);
      const one = (value: string) =>
        patterns.some((pattern) => (like ? wildcardMatch(pattern, value) : pattern === value));
      // ForAnyValue: one of the request's values; a plain operator on a single-valued key: that value.
      return operator.startsWith('ForAllValues:') ? values.every(one) : values.some(one);
    }),
  );
}

/** Whether statements allow an action on a resource for a request's context, and no Deny refuses it. */
export function allows(
  statements: readonly Statement[],
  action: string,
  resource: string,
  context: RequestContext = {},
): boolean {
  const matches = (statement: Statement) =>
    ([] as string[]).concat(statement.Action).some((a) => wildcardMatch(a, action)) &&
    ([] as string[]).concat(statement.Resource).some((r) => wildcardMatch(r, resource)) &&
    conditionsHold(statement, context);
  return (
    statements.some((s) => s.Effect === 'Allow' && matches(s)) &&
    !statements.some((s) => s.Effect === 'Deny' && matches(s))
  );
}
