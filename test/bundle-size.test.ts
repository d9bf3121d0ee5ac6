import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLambdaBundle, LAMBDA_ENTRIES } from '../bench/bench-bundles.ts';

const MB = 1024 * 1024;
/**
 * Bundles not yet within 1 MB (BENCHMARKS.md, bundles; issue 21), each held to what it was when
 * measured (2026-12-02): pdf-lib, pkijs, the docx library and the pages need a second file loaded
 * on demand, which NodejsFunction's single outfile does not make. Lower a ceiling when a bundle shrinks; remove it below 1 MB.
 */
// Raised after the merge of 2026-12-02: the structured logger (all), close-case's history sheet (the
// sheet's rendering and the seal's signing) and the uploads (web) came in after the measurement.
const NOT_YET: Record<string, number> = {
  renderDocuments: 1.9 * MB,
  signDocuments: 2.05 * MB,
  archiveCase: 1.95 * MB,
  closeCase: 2.3 * MB,
  web: 3.25 * MB,
  renewTimestamps: 1.6 * MB,
};

const out = mkdtempSync(join(tmpdir(), 'paraf-bundle-size-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Lambda bundles as CDK builds them', () => {
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES))
    it(`${name} stays within ${((NOT_YET[name] ?? MB) / MB).toFixed(2)} MB`, async () => {
      const file = join(out, `${name}.mjs`);
      await buildLambdaBundle(entry, file);
      expect(statSync(file).size).toBeLessThanOrEqual(NOT_YET[name] ?? MB);
    }, 120_000);

  it('holds no ceiling for a function that does not exist', () => {
    expect(Object.keys(NOT_YET).filter((name) => !(name in LAMBDA_ENTRIES))).toEqual([]);
  });
});
