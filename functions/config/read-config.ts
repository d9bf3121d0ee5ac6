import type { SmtpSettings } from '#mail/smtp-mail.ts';
import { resourcePath } from './resource-path.ts';

/** Settings of the handlers and the web app, read once from the environment; a missing one is named. */
export interface ParafConfig {
  table: string;
  bucket: string;
  /** Where people reach Paraf: the base of every e-mailed link and of the QR code's URL. */
  publicUrl: string;
  mail: 'outbox' | 'ses' | 'smtp';
  /** The office's mail server, when mail is `smtp`. */
  smtp: SmtpSettings | undefined;
  signer: 'local' | 'kms';
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
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new Error(`environment variable ${name} is "${value}"; expected one of ${choices.join(', ')}`);
  return value as T;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ParafConfig {
  const mail = oneOf(env, 'PARAF_MAIL', ['outbox', 'ses', 'smtp'] as const, 'outbox');
  const signer = oneOf(env, 'PARAF_SIGNER', ['local', 'kms'] as const, 'local');
  const dataDir = env.PARAF_DATA;
  if ((mail === 'outbox' || signer === 'local') && !dataDir)
    throw new Error(
      'environment variable PARAF_DATA is not set (the outbox and the local signer keep their files there)',
    );
  return {
    table: required(env, 'PARAF_TABLE'),
    bucket: required(env, 'PARAF_BUCKET'),
    publicUrl: required(env, 'PARAF_PUBLIC_URL').replace(/\/+$/, ''),
    mail,
    smtp: mail === 'smtp' ? smtpSettings(env) : undefined,
    signer,
    dataDir,
    staffFile: env.PARAF_STAFF ?? resourcePath('config', 'staff.json'),
    kmsKeysFile: signer === 'kms' ? required(env, 'PARAF_KMS_KEYS') : undefined,
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
  };
}

function smtpSettings(env: NodeJS.ProcessEnv): SmtpSettings {
  const security = oneOf(env, 'PARAF_SMTP_SECURITY', ['starttls', 'tls', 'none'] as const, 'starttls');
  const port = Number(env.PARAF_SMTP_PORT ?? (security === 'tls' ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`environment variable PARAF_SMTP_PORT is "${env.PARAF_SMTP_PORT}"; expected a port number`);
  return {
    host: required(env, 'PARAF_SMTP_HOST'),
    port,
    security,
    user: env.PARAF_SMTP_USER || undefined,
    password: env.PARAF_SMTP_PASSWORD || undefined,
    caFile: env.PARAF_SMTP_CA || undefined,
  };
}
