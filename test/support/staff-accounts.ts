import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { lockDataFolder } from '#local/data-folder-lock.ts';
import { startStandIns, TABLE } from '#local/start-local.ts';
import { accountKey } from '#records/keys.ts';
import { cliInProcess } from './cli-in-process.ts';
import { setUpAccount } from '#identity/accounts.ts';
import type { LocalParaf } from '#local/start-local.ts';
import type { StaffCredentials } from '../../scripts/clerk.ts';

/**
 * An account for every official of a runtime started in this process, made as `npx paraf staf buat`
 * makes them (setUpAccount, on the runtime's own table: this process holds the data folder), as if
 * each official had already chosen their own password at first sign-in (change-password.test.ts
 * walks that first sign-in).
 */
export async function staffAccounts(paraf: Pick<LocalParaf, 'runtime'>): Promise<StaffCredentials> {
  const rt = paraf.runtime;
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const made = await Promise.all(
    rt.staff.officials.map(async (o) => {
      const { password, totpSecret } = await setUpAccount(store, o.id, {
        withPassword: true,
        mustChangePassword: false,
      });
      return [o.id, { password: password!, totpSecret }] as const;
    }),
  );
  return Object.fromEntries(made);
}

/** The same through the CLI itself, on a data folder no runtime holds (before `npm start` in a child process). */
export async function staffAccountsByCli(dataDir: string): Promise<StaffCredentials> {
  const { code, out: output, err: errors } = await cliInProcess(['staf', 'buat', '--semua', '--data', dataDir]);
  if (code !== 0) throw new Error(`paraf staf buat --semua: ${code}\n${errors}`);
  const credentials: StaffCredentials = {};
  for (const block of output.split(/\n(?=\S+: )/)) {
    const id = /^(\S+): /.exec(block)?.[1];
    const password = /kata sandi:\s+(\S+)/.exec(block)?.[1];
    const totpSecret = /kunci autentikator:\s+(\S+)/.exec(block)?.[1];
    if (id && password && totpSecret) credentials[id] = { password, totpSecret };
  }
  await markPasswordsChosen(dataDir, Object.keys(credentials));
  return credentials;
}

/**
 * The CLI marks its passwords to be changed at first sign-in; the tests that start Paraf on such a
 * folder stand for officials who already chose theirs (as staffAccounts above), so the mark is taken
 * off on the folder's own table, with the folder locked as the CLI locks it. The first sign-in's
 * change itself is walked by test/web/change-password.test.ts.
 */
async function markPasswordsChosen(dataDir: string, officialIds: readonly string[]): Promise<void> {
  const unlock = lockDataFolder(resolve(dataDir));
  const standIns = await startStandIns(resolve(dataDir));
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    const dynamo = DynamoDBDocumentClient.from(client);
    for (const id of officialIds)
      await dynamo.send(
        new UpdateCommand({ TableName: TABLE, Key: accountKey(id), UpdateExpression: 'REMOVE mustChangePassword' }),
      );
  } finally {
    client.destroy();
    await standIns.close();
    unlock();
  }
}
