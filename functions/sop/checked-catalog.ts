import { CATALOG_INPUT } from './catalog/index.ts';
import type { Sop } from './schema.ts';
import { validateCatalog } from './validate-catalog.ts';

/**
 * Every revision the catalog keeps, parsed and cross-checked (validate-catalog.ts): a bad entry throws
 * a CatalogError naming it. A Lambda bundle carries in this module's place the revisions as its build
 * checked them, as plain data (checkedCatalogModule, infra/aws/function-defaults.ts), so that a cold
 * start neither builds the catalog's zod schemas nor runs its checks, and a bad catalog fails the build.
 */
export function checkedRevisions(): Sop[] {
  return validateCatalog(CATALOG_INPUT);
}
