import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { IdentityStore } from './accounts.ts';
import { readRecord } from '#records/check-record.ts';
import { throttleKey } from '#records/keys.ts';
import { isConditionFailure } from '#records/table-operations.ts';

/**
 * Failures are counted per quarter of an hour (`THROTTLE#<act>#<subject>` / `<window start>`), and a
 * counter at its act's limit stops further tries until the next window:
 * - 'tanda-tangan': wrong signing codes of an official (only their own session reaches it): 5, so
 *   six digits cannot be guessed (at most 20 tries an hour);
 * - 'masuk-klien': failed sign-ins of an official from one client (`<official>#<client address>`): 5;
 * - 'masuk': failed sign-ins of an official from all clients together: 50;
 * - 'autentikator': wrong codes of the key an official is enrolling (enrol-authenticator.ts): 5. That
 *   key is the one the page shows this very session, so a guess of its code wins nothing the session
 *   does not hold; counted apart from 'tanda-tangan' so typos while scanning it do not spend the
 *   official's signing tries, and still counted so the page cannot be made to check codes unbounded.
 *   The current key's code the page asks too stays under 'tanda-tangan'.
 * - 'kode-pemohon': file numbers and receipt codes that match no file, typed on the public pages (the
 *   applicant's page, Cek status) from one client: 20. The receipt code is the applicant's only
 *   secret; unthrottled, one client could try codes as fast as the server answers. Counted per client,
 *   not per file, so that a stranger cannot lock an applicant out of their own file; 20 leaves room
 *   for typos from an office or a phone network many people share. Counted after a wrong pair
 *   (countWrongGuess), not before the lookup: a right pair, often a GET, writes nothing.
 * Sign-in is counted per client because /masuk is open to anyone: an official-wide limit of 5 let
 * any stranger lock any official out by sending five wrong passwords (OWASP Authentication Cheat
 * Sheet, "Account Lockout": lockout that an attacker can trigger is a denial of service). The
 * stranger's client is still stopped after 5; the official-wide ceiling of 50 bounds guessing spread
 * over many clients (the password is 16 random characters and the code 6 digits on top of it), and
 * only someone with 10 addresses' worth of tries can reach it.
 */
export const MAX_FAILURES = 5;
export const SIGN_IN_CEILING = 50;
export const WINDOW_MS = 15 * 60_000;

export const RECEIPT_CODE_LIMIT = 20;

export type ThrottledAct = 'masuk' | 'masuk-klien' | 'tanda-tangan' | 'autentikator' | 'kode-pemohon';

const LIMITS: Readonly<Record<ThrottledAct, number>> = {
  masuk: SIGN_IN_CEILING,
  'masuk-klien': MAX_FAILURES,
  'tanda-tangan': MAX_FAILURES,
  autentikator: MAX_FAILURES,
  'kode-pemohon': RECEIPT_CODE_LIMIT,
};

/**
 * A window's tries taken so far (`failures`: those of checks under way and of wrong codes or
 * passwords, whose tries stay taken), the wrong ones among them (`wrong`, countWrongTry), and when it ends.
 */
const ThrottleWindowSchema = z.object({ failures: z.number(), expiresAt: z.string(), wrong: z.optional(z.number()) });

/** What countWrongTry's write answers: the window's wrong tries after it. */
const WrongCountSchema = z.object({ wrong: z.number() });

const windowKey = (act: ThrottledAct, subject: string, now: Date) => {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    key: throttleKey(act, subject, new Date(start).toISOString()),
    until: new Date(start + WINDOW_MS),
  };
};

/** The tries taken in the window `now` is in and the wrong ones among them, as the table holds them now; when it ends. */
async function readWindow(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  now: Date,
): Promise<{ taken: number; wrong: number; until: Date }> {
  const { key, until } = windowKey(act, subject, now);
  const { Item } = await store.dynamo.send(new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }));
  const window = Item ? readRecord(ThrottleWindowSchema, 'pembatasan percobaan', Item) : undefined;
  return { taken: window?.failures ?? 0, wrong: window?.wrong ?? 0, until };
}

