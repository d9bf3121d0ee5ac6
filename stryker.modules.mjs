/**
 * The modules under mutation testing (stryker.config.mjs, scripts/mutation.mjs): what each mutates,
 * and the test files (test/<folder>/<name>.test.ts) that run against its mutants.
 */
export const MODULES = {
  registry: { mutate: ['functions/registry/**/*.ts'], tests: ['archive/registry', 'archive/registry-boundaries'] },
  verify: {
    mutate: ['functions/signing/verify-pdf.ts'],
    tests: ['signing/signing', 'signing/pades-levels', 'signing/verify-boundaries'],
  },
  links: {
    mutate: ['functions/records/links.ts', 'functions/cases/decide.ts'],
    // decide.ts against dynalite in seconds; case-flow (the real engine) costs about 15 s a mutant.
    tests: ['cases/links', 'cases/decide'],
  },
  checklist: { mutate: ['functions/sop/check-requirements.ts'], tests: ['cases/requirements'] },
  clock: { mutate: ['functions/clock/**/*.ts'], tests: ['cases/working-clock', 'cases/adjust-deadline'] },
};
