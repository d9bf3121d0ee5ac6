import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_INPUT } from '#sop/catalog/index.ts';
import { loadLetterSigners } from '#sop/letter-signers.ts';
import { loadRegisters } from '#sop/registers.ts';
import type { SopInput } from '#sop/schema.ts';
import { validateCatalog } from '#sop/validate-catalog.ts';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { buildSync, type Metafile } from 'esbuild';
import type { StorageStack } from './storage-stack.ts';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

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

/**
 * What a Lambda bundle carries in place of functions/sop/checked-catalog.ts: the catalog's revisions as
 * validateCatalog gives them, checked here against the registers and signers files the bundle carries
 * (config/, copied by bundleFunction; no function's environment names others, parafEnvironment), as
 * one JSON text, compressed, parsed when the runtime is first built. A bad catalog throws its CatalogError here, so
 * the build stops with the message a start from source gives.
 */
export function checkedCatalogModule(inputs: readonly SopInput[] = CATALOG_INPUT): string {
  const revisions = validateCatalog(
    inputs,
    loadRegisters(join(ROOT, 'config', 'registers.json')),
    loadLetterSigners(join(ROOT, 'config', 'signers.json')),
  );
  // Brotli-compressed: the JSON is 157 KB of every function's bundle, 20 KB so (BENCHMARKS.md, 2026-12-07).
  const packed = brotliCompressSync(JSON.stringify(revisions), {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 },
  }).toString('base64');
  return `import { brotliDecompressSync } from 'node:zlib';\nexport function checkedRevisions() {\n  return JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));\n}\n`;
}

/** Packages a Lambda bundle replaces with lambda-left-out.ts. */
export const LEFT_OUT_OF_LAMBDA = [
  'nodemailer',
  'culori',
  'html-entities',
  'node-html-better-parser',
  'source-map',
] as const;

/**
 * One function's code as esbuild builds it into `outdir` (index.mjs and chunks/): ESM for Node 22,
 * minified with names kept (readable stack traces), no source map (--enable-source-maps costs
 * 20-50 ms of a cold start), the AWS SDK bundled at the lockfile's version (pinned, and it
 * initialises faster from one file than from the runtime's many: BENCHMARKS.md, bundles), and the
 * templates, fonts and configuration the code reads at run time beside it. Code splitting keeps
 * what a dynamic import() reaches (the documents, the signature stack, SMTP) in chunks loaded when
 * a request first needs them, not at init: NodejsFunction's single outfile cannot, hence our own build.
 */
export function bundleFunction(entry: string, outdir: string): Metafile {
  // buildSync takes no plugins: the checked catalog is a file of its own, put in by `alias`.
  const generated = mkdtempSync(join(tmpdir(), 'paraf-catalog-'));
  try {
    const checkedCatalog = join(generated, 'checked-catalog.mjs');
    writeFileSync(checkedCatalog, checkedCatalogModule());
    return buildBundle(entry, outdir, {
      '#sop/checked-catalog.ts': checkedCatalog,
      // The execution role's credentials from the environment, without the chain's other sources
      // and their nested clients (150 KB of every function, BENCHMARKS.md, bundles).
      '@aws-sdk/credential-provider-node': join(ROOT, 'infra', 'aws', 'lambda-credentials.ts'),
      // Code no function runs on AWS, left out (lambda-left-out.ts says why for each).
      ...Object.fromEntries(LEFT_OUT_OF_LAMBDA.map((name) => [name, join(ROOT, 'infra', 'aws', 'lambda-left-out.ts')])),
    });
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
}

function buildBundle(entry: string, outdir: string, alias: Record<string, string>): Metafile {
  const { metafile } = buildSync({
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // ESM bundles of CommonJS dependencies need require (every chunk is a module of its own).
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    minify: true,
    keepNames: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    // The SDK's browser user-agent parser: a dynamic import only a browser's client makes (36 KB).
    external: ['bowser'],
    alias,
  });
  cpSync(join(ROOT, 'templates'), join(outdir, 'templates'), { recursive: true });
  mkdirSync(join(outdir, 'config'), { recursive: true });
  for (const file of readdirSync(join(ROOT, 'config')))
    if (file.endsWith('.json')) cpSync(join(ROOT, 'config', file), join(outdir, 'config', file));
  return metafile;
}

/**
 * A NodejsFunction's code and handler, built by bundleFunction on this machine (no Docker): the
 * asset's hash is the output's, so an unchanged build deploys nothing.
 */
export function bundledCode(entry: string): { code: Code; handler: string } {
  return {
    code: Code.fromAsset(dirname(entry), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: the local build below always answers, or throws.
        image: DockerImage.fromRegistry('paraf-builds-locally'),
        // What is built: CDK's asset cache tells the functions of one folder apart by it.
        command: ['bundleFunction', relative(ROOT, entry)],
        local: {
          tryBundle(outputDir) {
            bundleFunction(entry, outputDir);
            return true;
          },
        },
      },
    }),
    handler: 'index.handler',
  };
}
