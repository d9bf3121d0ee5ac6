import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { hashPassword, newPassword } from './passwords.ts';
import { newTotpSecret } from './totp.ts';
import { readRecord, type RecordShape } from '#records/check-record.ts';
import { accountKey } from '#records/keys.ts';
import { conditionHeld, getRecords } from '#records/table-operations.ts';

/** Where identity keeps its records: the same table as everything else. */
export interface IdentityStore {
  dynamo: DynamoDBDocumentClient;
  table: string;
}

/**
 * An official's account, one item per official (`ACCOUNT#<official>` / `META`):
 * - `passwordHash`: scrypt (passwords.ts); only where Paraf signs people in itself (PARAF_AUTH=local);
 * - `totpSecret`: the authenticator secret a signature asks a code of, in both modes (on AWS Cognito
 *   signs people in, and this is the signing factor alone);
 * - `demo`: made by the demo sign-in of a loopback-only start without accounts; never a real account.
 * - `mustChangePassword`: made or reset by `npx paraf staf buat`, whose password the IT officer saw:
 *   the official chooses their own before any other page opens (change-password.ts);
 * - `mustEnrolAuthenticator`: made or reset the same way, whose authenticator key the IT officer saw
 *   too: after the password, the official enrols a key of their own before any other page opens
 *   (enrol-authenticator.ts); set only with a password (the local sign-in, which alone shows that page);
 * - `sessionsFrom`: sessions made before it are void (a password changed ends the other sessions);
 *   without it, `createdAt` (a reset ends them).
 * Neither secret is ever logged, put in the trail, or shown after the command that made it.
 */
export interface Account {
  officialId: string;
  passwordHash?: string;
  totpSecret: string;
  demo?: boolean;
  mustChangePassword?: boolean;
  mustEnrolAuthenticator?: boolean;
  sessionsFrom?: string;
  createdAt: string;
}

const AccountSchema: z.ZodMiniType<Account> = z.object({
  officialId: z.string(),
  passwordHash: z.optional(z.string()),
  totpSecret: z.string(),
  demo: z.optional(z.boolean()),
  mustChangePassword: z.optional(z.boolean()),
  mustEnrolAuthenticator: z.optional(z.boolean()),
  sessionsFrom: z.optional(z.string()),
  createdAt: z.string(),
} satisfies RecordShape<Account>);
export const readAccount = (item: Record<string, unknown>) => readRecord(AccountSchema, 'akun', item);

export async function getAccount(store: IdentityStore, officialId: string): Promise<Account | undefined> {
  const { Item } = await store.dynamo.send(
    new GetCommand({ TableName: store.table, Key: accountKey(officialId), ConsistentRead: true }),
  );
  return Item ? readAccount(Item) : undefined;
}

/** The accounts of these officials that exist (demo ones included). */
export async function listAccounts(store: IdentityStore, officialIds: readonly string[]): Promise<Account[]> {
  const accounts = await getRecords(store.dynamo, store.table, officialIds.map(accountKey), readAccount);
  return accounts.filter((account) => account !== undefined);
}

/** Whether any official has a real (not demo) account: then the demo sign-in is gone for good. */
export async function hasRealAccounts(store: IdentityStore, officialIds: readonly string[]): Promise<boolean> {
  return (await listAccounts(store, officialIds)).some((account) => !account.demo);
}

/**
 * Creates or resets an official's account: a new password (local sign-in) and a new authenticator
 * secret. Returned once, to be handed to the official; only the hash and the secret are stored. A
 * password and key made here are someone else's knowledge, so both must be replaced at first sign-in
 * unless the caller says otherwise (the tests' accounts, standing for officials who already chose theirs).
 */
export async function setUpAccount(
  store: IdentityStore,
  officialId: string,
  options: {
    password?: string;
    withPassword: boolean;
    mustChangePassword?: boolean;
    mustEnrolAuthenticator?: boolean;
  } = { withPassword: true },
): Promise<{ password?: string; totpSecret: string }> {
  const password = options.withPassword ? (options.password ?? newPassword()) : undefined;
  const totpSecret = newTotpSecret();
  const account: Account = {
    officialId,
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
    ...(password && options.mustChangePassword !== false ? { mustChangePassword: true } : {}),
    ...(password && options.mustEnrolAuthenticator !== false ? { mustEnrolAuthenticator: true } : {}),
    totpSecret,
    createdAt: new Date().toISOString(),
  };
  await store.dynamo.send(new PutCommand({ TableName: store.table, Item: { ...accountKey(officialId), ...account } }));
  return { ...(password ? { password } : {}), totpSecret };
}

/** The demo sign-in's account of an official: an authenticator secret shown on screen, no password. */
export async function demoAccount(store: IdentityStore, officialId: string): Promise<Account> {
  const existing = await getAccount(store, officialId);
  if (existing?.demo) return existing;
  if (existing) throw new Error(`${officialId} has a real account; the demo sign-in is closed`);
  const account: Account = { officialId, totpSecret: newTotpSecret(), demo: true, createdAt: new Date().toISOString() };
  await store.dynamo.send(
    new PutCommand({
      TableName: store.table,
      Item: { ...accountKey(officialId), ...account },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return account;
}

/**
 * The official's own password in place of the one they had: the hash replaced, the mark of a password
 * made by the CLI removed, and every session made before `now` void (sessionsFrom). Only while the
 * account is still the one whose password was checked (same createdAt): a reset in between wins.
 */
export async function changePassword(
  store: IdentityStore,
  account: Account,
  password: string,
  now: Date,
): Promise<void> {
  await store.dynamo.send(
    new UpdateCommand({
      TableName: store.table,
      Key: accountKey(account.officialId),
      UpdateExpression: 'SET passwordHash = :hash, sessionsFrom = :now REMOVE mustChangePassword',
      ConditionExpression: 'createdAt = :created',
      ExpressionAttributeValues: {
        ':hash': await hashPassword(password),
        ':now': now.toISOString(),
        ':created': account.createdAt,
      },
    }),
  );
}

/**
 * The official's own authenticator key in place of the one they had: the secret replaced, the mark of
 * a key made by the CLI removed, and every session made before `now` void, as a password change
 * does. Only while the account still holds the key whose code was checked (same createdAt and
 * secret): a reset or another enrolment in between wins, and false says so.
 */
export async function enrolAuthenticator(
  store: IdentityStore,
  account: Pick<Account, 'officialId' | 'createdAt' | 'totpSecret'>,
  totpSecret: string,
  now: Date,
): Promise<boolean> {
  return conditionHeld(
    store.dynamo.send(
      new UpdateCommand({
        TableName: store.table,
        Key: accountKey(account.officialId),
        UpdateExpression: 'SET totpSecret = :secret, sessionsFrom = :now REMOVE mustEnrolAuthenticator',
        ConditionExpression: 'createdAt = :created AND totpSecret = :old',
        ExpressionAttributeValues: {
          ':secret': totpSecret,
          ':now': now.toISOString(),
          ':created': account.createdAt,
          ':old': account.totpSecret,
        },
      }),
    ),
  );
}
