import type { SmtpSettings } from '#mail/smtp-mail.ts';
import type { BsreSettings } from '#signing/bsre-client.ts';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParafError } from '#errors/paraf-error.ts';
import { checkPassphrase } from '#signing/key-files.ts';
import { plainAddress } from '#identity/client-address.ts';
import { pemCertificates } from '#signing/pem-to-der.ts';

/**
 * Every setting Paraf reads from its environment, read here and nowhere else: a Lambda reads them
 * once at its cold start (handlers/runtime.ts, web/lambda.ts), `npm start` and the CLI once at their
 * start, and each passes the objects on. The local runtime and the tests build a configuration
 * object instead of writing the environment.
 */

/** Where the files the code reads at run time live: the function's own root on Lambda, where the bundle carries them; the repository otherwise. */
export function readResourceRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAMBDA_TASK_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
}

/** The SDK clients' settings beyond the SDK's own (on AWS, its region and credentials come from the Lambda). */
export interface AwsClientSettings {
  /** Path-style S3 addressing (PARAF_S3_PATH_STYLE=true): s3rver, locally, has no bucket host names. */
  s3PathStyle: boolean;
  /** The local stand-ins: their endpoints, region and credentials, given to the clients directly. */
  standIns?: {
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    endpoints: { dynamodb: string; s3: string; sfn?: string; kms?: string; ses?: string };
  };
}

/** Settings of the handlers and the web app, read once from the environment; a missing one is named. */
export interface ParafConfig {
  table: string;
  bucket: string;
  /** Where people reach Paraf: the base of every e-mailed link and of the QR code's URL. */
  publicUrl: string;
  mail: 'outbox' | 'ses' | 'smtp';
  /** The office's mail server, when mail is `smtp`. */
  smtp: SmtpSettings | undefined;
  signer: 'local' | 'kms' | 'bsre';
  /**
   * BSrE's Esign Client Service, when the signer is `bsre`: its base URL (PARAF_BSRE_URL; `local`, the
   * stand-in the local runtime starts on loopback, its address filled in at start) and the
   * application's client id and secret (PARAF_BSRE_CLIENT_ID, PARAF_BSRE_CLIENT_SECRET).
   */
  bsre: BsreSettings | undefined;
  /**
   * PARAF_KEY_PASSPHRASE: the passphrase the data folder's private keys are encrypted with
   * (signing/key-files.ts), when the office chooses it; only in memory, never logged or stored.
   */
  keyPassphrase: string | undefined;
  /** The local data folder (outbox, development PKI); required by the local providers. */
  dataDir: string | undefined;
  staffFile: string;
  kmsKeysFile: string | undefined;
  mailFrom: string;
  /**
   * Who signs officials in (functions/identity): Paraf itself, with the accounts in the table
   * (`local`, the default), or the Cognito user pool (`cognito`, on AWS).
   */
  auth: { kind: 'local' } | { kind: 'cognito'; issuer: string; clientId: string; domain: string };
  /** The office's registers and their number formats (PARAF_REGISTERS; config/registers.json). */
  registersFile: string;
  /** The office's choices the seeds leave open (PARAF_OFFICE; config/office.json). */
  officeFile: string;
  /** Service hours and days off (PARAF_CALENDAR; config/calendar.json). */
  calendarFile: string;
  aws: AwsClientSettings;
  /**
   * The time-stamping authority of every signature (PAdES B-T) and of the document timestamp
   * (B-LTA), PARAF_TSA: `local`, the stand-in the local runtime starts on loopback (its address is
   * filled in at start); `rfc3161`, the RFC 3161 server at PARAF_TSA_URL (BSrE's, a commercial one),
   * with PARAF_TSA_USER and PARAF_TSA_PASSWORD where it asks for HTTP Basic; `none`, signatures
   * without a timestamp (PAdES B-B), for a deployment that has no TSA yet.
   */
  tsa: TsaSettings;
  /**
   * The OCSP responder asked about certificates that name none in their AIA (PARAF_OCSP_URL): the
   * office CA's. The local runtime fills in its stand-in's. With a TSA, the last signature of a
   * document is followed by its validation data (B-LT) and a document timestamp (B-LTA).
   */
  ocspUrl: string | undefined;
  /** The CA's CRL, carried in the DSS beside the OCSP responses; the local runtime fills in its stand-in's. */
  crlUrl?: string;
  /**
   * How long before its last timestamp's TSA certificate expires a document is renewed by the
   * scheduled renewal (PARAF_RENEWAL_MARGIN_DAYS, whole days, 365 unless set; cases/renew-timestamps.ts).
   */
  renewalMarginDays: number;
  /** The web function's state machines, SOP id -> ARN (PARAF_STATE_MACHINES, JSON); only the web function has them. */
  stateMachines: Record<string, string> | undefined;
  /**
   * Where the loket's attachments go straight from the browser (presigned POSTs, cases/issue-upload-form.ts):
   * the uploads bucket (PARAF_UPLOAD_BUCKET) and the address the browser posts to (PARAF_UPLOAD_ENDPOINT;
   * on AWS the bucket's own, from AWS_REGION; locally the runtime's policy-checking endpoint). None: the
   * attachments travel in the form's body only.
   */
  uploads: { bucket: string; endpoint: string } | undefined;
  /** The largest PDF the public verification page takes in its request body (PARAF_VERIFY_UPLOAD_MB; 15, on Lambda 4). */
  verifyUploadMaxBytes: number;
  /**
   * PARAF_PROXY: the addresses of the proxies in front of the local runtime (Caddy, comma-separated),
   * whose X-Forwarded-For names the client the sign-in throttle counts (identity/client-address.ts).
   */
  proxies: readonly string[];
  /**
   * The largest request body (PARAF_BODY_MB; 30, on Lambda 4: the platform's ~4.4 MB of multipart).
   * Larger files go to the uploads bucket first and the request references them.
   */
  bodyMaxBytes: number;
}

