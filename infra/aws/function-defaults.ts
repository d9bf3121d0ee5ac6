import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ARCHIVE_BUCKET_NAME, RECORDS_TABLE_NAME } from './storage-stack.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The settings every Paraf function reads (functions/config/read-config.ts), the same on each. */
export function parafEnvironment(settings: { publicUrl: string; mailFrom: string }): Record<string, string> {
  return {
    PARAF_TABLE: RECORDS_TABLE_NAME,
    PARAF_BUCKET: ARCHIVE_BUCKET_NAME,
    PARAF_PUBLIC_URL: settings.publicUrl,
    PARAF_MAIL: 'ses',
    PARAF_MAIL_FROM: settings.mailFrom,
    PARAF_SIGNER: 'kms',
    // The official -> key and certificate mapping, written after the certificates are issued (README).
    PARAF_KMS_KEYS: 'config/kms-keys.json',
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** ESM bundles for Node 22, with the templates, fonts and configuration the code reads at run time. */
export const ESM_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need require.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  sourceMap: true,
  minify: true,
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
