import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
// The core and the one renderer: the package's entry point also loads its PNG and SVG renderers.
import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/terminal/terminal-small.js';
import { readDataDir, readStaffFile, readTableName, sdkClientSettings } from '#config/read-config.ts';
import {
  type AccountsAsk,
  type ListedAccount,
  listedAccounts,
  type MadeAccount,
  makeAccounts,
  unknownOfficial,
} from '#identity/account-commands.ts';
import type { IdentityStore } from '#identity/accounts.ts';
import { totpUri } from '#identity/totp.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { loadStaffDirectory, type StaffDirectory } from '#staff/load-staff-directory.ts';
import { type Command, givenDataFolder, type Out, positionals, refusalMessage } from './command-line.ts';
import { existingDataFolder, onDataFolder } from './local-paraf.ts';
import { isDataFolder } from '#local/upgrade/data-layout.ts';

const USAGE = `Pemakaian:
  paraf staf daftar [--data <folder>]            pejabat dan petugas config/staff.json, dan siapa yang sudah punya akun
  paraf staf buat <id pejabat> [--data <folder>] buat akun, atau atur ulang (kata sandi dan kunci autentikator baru)
  paraf staf buat --semua [--ulang] [--data <folder>]
                                                 buat akun setiap pejabat; --ulang: atur ulang juga akun yang sudah ada
Folder data: --data, atau PARAF_DATA, atau ./.paraf; bila Paraf sedang berjalan pada folder itu, perintah ini
dikerjakan oleh Paraf itu (tidak perlu dihentikan). Di AWS: PARAF_TABLE (dan kredensial AWS) menunjuk tabel
DynamoDB; masuk tetap lewat Cognito, dan akun ini hanya memegang kunci autentikator untuk tanda tangan.`;

/**
 * `npx paraf staf`: the officials' accounts (identity/account-commands.ts), made and reset here only.
 * The new password and authenticator key are printed once, for the official; the table keeps the
 * password's hash and the key. Locally the running Paraf that holds the data folder does the work
 * through its control port (so nothing stops while one official's account is reset), or, when none
 * runs, the folder is locked and its table opened here; on AWS (PARAF_TABLE) the table is reached
 * directly and only the key is made. The same answers either way, so the same output.
 */
export const stafCommand: Command = async (args, out, err, env = process.env) => {
  const [sub, ...rest] = args;
  const dataDir = givenDataFolder(rest);
  if (sub !== 'daftar' && sub !== 'buat') {
    err(`${USAGE}\n`);
    return 2;
  }
  // The staff file as the runtime reads it (PARAF_STAFF or the committed one).
  const staff = loadStaffDirectory(readStaffFile(env), loadCatalog());
  const ask = sub === 'buat' ? askOf(rest, staff, err) : undefined;
  if (ask === null) return 1;
  const command = !ask ? 'paraf staf daftar' : 'semua' in ask ? 'paraf staf buat --semua' : 'paraf staf buat';
  const work = (store: IdentityStore, withPassword: boolean): Promise<StafAnswer> =>
    ask ? makeAccounts(store, staff.officials, ask, withPassword) : listedAccounts(store, staff.officials);
  const awsTable = dataDir ? undefined : readTableName(env, { unlessDataFolder: true });
  const folder = resolve(dataDir ?? readDataDir(env));
  // A folder with no Paraf data yet: accounts are made before the first start (a LAN install), so it
  // is made, and said, for an officer whose running Paraf holds another folder (PARAF_DATA not set here).
  if (!awsTable && !isDataFolder(folder)) {
    if (!ask) {
      existingDataFolder(command, folder, env, err);
      return 1;
    }
    err(
      `${command}: ${folder} belum berisi data Paraf; folder data baru dibuat di sana. Bila Paraf kantor berjalan dengan folder data lain (PARAF_DATA), akun ini tidak berlaku di sana: jalankan perintah ini lagi dengan --data <folder itu>.\n`,
    );
  }
  const answer: StafAnswer | undefined = awsTable
    ? await onAwsTable(awsTable, command, err, (store) => work(store, false))
    : await onDataFolder<StafAnswer>(
        { command, dataDir: folder, err },
        ask ? { method: 'POST', path: '/akun', body: ask } : { method: 'GET', path: '/akun' },
        (standIns) => onStoppedTable(standIns.aws, (store) => work(store, true)),
      );
  if (!answer) return 1;
  if ('akun' in answer) printAccounts(answer.akun, staff, out);
  else printMade(answer.dibuat, staff, out);
  return 0;
};

type StafAnswer = { akun: ListedAccount[] } | { dibuat: MadeAccount[] };