export type TsaSettings =
  | { provider: 'local'; url?: string }
  | { provider: 'rfc3161'; url: string; username?: string; password?: string }
  | { provider: 'none' };

/** PARAF_TSA and its address; PARAF_TSA_URL alone means `rfc3161`. */
export function readTsaSettings(env: NodeJS.ProcessEnv = process.env): TsaSettings {
  const url = env.PARAF_TSA_URL || undefined;
  const provider = oneOf(env, 'PARAF_TSA', ['local', 'rfc3161', 'none'] as const, url ? 'rfc3161' : 'local');
  if (provider !== 'rfc3161') {
    if (url)
      throw badSetting(
        `PARAF_TSA_URL diisi, tetapi PARAF_TSA bernilai "${provider}": isikan PARAF_TSA=rfc3161 untuk memakainya.`,
      );
    return { provider };
  }
  if (!url)
    throw badSetting(
      'PARAF_TSA_URL belum diisi (PARAF_TSA bernilai rfc3161): isikan alamat http:// atau https:// layanan cap waktu.',
    );
  if (!/^https?:\/\/[^/\s]+/.test(url))
    throw badSetting(`PARAF_TSA_URL bernilai "${url}": harus alamat http:// atau https://.`);
  return {
    provider,
    url,
    ...(env.PARAF_TSA_USER ? { username: env.PARAF_TSA_USER, password: env.PARAF_TSA_PASSWORD ?? '' } : {}),
  };
}

/** PARAF_OCSP_URL, an http(s) address when set. */
export function readOcspUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.PARAF_OCSP_URL || undefined;
  if (url && !/^https?:\/\/[^/\s]+/.test(url))
    throw badSetting(`PARAF_OCSP_URL bernilai "${url}": harus alamat http:// atau https://.`);
  return url;
}

