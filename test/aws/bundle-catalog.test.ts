import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { bundleFunction, checkedCatalogModule, ROOT } from '../../infra/aws/function-defaults.ts';
import { checkedRevisions } from '#sop/checked-catalog.ts';
import type { SopInput } from '#sop/schema.ts';
import { CatalogError } from '#sop/validate-catalog.ts';

/** The catalog every module of this file sees: the office's, with one entry swapped for a bad one by a test. */
const catalog = vi.hoisted(() => ({ inputs: [] as SopInput[] }));
vi.mock('#sop/catalog/index.ts', async (original) => {
  catalog.inputs.push(...(await original<typeof import('#sop/catalog/index.ts')>()).CATALOG_INPUT);
  return { CATALOG_INPUT: catalog.inputs };
});

const out = mkdtempSync(join(tmpdir(), 'paraf-bundle-catalog-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const office = [...catalog.inputs];
afterEach(() => catalog.inputs.splice(0, catalog.inputs.length, ...office));

/** What a start from source says of the catalog: its CatalogError's message, or nothing. */
function loadFailure(): string | undefined {
  try {
    checkedRevisions();
    return undefined;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    return error.message;
  }
}

describe('the catalog a Lambda bundle carries', () => {
  it('is the one a start from source validates, as plain data', async () => {
    const source = checkedCatalogModule();
    const carried = (await import(
      `data:text/javascript,${encodeURIComponent(source)}`
    )) as typeof import('#sop/checked-catalog.ts');
    // Strict: the same fields, defaults filled in and the office's signers given, nothing undefined lost.
    expect(carried.checkedRevisions()).toStrictEqual(checkedRevisions());
  });

  it('is not built when the catalog is bad: the build stops with the CatalogError a start gives', () => {
    const index = office.findIndex((sop) => sop.id === 'SOP-LP2N-PPK-01');
    const entry = office[index] as SopInput;
    catalog.inputs[index] = {
      ...entry,
      steps: entry.steps.map((step) => (step.no === 8 ? { ...step, lane: 'kasi-layanann' } : step)),
    };
    const failure = loadFailure();
    expect(failure).toContain('SOP-LP2N-PPK-01, step 8: unknown lane "kasi-layanann"');

    const dir = join(out, 'assign-number');
    const build = () => bundleFunction(join(ROOT, 'functions/handlers/assign-number.ts'), dir);
    expect(build).toThrow(CatalogError);
    expect(build).toThrow(failure);
    expect(() => readFileSync(join(dir, 'index.mjs'))).toThrow(/ENOENT/);
  });
});
