import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readDataDir, readStaffFile, readTableName, sdkClientSettings } from '#config/read-config.ts';
import { isParafError } from '#errors/paraf-error.ts';
import { listAccounts, setUpAccount, type IdentityStore } from '#identity/accounts.ts';
import { totpUri } from '#identity/totp.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { loadStaffDirectory, type Official } from '#staff/load-staff-directory.ts';
import { type Command, givenDataFolder, type Out, positionals } from './command-line.ts';

const USAGE = `Pemakaian:
  paraf staf daftar [--data <folder>]            pejabat dan petugas config/staff.json, dan siapa yang sudah punya akun
  paraf staf buat <id pejabat> [--data <folder>] buat akun, atau atur ulang (kata sandi dan kunci autentikator baru)
  paraf staf buat --semua [--ulang] [--data <folder>]
                                                 buat akun setiap pejabat; --ulang: atur ulang juga akun yang sudah ada
Folder data: --data, atau PARAF_DATA, atau ./.paraf (Paraf harus dihentikan dulu). Di AWS: PARAF_TABLE
(dan kredensial AWS) menunjuk tabel DynamoDB; masuk tetap lewat Cognito, dan akun ini hanya memegang
kunci autentikator untuk tanda tangan.`;

/**
 * `npx paraf staf`: the officials' accounts (functions/identity/accounts.ts), made and reset here
 * only. The new password and authenticator key are printed once, for the official; the table keeps
 * the password's hash and the key. Locally the data folder is locked and its table opened, so Paraf
 * must be stopped; on AWS (PARAF_TABLE) the table is reached directly and only the key is made.
 */
export const stafCommand: Command = async (args, out, err, env = process.env) => {
  const [sub, ...rest] = args;
  const dataDir = givenDataFolder(rest);
  const positional = positionals(rest);
  if (sub !== 'daftar' && sub !== 'buat') {
    err(`${USAGE}\n`);
    return 2;
  }
  // The staff file as the runtime reads it (PARAF_STAFF or the committed one).
  const staff = loadStaffDirectory(readStaffFile(env), loadCatalog());
  let chosen: Official[] = [];
  if (sub === 'buat') {
    if (rest.includes('--semua')) chosen = [...staff.officials];
    else {
      const official = positional[0] ? staff.byId(positional[0]) : undefined;
      if (!official) {
        err(
          `paraf staf buat: ${positional[0] ? `tidak ada pejabat "${positional[0]}"` : 'pejabat mana?'}. Yang dikenal: ${staff.officials.map((o) => o.id).join(', ')}\n`,
        );
        return 1;
      }
      chosen = [official];
    }
  }
  const awsTable = dataDir ? undefined : readTableName(env, { unlessDataFolder: true });
  const onAws = awsTable !== undefined;
  return withStore(awsTable, dataDir ?? readDataDir(env), err, async (store) => {
    if (sub === 'daftar') {
      const accounts = new Map(
        (
          await listAccounts(
            store,
            staff.officials.map((o) => o.id),
          )
        ).map((a) => [a.officialId, a]),
      );
      for (const official of staff.officials) {
        const account = accounts.get(official.id);
        const state = !account ? 'belum ada akun' : account.demo ? 'akun demo' : `akun sejak ${account.createdAt}`;
        out(`${official.id.padEnd(20)} ${official.name} (${official.position}): ${state}\n`);
      }
      return 0;
    }
    const refusal = sub === 'buat' && rest.includes('--semua') && (await resetNotConfirmed(store, chosen, rest));
    if (refusal) {
      err(refusal);
      return 1;
    }
    for (const official of chosen) {
      const made = await setUpAccount(store, official.id, { withPassword: !onAws });
      out(`${official.id}: ${official.name}\n`);
      if (made.password) out(`  kata sandi:          ${made.password}\n`);
      out(`  kunci autentikator:  ${made.totpSecret}\n`);
      out(`  alamat otpauth:      ${totpUri(made.totpSecret, official.id)}\n`);
    }
    out(
      '\nSerahkan kepada masing-masing pejabat secara langsung; Paraf tidak menampilkannya lagi. Kunci dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, dll.). Sesi yang ada sebelumnya berakhir.\n',
    );
    return 0;
  });
};

/**
 * `buat --semua` on a folder that has accounts resets every one of them (new passwords and keys, the
 * officials' sessions ended, the passwords they chose lost), so it asks for `--ulang`, naming how
 * many it would reset; nothing is written without it. `buat <id>` names its one account already.
 */
async function resetNotConfirmed(
  store: IdentityStore,
  chosen: readonly Official[],
  args: readonly string[],
): Promise<string | undefined> {
  if (args.includes('--ulang')) return undefined;
  const existing = (
    await listAccounts(
      store,
      chosen.map((o) => o.id),
    )
  ).filter((account) => !account.demo);
  if (existing.length === 0) return undefined;
  return `paraf staf buat --semua: ${existing.length} dari ${chosen.length} pejabat sudah punya akun (${existing.map((a) => a.officialId).join(', ')}). Perintah ini akan mengatur ulang ${existing.length} akun itu: kata sandi dan kunci autentikator baru, sesi mereka berakhir. Tidak ada yang diubah. Bila memang itu maksudnya, jalankan lagi dengan --ulang; untuk satu pejabat saja: paraf staf buat <id pejabat>.\n`;
}

async function withStore(
  awsTable: string | undefined,
  dataDir: string,
  err: Out,
  act: (store: IdentityStore) => Promise<number>,
): Promise<number> {
  if (awsTable) {
    const client = new DynamoDBClient({});
    try {
      return await act({ dynamo: DynamoDBDocumentClient.from(client), table: awsTable });
    } finally {
      client.destroy();
    }
  }
  // The local runtime's own modules, loaded only here: the CLI's other commands do not start dynalite.
  const { lockDataFolder } = await import('#local/data-folder-lock.ts');
  const { startStandIns, TABLE } = await import('#local/start-local.ts');
  const { ensureTable } = await import('#records/table.ts');
  const folder = resolve(dataDir);
  let unlock: () => void;
  try {
    unlock = lockDataFolder(folder);
  } catch (error) {
    if (!isParafError(error) || error.code !== 'folder-in-use') throw error;
    err(`${error.message} Hentikan Paraf dulu (Ctrl+C), lalu jalankan perintah ini lagi.\n`);
    return 1;
  }
  const standIns = await startStandIns(folder);
  const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
  try {
    await ensureTable(client, TABLE);
    return await act({ dynamo: DynamoDBDocumentClient.from(client), table: TABLE });
  } finally {
    client.destroy();
    await standIns.close();
    unlock();
  }
}