/**
 * What `buat` asks: one official, or all of them. An official the staff file does not know is refused
 * here, in makeAccounts' own words (unknownOfficial), before a data folder is opened or made.
 */
function askOf(args: readonly string[], staff: StaffDirectory, err: Out): AccountsAsk | null {
  if (args.includes('--semua')) return { semua: true, ulang: args.includes('--ulang') };
  const id = positionals(args)[0];
  const refusal = id
    ? unknownOfficial(staff.officials, { pejabat: id })
    : { message: `pejabat mana?. Yang dikenal: ${staff.officials.map((o) => o.id).join(', ')}` };
  if (id && !refusal) return { pejabat: id };
  err(`paraf staf buat: ${refusal?.message}\n`);
  return null;
}

function printAccounts(listed: readonly ListedAccount[], staff: StaffDirectory, out: Out): void {
  const accounts = new Map(listed.map((a) => [a.officialId, a]));
  for (const official of staff.officials) {
    const account = accounts.get(official.id);
    const state = !account ? 'belum ada akun' : account.demo ? 'akun demo' : `akun sejak ${account.createdAt}`;
    out(`${official.id.padEnd(20)} ${official.name} (${official.position}): ${state}\n`);
  }
}

/**
 * Each official's new secrets: the text key to type in, and the same otpauth address as a QR code
 * for the authenticator app to scan from this screen (black on white whatever the terminal's colours).
 */
function printMade(made: readonly MadeAccount[], staff: StaffDirectory, out: Out): void {
  for (const account of made) {
    const uri = totpUri(account.totpSecret, account.officialId);
    out(`${account.officialId}: ${staff.byId(account.officialId)?.name ?? ''}\n`);
    if (account.password) out(`  kata sandi:          ${account.password}\n`);
    out(`  kunci autentikator:  ${account.totpSecret}\n`);
    out(`  alamat otpauth:      ${uri}\n`);
    out('  kode QR untuk aplikasi autentikator (pindai dari layar ini):\n');
    out(`${render(create(uri, { errorCorrectionLevel: 'M' }))}\n`);
  }
  // A printed password means the local sign-in, whose accounts setUpAccount marks to replace both at first
  // sign-in; on AWS (Cognito signs in) only the key is printed, unmarked: it stays the signing key.
  out(made.some((account) => account.password) ? HAND_OVER_FIRST_SIGN_IN : HAND_OVER_SIGNING_KEY);
}

const HAND_OVER_FIRST_SIGN_IN =
  '\nSerahkan kepada masing-masing pejabat secara langsung; Paraf tidak menampilkannya lagi. Kata sandi dan kunci ini hanya untuk masuk pertama kali: kunci dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, dll.), diketik atau dengan memindai kode QR-nya. Saat masuk pertama kali, pejabat memilih kata sandinya sendiri dan memindai kunci autentikator barunya sendiri; sesudah itu kata sandi dan kunci yang dicetak di sini tidak berlaku lagi, dan akun Paraf yang lama di aplikasi autentikator boleh dihapus. Sesi yang ada sebelumnya berakhir.\n';
const HAND_OVER_SIGNING_KEY =
  '\nSerahkan kepada masing-masing pejabat secara langsung; Paraf tidak menampilkannya lagi. Kunci dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, dll.), diketik atau dengan memindai kode QR-nya. Sesi yang ada sebelumnya berakhir.\n';

/** The AWS table (PARAF_TABLE): a refusal said after the command's name, as on a data folder. */
async function onAwsTable<T>(
  table: string,
  command: string,
  err: Out,
  act: (store: IdentityStore) => Promise<T>,
): Promise<T | undefined> {
  const client = new DynamoDBClient({});
  try {
    return await act({ dynamo: DynamoDBDocumentClient.from(client), table });
  } catch (error) {
    const refusal = refusalMessage(error);
    if (refusal === undefined) throw error;
    err(`${command}: ${refusal}\n`);
    return undefined;
  } finally {
    client.destroy();
  }
}

/** A stopped data folder's table, opened on the stand-ins the CLI started (and made if the folder is new). */
async function onStoppedTable<T>(
  aws: Parameters<typeof sdkClientSettings>[0],
  act: (store: IdentityStore) => Promise<T>,
): Promise<T> {
  const { TABLE } = await import('#local/start-local.ts');
  const { ensureTable } = await import('#records/table.ts');
  const client = new DynamoDBClient(sdkClientSettings(aws, 'dynamodb'));
  try {
    await ensureTable(client, TABLE);
    return await act({ dynamo: DynamoDBDocumentClient.from(client), table: TABLE });
  } finally {
    client.destroy();
  }
}
