import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { INDEXES } from '#records/table.ts';

/** What a role may do to the records: reading is always allowed; writing and deleting are granted by name. */
export interface RecordAccess {
  /** BatchGetItem: only the roles whose code reads several items at once. */
  batchReads?: boolean;
  /** BatchWriteItem: only the roles that index an issued copy's hashes (cases/index-copy-revisions.ts) or open links (openLink). */
  batchWrites?: boolean;
  writes?: boolean;
  deletes?: boolean;
}

/**
 * The table and each of its indexes by name, with exact actions: explicit statements rather than
 * CDK's grant helpers, which add actions a role does not use.
 */
export function recordsStatement(tableArn: string, access: RecordAccess): PolicyStatement {
  return new PolicyStatement({
    actions: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      ...(access.batchReads ? ['dynamodb:BatchGetItem'] : []),
      ...(access.writes ? ['dynamodb:PutItem', 'dynamodb:UpdateItem'] : []),
      ...(access.batchWrites ? ['dynamodb:BatchWriteItem'] : []),
      ...(access.deletes ? ['dynamodb:DeleteItem'] : []),
    ],
    resources: [tableArn, ...INDEXES.map((index) => `${tableArn}/index/${index.name}`)],
  });
}

/** The data key the records and the archive are encrypted with: a role that writes also encrypts. */
export function dataKeyStatement(keyArn: string, writes: boolean): PolicyStatement {
  return new PolicyStatement({
    actions: ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : [])],
    resources: [keyArn],
  });
}