/** PARAF_RENEWAL_MARGIN_DAYS, whole days from 1 to 3650; 365 unless set. */
export function readRenewalMargin(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PARAF_RENEWAL_MARGIN_DAYS || '365';
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw badSetting(`PARAF_RENEWAL_MARGIN_DAYS bernilai "${text}": harus bilangan bulat hari dari 1 sampai 3650.`);
  return days;
}

/** A setting refused: said in Bahasa Indonesia to whoever set it, naming the variable and what it accepts. */
export const badSetting = (message: string, cause?: unknown) => new ParafError('bad-setting', message, { cause });

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw badSetting(`Variabel lingkungan ${name} belum diisi.`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!(choices as readonly string[]).includes(value))
    throw badSetting(`${name} bernilai "${value}": harus salah satu dari ${choices.join(', ')}.`);
  return value as T;
}

/** The office's settings files, each named by its variable or the committed one. */
export function readOfficeFiles(
  env: NodeJS.ProcessEnv = process.env,
): Pick<ParafConfig, 'registersFile' | 'officeFile' | 'calendarFile'> {
  const committed = (name: string) => join(readResourceRoot(env), 'config', name);
  return {
    registersFile: env.PARAF_REGISTERS || committed('registers.json'),
    officeFile: env.PARAF_OFFICE || committed('office.json'),
    calendarFile: env.PARAF_CALENDAR || committed('calendar.json'),
  };
}

