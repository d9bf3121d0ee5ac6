// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { createPrivateKey, sign as signWithKey, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { SignerPort } from './signer-port.ts';

export interface OfficialIdentity {
  id: string;
  name: string;
  nip: string;
  position: string;
}

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// @peculiar/x509 types its provider with the DOM's Crypto; Node's webcrypto is that same interface.
x509.cryptoProvider.set(webcrypto as never);
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const ORGANISATION = 'DPMPTSP Provinsi Kalimantan Timur';

/** Writes beside and renames, refusing to replace: two processes creating the same key cannot both win. */
function writeOnce(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  if (existsSync(path)) return;
  renameSync(temporary, path);
}

async function newKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`;
}

/**
 * Development PKI: a CA and one ECDSA P-256 key and certificate per official, created the first
 * time they are needed, in `<dataDir>/pki`. Never committed; trusted only by whoever imports the CA.
 */
export class LocalSigner implements SignerPort {
  private readonly dir: string;
  private ca?: Promise<{ certificate: x509.X509Certificate; key: CryptoKey }>;
  private readonly officials = new Map<string, Promise<{ certificate: Uint8Array; keyPem: string }>>();

  constructor(dataDir: string, private readonly directory: (id: string) => OfficialIdentity | undefined) {
    this.dir = join(dataDir, 'pki');
  }

  /** The CA certificate in PEM, to import into a trust store (pdfsig's NSS database, a PDF reader). */
  async caCertificatePem(): Promise<string> {
    return (await this.authority()).certificate.toString('pem');
  }

  private authority() {
    this.ca ??= (async () => {
      mkdirSync(this.dir, { recursive: true });
      const certPath = join(this.dir, 'ca.cert.pem');
      const keyPath = join(this.dir, 'ca.key.pem');
      if (!existsSync(certPath)) {
        const keys = await newKeyPair();
        const certificate = await x509.X509CertificateGenerator.createSelfSigned({ 
          serialNumber: randomSerial(),
          name: `CN=Paraf Development CA, O=${ORGANISATION}, C=ID`,
          notBefore: new Date(Date.now() - 86_400_000),
          notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
          keys,
          signingAlgorithm: ALGORITHM,
          extensions: [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
          ],
        });
        writeOnce(keyPath, await pkcs8Pem(keys.privateKey));
        writeOnce(certPath, certificate.toString('pem'));
      }
      const certificate = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
      const key = await webcrypto.subtle.importKey('pkcs8', pemBody(readFileSync(keyPath, 'utf8')), ALGORITHM, false, ['sign']);
      return { certificate, key };
    })();
    return this.ca;
  }

  private official(id: string) {
    let entry = this.officials.get(id);
    if (!entry) {
      entry = (async () => {
        const identity = this.directory(id);
        if (!identity) throw new Error(`unknown official "${id}"`);
        const certPath = join(this.dir, `${id}.cert.pem`);
        const keyPath = join(this.dir, `${id}.key.pem`);
        if (!existsSync(certPath)) {
          const ca = await this.authority();
          const keys = await newKeyPair();
          const certificate = await x509.X509CertificateGenerator.create({
            serialNumber: randomSerial(),
            // CN the name, serialNumber the NIP, title the position: what a verifier shows of the signer.
            subject: [{ '2.5.4.3': [identity.name] }, { '2.5.4.5': [identity.nip] }, { '2.5.4.12': [identity.position] }, { '2.5.4.10': [ORGANISATION] }, { '2.5.4.6': ['ID'] }],
            issuer: ca.certificate.subject,
            notBefore: new Date(Date.now() - 86_400_000),
            notAfter: new Date(Date.now() + 3 * 365 * 86_400_000),
            publicKey: keys.publicKey,
            signingKey: ca.key,
            signingAlgorithm: ALGORITHM,
            extensions: [
              new x509.BasicConstraintsExtension(false, undefined, true),
              new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
              await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
              await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
            ],
          });
          writeOnce(keyPath, await pkcs8Pem(keys.privateKey));
          writeOnce(certPath, certificate.toString('pem'));
        }
        return { certificate: new Uint8Array(new x509.X509Certificate(readFileSync(certPath, 'utf8')).rawData), keyPem: readFileSync(keyPath, 'utf8') };
      })();
      this.officials.set(id, entry);
      entry.catch(() => this.officials.delete(id));
    }
    return entry;
  }

  /**
   * Has the development CA certify a key held elsewhere (a KMS key's public key, from GetPublicKey),
   * as the office CA or BSrE would in production. Returns the certificate and the CA's, in DER.
   */
  async issueCertificate(identity: OfficialIdentity, subjectPublicKeyInfo: Uint8Array): Promise<Uint8Array[]> {
    const ca = await this.authority();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: [{ '2.5.4.3': [identity.name] }, { '2.5.4.5': [identity.nip] }, { '2.5.4.12': [identity.position] }, { '2.5.4.10': [ORGANISATION] }, { '2.5.4.6': ['ID'] }],
      issuer: ca.certificate.subject,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 3 * 365 * 86_400_000),
      publicKey: new x509.PublicKey(subjectPublicKeyInfo),
      signingKey: ca.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      ],
    });
    return [new Uint8Array(certificate.rawData), new Uint8Array(ca.certificate.rawData)];
  }

  async certificates(officialId: string): Promise<Uint8Array[]> {
    const [official, ca] = await Promise.all([this.official(officialId), this.authority()]);
    return [official.certificate, new Uint8Array(ca.certificate.rawData)];
  }

  async sign(officialId: string, message: Uint8Array) {
    const { keyPem } = await this.official(officialId);
    // node:crypto hashes with SHA-256 and gives the DER (r, s) that CMS carries.
    const signature = signWithKey('sha256', message, createPrivateKey(keyPem));
    return { signature: new Uint8Array(signature), algorithm: 'ecdsa-sha256' as const };
  }
}

function randomSerial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
