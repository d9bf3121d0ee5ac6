import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { StorageStack } from './storage-stack.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What every function is told about where Paraf keeps its data and where people reach it. */
export interface FunctionSettings {
  tableName: string;
  bucketName: string;
  publicUrl: string;
  mailFrom: string;
  /** The RFC 3161 TSA the signing function asks (paraf:tsaUrl); without it signatures stay PAdES B-B. */
  tsaUrl?: string;
  /** The OCSP responder for certificates that name none (paraf:ocspUrl). */
  ocspUrl?: string;
}

/** The settings every Paraf function reads (functions/config/read-config.ts), the same on each. */
export function parafEnvironment(settings: FunctionSettings): Record<string, string> {
  return {
    PARAF_TABLE: settings.tableName,
    PARAF_BUCKET: settings.bucketName,
    PARAF_PUBLIC_URL: settings.publicUrl,
    PARAF_MAIL: 'ses',
    PARAF_MAIL_FROM: settings.mailFrom,
    // Each signer's key and certificate chain are read from the table at run time (`npx paraf aws certify`).
    PARAF_SIGNER: 'kms',
    // No TSA stand-in runs on AWS: a real one, or none (B-B) until the office names one.
    ...(settings.tsaUrl ? { PARAF_TSA: 'rfc3161', PARAF_TSA_URL: settings.tsaUrl } : { PARAF_TSA: 'none' }),
    ...(settings.ocspUrl ? { PARAF_OCSP_URL: settings.ocspUrl } : {}),
  };
}

/**
 * How cdk-nag names the wildcard finding of a policy on the archive's `cases/*` objects, which every
 * role that touches case files carries (the case ids are made at run time).
 */
export function archiveCasesFinding(storage: StorageStack): string {
  return `${storage.stackName}-ArchiveBucketArn/cases/*`;
}

/** ESM bundles for Node 22, with the templates, fonts and configuration the code reads at run time. */
export const ESM_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need require.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // No source maps: --enable-source-maps costs 20-50 ms of every cold start; kept names make the
  // minified stack traces readable enough to find the function.
  sourceMap: false,
  minify: true,
  keepNames: true,
  // The SDK is bundled at the lockfile's version rather than taken from the runtime: pinned, and it
  // initialises faster from one file (BENCHMARKS.md, bundles).
  externalModules: [],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_input: string, output: string) => [
      `cp -r ${join(ROOT, 'templates')} ${output}/templates`,
      `mkdir -p ${output}/config && cp ${join(ROOT, 'config')}/*.json ${output}/config/`,
    ],
  },
};