function readStateMachines(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const value = env.PARAF_STATE_MACHINES;
  if (!value) return undefined;
  try {
    return JSON.parse(value) as Record<string, string>;
  } catch (error) {
    throw badSetting('PARAF_STATE_MACHINES bukan JSON yang sah: harus objek JSON nama mesin dan ARN-nya.', error);
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ParafConfig {
  const mail = oneOf(env, 'PARAF_MAIL', ['outbox', 'ses', 'smtp'] as const, 'outbox');
  // The Lambda bundles leave nodemailer out (infra/aws/lambda-left-out.ts): said when the function reads its
  // configuration (web: at init; the others: their first invocation), not as mail never sent.
  if (mail === 'smtp' && env.AWS_LAMBDA_FUNCTION_NAME)
    throw badSetting(
      'PARAF_MAIL=smtp tidak tersedia pada fungsi AWS Paraf: surat dikirim melalui SES (PARAF_MAIL=ses).',
    );
  const signer = oneOf(env, 'PARAF_SIGNER', ['local', 'kms', 'bsre'] as const, 'local');
  const dataDir = env.PARAF_DATA;
  // With BSrE, the register stamp is the office's own signature: the data folder's keys, or KMS's with PARAF_KMS_KEYS.
  // With KMS the certificates are in the table (`npx paraf aws certify`); a key file is only a fallback.
  const kmsKeysFile = env.PARAF_KMS_KEYS || undefined;
  if ((mail === 'outbox' || signer === 'local' || (signer === 'bsre' && !kmsKeysFile)) && !dataDir)
    throw badSetting(
      'PARAF_DATA belum diisi: kotak keluar dan penanda tangan lokal menyimpan berkasnya di folder data itu.',
    );
  return {
    table: required(env, 'PARAF_TABLE'),
    bucket: required(env, 'PARAF_BUCKET'),
    publicUrl: checkedPublicUrl(required(env, 'PARAF_PUBLIC_URL')),
    mail,
    smtp: mail === 'smtp' ? smtpSettings(env) : undefined,
    signer,
    bsre: signer === 'bsre' ? readBsreSettings(env) : undefined,
    keyPassphrase: readKeyPassphrase(env),
    dataDir,
    staffFile: readStaffFile(env),
    kmsKeysFile: signer === 'local' ? undefined : kmsKeysFile,
    mailFrom: env.PARAF_MAIL_FROM ?? 'Paraf DPMPTSP Kaltim <paraf@dpmptsp.test>',
    auth:
      oneOf(env, 'PARAF_AUTH', ['local', 'cognito'] as const, 'local') === 'cognito'
        ? {
            kind: 'cognito',
            // https://cognito-idp.<region>.amazonaws.com/<user pool id>: the ID tokens' iss, and where the keys are.
            issuer: required(env, 'PARAF_AUTH_ISSUER').replace(/\/+$/, ''),
            clientId: required(env, 'PARAF_AUTH_CLIENT_ID'),
            // The user pool's domain (https://<prefix>.auth.<region>.amazoncognito.com): sign-in and token endpoints.
            domain: required(env, 'PARAF_AUTH_DOMAIN').replace(/\/+$/, ''),
          }
        : { kind: 'local' },
    ...readOfficeFiles(env),
    tsa: readTsaSettings(env),
    ocspUrl: readOcspUrl(env),
    renewalMarginDays: readRenewalMargin(env),
    aws: { s3PathStyle: env.PARAF_S3_PATH_STYLE === 'true' },
    stateMachines: readStateMachines(env),
    uploads: readUploads(env),
    verifyUploadMaxBytes: readMegabytes(env, 'PARAF_VERIFY_UPLOAD_MB', 15),
    proxies: readProxies(env),
    bodyMaxBytes: readMegabytes(env, 'PARAF_BODY_MB', 30),
  };
}

function readUploads(env: NodeJS.ProcessEnv): ParafConfig['uploads'] {
  const bucket = env.PARAF_UPLOAD_BUCKET;
  if (!bucket) return undefined;
  const endpoint = env.PARAF_UPLOAD_ENDPOINT || `https://${bucket}.s3.${required(env, 'AWS_REGION')}.amazonaws.com`;
  return { bucket, endpoint: endpoint.replace(/\/+$/, '') };
}

function readMegabytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback * 1024 * 1024;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw badSetting(`${name} bernilai "${value}": harus bilangan positif (megabita).`);
  return Math.round(megabytes * 1024 * 1024);
}

/** Said in Bahasa Indonesia (KeyLocked): whoever starts Paraf typed it, or set it for the office. */
function readKeyPassphrase(env: NodeJS.ProcessEnv): string | undefined {
  const passphrase = env.PARAF_KEY_PASSPHRASE || undefined;
  checkPassphrase(passphrase);
  return passphrase;
}

/** `local` (the default) is the loopback stand-in of `npm start`; any other value is the service's address. */
function readBsreSettings(env: NodeJS.ProcessEnv): BsreSettings {
  const url = env.PARAF_BSRE_URL || 'local';
  if (url === 'local') return { baseUrl: 'local', clientId: '', clientSecret: '' };
  if (!/^https?:\/\/[^/\s]+/.test(url))
    throw badSetting(`PARAF_BSRE_URL bernilai "${url}": harus alamat http:// atau https://, atau local.`);
  return {
    baseUrl: url,
    clientId: required(env, 'PARAF_BSRE_CLIENT_ID'),
    clientSecret: required(env, 'PARAF_BSRE_CLIENT_SECRET'),
    trustAnchorPems: readCaCertificates('PARAF_BSRE_CA', required(env, 'PARAF_BSRE_CA'), 'sertifikat CA BSrE'),
  };
}

/**
 * CA certificates a setting names (PEM): BSrE's, without which the public verification page would
 * read every official's signature as made under an unknown issuer, and the office mail server's own
 * CA. Read and parsed when Paraf starts, so that a wrong path stops the start with the setting named
 * rather than the first case's e-mail (or every one after it).
 */
function readCaCertificates(setting: string, file: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw badSetting(`${setting} bernilai "${file}": berkas itu tidak dapat dibaca.`);
  }
  const pems = pemCertificates(text);
  if (pems.length === 0)
    throw badSetting(
      `${setting} bernilai "${file}": berkas itu tidak memuat ${what} (PEM, -----BEGIN CERTIFICATE-----).`,
    );
  for (const [index, pem] of pems.entries()) {
    try {
      new X509Certificate(pem);
    } catch {
      throw badSetting(`${setting} bernilai "${file}": sertifikat ke-${index + 1} di dalamnya rusak.`);
    }
  }
  return pems;
}

