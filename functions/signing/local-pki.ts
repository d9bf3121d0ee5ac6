// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { KeyObject, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { localPkiDir } from './local-signer.ts';
import { privateKeyPem, readPrivateKey } from './key-files.ts';
import * as x509 from '@peculiar/x509';
import { revokedSerials, serialKey } from './revoked-serials.ts';

export interface OfficialIdentity {
  id: string;
  name: string;
  nip: string;
  position: string;
}

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// Node's global Web Crypto (the Crypto interface @peculiar/x509's provider is typed with).
x509.cryptoProvider.set(globalThis.crypto);
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
export const ORGANISATION = 'DPMPTSP Provinsi Kalimantan Timur';

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

/** The key's file: PKCS #8 PEM, encrypted when the office gave a passphrase (key-files.ts). */
const keyFileText = (key: CryptoKey, passphrase: string | undefined) =>
  privateKeyPem(KeyObject.from(key as Parameters<typeof KeyObject.from>[0]), passphrase);

/**
 * The local PKI: a CA and one ECDSA P-256 key and certificate per official, in `<dataDir>/pki`,
 * created by the local runtime when it starts (LocalSigner only reads them, so the signing function
 * carries no certificate generator). Never committed; trusted only by whoever imports the CA. Its
 * names ("Otoritas Sertifikat Lokal", "Layanan Stempel Waktu Lokal") show on the public verification page, so they are in
 * Bahasa Indonesia and say the CA is the office's own, not BSrE's. Folders made before keep the
 * names they were made with.
 */
export class LocalPki {
  private readonly dir: string;
  private ca?: Promise<{ certificate: x509.X509Certificate; key: CryptoKey }>;

  /**
   * `authority` names the CA and the organisation of the certificates it issues: the office's
   * development CA unless given (the tests' BSrE stand-in names itself after BSrE).
   */
  constructor(
    dataDir: string,
    private readonly authorityName: { ca: string; organisation: string } = {
      ca: `CN=Otoritas Sertifikat Lokal, O=${ORGANISATION}, C=ID`,
      organisation: ORGANISATION,
    },
    /** The passphrase the keys are (to be) encrypted with, when the office chose one. */
    private readonly passphrase?: string,
    /**
     * Where the app publishes the CA's CRL and certificate (`<public URL>/pki`, web/pki-routes.ts):
     * named in the certificates issued from now on (cRLDistributionPoints, authorityInfoAccess
     * caIssuers), so a verifier finds the revocation list without the document's DSS.
     */
    private readonly publishedAt?: string,
  ) {
    this.dir = localPkiDir(dataDir);
  }

  /**
   * Creates the CA, then a key and certificate for each official who has none yet; existing ones stay,
   * but for those set aside (a successor under the id, a revoked certificate), which it returns.
   */
  async ensureOfficials(identities: readonly OfficialIdentity[]): Promise<SetAside[]> {
    await this.authority();
    const setAside: SetAside[] = [];
    for (const identity of identities) {
      const retired = await this.official(identity);
      if (retired) setAside.push(retired);
    }
    return setAside;
  }

  /**
   * The office's system seal (office-seal.ts): a key and certificate under the CA like an
   * official's, its subject the seal's name and the organisation, with no NIP or position.
   */
  async ensureSeal(seal: { id: string; name: string }): Promise<SetAside | undefined> {
    const subject: x509.JsonName = [
      { '2.5.4.3': [seal.name] },
      { '2.5.4.10': [this.authorityName.organisation] },
      { '2.5.4.6': ['ID'] },
    ];
    // A revoked seal (or one of another name) is set aside as an official's is: history sheets need a seal that signs.
    const retired = this.retireIfAnother(seal.id, subject);
    await this.keyAndCertificate(seal.id, (keys) => this.certify(subject, keys.publicKey));
    return retired;
  }

  /** The CA certificate in PEM, to import into a trust store (pdfsig's NSS database, a PDF reader). */
  async caCertificatePem(): Promise<string> {
    return (await this.authority()).certificate.toString('pem');
  }

  private authority() {
    this.ca ??= (async () => {
      mkdirSync(this.dir, { recursive: true });
      const { certPath, keyPath } = await this.keyAndCertificate('ca', async (keys) =>
        x509.X509CertificateGenerator.createSelfSigned({
          serialNumber: randomSerial(),
          name: this.authorityName.ca,
          notBefore: new Date(Date.now() - 86_400_000),
          notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
          keys,
          signingAlgorithm: ALGORITHM,
          extensions: [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
          ],
        }),
      );
      const certificate = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
      const der = readPrivateKey(keyPath, this.passphrase).export({ type: 'pkcs8', format: 'der' });
      const key = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
      return { certificate, key };
    })();
    return this.ca;
  }

