import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction, ROOT } from '../infra/aws/function-defaults.ts';
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

/**
 * Reference bundles, built and timed as the functions are: what init costs before Paraf's own code.
 * Every function carries the table's client and validates its event with zod, so these two set the
 * floor under the 100 ms goal on the machine that runs the benchmark.
 */
export const FLOOR_ENTRIES: Record<string, string> = {
  'floor: nothing': join(ROOT, 'bench/bundle-floors/nothing.ts'),
  'floor: zod, 1 schema': join(ROOT, 'bench/bundle-floors/one-schema.ts'),
  'floor: zod/mini, 1 schema': join(ROOT, 'bench/bundle-floors/one-mini-schema.ts'),
  'floor: table client': join(ROOT, 'bench/bundle-floors/table-client.ts'),
};

/** The settings a function has on AWS, enough for its bundle to initialise (the values are stand-ins). */
export const AWS_ENVIRONMENT = {
  AWS_REGION: 'ap-southeast-3',
  PARAF_TABLE: 'paraf-records',
  PARAF_BUCKET: 'b',
  PARAF_PUBLIC_URL: 'https://paraf.example.test',
  PARAF_MAIL: 'ses',
  PARAF_SIGNER: 'kms',
  PARAF_STATE_MACHINES: '{}',
};

/** A function's build (bundleFunction) in sizes: what init loads, the largest file, and all of it. */
export interface BundleSizes {
  /** index.mjs and the chunks it imports statically, transitively: what Lambda's init reads and runs. */
  init: number;
  /** The npm packages in what init loads. */
  initPackages: Set<string>;
  /** The npm packages in the whole bundle, the chunks loaded on demand included. */
  packages: Set<string>;
  /** Paraf's own source files in what init loads (relative paths, as esbuild names its inputs). */
  initSources: Set<string>;
  /** Every input file in what init loads, the packages' included. */
  initInputs: Set<string>;
  /** Every input file in the whole bundle, the chunks loaded on demand included. */
  inputs: Set<string>;
  /** The largest single file. */
  largest: number;
  /** Every file, the chunks loaded on demand included. */
  total: number;
}

/** One function's bundle as CDK builds it (function-defaults.ts), into `outdir`, with its sizes. */
export function buildLambdaBundle(entry: string, outdir: string): BundleSizes {
  const { outputs } = bundleFunction(entry, outdir);
  const start = Object.keys(outputs).find((path) => path.endsWith('index.mjs'));
  if (!start) throw new Error(`${entry}: no index.mjs in the build`);
  const atInit = new Set<string>();
  const visit = (path: string) => {
    if (atInit.has(path)) return;
    atInit.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  const sizes = Object.values(outputs).map((output) => output.bytes);
  const packagesOf = (paths: Iterable<string>) =>
    new Set(
      [...paths].flatMap((path) =>
        Object.keys(outputs[path]?.inputs ?? {}).flatMap(
          (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? [],
        ),
      ),
    );
  const initPackages = packagesOf(atInit);
  const initInputs = new Set([...atInit].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {})));
  const initSources = new Set(
    [...atInit].flatMap((path) =>
      Object.keys(outputs[path]?.inputs ?? {}).filter((input) => !input.includes('node_modules/')),
    ),
  );
  return {
    initSources,
    initInputs,
    inputs: new Set(Object.values(outputs).flatMap((output) => Object.keys(output.inputs))),
    init: [...atInit].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0),
    initPackages,
    packages: packagesOf(Object.keys(outputs)),
    largest: Math.max(...sizes),
    total: sizes.reduce((sum, bytes) => sum + bytes, 0),
  };
}

/**
 * A fresh Node process importing the bundle's index.mjs (init), then, when `everything`, every
 * chunk of it too (what a first request that needs all of it adds): milliseconds from the first
 * import, wall and CPU (the CPU time says more on a shared, loaded machine).
 */
export function timeImport(dir: string, env: NodeJS.ProcessEnv, everything: boolean): { wall: number; cpu: number } {
  const chunks =
    everything && existsSync(join(dir, 'chunks'))
      ? readdirSync(join(dir, 'chunks')).map((file) => join(dir, 'chunks', file))
      : ([] as string[]);
  const script = `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(join(dir, 'index.mjs'))});for (const f of ${JSON.stringify(chunks)}) await import(f);const u=process.cpuUsage(c);console.log(JSON.stringify({wall:performance.now()-t,cpu:(u.user+u.system)/1000}))`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`import of ${dir} failed: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(5)} KB`;

/**
 * The Lambda bundles as CDK builds them (bundleFunction), their sizes, and the time to import each
 * in a fresh Node process with the function's environment: init (index.mjs and its static chunks),
 * and everything (every chunk loaded on demand as well), interleaved. Goal: init <= 1 MB and <= 100 ms.
 */
export async function benchBundles(runs: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'paraf-bundles-'));
  try {
    console.log(
      `\nLambda bundles (esbuild ${(await import('esbuild')).version}, ESM with code splitting, node22, minified, AWS SDK bundled; import median of ${runs} fresh processes each):`,
    );
    for (const [name, entry] of [...Object.entries(FLOOR_ENTRIES), ...Object.entries(LAMBDA_ENTRIES)]) {
      const dir = join(out, name.replace(/\W+/g, '-'));
      const sizes = buildLambdaBundle(entry, dir);
      const env = { PATH: process.env.PATH, LAMBDA_TASK_ROOT: dir, ...AWS_ENVIRONMENT };
      const init: { wall: number; cpu: number }[] = [];
      const all: { wall: number; cpu: number }[] = [];
      for (let run = 0; run < runs; run += 1) {
        init.push(timeImport(dir, env, false));
        all.push(timeImport(dir, env, true));
      }
      const wall = median(init.map((t) => t.wall));
      const times = (ts: { wall: number; cpu: number }[]) =>
        `${ms(median(ts.map((t) => t.wall))).padStart(7)} (CPU ${ms(median(ts.map((t) => t.cpu)))})`;
      const verdict =
        name in FLOOR_ENTRIES ? 'reference' : sizes.init <= 1024 * 1024 && wall <= 100 ? 'within goal' : 'OVER GOAL';
      console.log(
        `  ${name.padEnd(20)} init ${kb(sizes.init)} ${times(init)}   largest file ${kb(sizes.largest)}   all chunks ${kb(sizes.total)} ${times(all)}   ${verdict}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