/**
 * When tries open again, if wrong codes or passwords have used up the window's tries. Tries merely
 * held by checks under way lock nothing: they are given back, or counted wrong, in a moment.
 */
export async function throttledUntil(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  now: Date = new Date(),
): Promise<Date | undefined> {
  const { wrong, until } = await readWindow(store, act, subject, now);
  return wrong >= LIMITS[act] ? until : undefined;
}

/** How long a try waits for one that checks under way hold, before it is refused as busy. */
export const WAIT_FOR_TRIES_MS = 10_000;
/**
 * The pauses between a waiting try's reads of its window: doubling from the first to the longest
 * (each shortened by up to half at random, so tries waiting together do not all ask at once). A
 * try that waits for one check reads a few times; one that waits the whole ten seconds some
 * thirty times, not hundreds.
 */
const FIRST_PAUSE_MS = 25;
const LONGEST_PAUSE_MS = 500;
const pauseFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms * (0.5 + Math.random() / 2)));

/**
 * A try not taken: `busy` when wrong tries have not used the window up but checks under way held
 * every try for the whole wait (a burst far beyond what checks finish in ten seconds, or tries a
 * stopped process took and never gave back). Then nothing proves a wrong code, so the refusal says
 * to try again in a moment, not "too many wrong codes" until the window's end.
 */
export type TryRefused = { taken: false; until: Date; busy: boolean };

/**
 * Takes one of the window's tries before a code or password is checked, in one conditional write.
 * Reading the count and adding a failure after the check let a burst of tries sent at once all be
 * checked (each read the count before any had failed). Now at most the act's limit of checks run in a
 * window whatever arrives together; a try that succeeds is given back (giveTryBack), one that fails
 * stays taken and is counted wrong (countWrongTry).
 *
 * Right tries of one subject sent together (several tabs, requests a busy server holds for seconds,
 * a signer working through many files, an office signing in at once from one address) would
 * otherwise be refused as if five had been wrong. So while wrong tries have not used the window up,
 * a try waits (up to WAIT_FOR_TRIES_MS) for one a check under way gives back; a burst of guesses
 * still has at most the limit checked, and the rest are refused as soon as those are found wrong.
 */
export async function takeTry(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  now: Date = new Date(),
): Promise<{ taken: true; until: Date } | TryRefused> {
  const deadline = Date.now() + WAIT_FOR_TRIES_MS;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const tried = await takeTryNow(store, act, subject, now);
    if (tried.taken) return tried;
    // Waiting reads the window (one read a pause), and writes again only once a try is free.
    let window = await readWindow(store, act, subject, now);
    while (window.wrong < LIMITS[act] && window.taken >= LIMITS[act]) {
      if (Date.now() + pause > deadline) return { ...tried, busy: true };
      await pauseFor(pause);
      pause = Math.min(2 * pause, LONGEST_PAUSE_MS);
      window = await readWindow(store, act, subject, now);
    }
    if (window.wrong >= LIMITS[act]) return { ...tried, busy: false };
    // A try seen free and taken by another before this one's write, again and again: still bounded.
    if (Date.now() > deadline) return { ...tried, busy: true };
  }
}

/** One conditional write taking a try, if the window has one free at this moment. */
async function takeTryNow(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  now: Date,
): Promise<{ taken: true; until: Date } | { taken: false; until: Date }> {
  const { key, until } = windowKey(act, subject, now);
  try {
    await store.dynamo.send(
      new UpdateCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: 'ADD failures :one SET expiresAt = :until',
        ConditionExpression: 'attribute_not_exists(failures) OR failures < :max',
        ExpressionAttributeValues: { ':one': 1, ':until': until.toISOString(), ':max': LIMITS[act] },
      }),
    );
    return { taken: true as const, until };
  } catch (error) {
    if (isConditionFailure(error)) return { taken: false as const, until };
    throw error;
  }
}

