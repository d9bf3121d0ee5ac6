// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ParafError } from '#errors/paraf-error.ts';
import type { KmsOfficialKey } from './kms-signer.ts';
import { KmsSigner } from './kms-signer.ts';

/** A signer's KMS key as GetPublicKey describes it. */
export interface KmsPublicKey {
  /** The key's ARN. */
  keyId: string;
  algorithm: KmsOfficialKey['algorithm'];
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
}

/** The key behind an alias: its ARN, its public key, and the one signing algorithm Paraf uses with its spec. */
export async function kmsPublicKey(kms: KMSClient, alias: string): Promise<KmsPublicKey> {
  const answer = await kms.send(new GetPublicKeyCommand({ KeyId: alias }));
  if (!answer.KeyId || !answer.PublicKey)
    throw new ParafError('unusable-key', `KMS tidak memberi kunci publik untuk ${alias}`);
  const algorithm = answer.KeySpec?.startsWith('RSA') ? 'RSASSA_PKCS1_V1_5_SHA_256' : 'ECDSA_SHA_256';
  if (!answer.SigningAlgorithms?.includes(algorithm))
    throw new ParafError(
      'unusable-key',
      `${alias}: kunci ${answer.KeySpec} tidak dapat menandatangani dengan ${algorithm}`,
    );
  return { keyId: answer.KeyId, algorithm, spki: answer.PublicKey };
}

const SIGNATURE_OIDS: Record<KmsOfficialKey['algorithm'], string> = {
  ECDSA_SHA_256: '1.2.840.10045.4.3.2',
  RSASSA_PKCS1_V1_5_SHA_256: '1.2.840.113549.1.1.11',
};

/**
 * A PKCS#10 request for the key, signed by the key itself in KMS (through the KMS signer, as a
 * signature is): proof to the CA that whoever asks holds the key, which never leaves KMS.
 */
export async function kmsCertificateRequest(
  kms: KMSClient,
  key: KmsPublicKey,
  subject: x509.JsonName,
): Promise<string> {
  const request = new pkijs.CertificationRequest();
  request.version = 0;
  request.subject = pkijs.RelativeDistinguishedNames.fromBER(new x509.Name(subject).toArrayBuffer());
  request.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(key.spki);
  request.attributes = [];
  const signer = new KmsSigner(kms, () => ({ keyId: key.keyId, algorithm: key.algorithm, certificates: [] }));
  // biome-ignore lint/complexity/useLiteralKeys: encodeTBS is protected in pkijs's types; the bracket reaches it
  const { signature } = await signer.sign(key.keyId, new Uint8Array(request['encodeTBS']().toBER(false)));
  request.signatureAlgorithm = new pkijs.AlgorithmIdentifier({
    algorithmId: SIGNATURE_OIDS[key.algorithm],
    ...(key.algorithm === 'RSASSA_PKCS1_V1_5_SHA_256' ? { algorithmParams: new asn1js.Null() } : {}),
  });
  request.signatureValue = new asn1js.BitString({ valueHex: signature });
  return x509.PemConverter.encode(request.toSchema(true).toBER(false), 'CERTIFICATE REQUEST');
}

/** The CA's key of `--ca-key` (PKCS#8 or SEC1/PKCS#1 PEM, not encrypted) as WebCrypto signs with it. */
async function importCaKey(
  pem: string,
): Promise<{ key: webcrypto.CryptoKey; algorithm: webcrypto.EcdsaParams | webcrypto.Algorithm }> {
  const key = createPrivateKey(pem);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  if (key.asymmetricKeyType === 'ec') {
    const namedCurve = key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256';
    const algorithm = { name: 'ECDSA', namedCurve, hash: 'SHA-256' };
    return { key: await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm };
  }
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return { key: await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm };
}

/**
 * The key certified by the given CA, for an office that runs its own (BSrE certifies through the
 * CSR instead): three years, digital signature and non-repudiation, as the development CA issues.
 * Returns the chain in PEM, the new certificate first, then the CA's file as given.
 */
export async function certifyWithCa(
  key: KmsPublicKey,
  subject: x509.JsonName,
  ca: { keyPem: string; certificatePems: string[] },
  now = new Date(),
): Promise<string[]> {
  const [caPem] = ca.certificatePems;
  if (!caPem) throw new ParafError('invalid-certificate', 'berkas sertifikat CA tidak berisi sertifikat');
  const caCertificate = new x509.X509Certificate(caPem);
  const signing = await importCaKey(ca.keyPem);
  const publicKey = new x509.PublicKey(key.spki);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    subject,
    // The CA's own DER name, not its text: a verifier matches issuer to subject byte for byte.
    issuer: caCertificate.subjectName,
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 3 * 365 * 86_400_000),
    publicKey,
    signingKey: signing.key,
    signingAlgorithm: signing.algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
    ],
  });
  return [certificate.toString('pem'), ...ca.certificatePems];
}

/**
 * A returned chain checked before it is stored: its first certificate is for this KMS key (not
 * another official's), and each certificate is signed by the next. Returns the first certificate;
 * what is wrong is an `invalid-certificate` refusal.
 */
export async function checkChain(chain: string[], key: KmsPublicKey, now = new Date()): Promise<x509.X509Certificate> {
  const refuse = (problem: string) => new ParafError('invalid-certificate', problem);
  let certificates: x509.X509Certificate[];
  try {
    certificates = chain.map((pem) => new x509.X509Certificate(pem));
  } catch (error) {
    throw new ParafError('invalid-certificate', 'berkas berisi sertifikat yang tidak terbaca (bukan PEM X.509)', {
      cause: error,
    });
  }
  const [leaf] = certificates;
  if (!leaf) throw refuse('tidak ada sertifikat di berkas');
  if (Buffer.compare(Buffer.from(leaf.publicKey.rawData), Buffer.from(key.spki)) !== 0)
    throw refuse('sertifikat pertama bukan untuk kunci KMS ini (kunci publiknya berbeda)');
  if (leaf.notAfter < now) throw refuse(`sertifikat sudah berakhir ${leaf.notAfter.toISOString().slice(0, 10)}`);
  // A chain lists each certificate's issuer right after it.
  let subject = leaf;
  for (const [i, issuer] of certificates.slice(1).entries()) {
    if (!(await subject.verify({ publicKey: issuer, signatureOnly: true })))
      throw refuse(`sertifikat ke-${i + 1} tidak ditandatangani oleh sertifikat ke-${i + 2}`);
    subject = issuer;
  }
  return leaf;
}
