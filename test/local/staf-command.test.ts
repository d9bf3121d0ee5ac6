import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sdkClientSettings } from '#config/read-config.ts';
import { URI } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { totpUri } from '#identity/totp.ts';
import { readControlFile } from '#local/control-server.ts';
import { type LocalParaf, startLocal, startStandIns } from '#local/start-local.ts';
import { accountKey } from '#records/keys.ts';
import { ensureTable } from '#records/table.ts';
import { Clerk, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { capturedOutput } from '../support/captured-output.ts';
import { cliInProcess } from '../support/cli-in-process.ts';
import { staffAccounts } from '../support/staff-accounts.ts';
import { scanTerminalQr } from '../support/terminal-qr.ts';

/**
 * `npx paraf staf buat --semua` run a second time reset every account without a word (found by a
 * walk of the running app): on a folder with accounts it now names how many it would reset and
 * changes nothing unless `--ulang` says so.
 */
const dataDir = tempDataDir('paraf-staf-command-');
afterAll(() => removeDir(dataDir));
const staf = (...args: string[]) => cliInProcess(['staf', ...args, '--data', dataDir]);

/** What `staf buat` printed for one official: the password, the key, its otpauth address and its QR code. */
const madeFor = (printed: string, id: string) => {
  const lines = printed.slice(printed.search(new RegExp(`^${id}: `, 'm'))).split('\n');
  const field = (label: string) => lines.find((line) => line.startsWith(`  ${label}:`))?.split(/\s+/)[3] ?? '';
  const qrFrom = lines.findIndex((line) => line.startsWith('  kode QR')) + 1;
  // The code's lines are those that set their colours first, up to the next official's or the closing words.
  const qrTo = lines.findIndex((line, i) => i >= qrFrom && !line.startsWith(String.fromCharCode(27)));
  return {
    password: field('kata sandi'),
    totpSecret: field('kunci autentikator'),
    uri: field('alamat otpauth'),
    qr: lines.slice(qrFrom, qrTo).join('\n'),
  };
};

/** `npx paraf <args>` in a process of its own, as the IT officer runs it (beside a running Paraf, or on AWS). */
const parafChild = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ code: number; out: string; err: string }>((done) =>
    execFile(
      process.execPath,
      ['bin/paraf.mjs', ...args],
      // The AWS SDK's warning about Node 20 is the same either way and not the command's.
      { encoding: 'utf8', env: { ...env, NODE_NO_WARNINGS: '1' } },
      (error, out, err) => done({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    ),
  );

/**
 * The closing words of a local `staf buat` (a password printed): both secrets serve the first sign-in
 * alone, where the official replaces them (change-password.test.ts, enrol-authenticator.test.ts).
 */
const FIRST_SIGN_IN_ONLY =
  'Kata sandi dan kunci ini hanya untuk masuk pertama kali: kunci dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, dll.), diketik atau dengan memindai kode QR-nya. Saat masuk pertama kali, pejabat memilih kata sandinya sendiri dan memindai kunci autentikator barunya sendiri; sesudah itu kata sandi dan kunci yang dicetak di sini tidak berlaku lagi, dan akun Paraf yang lama di aplikasi autentikator boleh dihapus.';

/** What the IT officer reads for an official id the staff file does not know, on either way in. */
const unknownOfficial = (id: string) =>
  `paraf staf buat: tidak ada pejabat "${id}". Yang dikenal: kepala, sekretaris, kabid-layanan, kasi-layanan, loket, pemrosesan, penghubung, tata-usaha, kabid-pengendalian, pemeriksa, analis, pengolah, pengadministrasi\n`;

describe('npx paraf staf buat <id pejabat>', () => {
  it('refuses an official the staff file does not know, by name, before any data folder is made', async () => {
    const parent = tempDataDir('paraf-staf-unknown-');
    try {
      const notYet = join(parent, 'belum-ada');
      expect(await cliInProcess(['staf', 'buat', 'kepal', '--data', notYet])).toEqual({
        code: 1,
        out: '',
        err: unknownOfficial('kepal'),
      });
      expect(existsSync(notYet)).toBe(false);
    } finally {
      removeDir(parent);
    }
  });
});

describe('npx paraf staf on a folder with no Paraf data yet', () => {
  it('makes accounts there and says so, naming --data for a Paraf that runs on another folder; lists nothing from it', async () => {
    const parent = tempDataDir('paraf-staf-new-');
    try {
      const fresh = join(parent, 'baru');
      const listed = await cliInProcess(['staf', 'daftar', '--data', fresh]);
      expect(listed.code).toBe(1);
      expect(listed.err).toContain(`paraf staf daftar: ${fresh} tidak ada.`);
      expect(existsSync(fresh)).toBe(false);
      const made = await cliInProcess(['staf', 'buat', 'kepala', '--data', fresh]);
      expect(made.code).toBe(0);
      expect(made.err).toBe(
        `paraf staf buat: ${fresh} belum berisi data Paraf; folder data baru dibuat di sana. Bila Paraf kantor berjalan dengan folder data lain (PARAF_DATA), akun ini tidak berlaku di sana: jalankan perintah ini lagi dengan --data <folder itu>.\n`,
      );
      expect(made.out).toContain('kata sandi: ');
      // The second time the folder is Paraf's: nothing more is said.
      const again = await cliInProcess(['staf', 'buat', 'sekretaris', '--data', fresh]);
      expect([again.code, again.err]).toEqual([0, '']);
    } finally {
      removeDir(parent);
    }
  }, 120_000);
});

describe('npx paraf staf buat --semua', () => {
  it('asks for --ulang on a folder that has accounts, naming how many, and resets them only with it', async () => {
    const one = await staf('buat', 'kepala');
    expect(one.code).toBe(0);
    const listed = (await staf('daftar')).out;
    expect(listed.match(/akun sejak/g)).toHaveLength(1);

    const refused = await staf('buat', '--semua');
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('paraf staf buat --semua: 1 dari 13 pejabat sudah punya akun (kepala).');
    expect(refused.err).toContain('Perintah ini akan mengatur ulang 1 akun itu');
    expect(refused.err).toContain('Tidak ada yang diubah. Bila memang itu maksudnya, jalankan lagi dengan --ulang');
    // Nothing written: the Kepala's account is the one made before, and nobody else has one.
    expect((await staf('daftar')).out).toBe(listed);

    const all = await staf('buat', '--semua', '--ulang');
    expect(all.code).toBe(0);
    expect(all.out.match(/kata sandi: /g)).toHaveLength(13);
    // Each key also as a QR code for the phone, here on the stopped folder as through the running Paraf.
    expect(all.out.match(/kode QR untuk aplikasi autentikator/g)).toHaveLength(13);
    const loket = madeFor(all.out, 'loket');
    expect(scanTerminalQr(loket.qr)).toBe(totpUri(loket.totpSecret, 'loket'));
    expect(all.out).toContain(FIRST_SIGN_IN_ONLY);
    const after = (await staf('daftar')).out;
    expect(after.match(/akun sejak/g)).toHaveLength(13);
    const kepalaSince = (text: string) => /^kepala .*akun sejak (\S+)$/m.exec(text)?.[1];
    expect(kepalaSince(after)).not.toBe(kepalaSince(listed));

    const again = await staf('buat', '--semua');
    expect(again.code).toBe(1);
    expect(again.err).toContain('13 dari 13 pejabat sudah punya akun');
    expect((await staf('daftar')).out).toBe(after);
  }, 120_000);
});

/**
 * The same commands while Paraf runs on the folder (found by a walk of the running app: every account
 * action stopped the whole office): through its control port, the same output, refusals and exit
 * codes as on the stopped folder, and a reset ends the official's sessions in that Paraf at once.
 */
describe('npx paraf staf while Paraf runs on the folder', () => {
  const running = tempDataDir('paraf-staf-running-');
  let paraf: LocalParaf | undefined;
  afterAll(async () => {
    await paraf?.close();
    removeDir(running);
  });
  // As the IT officer runs it: `npx paraf` in a process of its own, beside the running Paraf.
  const stafThere = (...args: string[]) => parafChild(['staf', ...args, '--data', running]);

  it("lists, refuses and resets through the control port; a reset ends that official's sessions at once", async () => {
    paraf = await startLocal({ dataDir: running, port: 0 });
    const { url } = paraf;
    const clerk = new Clerk(url, await staffAccounts(paraf));
    const before = await clerk.session('kepala');
    const tasks = (cookie: string) => fetch(`${url}/tugas`, { headers: { cookie }, redirect: 'manual' });
    expect((await tasks(before)).status).toBe(200);

    const listed = await stafThere('daftar');
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.out.match(/akun sejak/g)).toHaveLength(13);

    const refused = await stafThere('buat', '--semua');
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toContain('paraf staf buat --semua: 13 dari 13 pejabat sudah punya akun');
    expect(refused.err).toContain('Tidak ada yang diubah.');
    // The CLI refuses an unknown official before it asks; the control port, asked directly, in the same words.
    expect(await stafThere('buat', 'bukan-pejabat')).toEqual({
      code: 1,
      out: '',
      err: unknownOfficial('bukan-pejabat'),
    });
    const control = readControlFile(running)!;
    const asked = await fetch(`${control.url}/akun`, {
      method: 'POST',
      headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pejabat: 'bukan-pejabat' }),
    });
    expect(asked.status).toBe(400);
    expect(`paraf staf buat: ${((await asked.json()) as { message: string }).message}\n`).toBe(
      unknownOfficial('bukan-pejabat'),
    );
    expect((await stafThere('daftar')).out).toBe(listed.out);

    // Whatever the running Paraf (this process) writes while it resets: the secrets must not be among it.
    const { result: reset, written } = await capturedOutput(() => stafThere('buat', 'kepala'));
    expect(reset.err).toBe('');
    expect(reset.code).toBe(0);
    const made = madeFor(reset.out, 'kepala');
    expect(made.uri).toBe(totpUri(made.totpSecret, 'kepala'));
    expect(reset.out).toContain(FIRST_SIGN_IN_ONLY);
    expect(written.join('')).not.toContain(made.password);
    expect(written.join('')).not.toContain(made.totpSecret);

    // The session opened before the reset now gets the sign-in page; the new password and key sign in.
    expect((await tasks(before)).headers.get('location')).toBe('/masuk?lanjut=%2Ftugas');
    const signIn = await fetch(`${url}/masuk?lanjut=%2Ftugas`, { headers: { cookie: before } });
    expect(await signIn.text()).toContain('name="kata_sandi"');
    // The Clerk, as the official, chooses a password and enrols a key of their own (it updates what it was given).
    const official = { kepala: { ...made } };
    const renewed = await new Clerk(url, official).session('kepala');
    expect((await tasks(renewed)).status).toBe(200);

    // The key is kept in the account alone (no trail event, no other record): the official's own now,
    // the printed one nowhere once replaced; and the printed password nowhere.
    const { Items = [] } = await paraf.runtime.dynamo.send(new ScanCommand({ TableName: paraf.runtime.config.table }));
    const holding = (secret: string) => Items.filter((item) => JSON.stringify(item).includes(secret)).map((i) => i.pk);
    expect(official.kepala.totpSecret).not.toBe(made.totpSecret);
    expect(holding(official.kepala.totpSecret)).toEqual(['ACCOUNT#kepala']);
    expect(holding(made.totpSecret)).toEqual([]);
    expect(holding(made.password)).toEqual([]);

    // The QR code printed beside the key, as the phone sees it on the screen, is the same otpauth address.
    expect(reset.out).toContain('  kode QR untuk aplikasi autentikator (pindai dari layar ini):\n');
    const scanned = scanTerminalQr(made.qr);
    expect(scanned).toBe(made.uri);
    expect(URI.parse(scanned).secret.base32).toBe(made.totpSecret);

    // Stopped, the folder answers the same: the same list, the same refusal.
    const listedRunning = (await stafThere('daftar')).out;
    expect(listedRunning).not.toBe(listed.out);
    await paraf.close();
    paraf = undefined;
    expect(await stafThere('daftar')).toEqual({ code: 0, out: listedRunning, err: '' });
    expect(await stafThere('buat', '--semua')).toEqual(refused);
  }, 300_000);
});

