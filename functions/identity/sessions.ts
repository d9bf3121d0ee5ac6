import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import type { IdentityStore } from './accounts.ts';
import { readRecord, type RecordShape } from '#records/check-record.ts';
import { sessionKey as sessionItemKey } from '#records/keys.ts';

export const SESSION_COOKIE = 'paraf_sesi';
/** A working day; after it the official signs in again. */
export const SESSION_HOURS = 10;

/**
 * A signed-in official's session, kept server-side (`SESSION#<SHA-256 of the cookie's value>` /
 * `META`), so signing out, or resetting the account, ends it; the table never holds the cookie's
 * value itself. The cookie is HttpOnly, SameSite=Lax (an e-mailed link opened from a mail reader
 * still arrives signed in; another site's form does not), Secure when Paraf is reached over HTTPS.
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

const SessionSchema: z.ZodType<Session> = z.object({
  officialId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  demo: z.boolean().optional(),
  via: z.enum(['local', 'cognito']),
} satisfies RecordShape<Session>);

const sessionKey = (value: string) => sessionItemKey(createHash('sha256').update(value).digest('hex'));

export async function startSession(
  store: IdentityStore,
  c: Context,
  session: Omit<Session, 'createdAt' | 'expiresAt'>,
  secure: boolean,
  now: Date = new Date(),
): Promise<void> {
  const value = randomBytes(32).toString('base64url');
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

/** The session the request's cookie names, if it exists and has not expired. */
export async function currentSession(store: IdentityStore, c: Context, now: Date = new Date()) {
  const value = getCookie(c, SESSION_COOKIE);
  if (!value || value.length > 100) return undefined;
  const { Item } = await store.dynamo.send(
    new GetCommand({ TableName: store.table, Key: sessionKey(value), ConsistentRead: true }),
  );
  const session = Item && readRecord(SessionSchema, 'sesi', Item);
  return session && session.expiresAt > now.toISOString() ? session : undefined;
}

/** Signing out: the session is deleted, so the cookie (wherever a copy of it is) opens nothing any more. */
export async function endSession(store: IdentityStore, c: Context): Promise<void> {
  const value = getCookie(c, SESSION_COOKIE);
  if (value && value.length <= 100)
    await store.dynamo.send(new DeleteCommand({ TableName: store.table, Key: sessionKey(value) }));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
