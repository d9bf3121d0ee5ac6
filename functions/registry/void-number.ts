import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { numberClaimKey, pendingClaim, registerCounterKey, registerIndexKeys } from '#records/keys.ts';
import { conditionHeld, putIfAbsent } from '#records/table-operations.ts';
import type { Register } from '#sop/schema.ts';
import { readRecord } from '#records/check-record.ts';
import {
  assignedNumber,
  CLAIM_INDEX,
  NumberClaimSchema,
  RegisterCounterSchema,
  type AssignedNumber,
} from './assign-number.ts';
import { witaYearMonth } from '#clock/wita.ts';

export interface VoidedNumber extends AssignedNumber {
  void: { reason: string; at: string };
}

/**
 * Records a number that a case took but will never use as void, with its reason: the register
 * never skips a number silently. Finds the number whether the claim record was written or only
 * the counter's pending entry (a crash between the two). Returns undefined when the case took no
 * number. Safe to repeat: the first reason stays.
 */
export async function voidNumber(
  client: DynamoDBDocumentClient,
  table: string,
  input: { register: Register; caseId: string; documentKind: string; at: Date; reason: string; voidedAt: Date },
): Promise<VoidedNumber | undefined> {
  const claimKey = numberClaimKey(input.caseId, input.register.id, input.documentKind);
  const voided = { reason: input.reason, at: input.voidedAt.toISOString() };
  const existing = await client.send(new GetCommand({ TableName: table, Key: claimKey, ConsistentRead: true }));
  if (existing.Item) {
    const claim = readRecord(NumberClaimSchema, 'nomor register', existing.Item, CLAIM_INDEX);
    if (claim.void) return { ...claim.assigned, void: claim.void };
    // Voided already by an earlier attempt: the first reason stays.
    await conditionHeld(
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: claimKey,
          UpdateExpression: 'SET #void = :void',
          ConditionExpression: 'attribute_not_exists(#void)',
          ExpressionAttributeNames: { '#void': 'void' },
          ExpressionAttributeValues: { ':void': voided },
        }),
      ),
    );
    return { ...claim.assigned, void: voided };
  }
  const { year } = witaYearMonth(input.at);
  const counterKey = registerCounterKey(input.register.id, year);
  const counter = await client.send(new GetCommand({ TableName: table, Key: counterKey, ConsistentRead: true }));
  const seq =
    counter.Item &&
    readRecord(RegisterCounterSchema, 'penghitung register', counter.Item).pending[
      pendingClaim(input.caseId, input.documentKind)
    ];
  if (seq === undefined) return undefined;
  const assigned = assignedNumber(input, seq);
  await putIfAbsent(client, table, {
    ...claimKey,
    ...registerIndexKeys(input.register.id, year, seq),
    assigned,
    void: voided,
  });
  return { ...assigned, void: voided };
}
