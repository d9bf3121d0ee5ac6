import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { IdentityStore } from './accounts.ts';
import { readRecord } from '#records/check-record.ts';
import { throttleKey } from '#records/keys.ts';

/**
 * Failed sign-ins and wrong signing codes are counted per official and per quarter of an hour
 * (`THROTTLE#<what>#<official>` / `<window start>`): the fifth failure in a window stops further
 * tries until the next one, so six digits cannot be guessed (at most 20 tries an hour).
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export type ThrottledAct = 'masuk' | 'tanda-tangan';

/** A window's failures so far, and when it ends. */
const ThrottleWindowSchema = z.object({ failures: z.number(), expiresAt: z.string() });

const windowKey = (act: ThrottledAct, officialId: string, now: Date) => {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    key: throttleKey(act, officialId, new Date(start).toISOString()),
    until: new Date(start + WINDOW_MS),
  };
};

/** When tries open again, if this official has used up the window's failures. */
export async function throttledUntil(
  store: IdentityStore,
  act: ThrottledAct,
  officialId: string,
  now: Date = new Date(),
): Promise<Date | undefined> {
  const { key, until } = windowKey(act, officialId, now);
  const { Item } = await store.dynamo.send(new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }));
  const failures = Item ? readRecord(ThrottleWindowSchema, 'pembatasan percobaan', Item).failures : 0;
  return failures >= MAX_FAILURES ? until : undefined;
}

/** Counts a failure; answers how many tries the window has left, and when it ends. */
export async function countFailure(
  store: IdentityStore,
  act: ThrottledAct,
  officialId: string,
  now: Date = new Date(),
): Promise<{ left: number; until: Date }> {
  const { key, until } = windowKey(act, officialId, now);
  const { Attributes } = await store.dynamo.send(
    new UpdateCommand({
      TableName: store.table,
      Key: key,
      UpdateExpression: 'ADD failures :one SET expiresAt = :until',
      ExpressionAttributeValues: { ':one': 1, ':until': until.toISOString() },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const failures = Attributes ? readRecord(ThrottleWindowSchema, 'pembatasan percobaan', Attributes).failures : 1;
  return { left: Math.max(0, MAX_FAILURES - failures), until };
}
