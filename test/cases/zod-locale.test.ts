import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a parse that passes no error map says, in a process of its own: a Lambda carries zod/mini
 * alone, the local runtime classic zod too (the catalog's schemas), which sets English when it first
 * builds a schema unless a locale is set. `steps` are module sources run in order.
 */
function messageIn(steps: string[]): string {
  const script = `${steps.join('\n')}
const z = await import('zod/mini');
const parsed = z.safeParse(z.object({ nama: z.string(), umur: z.number() }), { umur: 'dua' });
console.log(JSON.stringify(parsed.error.issues.map((issue) => issue.message)));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1) ?? '';
}

const INDONESIAN = JSON.stringify(['wajib diisi', 'harus berupa angka, bukan teks']);
const localeModule = "await import('#validation/indonesian-errors.ts');";
const classicSchemaBuilt = "(await import('zod')).string();";

describe("zod's messages where a parse passes no error map", () => {
  it('are in Bahasa Indonesia with zod/mini alone, all a Lambda carries (bundle-size.test: every Lambda loads the locale at init)', () => {
    expect(messageIn([localeModule])).toBe(INDONESIAN);
  });

  it('stay in Bahasa Indonesia whether classic zod built a schema before or after', () => {
    expect(messageIn([classicSchemaBuilt, localeModule])).toBe(INDONESIAN);
    expect(messageIn([localeModule, classicSchemaBuilt])).toBe(INDONESIAN);
  });

  it("leave the catalog's checks in English, for whoever edits the catalog", async () => {
    const script = `await import('#validation/indonesian-errors.ts');
const { validateCatalog } = await import('#sop/validate-catalog.ts');
const { CATALOG_INPUT } = await import('#sop/catalog/index.ts');
const [first, ...rest] = CATALOG_INPUT;
try { validateCatalog([{ ...first, actsOnPermit: 'ya' }, ...rest]); } catch (error) { console.log(error.message); }`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(out).toMatch(/actsOnPermit: Invalid input: expected boolean, received string/);
  });
});
