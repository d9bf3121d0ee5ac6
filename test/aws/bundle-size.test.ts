import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AWS_ENVIRONMENT, buildLambdaBundle, LAMBDA_ENTRIES, timeImport } from '../../bench/bench-bundles.ts';
import { LEFT_OUT_OF_LAMBDA } from '../../infra/aws/function-defaults.ts';

const KB = 1024;
const MB = 1024 * KB;
/**
 * Everything a function's bundle holds, its chunks loaded on demand included, each held to what it
 * was when measured (2026-12-02, BENCHMARKS.md, bundles; issue 21): what init loads is within 1 MB
 * for every function, but pdf-lib, pkijs, the docx library and the pages still come with the
 * functions that use them. Lower a ceiling when a bundle shrinks.
 * Every ceiling rose by 60 KB on 2026-12-06 (issue 21, init): the catalog comes as the JSON its build
 * checked, defaults filled in (157 KB as text), in place of its sources (about 95 KB) and zod schemas;
 * five by 10 to 20 KB more since the audit trail loads the permit index when it writes (a chunk of its own).
 * Every ceiling fell by 140 to 180 KB on 2026-12-06 (the fourteenth session): the SDK's credentials come
 * from the environment alone and its browser user-agent parser is left out (lambda-credentials.test.ts);
 * six functions are within 1 MB whole, and held to it.
 * Ten ceilings fell by 130 to 475 KB on 2026-12-06 (the fifteenth session): nodemailer and pdf-lib's colour-string,
 * PDF/A, XFA and SVG dependencies are left out (lambda-left-out.test.ts), and renderDocuments no longer takes
 * request-action (who is asked in a lane has a file of its own). Six fell by 70 KB more the same day: what they
 * check is written with zod/mini, and they carry no classic zod at all.
 * The other six fell by 70 to 75 KB on 2026-12-07: the document kinds, the forms and the records their later
 * chunks check are written with zod/mini too, so no function carries classic zod, and the zod core their init
 * loads (shared with those chunks) fell from 83 to 30-36 KB.
 * Every ceiling fell by 130 to 150 KB on 2026-12-07 (the twenty-third session): the checked catalog is carried
 * brotli-compressed (20 KB in place of 157 KB).
 */
const TOTAL: Record<string, number> = {
  // 1030 KB on 2026-12-02; a step's links read in one BatchGetItem (getRecords) since 2026-12-04;
  // 1035 KB until the ledger's part keys (keys.ts, which every record module imports), 2026-12-04.
  requestAction: 510 * KB,
  // 1020 KB until the applicant's own step reminded the applicant (notify-applicant.ts and its e-mail, 2026-12-06: 1,023 KB);
  // 880 KB since the SDK's credentials come from the environment alone (the fourteenth session).
  trackDeadline: 445 * KB,
  recordIntake: 435 * KB,
  // 2230 KB until SES's and Step Functions' clients became chunks of their own (2026-12-06, init); 2180 KB until
  // who is asked in a lane left request-action (official-for.ts), which brought them and nodemailer (the fifteenth session).
  renderDocuments: 1475 * KB,
  // 2130 KB on 2026-12-02; the start check of the statement beside the QR code and the SDK's quiet logger (2026-12-03).
  // 2210 KB until an OCSP answer's facts were kept by their content (ocsp-facts.ts, 2026-12-06, the fourteenth
  // session: 2,210.2 KB).
  signDocuments: 1750 * KB,
  assignNumber: 340 * KB,
  // 2090 KB until the CMS assembled from bytes (der.ts) and a TSA's BER answer read by asn1js (2026-12-06, the
  // thirteenth session: 2,091 KB).
  archiveCase: 1610 * KB,
  // 2330 KB until the dashboard's ledger (its closing entry, 2026-12-04).
  closeCase: 1690 * KB,
  recordFailure: 340 * KB,
  // 3290 KB on 2026-12-02; the records checked when read, the one error map and the counter's official (2026-12-03).
  // 3300 KB until the dashboard's ledger (read by the dashboard, written at intake and decisions, 2026-12-04);
  // 3310 KB until the forms' field checks, the checker's view of the application and the loket's labels (2026-12-05);
  // 3320 KB until the header's viewer (context storage), the sign-in forms' field checks and the deputies' signer records (2026-12-05).
  // 3330 KB until the address parameters' table, the handover without a receipt code, the register book's files
  // and applicants, and the archive's status index (2026-12-05).
  // 3340 KB until the password the official chooses (its page and rules), the sign-in throttle per client,
  // the applicant fields the drafts need at the counter, and the receipt set on one sheet (2026-12-06).
  // 3360 KB until the official's own authenticator key (its page and QR code), the absence's code and deputy list,
  // and the draft's differences from the file on the step page (2026-12-06, the tenth session: 3,362 KB); init under 1 MB.
  // 3440 KB until SES's, Step Functions' and the metrics' chunks of their own, each with its imports (2026-12-06, init).
  // 2870 KB until a page's non-form body, a repeated JSON name and the SOP's aliases were refused or read
  // (the nineteenth session: 2,872.8 KB).
  web: 2740 * KB,
  // 1000 KB until the dashboard's ledger (a redelivered decision's wait and survey, 2026-12-04); still under 1 MB.
  // 1070 KB until SES's, Step Functions' and the metrics' chunks of their own, each with its imports (2026-12-06, init).
  deliverDecisions: 490 * KB,
  // 1630 KB on 2026-12-02; the history sheets made again after a renewal (their rendering and the seal, as archiveCase's) since 2026-12-03.
  renewTimestamps: 1585 * KB,
};

