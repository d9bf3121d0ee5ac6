/**
 * The modules under mutation testing (stryker.config.mjs, scripts/mutation.mjs): what each mutates,
 * and the test files (test/<name>.test.ts) that run against its mutants.
 */
export const MODULES = {
  registry: { mutate: ['functions/registry/**/*.ts'], tests: ['registry'] },
  verify: { mutate: ['functions/signing/verify-pdf.ts'], tests: ['signing'] },
  links: { mutate: ['functions/records/links.ts', 'functions/cases/decide.ts'], tests: ['links', 'case-flow'] },
  checklist: { mutate: ['functions/sop/check-requirements.ts'], tests: ['requirements'] },
  clock: { mutate: ['functions/clock/**/*.ts'], tests: ['working-clock', 'adjust-deadline'] },
};