/** Gives back the try a successful check took (takeTry), in the window it was taken in. */
export async function giveTryBack(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  takenAt: Date,
): Promise<void> {
  const { key } = windowKey(act, subject, takenAt);
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

/**
 * A sign-in's try: one of this client's for the official, then one of the official's ceiling. A
 * try refused by the ceiling gives the client's back (nothing was checked). `whole` says which
 * counter refused, so the page can say whose tries are used up.
 */
export async function takeSignInTry(
  store: IdentityStore,
  officialId: string,
  client: string,
  now: Date,
): Promise<{ taken: true } | (TryRefused & { whole: boolean })> {
  const fromClient = await takeTry(store, 'masuk-klien', `${officialId}#${client}`, now);
  if (!fromClient.taken) return { ...fromClient, whole: false };
  const overall = await takeTry(store, 'masuk', officialId, now);
  if (overall.taken) return { taken: true };
  await giveTryBack(store, 'masuk-klien', `${officialId}#${client}`, now);
  return { ...overall, whole: true };
}

/** Gives back both tries of a sign-in that succeeded (takeSignInTry). */
export async function giveSignInTryBack(
  store: IdentityStore,
  officialId: string,
  client: string,
  takenAt: Date,
): Promise<void> {
  await giveTryBack(store, 'masuk-klien', `${officialId}#${client}`, takenAt);
  await giveTryBack(store, 'masuk', officialId, takenAt);
}

/** Counts both tries of a sign-in that failed (takeSignInTry) as wrong. */
export async function countWrongSignInTry(
  store: IdentityStore,
  officialId: string,
  client: string,
  takenAt: Date,
): Promise<void> {
  await countWrongTry(store, 'masuk-klien', `${officialId}#${client}`, takenAt);
  await countWrongTry(store, 'masuk', officialId, takenAt);
}

/**
 * A wrong guess counted without a try taken before it ('kode-pemohon'): the public lookups are GETs as
 * well as posts, and a right pair must write nothing (no state change on GET or HEAD). Without takeTry
 * a burst sent at once is all checked before its wrong guesses are counted, so a window checks at most
 * its limit plus the lookups under way together: with a thousand at once (a Lambda account's default
 * concurrency), about 100,000 guesses a day, against some 1.1 × 10^12 receipt codes (eight characters
 * of Crockford's 32, receipt-code.ts): about one chance in 11 million a day for a guesser of one code. A wrong guess's count is bookkeeping of the server's own, as a log line is,
 * not a change the request asks for.
 */
export async function countWrongGuess(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  now: Date,
): Promise<void> {
  const { key, until } = windowKey(act, subject, now);
  await store.dynamo.send(
    new UpdateCommand({
      TableName: store.table,
      Key: key,
      UpdateExpression: 'ADD wrong :one, failures :one SET expiresAt = :until',
      ExpressionAttributeValues: { ':one': 1, ':until': until.toISOString() },
    }),
  );
}

/**
 * A try whose code or password was wrong stays taken (takeTry), and is counted apart as wrong: the
 * window's `failures` also hold the tries of checks under way, so only this count tells a window
 * used up by wrong tries from one whose tries are all being checked at this moment. Answers how
 * many wrong tries the window still takes.
 */
export async function countWrongTry(
  store: IdentityStore,
  act: ThrottledAct,
  subject: string,
  takenAt: Date,
): Promise<number> {
  const { key } = windowKey(act, subject, takenAt);
  const { Attributes } = await store.dynamo.send(
    new UpdateCommand({
      TableName: store.table,
      Key: key,
      UpdateExpression: 'ADD wrong :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const { wrong } = readRecord(WrongCountSchema, 'pembatasan percobaan', { ...key, ...Attributes });
  return Math.max(0, LIMITS[act] - wrong);
}