function smtpSettings(env: NodeJS.ProcessEnv): SmtpSettings {
  const security = oneOf(env, 'PARAF_SMTP_SECURITY', ['starttls', 'tls', 'none'] as const, 'starttls');
  const port = Number(env.PARAF_SMTP_PORT ?? (security === 'tls' ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw badSetting(`PARAF_SMTP_PORT bernilai "${env.PARAF_SMTP_PORT}": harus nomor port dari 1 sampai 65535.`);
  return {
    host: required(env, 'PARAF_SMTP_HOST'),
    port,
    security,
    user: env.PARAF_SMTP_USER || undefined,
    password: env.PARAF_SMTP_PASSWORD || undefined,
    ...(env.PARAF_SMTP_CA
      ? { caPems: readCaCertificates('PARAF_SMTP_CA', env.PARAF_SMTP_CA, 'sertifikat CA peladen surat kantor') }
      : {}),
  };
}

/**
 * The SDK clients' logger: `debug`, `trace` and `warn` do nothing, and there is no `info` or `error`.
 * After every call the SDK's logger middleware runs `logger?.info?.({ input: filter(input), output:
 * filter(output) })`; its default logger has an `info` that does nothing, so the filters deep-copy
 * every request and response for nothing (80 to 130 ms of a permit's CPU in bench/profile-permit.ts).
 * Without `info` the optional call, arguments and all, is skipped. Paraf logs its own calls' outcomes.
 */
const SDK_LOGGER = { debug() {}, trace() {}, warn() {} } as unknown as Logger;

/** The SDK's logger type, as every client's configuration names it (the same for every service). */
type Logger = NonNullable<DynamoDBClientConfig['logger']>;

/** A client's settings from the configuration: the stand-in's endpoint locally, none on AWS; the quiet logger on both. */
export function sdkClientSettings(
  aws: AwsClientSettings,
  service: 'dynamodb' | 's3' | 'sfn' | 'kms' | 'ses',
): {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  endpoint?: string;
  logger: Logger;
  signer?: Signer;
} {
  // The SDK's notice that its 2027 releases need Node 22 is English printed to the IT officer's console
  // (up to three times a command) about a version the lock file already pins; README says it instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!aws.standIns) return { logger: SDK_LOGGER };
  const { region, credentials, endpoints } = aws.standIns;
  return {
    region,
    credentials,
    endpoint: endpoints[service],
    logger: SDK_LOGGER,
    ...(service === 'dynamodb' ? { signer: dynaliteSigner(credentials.accessKeyId, region) } : {}),
  };
}

/** The SDK's signer type, as every client's configuration names it. */
type Signer = Extract<NonNullable<DynamoDBClientConfig['signer']>, { sign: unknown }>;

/**
 * dynalite (the local table) checks that a request carries a SigV4 header of the right shape and
 * never checks its signature, so its requests carry one without the HMAC and the body's SHA-256 (a
 * request cost 0.73-0.79 ms of CPU against 0.87-1.09 with them, dynalite included; BENCHMARKS.md).
 * s3rver checks signatures and keeps the SDK's signer; on AWS every client signs.
 */
function dynaliteSigner(accessKeyId: string, region: string): Signer {
  return {
    async sign(request) {
      const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
      request.headers['x-amz-date'] = date;
      request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date.slice(0, 8)}/${region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
      return request;
    },
  };
}

/** PARAF_PROXY: each entry must be an IP address (as the socket reports it), or the setting is refused by name. */
function readProxies(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.PARAF_PROXY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const addresses = entries.map(plainAddress);
  const wrong = entries.filter((_, i) => !addresses[i]);
  if (wrong.length)
    throw badSetting(
      `PARAF_PROXY harus berisi alamat IP proxy (misalnya 127.0.0.1); bukan alamat IP: ${wrong.join(', ')}.`,
    );
  return addresses.filter((address) => address !== undefined);
}

/** The data folder of `npm start` and of `paraf verify` (PARAF_DATA, default ./.paraf). */
export function readDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARAF_DATA ?? '.paraf';
}

/**
 * PARAF_HOST: the address `npm start` listens on beyond loopback (a LAN, behind a TLS proxy); only
 * with accounts (start-local.ts). Unset: loopback only, where the demo sign-in may be offered.
 */
export function readListenHost(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PARAF_HOST || undefined;
}

/**
 * The staff directory (PARAF_STAFF, else the committed config/staff.json): the runtime's, and the one
 * read by the commands that need nothing else of the configuration (`npx paraf staf`, `paraf aws certify`).
 */
export function readStaffFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARAF_STAFF ?? join(readResourceRoot(env), 'config', 'staff.json');
}