  /**
   * The development CA's certificate revocation list (RFC 5280 5), DER, signed by the CA now and due
   * again in seven days: `revoked` maps a serial (hex) to its revocation time, as pki/revoked.json does.
   */
  async certificateRevocationList(revoked: Readonly<Record<string, string>>, now = new Date()): Promise<Uint8Array> {
    const { certificate, key } = await this.authority();
    const crl = await x509.X509CrlGenerator.create({
      issuer: certificate.subject,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
      entries: Object.entries(revoked).map(([serialNumber, at]) => ({ serialNumber, revocationDate: new Date(at) })),
      signingKey: key,
      signingAlgorithm: ALGORITHM,
    });
    return new Uint8Array(crl.rawData);
  }

  private async official(identity: OfficialIdentity): Promise<SetAside | undefined> {
    const subject = officialSubject(identity, this.authorityName.organisation);
    const retired = this.retireIfAnother(identity.id, subject);
    await this.keyAndCertificate(identity.id, (keys) => this.certify(subject, keys.publicKey));
    return retired;
  }

  /**
   * An official whose name, NIP or position changed under the same id (a new Kepala Dinas in the
   * staff directory) gets a key and certificate of their own at this start: the pair that names
   * another is set aside as `<id>.diganti-<serial>.{key,cert}.pem`, never used again, and kept, since
   * the permits it signed carry its certificate and still verify against the CA. The key goes first,
   * so that a start cut short between the two renames finds the old certificate alone and sets it
   * aside too, rather than certifying a new key beside the old one.
   */
  private retireIfAnother(id: string, subject: x509.JsonName): SetAside | undefined {
    const certPath = join(this.dir, `${id}.cert.pem`);
    if (!existsSync(certPath)) return undefined;
    const current = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
    // A revoked certificate is set aside as well: the official signs again with a new pair (LocalSigner refuses the old).
    const revoked = Boolean(revokedSerials(this.dir)[serialKey(current.serialNumber)]);
    if (current.subject === new x509.Name(subject).toString() && !revoked) return undefined;
    const retired = (kind: 'key' | 'cert') => join(this.dir, `${id}.diganti-${current.serialNumber}.${kind}.pem`);
    const keyPath = join(this.dir, `${id}.key.pem`);
    if (existsSync(keyPath)) renameSync(keyPath, retired('key'));
    renameSync(certPath, retired('cert'));
    return { id, serial: current.serialNumber, why: revoked ? 'revoked' : 'another' };
  }

  /**
   * `<name>.key.pem` and `<name>.cert.pem` in the PKI folder, made once: a new key pair, certified by
   * `issue`. The key is written first, so that a certificate on disk means its key is there too.
   */
  private async keyAndCertificate(
    name: string,
    issue: (keys: CryptoKeyPair) => Promise<x509.X509Certificate>,
  ): Promise<{ certPath: string; keyPath: string }> {
    const certPath = join(this.dir, `${name}.cert.pem`);
    const keyPath = join(this.dir, `${name}.key.pem`);
    if (!existsSync(certPath)) {
      const keys = await newKeyPair();
      const certificate = await issue(keys);
      writeOnce(keyPath, keyFileText(keys.privateKey, this.passphrase));
      writeOnce(certPath, certificate.toString('pem'));
    }
    return { certPath, keyPath };
  }

  /**
   * The local time-stamping authority's key and certificate (`tsa.key.pem`, `tsa.cert.pem`), made
   * under the development CA when there are none (renewTimestampAuthority sets an ending pair aside
   * first): extended key usage id-kp-timeStamping, critical and alone, as RFC 3161 (2.3) requires of
   * a TSA certificate. Returns the PEMs, the TSA's first.
   */
  async timestampAuthority(marginDays = 0): Promise<{ keyPem: string; certificatePems: string[] }> {
    const ca = await this.authority();
    const { certPath, keyPath } = await this.keyAndCertificate('tsa', async (keys) =>
      this.certify(`CN=Layanan Stempel Waktu Lokal, O=${this.authorityName.organisation}, C=ID`, keys.publicKey, {
        notAfter: await this.timestampAuthorityEnd(marginDays),
        extendedUsage: new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      }),
    );
    return {
      // Opened here, held only in memory: the stand-in (or a test's openssl) gets the key itself.
      keyPem: readPrivateKey(keyPath, this.passphrase).export({ type: 'pkcs8', format: 'pem' }).toString(),
      certificatePems: [readFileSync(certPath, 'utf8'), ca.certificate.toString('pem')],
    };
  }

  /**
   * A new TSA certificate's end: five years, or longer when the renewal margin is (so that it does not
   * enter the margin at once and get replaced at every start), never after the CA's own end, since a
   * certificate outliving its issuer's verifies nowhere.
   */
  private async timestampAuthorityEnd(marginDays: number): Promise<Date> {
    const ca = await this.authority();
    const wanted = Date.now() + Math.max(5 * 365, marginDays + 365) * 86_400_000;
    return new Date(Math.min(wanted, ca.certificate.notAfter.getTime()));
  }

