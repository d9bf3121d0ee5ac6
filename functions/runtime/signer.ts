import { createHash } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { badSetting, sdkClientSettings } from '#config/read-config.ts';
import { ParafError } from '#errors/paraf-error.ts';
import { BsreClient } from '#signing/bsre-client.ts';
import { cachedCertificates } from '#records/certificates.ts';
import { KmsSigner, kmsKeyOf, loadKmsKeys } from '#signing/kms-signer.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { fetchOcspResponseFrom, ocspAddresses } from '#signing/ocsp-client.ts';
import { ocspFacts } from '#signing/ocsp-facts.ts';
import type { SignerPort } from '#signing/signer-port.ts';
import { Rfc3161Client, type TimestampAuthority } from '#signing/timestamp-client.ts';
import type { Runtime } from './runtime.ts';

const signers = new WeakMap<Runtime, SignerPort>();

/**
 * The signer of PARAF_SIGNER, built once per runtime; with BSrE, the office's own signer of the
 * register stamp (KMS where PARAF_KMS_KEYS names the keys, else the data folder's). Kept out of runtime.ts so that only the signing
 * function carries the CMS and certificate libraries in its bundle.
 */
export function signer(rt: Runtime): SignerPort {
  let built = signers.get(rt);
  if (!built) {
    const { config } = rt;
    built =
      config.signer === 'kms' || (config.signer === 'bsre' && config.kmsKeysFile)
        ? new KmsSigner(new KMSClient(sdkClientSettings(config.aws, 'kms')), kmsKeys(rt))
        : new LocalSigner(required(config.dataDir, 'PARAF_DATA'), config.keyPassphrase);
    signers.set(rt, built);
  }
  return built;
}

/**
 * Where the KMS signer finds a signer's key and certificates: the table's certificates
 * (records/certificates.ts, stored by `npx paraf aws certify`, read again each minute), or a key
 * file where PARAF_KMS_KEYS still names one (read when the first signature is made).
 */
function kmsKeys(rt: Runtime): ConstructorParameters<typeof KmsSigner>[1] {
  const file = rt.config.kmsKeysFile;
  if (file) {
    let fromFile: ReturnType<typeof loadKmsKeys> | undefined;
    return (signerId) => {
      fromFile ??= loadKmsKeys(file);
      return fromFile(signerId);
    };
  }
  return storedKmsKeys(rt);
}

/**
 * The keys and chains `npx paraf aws certify` stored in the table. A certificate naming someone else
 * than the official the staff directory now has under its id (a new Kepala Dinas as `kepala`) is
 * not used: the case waits for the operator to certify the key again, as for a missing certificate.
 */
export function storedKmsKeys(
  rt: Pick<Runtime, 'dynamo' | 'config' | 'staff'>,
): ConstructorParameters<typeof KmsSigner>[1] {
  return async (signerId) => {
    const stored = (await cachedCertificates(rt.dynamo, rt.config.table)).get(signerId);
    if (!stored) return undefined;
    const official = rt.staff.byId(signerId);
    const named = commonName(stored.subject);
    if (official && named !== undefined && named !== official.name)
      throw new ParafError(
        'certificate-missing',
        `Sertifikat tanda tangan ${signerId} menyebut ${named}, bukan ${official.name} yang kini tercatat di daftar pejabat: operator perlu menjalankan npx paraf staf buat ${signerId} dan npx paraf aws certify. Berkas menunggu dan dicoba lagi.`,
        { details: { officialId: signerId } },
      );
    const key = kmsKeyOf(stored);
    // With a TSA every signature's revocation data is fetched at the register stamp anyway (PAdES B-LT),
    // so its responder answers; without one (B-B, opted out) none is asked.
    if (rt.config.tsa.provider !== 'none') await refuseRevoked(signerId, key.certificates, rt.config.ocspUrl);
    return key;
  };
}

/** A certificate's good answer, kept a minute: a step's three copies and a retry do not each ask. */
const knownGood = new Map<string, number>();
const GOOD_FOR_MS = 60_000;

/**
 * A certificate its CA's OCSP responder says is revoked signs nothing more: the case waits for the
 * operator (a new key and certificate for the official), as for a missing certificate. A certificate
 * naming no responder, with none configured, is not asked; a responder that does not answer fails
 * the signature, which the machine retries.
 */