/**
 * The table a CLI command reaches on AWS (PARAF_TABLE): where `npx paraf aws certify` stores the
 * certificates (unless `--table` names one) and `npx paraf staf` the accounts. `staf` works on a
 * data folder too, and one named (PARAF_DATA) wins over the table: it passes `unlessDataFolder`.
 */
export function readTableName(
  env: NodeJS.ProcessEnv = process.env,
  { unlessDataFolder = false } = {},
): string | undefined {
  if (unlessDataFolder && env.PARAF_DATA) return undefined;
  return env.PARAF_TABLE || undefined;
}

/** What the local runtime (infra/local/start-local.ts) keeps to itself, set over the environment's settings. */
export interface LocalRuntimeSettings {
  table: string;
  bucket: string;
  dataDir: string;
  /** Where it listens: the public URL unless PARAF_PUBLIC_URL names another (readLocalPublicUrl). */
  listenUrl: string;
  /** The uploads bucket and the loopback endpoint that checks the browser's posts. */
  uploads: { bucket: string; endpoint: string };
  /** Typed on the terminal by whoever ran `npm start` (infra/local/main.ts) when PARAF_KEY_PASSPHRASE is not set. */
  keyPassphrase?: string;
}

/**
 * The local runtime's configuration: the settings `npm start` read from its environment (a test's
 * own object), with the runtime's table, bucket, data folder and uploads over them; mail and signer
 * default, as everywhere, to the outbox and the data folder's keys.
 */
export function readLocalConfig(env: NodeJS.ProcessEnv, local: LocalRuntimeSettings): ParafConfig {
  return readConfig({
    ...env,
    PARAF_TABLE: local.table,
    PARAF_BUCKET: local.bucket,
    PARAF_DATA: local.dataDir,
    PARAF_PUBLIC_URL: readLocalPublicUrl(env, local.listenUrl),
    PARAF_UPLOAD_BUCKET: local.uploads.bucket,
    PARAF_UPLOAD_ENDPOINT: local.uploads.endpoint,
    ...(local.keyPassphrase === undefined ? {} : { PARAF_KEY_PASSPHRASE: local.keyPassphrase }),
  });
}

/** The local runtime's public URL: PARAF_PUBLIC_URL, or where it listens (a fresh `npm start`, the tests). */
export function readLocalPublicUrl(env: NodeJS.ProcessEnv, listenUrl: string): string {
  return env.PARAF_PUBLIC_URL ? checkedPublicUrl(env.PARAF_PUBLIC_URL) : listenUrl;
}

/**
 * The address the public and the officials open Paraf at, as every e-mail's link and every QR code
 * prints it: a whole http(s) address, written as the URL standard writes it ("https:paraf.test" and
 * " https://Paraf.test/ " become "https://paraf.test"), without the trailing slash. A value that is not
 * one stops the start (or the AWS build, `setting` paraf:publicUrl) with the setting named, before a
 * link or a permit carries it.
 */
