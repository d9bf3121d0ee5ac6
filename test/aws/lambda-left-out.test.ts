import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambdaBundle } from '../../bench/bench-bundles.ts';
import { LEFT_OUT_OF_LAMBDA } from '../../infra/aws/function-defaults.ts';

/**
 * What the Lambda bundles leave out (issue 21, bundles; infra/aws/lambda-left-out.ts): nodemailer,
 * pdf-lib's colour-string, PDF/A, XFA and SVG dependencies, and Handlebars' source maps. pdf-lib still
 * draws and saves, and Handlebars compiles, as Paraf uses them; what was left out, if ever called, says so instead of answering wrongly.
 */
const out = mkdtempSync(join(tmpdir(), 'paraf-lambda-left-out-'));
const entry = fileURLToPath(new URL('../support/bundled-left-out.ts', import.meta.url));
let packages = new Set<string>();
interface Failure {
  name: string;
  code?: string;
  message: string;
  detail?: string;
}
let run: { pdf: string; template: string; colour?: Failure; svg?: Failure; entities?: Failure; smtp?: Failure };

beforeAll(async () => {
  packages = buildLambdaBundle(entry, out).packages;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(out, 'index.mjs')], { encoding: 'utf8', timeout: 30_000 }, (error, output) =>
      error ? reject(error) : resolve(output),
    ),
  );
  run = JSON.parse(stdout);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a Lambda bundle’s left-out packages', () => {
  it('holds none of them, and still has pdf-lib', () => {
    expect(packages).toContain('@cantoo/pdf-lib');
    expect(LEFT_OUT_OF_LAMBDA.filter((name) => packages.has(name))).toEqual([]);
  });

  it('draws and saves a page with pdf-lib as Paraf does, a file qpdf finds whole', () => {
    const file = join(out, 'page.pdf');
    writeFileSync(file, Buffer.from(run.pdf, 'base64'));
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
      'No syntax or stream encoding errors',
    );
    expect(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim()).toBe('1');
  });

  it('compiles and runs a template as Paraf does, without source-map', () => {
    expect(packages).toContain('handlebars');
    expect(run.template).toBe('SURAT TUGAS: Ani (1987) Budi &amp; Co (1990)');
  });

  it('names what is missing when a left-out part is called', () => {
    expect(run.colour).toMatchObject({ code: 'bad-setting', message: expect.stringContaining('culori') });
    expect(run.svg).toMatchObject({ code: 'bad-setting', message: expect.stringContaining('SVG') });
    expect(run.entities).toMatchObject({ code: 'bad-setting', message: expect.stringContaining('html-entities') });
    expect(run.colour?.message).toContain('tidak disertakan dalam paket fungsi AWS');
    // The SMTP provider words it as a server it cannot reach (a retry sends it again), the cause in its detail.
    // Not reached on AWS: readConfig refuses PARAF_MAIL=smtp in a Lambda before any mail (smtp-mail.test).
    expect(run.smtp).toMatchObject({ name: 'MailNotSent', detail: expect.stringContaining('nodemailer') });
  });
});
