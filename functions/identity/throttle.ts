import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { IdentityStore } from './accounts.ts';
import { readRecord } from '#records/check-record.ts';
import { throttleKey } from '#records/keys.ts';
import { isConditionFailure } from '#records/table-operations.ts';

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

/**
 * Takes one of the window's tries before a code or password is checked, in one conditional write.
 * Reading the count and adding a failure after the check let a burst of tries sent at once all be
 * checked (each read the count before any had failed). Now at most MAX_FAILURES checks run in a
 * window whatever arrives together; a try that succeeds is given back (giveTryBack), so only
 * failures use the window up. A try taken and never given back (the process stopped in between)
 * counts as a failure, which errs on the safe side.
 */
export async function takeTry(
  store: IdentityStore,
  act: ThrottledAct,
  officialId: string,
  now: Date = new Date(),
): Promise<{ taken: true; left: number; until: Date } | { taken: false; until: Date }> {
  const { key, until } = windowKey(act, officialId, now);
  try {
    const { Attributes } = await store.dynamo.send(
      new UpdateCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: 'ADD failures :one SET expiresAt = :until',
        ConditionExpression: 'attribute_not_exists(failures) OR failures < :max',
        ExpressionAttributeValues: { ':one': 1, ':until': until.toISOString(), ':max': MAX_FAILURES },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const failures = Attributes ? readRecord(ThrottleWindowSchema, 'pembatasan percobaan', Attributes).failures : 1;
    return { taken: true, left: Math.max(0, MAX_FAILURES - failures), until };
  } catch (error) {
    if (isConditionFailure(error)) return { taken: false, until };
    throw error;
  }
}

/** Gives back the try a successful check took (takeTry), in the window it was taken in. */
export async function giveTryBack(
  store: IdentityStore,
  act: ThrottledAct,
  officialId: string,
  takenAt: Date,
): Promise<void> {
  const { key } = windowKey(act, officialId, takenAt);
  await store.dynamo
    .send(
      new UpdateCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: 'ADD failures :back',
        ConditionExpression: 'failures > :none',
        ExpressionAttributeValues: { ':back': -1, ':none': 0 },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}
