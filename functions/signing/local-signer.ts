import { sign as signWithKey, type KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { witaMoment } from '#clock/wita.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { readPrivateKey } from './key-files.ts';
import { revokedSerials, serialKey } from './revoked-serials.ts';
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
  private readonly keys = new Map<string, { certificates: Uint8Array[]; key: KeyObject; serial: string }>();

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
      const certificate = readFileSync(certPath, 'utf8');
      entry = {
        certificates: [pemToDer(certificate), pemToDer(readFileSync(caPath, 'utf8'))],
        key: readPrivateKey(join(this.dir, `${officialId}.key.pem`), this.passphrase),
        serial: serialKey(new X509Certificate(certificate).serialNumber),
      };
      this.keys.set(officialId, entry);
    }
    return entry;
  }

  async certificates(officialId: string): Promise<Uint8Array[]> {
    return this.official(officialId).certificates;
  }

  async sign(officialId: string, message: Uint8Array) {
    const { key, serial } = this.official(officialId);
    this.refuseRevoked(officialId, serial);
    // node:crypto hashes with SHA-256 and gives the DER (r, s) that CMS carries.
    const signature = signWithKey('sha256', message, key);
    return { signature: new Uint8Array(signature), algorithm: 'ecdsa-sha256' as const };
  }

  /**
   * A key whose certificate the office revoked (pki/revoked.json, read at each signature: a revocation
   * holds from the moment it is written) signs nothing more: the case waits for the operator, whose
   * restart gives the official a new key and certificate (LocalPki), and is then tried again.
   */
  private refuseRevoked(officialId: string, serial: string): void {
    const revokedAt = revokedSerials(this.dir)[serial];
    if (!revokedAt) return;
    throw new ParafError(
      'certificate-missing',
      `Sertifikat tanda tangan ${officialId} (nomor seri ${serial}) dicabut sejak ${witaMoment(new Date(revokedAt))}: tidak ada yang ditandatangani dengannya. Operator perlu memulai ulang Paraf agar pejabat itu mendapat kunci dan sertifikat baru; berkas menunggu dan dicoba lagi.`,
      { details: { officialId } },
    );
  }
}
