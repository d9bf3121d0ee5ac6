import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readRecord } from '#records/check-record.ts';
import { registerCounterKey } from '#records/keys.ts';
import type { Register } from '#sop/schema.ts';
import { RegisterCounterSchema } from './assign-number.ts';
import { witaYearMonth } from '#clock/wita.ts';
import { formatNumber } from './format-number.ts';

/**
 * The number a register would give next, at `at`, reading its counter only: nothing is taken, so
 * anyone numbering first moves it on. `ahead` skips numbers the same step gives before this one.
 */
export async function peekNextNumber(
  client: DynamoDBDocumentClient,
  table: string,
  register: Register,
  at: Date,
  ahead = 0,
): Promise<string> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: table,
      Key: registerCounterKey(register.id, witaYearMonth(at).year),
      ConsistentRead: true,
    }),
  );
  const last = Item ? readRecord(RegisterCounterSchema, 'penghitung register', Item).last : 0;
  return formatNumber(register.format, last + 1 + ahead, at);
}
