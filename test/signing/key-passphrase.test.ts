import { spawn, spawnSync } from 'node:child_process';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyLocked } from '#signing/key-files.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { startLocal, type LocalParaf } from '#local/start-local.ts';
import { once } from '../support/once.ts';
import { freePort, ParafProcess } from '../support/paraf-process.ts';

/**
 * The signing keys of a data folder encrypted at rest with the office's passphrase (README, "Signing
 * keys at rest"): given in PARAF_KEY_PASSPHRASE or typed when `npm start` asks on a terminal. Checked
 * with OpenSSL, which did not write the files.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSPHRASE = 'kunci-rahasia-kantor-2026';
const work = tempDataDir('paraf-kunci-');
afterAll(async () => {
  for (const paraf of running.splice(0)) await paraf.close();
  removeDir(work);
});

const keyFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'pki'))
    .filter((name) => name.endsWith('.key.pem'))
    .map((name) => join(dataDir, 'pki', name));

/** Every file of the folder, as bytes: the passphrase must be in none of them (records, trail, executions). */
function everyFile(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [readFileSync(path)];
  });
}

const opensslOpens = (file: string, passphrase?: string) =>
  spawnSync('openssl', ['pkey', '-in', file, '-noout', '-passin', `pass:${passphrase ?? ''}`]).status === 0;

const running: LocalParaf[] = [];
/** The runtime as npm start builds it, the passphrase given in its environment. */
async function start(dataDir: string, passphrase?: string) {
  const paraf = await startLocal({ dataDir, port: 0, env: passphrase ? { PARAF_KEY_PASSPHRASE: passphrase } : {} });
  running.push(paraf);
  return paraf;
}
async function stop(paraf: LocalParaf) {
  running.splice(running.indexOf(paraf), 1);
  await paraf.close();
}

/** A new data folder started once with the passphrase: its keys are written encrypted. */
const encryptedFolder = once(async () => {
  const dataDir = join(work, 'baru');
  await stop(await start(dataDir, PASSPHRASE));
  return dataDir;
});

describe('signing keys encrypted with the office passphrase', () => {
  it('writes every key encrypted, signs with them, and keeps the passphrase out of the folder', async () => {
    const dataDir = await encryptedFolder();
    const keys = keyFiles(dataDir);
    expect(keys.length).toBeGreaterThan(3); // the CA, the TSA, each official
    for (const key of keys) {
      expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      expect(opensslOpens(key, PASSPHRASE), key).toBe(true);
      expect(opensslOpens(key, 'bukan-frasa-yang-benar'), key).toBe(false);
    }
    // A signature made with an official's encrypted key verifies against that official's certificate.
    const signer = new LocalSigner(dataDir, PASSPHRASE);
    const message = Buffer.from('naskah yang ditandatangani');
    const { signature } = await signer.sign('kepala', message);
    const [certificate] = await signer.certificates('kepala');
    expect(verify('sha256', message, new X509Certificate(certificate!).publicKey, signature)).toBe(true);
    await expect(new LocalSigner(dataDir).sign('kepala', message)).rejects.toThrow(KeyLocked);
    const secret = Buffer.from(PASSPHRASE);
    expect(everyFile(dataDir).some((bytes) => bytes.includes(secret))).toBe(false);
  }, 120_000);

  it("encrypts a plain folder's keys when the office chooses a passphrase, keeping its certificates", async () => {
    const dataDir = join(work, 'polos');
    await stop(await start(dataDir));
    const plain = keyFiles(dataDir);
    const certificate = readFileSync(join(dataDir, 'pki', 'kepala.cert.pem'));
    expect(readFileSync(plain[0]!, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await stop(await start(dataDir, PASSPHRASE));
    for (const key of plain) expect(readFileSync(key, 'utf8'), key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(readFileSync(join(dataDir, 'pki', 'kepala.cert.pem'))).toEqual(certificate);
  }, 120_000);

  it('refuses to start without the passphrase or with a wrong one, changing no key', async () => {
    const dataDir = await encryptedFolder();
    const before = keyFiles(dataDir).map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
    await expect(start(dataDir)).rejects.toThrow(/terenkripsi: berikan frasa sandinya/);
    await expect(start(dataDir, 'frasa-sandi-yang-keliru')).rejects.toThrow('Frasa sandi kunci penandatanganan salah');
    await expect(start(dataDir, 'pendek')).rejects.toThrow('paling sedikit 12 karakter');
    const after = keyFiles(dataDir).map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(after).toEqual(before);
  }, 120_000);

  it('npm start asks for it on a terminal without showing it, and stops naming it when there is no terminal', async () => {
    const dataDir = await encryptedFolder();
    const port = await freePort();
    const env = {
      ...process.env,
      PARAF_DATA: dataDir,
      PORT: String(port),
      PARAF_PUBLIC_URL: '',
      PARAF_KEY_PASSPHRASE: '',
    };
    const noTerminal = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      cwd: root,
      env,
      input: '',
      encoding: 'utf8',
      // It must stop at once; one that started Paraf instead would never return.
      timeout: 60_000,
    });
    expect(noTerminal.status).toBe(1);
    expect(noTerminal.stderr).toContain('Kunci penandatanganan di folder data terenkripsi');
    // util-linux's script gives npm start a terminal; what is typed into it goes to the question.
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx infra/local/main.ts`, '/dev/null'], {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 90_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Frasa sandi kunci penandatanganan:') && !output.includes('\u0000asked')) {
          output += '\u0000asked';
          child.stdin!.write(`${PASSPHRASE}\n`);
        }
        if (output.includes('Tekan Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Ctrl+C on that terminal: npm start stops its stand-ins and lets go of the folder.
    child.stdin!.write('\u0003');
    await exited;
    expect(output).toContain('Paraf berjalan di');
    expect(output).not.toContain(PASSPHRASE);
    // Encrypted before this start: nothing new to say about it.
    expect(output).not.toContain('kini terenkripsi');
  }, 120_000);

  it('npm start says, on the start that encrypts the keys, that every later start needs the passphrase', async () => {
    const paraf = new ParafProcess(join(work, 'baru-dienkripsi'), await freePort(), undefined, {
      PARAF_KEY_PASSPHRASE: PASSPHRASE,
    });
    expect(await paraf.start()).toEqual({ url: paraf.url });
    await paraf.stop();
    expect(paraf.output).toContain(
      'kunci penandatanganan kini terenkripsi dengan frasa sandi: setiap npm start berikutnya memerlukannya',
    );
    expect(paraf.output).not.toContain(PASSPHRASE);
    // A wrong one at the next start: refused, and npm start says what to do.
    const wrong = new ParafProcess(paraf.dataDir, await freePort(), undefined, {
      PARAF_KEY_PASSPHRASE: 'frasa-sandi-yang-keliru',
    });
    const refused = await wrong.start();
    expect(refused).toMatchObject({ code: 1 });
    expect(wrong.output).toContain('Frasa sandi kunci penandatanganan salah');
    expect(wrong.output).toContain('Jalankan npm start lagi dengan frasa sandi kantor yang benar');
  }, 120_000);
});
