import { sign as signWithKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPrivateKey } from './key-files.ts';
import { pemToDer } from './pem-to-der.ts';
import type { SignerPort } from './signer-port.ts';

/** Where the development CA and the officials' keys live in a data folder. */
export const localPkiDir = (dataDir: string) => join(dataDir, 'pki');

/**
 * Signs with the development keys in `<dataDir>/pki` that LocalPki made when the local runtime
 * started. It only reads them: the certificate generator stays out of the signing function.
 */
export class LocalSigner implements SignerPort {
  private readonly dir: string;
  private readonly keys = new Map<string, { certificates: Uint8Array[]; key: KeyObject }>();

  constructor(
    dataDir: string,
    /** The passphrase the keys are encrypted with, when they are (key-files.ts). */
    private readonly passphrase?: string,
  ) {
    this.dir = localPkiDir(dataDir);
  }

  private official(officialId: string) {
    let entry = this.keys.get(officialId);
    if (!entry) {
      const certPath = join(this.dir, `${officialId}.cert.pem`);
      const caPath = join(this.dir, 'ca.cert.pem');
      if (!existsSync(certPath) || !existsSync(caPath)) {
        throw new Error(
          `no development key for official "${officialId}" in ${this.dir}: the local runtime creates one for each official of the staff directory when it starts`,
        );
      }
      entry = {
        certificates: [pemToDer(readFileSync(certPath, 'utf8')), pemToDer(readFileSync(caPath, 'utf8'))],
        key: readPrivateKey(join(this.dir, `${officialId}.key.pem`), this.passphrase),
      };
      this.keys.set(officialId, entry);
    }
    return entry;
  }

  async certificates(officialId: string): Promise<Uint8Array[]> {
    return this.official(officialId).certificates;
  }

  async sign(officialId: string, message: Uint8Array) {
    // node:crypto hashes with SHA-256 and gives the DER (r, s) that CMS carries.
    const signature = signWithKey('sha256', message, this.official(officialId).key);
    return { signature: new Uint8Array(signature), algorithm: 'ecdsa-sha256' as const };
  }
}
