import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * The private keys of a data folder's pki/ (the development CA, each official, the TSA), written as
 * PKCS #8 PEM: encrypted (PBES2: PBKDF2 and AES-256-CBC, "ENCRYPTED PRIVATE KEY", what node:crypto and
 * OpenSSL both read) when the office gives a passphrase, plain otherwise. The passphrase lives only in
 * the process's memory: never written, logged or put in a record.
 */

/** The shortest passphrase accepted: a guessable one would make the encryption a formality. */
export const MIN_PASSPHRASE = 12;

/** A key file that cannot be read with the passphrase given (or without one): said in Bahasa Indonesia. */
export class KeyLocked extends ParafError {
  constructor(
    message: string,
    /** Why: no passphrase for an encrypted key, a wrong one, or one too short to take. */
    readonly reason: 'missing' | 'wrong' | 'short',
  ) {
    super('key-locked', message);
  }
}

const ENCRYPTED = '-----BEGIN ENCRYPTED PRIVATE KEY-----';
export const isEncryptedKeyFile = (path: string) => readFileSync(path, 'utf8').startsWith(ENCRYPTED);

export function checkPassphrase(passphrase: string | undefined): void {
  if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE)
    throw new KeyLocked(
      `Frasa sandi kunci penandatanganan terlalu pendek: paling sedikit ${MIN_PASSPHRASE} karakter.`,
      'short',
    );
}

/** Reads a key file, encrypted or not; an encrypted one needs the passphrase it was written with. */
export function readPrivateKey(path: string, passphrase: string | undefined): KeyObject {
  const pem = readFileSync(path, 'utf8');
  if (pem.startsWith(ENCRYPTED) && passphrase === undefined)
    throw new KeyLocked(
      `Kunci penandatanganan di ${path} terenkripsi: berikan frasa sandinya (PARAF_KEY_PASSPHRASE, atau ketik saat npm start bertanya).`,
      'missing',
    );
  try {
    return createPrivateKey(pem.startsWith(ENCRYPTED) ? { key: pem, passphrase: passphrase ?? '' } : pem);
  } catch {
    throw new KeyLocked(
      `Frasa sandi kunci penandatanganan salah: kunci ${path} tidak dapat dibuka. Tidak ada yang diubah.`,
      'wrong',
    );
  }
}

/** A key as its file holds it: encrypted with the passphrase when there is one. */
export function privateKeyPem(key: KeyObject, passphrase: string | undefined): string {
  return (
    passphrase === undefined
      ? key.export({ type: 'pkcs8', format: 'pem' })
      : key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
  ).toString();
}

/**
 * Every plain key file of the folder encrypted with the passphrase, each written beside and renamed
 * over the plain one (a kill leaves either file whole). Returns how many it encrypted; a key already
 * encrypted is only checked to open with this passphrase, so two passphrases never mix in one folder.
 */
export function encryptKeyFiles(pkiDir: string, passphrase: string): number {
  if (!existsSync(pkiDir)) return 0;
  let encrypted = 0;
  for (const name of readdirSync(pkiDir).filter((file) => file.endsWith('.key.pem'))) {
    const path = join(pkiDir, name);
    const key = readPrivateKey(path, passphrase);
    if (isEncryptedKeyFile(path)) continue;
    writeFileSync(`${path}.tmp`, privateKeyPem(key, passphrase), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    encrypted += 1;
  }
  return encrypted;
}

/** Whether the folder's keys are encrypted (the CA's key decides: every key is written the same way). */
export function keysAreEncrypted(pkiDir: string): boolean {
  const ca = join(pkiDir, 'ca.key.pem');
  return existsSync(ca) && isEncryptedKeyFile(ca);
}