/**
 * Packages no function loads at init. SES's client comes with the first message sent (mail/ses-mail.ts),
 * Step Functions' with the first call (workflow/step-functions-workflow.ts), Powertools' metrics when
 * an invocation that counted something ends (runtime/observability.ts): most invocations of the
 * functions that carry them make none (issue 21, init).
 */
const LOADED_ON_DEMAND = [
  '@cantoo/pdf-lib',
  'docx',
  'pkijs',
  '@peculiar/x509',
  'handlebars',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/client-sfn',
  '@aws-lambda-powertools/metrics',
];

/**
 * Paraf's sources no function loads at init: the catalog's entries and zod schemas (the build checks
 * the catalog, infra/aws/function-defaults.ts), and the document kinds' zod schemas (loaded by the
 * requests that draft, render or archive a document).
 */
const NOT_AT_INIT = /functions\/(sop\/(catalog\/|sop-schemas\.ts|validate-catalog\.ts)|documents\/kinds\/)/;

const out = mkdtempSync(join(tmpdir(), 'paraf-bundle-size-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Lambda bundles as CDK builds them', () => {
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES))
    it(`${name}: init loads at most 1 MB, every chunk loads, all of it within ${((TOTAL[name] ?? MB) / KB).toFixed(0)} KB`, () => {
      const dir = join(out, name);
      const sizes = buildLambdaBundle(entry, dir);
      expect(sizes.init).toBeLessThanOrEqual(MB);
      expect(sizes.total).toBeLessThanOrEqual(TOTAL[name] ?? MB);
      // The heavy parts wait for the request that needs them.
      expect([...sizes.initPackages].filter((name) => LOADED_ON_DEMAND.includes(name))).toEqual([]);
      // Code no function runs on AWS is not in any chunk (lambda-left-out.ts).
      expect(LEFT_OUT_OF_LAMBDA.filter((name) => sizes.packages.has(name))).toEqual([]);
      // What init checks (events, records, the office's files) is written with zod/mini: zod's classic API,
      // 25 to 30 ms of a cold start on its own (BENCHMARKS.md, bundles' floors), is not loaded at init.
      expect([...sizes.initInputs].filter((path) => path.includes('node_modules/zod/v4/classic/'))).toEqual([]);
      // Nor in any later chunk: a chunk loaded on demand shares zod's core with init, and classic zod's
      // use of it would put 50 KB more of the core in what init loads.
      expect([...sizes.inputs].filter((path) => path.includes('node_modules/zod/v4/classic/'))).toEqual([]);
      // zod's locale is set at init (indonesian-errors.ts), before any parse: zod/mini has none of its own.
      expect([...sizes.initSources]).toContain('functions/validation/indonesian-errors.ts');
      // The catalog comes checked when the bundle was built, as data; the document kinds with their first use.
      expect([...sizes.initSources].filter((path) => NOT_AT_INIT.test(path))).toEqual([]);
      // Every chunk loads in a fresh Node process as Lambda's would, the ones left for later included.
      const loaded = timeImport(dir, { PATH: process.env.PATH, LAMBDA_TASK_ROOT: dir, ...AWS_ENVIRONMENT }, true);
      expect(loaded.wall).toBeGreaterThan(0);
    }, 120_000);

  it('holds a ceiling for every function and none for a function that does not exist', () => {
    expect(Object.keys(TOTAL).sort()).toEqual(Object.keys(LAMBDA_ENTRIES).sort());
  });
});