  /**
   * At start: a TSA certificate that ends within `marginDays` of now (PARAF_RENEWAL_MARGIN_DAYS) is
   * set aside with its key as `tsa.diganti-<serial>.{key,cert}.pem`, as retireIfAnother does for an
   * official, and a new pair is made, so that `paraf archive renew` gives the archive timestamps that
   * outlast the margin. The old pair is kept: its certificate is in the timestamps it made, and the
   * OCSP stand-in still answers for it (it knows every certificate file in the folder). Nothing is
   * set aside when a new certificate would end no later (the CA itself ends first): the office must
   * then replace its CA (README). Answers the certificate set aside, if one was.
   */
  async renewTimestampAuthority(marginDays: number): Promise<{ retired: string; until: Date } | undefined> {
    const certPath = join(this.dir, 'tsa.cert.pem');
    if (!existsSync(certPath)) return undefined;
    const current = new x509.X509Certificate(readFileSync(certPath, 'utf8'));
    if (current.notAfter.getTime() > Date.now() + marginDays * 86_400_000) return undefined;
    // A day's gain at least: a CA ending within the margin would otherwise have its TSA replaced at every start.
    if ((await this.timestampAuthorityEnd(marginDays)).getTime() < current.notAfter.getTime() + 86_400_000)
      return undefined;
    const retired = (kind: 'key' | 'cert') => join(this.dir, `tsa.diganti-${current.serialNumber}.${kind}.pem`);
    const keyPath = join(this.dir, 'tsa.key.pem');
    // The key first, as retireIfAnother: a start cut short between the renames finds the certificate alone and sets it aside too.
    if (existsSync(keyPath)) renameSync(keyPath, retired('key'));
    renameSync(certPath, retired('cert'));
    await this.timestampAuthority(marginDays);
    return { retired: current.serialNumber, until: current.notAfter };
  }

  /**
   * Has the development CA certify a key held elsewhere (a KMS key's public key, from GetPublicKey),
   * as the office CA or BSrE would in production. Returns the certificate and the CA's, in DER.
   */
  async issueCertificate(identity: OfficialIdentity, subjectPublicKeyInfo: Uint8Array): Promise<Uint8Array[]> {
    const certificate = await this.certify(
      officialSubject(identity, this.authorityName.organisation),
      new x509.PublicKey(subjectPublicKeyInfo),
    );
    return [new Uint8Array(certificate.rawData), new Uint8Array((await this.authority()).certificate.rawData)];
  }

  /**
   * An end-entity certificate under the development CA: three years unless `notAfter` says otherwise,
   * and an extended key usage where the holder needs one (the TSA's id-kp-timeStamping).
   */
  private async certify(
    subject: x509.JsonName | string,
    publicKey: CryptoKey | x509.PublicKey,
    {
      notAfter = new Date(Date.now() + 3 * 365 * 86_400_000),
      extendedUsage,
    }: { notAfter?: Date; extendedUsage?: x509.Extension } = {},
  ): Promise<x509.X509Certificate> {
    const ca = await this.authority();
    return x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: ca.certificate.subject,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter,
      publicKey,
      signingKey: ca.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        ...(extendedUsage ? [extendedUsage] : []),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
        ...this.publicationExtensions(),
      ],
    });
  }

  /** The CRL's and the CA certificate's addresses, when the app publishes them. */
  private publicationExtensions(): x509.Extension[] {
    if (!this.publishedAt) return [];
    return [
      new x509.CRLDistributionPointsExtension([`${this.publishedAt}/ca.crl`]),
      // The responder at `/ocsp` is served, but not named yet: NSS (pdfsig, Firefox) then asks it
      // online on every check, and the tests that run pdfsig synchronously beside the in-process app
      // would block it. Named once those checks are asynchronous (ARCHITECTURE.md, PAdES levels).
      new x509.AuthorityInfoAccessExtension({ caIssuers: `${this.publishedAt}/ca.crt` }),
    ];
  }

  /** The CA's CRL as of now, listing what `pki/revoked.json` revokes (the OCSP stand-in answers from the same file). */
  async currentRevocationList(now = new Date()): Promise<Uint8Array> {
    return this.certificateRevocationList(revokedSerials(this.dir), now);
  }

  /** The CA certificate in DER, for authorityInfoAccess caIssuers. */
  async caCertificateDer(): Promise<Uint8Array> {
    return new Uint8Array((await this.authority()).certificate.rawData);
  }
}

/** An official's key and certificate set aside at a start, and why: a successor under the id, or revoked. */
export interface SetAside {
  id: string;
  serial: string;
  why: 'revoked' | 'another';
}

/** CN the name, serialNumber the NIP, title the position: what a verifier shows of the signer. */
export function officialSubject(identity: OfficialIdentity, organisation: string): x509.JsonName {
  return [
    { '2.5.4.3': [identity.name] },
    { '2.5.4.5': [identity.nip] },
    { '2.5.4.12': [identity.position] },
    { '2.5.4.10': [organisation] },
    { '2.5.4.6': ['ID'] },
  ];
}

function randomSerial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}
