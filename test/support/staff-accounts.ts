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
import { currentTotp } from '#identity/totp.ts';
import { sendAsBrowser } from './as-a-person.ts';
import type { StartedParaf } from './start-paraf.ts';
import type { StaffCredentials } from '../../scripts/clerk.ts';

/**
 * An account for every official of a runtime started in this process, made as `npx paraf staf buat`
 * makes them (setUpAccount, on the runtime's own table: this process holds the data folder), as if
 * each official had already chosen their own password and enrolled their own authenticator key at
 * first sign-in (change-password.test.ts and enrol-authenticator.test.ts walk that first sign-in).
 */
export async function staffAccounts(paraf: Pick<LocalParaf, 'runtime'>): Promise<StaffCredentials> {
  const rt = paraf.runtime;
  const store = { dynamo: rt.dynamo, table: rt.config.table };
  const made = await Promise.all(
    rt.staff.officials.map(async (o) => {
      const { password, totpSecret } = await setUpAccount(store, o.id, {
        withPassword: true,
        mustChangePassword: false,
        mustEnrolAuthenticator: false,
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
  await markFactorsChosen(dataDir, Object.keys(credentials));
  return credentials;
}

/**
 * The CLI marks its passwords and keys to be replaced at first sign-in; the tests that start Paraf on
 * such a folder stand for officials who already replaced theirs (as staffAccounts above), so the marks
 * are taken off on the folder's own table, with the folder locked as the CLI locks it. The first
 * sign-in itself is walked by test/web/change-password.test.ts and enrol-authenticator.test.ts.
 */
async function markFactorsChosen(dataDir: string, officialIds: readonly string[]): Promise<void> {
  const unlock = lockDataFolder(resolve(dataDir));
  const standIns = await startStandIns(resolve(dataDir));
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    const dynamo = DynamoDBDocumentClient.from(client);
    for (const id of officialIds)
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: accountKey(id),
          UpdateExpression: 'REMOVE mustChangePassword, mustEnrolAuthenticator',
        }),
      );
  } finally {
    client.destroy();
    await standIns.close();
    unlock();
  }
}

/**
 * An official's browser at a Paraf started for the file (start-paraf.ts): its table as the CLI
 * writes it, one request (as-a-person.ts sendAsBrowser), and a sign-in with a password and the
 * current code of a key, asking for the tasks.
 */
export function officialsAt(at: StartedParaf) {
  const send = (path: string, cookie: string, init: Parameters<typeof sendAsBrowser>[3] = {}) =>
    sendAsBrowser(at.paraf.url, path, cookie, init);
  return {
    store: () => ({ dynamo: at.paraf.runtime.dynamo, table: at.paraf.runtime.config.table }),
    send,
    signIn: (official: string, password: string, secret: string) =>
      send('/masuk?lanjut=%2Ftugas', '', {
        form: { pejabat: official, kata_sandi: password, kode: currentTotp(secret) },
      }),
  };
}
