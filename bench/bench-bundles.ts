import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESM_BUNDLING, ROOT } from '../infra/aws/function-defaults.ts';
import { LAMBDA_PLACEHOLDERS } from '#sop/lambda-placeholders.ts';
import { median, ms } from './measure.ts';

/** Every Lambda function's entry, by its role (the web API and the decision sweep besides the machines' tasks). */
export const LAMBDA_ENTRIES: Record<string, string> = {
  ...Object.fromEntries(
    Object.keys(LAMBDA_PLACEHOLDERS).map((role) => [
      role,
      join(ROOT, 'functions/handlers', `${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`),
    ]),
  ),
  web: join(ROOT, 'functions/web/lambda.ts'),
  deliverDecisions: join(ROOT, 'functions/handlers/deliver-decisions.ts'),
  renewTimestamps: join(ROOT, 'functions/handlers/renew-timestamps.ts'),
};

/** One function's bundle as CDK builds it (function-defaults.ts): minified, names kept, no source map, the AWS SDK bundled at the lockfile's version. */
export async function buildLambdaBundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ESM_BUNDLING.mainFields as string[],
    banner: { js: ESM_BUNDLING.banner! },
    minify: ESM_BUNDLING.minify ?? false,
    keepNames: ESM_BUNDLING.keepNames ?? false,
    sourcemap: ESM_BUNDLING.sourceMap ?? false,
    external: ESM_BUNDLING.externalModules ?? [],
    logLevel: 'silent',
  });
}

/** Node starting and importing nothing, then importing the bundle: the difference is the module's initialisation. */
function timeImport(file: string | undefined, env: NodeJS.ProcessEnv): number {
  const script = file
    ? `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`
    : 'console.log(0)';
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`import of ${file} failed: ${run.stderr.slice(0, 500)}`);
  return file ? Number(run.stdout.trim()) : performance.now() - started;
}

/**
 * The Lambda bundles as CDK builds them (the same esbuild options: minified, the AWS SDK bundled at
 * the lockfile's version), their size, and the time to import each in a fresh Node process with
 * the function's environment. Goal: each bundle <= 1 MB, initialisation <= 100 ms.
 */
export async function benchBundles(runs: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'paraf-bundles-'));
  try {
    console.log(
      `\nLambda bundles (esbuild ${(await import('esbuild')).version}, ESM, node22, minified, AWS SDK bundled; import time median of ${runs} fresh processes):`,
    );
    for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
      const dir = join(out, name);
      mkdirSync(dir, { recursive: true });
      await buildLambdaBundle(entry, join(dir, 'index.mjs'));
      cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
      mkdirSync(join(dir, 'config'));
      for (const file of readdirSync(join(ROOT, 'config')))
        if (file.endsWith('.json')) cpSync(join(ROOT, 'config', file), join(dir, 'config', file));
      const size = statSync(join(dir, 'index.mjs')).size;
      const env = {
        PATH: process.env.PATH,
        LAMBDA_TASK_ROOT: dir,
        AWS_REGION: 'ap-southeast-3',
        PARAF_TABLE: 'paraf-records',
        PARAF_BUCKET: 'b',
        PARAF_PUBLIC_URL: 'https://paraf.example.test',
        PARAF_MAIL: 'ses',
        PARAF_SIGNER: 'kms',
        PARAF_STATE_MACHINES: '{}',
      };
      const times = Array.from({ length: runs }, () => timeImport(join(dir, 'index.mjs'), env));
      const assets =
        (statSync(join(dir, 'templates')).isDirectory()
          ? spawnSync('du', ['-sk', join(dir, 'templates')], { encoding: 'utf8' }).stdout.split('\t')[0]
          : '0') ?? '0';
      console.log(
        `  ${name.padEnd(16)} ${(size / 1024).toFixed(0).padStart(5)} KB code (+${assets} KB templates and fonts)   init median ${ms(median(times))}   ${size <= 1024 * 1024 && median(times) <= 100 ? 'within goal' : 'OVER GOAL'}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