/**
 * On AWS (PARAF_TABLE) Cognito signs officials in: `staf buat` prints the signing key alone, not marked
 * to be replaced (the enrolment page is local only), so its closing words must not promise a first
 * sign-in that replaces it. Run as the operator runs it, against dynalite by the SDK's own settings.
 */
describe('npx paraf staf buat on AWS', () => {
  it('prints the signing key alone, unmarked, and says to hand it over without a first sign-in that replaces it', async () => {
    const folder = tempDataDir('paraf-staf-aws-');
    const standIns = await startStandIns(folder);
    const client = new DynamoDBClient(sdkClientSettings(standIns.aws, 'dynamodb'));
    try {
      const table = 'paraf-uji';
      await ensureTable(client, table);
      const { PARAF_DATA: _data, AWS_PROFILE: _profile, ...rest } = process.env;
      const made = await parafChild(['staf', 'buat', 'kepala'], {
        ...rest,
        AWS_REGION: 'ap-southeast-3',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: standIns.aws.standIns.endpoints.dynamodb,
        PARAF_TABLE: table,
      });
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      expect(made.out).not.toContain('kata sandi:');
      expect(made.out).not.toContain('masuk pertama kali');
      expect(made.out).toContain(
        'Serahkan kepada masing-masing pejabat secara langsung; Paraf tidak menampilkannya lagi. Kunci dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, dll.), diketik atau dengan memindai kode QR-nya.',
      );
      const { Item } = await DynamoDBDocumentClient.from(client).send(
        new GetCommand({ TableName: table, Key: accountKey('kepala') }),
      );
      expect(Item?.totpSecret).toBe(madeFor(made.out, 'kepala').totpSecret);
      expect([Item?.mustChangePassword, Item?.mustEnrolAuthenticator]).toEqual([undefined, undefined]);
    } finally {
      client.destroy();
      await standIns.close();
      removeDir(folder);
    }
  }, 120_000);
});