async function refuseRevoked(signerId: string, chain: Uint8Array[], ocspUrl: string | undefined): Promise<void> {
  const [own, issuer] = chain;
  if (!own || !issuer) return;
  const addresses = ocspAddresses(own, ocspUrl);
  const id = createHash('sha256').update(own).digest('base64');
  if (addresses.length === 0 || (knownGood.get(id) ?? 0) > Date.now()) return;
  const statuses = ocspFacts(await fetchOcspResponseFrom(own, issuer, addresses))?.statuses ?? [];
  if (statuses.some(({ status }) => status === 'revoked'))
    throw new ParafError(
      'certificate-missing',
      `Sertifikat tanda tangan ${signerId} dicabut menurut layanan status sertifikat (OCSP): tidak ada yang ditandatangani dengannya. Operator perlu memberi pejabat itu kunci dan sertifikat baru lalu menjalankan npx paraf aws certify; berkas menunggu dan dicoba lagi.`,
      { details: { officialId: signerId } },
    );
  if (statuses.some(({ status }) => status === 'good')) knownGood.set(id, Date.now() + GOOD_FOR_MS);
}

/** The common name of a subject as the stored certificate writes it ("CN=Dr. H. Bambang Suryadi\\, S.E., 2.5.4.5=…"). */
const commonName = (subject: string) => /(?:^|,\s*)CN=((?:\\.|[^,\\])*)/.exec(subject)?.[1]?.replace(/\\(.)/g, '$1');

/** Whether signatures are made with KMS keys here, whose certificates the operator stores (not the data folder's). */
export function signsWithKms(rt: Runtime): boolean {
  return rt.config.signer === 'kms' || (rt.config.signer === 'bsre' && Boolean(rt.config.kmsKeysFile));
}

/** A setting the chosen signer cannot go without (read-config.ts checks it at start; this names it again if not). */
function required(value: string | undefined, setting: string): string {
  if (!value) throw badSetting(`Penanda tangan memerlukan ${setting}.`);
  return value;
}

const bsreClients = new WeakMap<Runtime, BsreClient>();

/** BSrE's Esign Client Service of PARAF_SIGNER=bsre, built once per runtime (the local stand-in's address filled in at start). */
export function bsreClient(rt: Runtime): BsreClient {
  let built = bsreClients.get(rt);
  if (!built) {
    const settings = rt.config.bsre;
    if (!settings || settings.baseUrl === 'local')
      throw badSetting(
        'PARAF_SIGNER bernilai bsre, tetapi alamat BSrE belum diketahui (runtime lokal menjalankan penggantinya).',
      );
    built = new BsreClient(settings);
    bsreClients.set(rt, built);
  }
  return built;
}

const authorities = new WeakMap<Runtime, TimestampAuthority | null>();

/**
 * The TSA of PARAF_TSA, built once per runtime: the local stand-in (its address filled in by the
 * local runtime when it started it), an RFC 3161 server, or none (signatures stay PAdES B-B).
 */
export function timestampAuthority(rt: Runtime): TimestampAuthority | undefined {
  let built = authorities.get(rt);
  if (built === undefined) {
    const { tsa } = rt.config;
    if (tsa.provider === 'none') built = null;
    else if (tsa.provider === 'rfc3161')
      built = new Rfc3161Client(tsa.url, { username: tsa.username, password: tsa.password });
    else if (tsa.url) built = new Rfc3161Client(tsa.url);
    else
      throw badSetting(
        'PARAF_TSA bernilai local, tetapi tidak ada pengganti TSA yang berjalan di proses ini (runtime lokal menjalankannya); di tempat lain isikan PARAF_TSA=rfc3161 dan PARAF_TSA_URL, atau PARAF_TSA=none.',
      );
    authorities.set(rt, built);
  }
  return built ?? undefined;
}

/**
 * Whether the office seal (signing/office-seal.ts) can sign here: always with the data folder's keys;
 * with KMS, once `segel-kantor`'s key is certified (stored, or mapped in PARAF_KMS_KEYS).
 */
export async function officeSealConfigured(rt: Runtime, sealId: string): Promise<boolean> {
  return !signsWithKms(rt) || Boolean(await kmsKeys(rt)(sealId));
}
