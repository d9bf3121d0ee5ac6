import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'hono';
import { Secret } from 'otpauth';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { type Account, type IdentityStore, readAccount } from './accounts.ts';
import { readRecord, type RecordShape } from '#records/check-record.ts';
import { accountKey, sessionKey as sessionItemKey } from '#records/keys.ts';
import { getRecords } from '#records/table-operations.ts';

export const SESSION_COOKIE = 'paraf_sesi';
/** A working day; after it the official signs in again. */
export const SESSION_HOURS = 10;

/**
 * A signed-in official's session, kept server-side (`SESSION#<SHA-256 of the cookie's value>` /
 * `META`), so signing out, or resetting the account, ends it; the table never holds the cookie's
 * value itself. The cookie is HttpOnly, SameSite=Lax (an e-mailed link opened from a mail reader
 * still arrives signed in; another site's form does not), Secure when Paraf is reached over HTTPS.
 * The cookie's value is `<official>.<32 random bytes>`: naming the official lets a request read the
 * session and the account in one round trip (currentSession), and the name is bound to the session,
 * whose key hashes the whole value.
 */
export interface Session {
  officialId: string;
  createdAt: string;
  expiresAt: string;
  /** Made by the demo sign-in: void as soon as the demo sign-in is closed. */
  demo?: boolean;
  /** Which provider signed the official in. */
  via: 'local' | 'cognito';
}

const SessionSchema: z.ZodMiniType<Session> = z.object({
  officialId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  demo: z.optional(z.boolean()),
  via: z.enum(['local', 'cognito']),
} satisfies RecordShape<Session>);

/** The longest value read: an official's id (at most 64 characters, staff directory), a dot and the 43 of the secret. */
const MAX_COOKIE_LENGTH = 120;

const sessionKey = (value: string) => sessionItemKey(createHash('sha256').update(value).digest('hex'));

export async function startSession(
  store: IdentityStore,
  c: Context,
  session: Omit<Session, 'createdAt' | 'expiresAt'>,
  secure: boolean,
  now: Date = new Date(),
): Promise<void> {
  const value = `${session.officialId}.${randomBytes(32).toString('base64url')}`;
  const record: Session = {
    ...session,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
  await store.dynamo.send(new PutCommand({ TableName: store.table, Item: { ...sessionKey(value), ...record } }));
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

/**
 * The session the request's cookie names, if it exists and has not expired, with the account of the
 * official it belongs to (undefined when there is none), both read in one round trip, since every
 * staff request asks for both. A cookie without the official's name (made before the name was in
 * it) opens nothing: its official signs in again.
 */
export async function currentSession(
  store: IdentityStore,
  c: Context,
  now: Date = new Date(),
): Promise<{ session: Session; account: Account | undefined } | undefined> {
  const value = getCookie(c, SESSION_COOKIE);
  const dot = value && value.length <= MAX_COOKIE_LENGTH ? value.indexOf('.') : -1;
  if (!value || dot <= 0) return undefined;
  const officialId = value.slice(0, dot);
  const [sessionItem, accountItem] = await getRecords(
    store.dynamo,
    store.table,
    [sessionKey(value), accountKey(officialId)],
    (item) => item,
  );
  const session = sessionItem && readRecord(SessionSchema, 'sesi', sessionItem);
  if (!session || session.officialId !== officialId || session.expiresAt <= now.toISOString()) return undefined;
  return { session, account: accountItem && readAccount(accountItem) };
}

/** Signing out: the session is deleted, so the cookie (wherever a copy of it is) opens nothing any more. */
export async function endSession(store: IdentityStore, c: Context): Promise<void> {
  const value = getCookie(c, SESSION_COOKIE);
  if (value && value.length <= MAX_COOKIE_LENGTH)
    await store.dynamo.send(new DeleteCommand({ TableName: store.table, Key: sessionKey(value) }));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * The authenticator key the request's session is enrolling (enrol-authenticator.ts), derived, not
 * stored: an HMAC of the account's current key under the session cookie's own secret. So a reload or
 * a wrong code shows the key the official has already scanned, no other session (nor anyone reading
 * the table, which holds only the cookie's hash) can know it, opening the page writes nothing, and
 * once it is saved the account's key is another and so is any later key offered. Undefined when the
 * request carries no cookie it could be a session's.
 */
export function pendingTotpSecret(c: Context, currentKey: string): string | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value || value.length > MAX_COOKIE_LENGTH) return undefined;
  const derived = createHmac('sha256', value).update(`paraf-autentikator-baru:${currentKey}`).digest();
  return new Secret({ buffer: Uint8Array.from(derived.subarray(0, 20)).buffer }).base32;
}