export function checkedPublicUrl(value: string, setting = 'PARAF_PUBLIC_URL'): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || /[?#]/.test(value) || url.username || url.password)
    throw badSetting(
      `${setting} bernilai "${url?.password ? value.replace(url.password, '…') : value}": harus alamat lengkap tempat warga dan pejabat membuka Paraf, diawali http:// atau https:// (misalnya https://paraf.dpmptsp.kaltimprov.go.id), tanpa ? atau #; tautan di setiap e-mail dan kode QR setiap dokumen memuatnya.`,
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Whether PARAF_KEY_PASSPHRASE is set: `npm start` asks for the passphrase on the terminal only when it is not. */
export function hasKeyPassphrase(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.PARAF_KEY_PASSPHRASE);
}

/**
 * How many worker threads the local runtime renders, signs and archives in
 * (infra/local/handler-pool): PARAF_WORKERS, `auto` for one per core, 0 for every handler on the
 * main thread; unset, `whenUnset`. `npm start` takes `auto` when unset: with 100 and 200 permits in
 * flight on 2 cores the pool gave 1.2 to 1.4x the permits per second, and a single permit is within a
 * tenth of the main thread's time (BENCHMARKS.md, 2026-12-05, third session). A runtime started in
 * the same process (startLocal, as most tests start it) takes none unless it asks.
 */
export function readWorkerCount(env: NodeJS.ProcessEnv = process.env, whenUnset: 'none' | 'auto' = 'none'): number {
  const setting = env.PARAF_WORKERS || (whenUnset === 'auto' ? 'auto' : '');
  if (setting === '') return 0;
  if (setting === 'auto') return workersForCores(availableParallelism());
  // Said in Bahasa Indonesia to whoever started Paraf, as a wrong PORT is.
  if (!/^\d{1,2}$/.test(setting) || Number(setting) > 64)
    throw new ParafError(
      'bad-request',
      `PARAF_WORKERS harus "auto" (satu per inti prosesor) atau bilangan bulat dari 0 sampai 64 (jumlah utas kerja yang membuat dan menandatangani dokumen; 0: semuanya di proses utama), bukan "${setting}".`,
    );
  return Number(setting);
}

/**
 * `auto`'s count: one per core, none on one core (a worker there only adds its memory, about 60 MB,
 * and the hand-over), and at most 8, since Node 20 counts the host's cores, not a container's
 * quota, and each worker holds its own runtime.
 */
export const workersForCores = (cores: number): number => (cores < 2 ? 0 : Math.min(cores, 8));

/** `npm start`'s port (PORT, default 3000; 0 picks a free one); a wrong one is said in Bahasa Indonesia. */
export function readPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ParafError('bad-request', `PORT "${env.PORT}" bukan nomor port yang sah (0 sampai 65535).`);
  return port;
}

/** How the functions log and count (functions/runtime/observability.ts). */
export interface ObservabilitySettings {
  /** Lambda sets AWS_LAMBDA_FUNCTION_NAME: JSON logs and EMF metrics; elsewhere errors only and no metrics. */
  onLambda: boolean;
  /** PARAF_LOG_LEVEL: INFO on Lambda, ERROR elsewhere (npm start and the tests keep their own output). */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /**
   * PARAF_STALL_MARGIN_DAYS: how many working days past its due time a waiting step counts as stalled
   * (its reminder rounds come one working day apart; the monitoring stack alarms on it). 2 unless set.
   */
  stallMarginDays: number;
}

export function readObservability(env: NodeJS.ProcessEnv = process.env): ObservabilitySettings {
  const onLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  const logLevel = oneOf(
    env,
    'PARAF_LOG_LEVEL',
    ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const,
    onLambda ? 'INFO' : 'ERROR',
  );
  const stallMarginDays = Number(env.PARAF_STALL_MARGIN_DAYS ?? 2);
  if (!Number.isInteger(stallMarginDays) || stallMarginDays < 0)
    throw badSetting(
      `PARAF_STALL_MARGIN_DAYS bernilai "${env.PARAF_STALL_MARGIN_DAYS}": harus bilangan bulat hari kerja, 0 atau lebih.`,
    );
  return { onLambda, logLevel, stallMarginDays };
}
