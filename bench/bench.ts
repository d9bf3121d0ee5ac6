import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { availableParallelism, cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentModels, type RenderedDocument, renderDocument } from '#documents/render-document.ts';
import { findSop } from '#sop/load-catalog.ts';
import { benchArchive } from './bench-archive.ts';
import { benchDashboard } from './bench-dashboard.ts';
import { benchBundles } from './bench-bundles.ts';
import { CHROMIUM, printWithChromium } from './bench-chromium-peer.ts';
import { benchFlow, readRuntimeSetting } from './bench-flow.ts';
import { benchNumbers } from './bench-numbers.ts';
import { benchSigning } from './bench-signing.ts';
import { benchTableRequests } from './bench-table-requests.ts';
import { median, ms, percentile } from './measure.ts';

/**
 * `npm run bench`: the full set of one API-U permit (three PDF copies and the DOCX draft) against
 * the path a user would otherwise take, converting that DOCX to PDF with LibreOffice headless, in
 * the same run on the same machine. Medians, because these machines are shared and noisy.
 */

const args = new Set(process.argv.slice(2));
const only = process.argv.find((_, i) => process.argv[i - 1] === '--only');
const PARAF_RUNS = Number(process.env.BENCH_RUNS ?? 300);
const LIBREOFFICE_RUNS = Number(process.env.BENCH_LO_RUNS ?? 9);
const CHROMIUM_RUNS = Number(process.env.BENCH_CHROMIUM_RUNS ?? 30);
const CHROMIUM_WARM_UP = 3;

function soffice(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (found) return found;
  if (!args.has('--install')) return undefined;
  console.log('Installing libreoffice-writer-nogui (Debian) for the peer measurement...');
  execFileSync('sh', ['-c', 'apt-get update && apt-get install -y libreoffice-writer-nogui'], { stdio: 'inherit' });
  return soffice();
}

const sop = findSop('api-u')!;
const data = JSON.parse(readFileSync(new URL('../examples/api-u.json', import.meta.url), 'utf8'));

console.log(`Paraf benchmark, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);

if (!only || only === 'documents') await benchDocuments();
if (!only || only === 'signing') await benchSigning(Number(process.env.BENCH_SIGN_RUNS ?? 60));
if (!only || only === 'table')
  await benchTableRequests(
    Number(process.env.BENCH_TABLE_ROUNDS ?? 5),
    Number(process.env.BENCH_TABLE_REQUESTS ?? 1000),
  );
if (!only || only === 'numbers') await benchNumbers(Number(process.env.BENCH_NUMBER_ROUNDS ?? 3));
if (!only || only === 'archive')
  await benchArchive(
    Number(process.env.BENCH_ARCHIVE_RECORDS ?? 1_000_000),
    Number(process.env.BENCH_ARCHIVE_QUERIES ?? 200),
  );
if (!only || only === 'dashboard')
  await benchDashboard(
    Number(process.env.BENCH_DASHBOARD_CASES ?? 50_000),
    Number(process.env.BENCH_DASHBOARD_RUNS ?? 3),
  );
if (!only || only === 'bundles') await benchBundles(Number(process.env.BENCH_BUNDLE_RUNS ?? 7));
if (!only || only === 'flow')
  await benchFlow(
    Number(process.env.BENCH_FLOW_RUNS ?? 9),
    (process.env.BENCH_IN_FLIGHT ?? '1,10,50,100,200').split(',').map(Number),
    // The runtime before issue 21 (every handler and dynalite on the main thread), then with one
    // worker per core and dynalite on its own thread (bench-flow.ts, RuntimeSetting).
    (process.env.BENCH_WORKERS ?? `0,${availableParallelism()}t`).split(',').map(readRuntimeSetting),
  );

/** Documents: the full set of one API-U against warm Chromium's three copies and one LibreOffice conversion of its DOCX. */
async function benchDocuments(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await renderDocument(sop, 'api-u', data);
  const paraf: number[] = [];
  let last = await renderDocument(sop, 'api-u', data);
  for (let i = 0; i < PARAF_RUNS; i += 1) {
    const start = performance.now();
    last = await renderDocument(sop, 'api-u', data);
    paraf.push(performance.now() - start);
  }
  const sizes = `${last.copies.map((c) => Math.round(c.pdf.length / 1024)).join(' + ')} KB PDF, ${Math.round(last.docx.length / 1024)} KB DOCX`;
  console.log(`Paraf, full set of one API-U (3 PDF copies + DOCX draft), ${PARAF_RUNS} runs after 30 warm-up:`);
  console.log(
    `  median ${ms(median(paraf))}   p10 ${ms(percentile(paraf, 0.1))}   p90 ${ms(percentile(paraf, 0.9))}   (${sizes})`,
  );

  await compareWithChromium(median(paraf), last);

  const office = soffice();
  if (!office) {
    console.log('\nLibreOffice is not installed, so the peer was not measured.');
    console.log('Install it with `apt-get install -y libreoffice-writer-nogui`, or run `npm run bench -- --install`.');
    process.exitCode = 1;
  } else {
    const work = mkdtempSync(join(tmpdir(), 'paraf-bench-'));
    try {
      const docx = join(work, 'draft.docx');
      writeFileSync(docx, last.docx);
      const convert = () => {
        const result = spawnSync(
          office,
          [
            `-env:UserInstallation=file://${join(work, 'profile')}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            join(work, 'out'),
            docx,
          ],
          { encoding: 'utf8' },
        );
        if (result.status !== 0) throw new Error(`LibreOffice failed: ${result.stderr}`);
      };
      convert(); // the first run creates the profile; a user's installation already has one
      const libreoffice: number[] = [];
      for (let i = 0; i < LIBREOFFICE_RUNS; i += 1) {
        const start = performance.now();
        convert();
        libreoffice.push(performance.now() - start);
      }
      const version = spawnSync(office, ['--version'], { encoding: 'utf8' }).stdout.trim();
      console.log(`\nPeer: ${version}, the same DOCX to PDF headless, ${LIBREOFFICE_RUNS} runs after one warm-up:`);
      console.log(
        `  median ${ms(median(libreoffice))}   p10 ${ms(percentile(libreoffice, 0.1))}   p90 ${ms(percentile(libreoffice, 0.9))}`,
      );
      const ratio = median(libreoffice) / median(paraf);
      console.log(
        `\nRatio: one LibreOffice conversion takes ${ratio.toFixed(1)}x as long as Paraf's full set (goal: at least 50x).`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

/**
 * The peer a Node developer reaches for first: warm headless Chromium printing the same three copies
 * from HTML (bench-chromium-peer.ts). Both sides' page counts are printed: the ratio holds only if
 * they print the same pages; Paraf's are those of the last timed render. `BENCH_PEER_OUT=<folder>`
 * keeps both sides' PDFs to compare.
 */
async function compareWithChromium(parafMedian: number, rendered: RenderedDocument): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`\nChromium is not at ${CHROMIUM}, so that peer was not measured.`);
    console.log('Install it with `apt-get install -y chromium`, or name another build in BENCH_CHROMIUM.');
    process.exitCode = 1;
    return;
  }
  const { metadata, copies } = documentModels(sop, 'api-u', data);
  const peer = await printWithChromium(
    copies.map((c) => c.model),
    metadata.title,
    CHROMIUM_WARM_UP,
    CHROMIUM_RUNS,
  );
  const sizes = peer.pdfs.map((pdf) => `${Math.round(pdf.length / 1024)}`).join(' + ');
  const parafPages = rendered.copies.map((c) => c.pageCount).join(' + ');
  const peerPages = (
    await Promise.all(peer.pdfs.map(async (pdf) => (await PDFDocument.load(pdf)).getPageCount()))
  ).join(' + ');
  console.log(
    `\nPeer: Chromium ${peer.version} headless, warm (one browser, one page), setContent + pdf() for each of the same three copies as HTML with the same fonts, ${CHROMIUM_RUNS} runs after ${CHROMIUM_WARM_UP} warm-up:`,
  );
  const times = peer.times;
  console.log(
    `  median ${ms(median(times))}   p10 ${ms(percentile(times, 0.1))}   p90 ${ms(percentile(times, 0.9))}   (${sizes} KB PDF; pages ${peerPages}, Paraf's ${parafPages})`,
  );
  if (peerPages !== parafPages)
    console.log('  The two sides print different page counts: the ratio compares unlike work.');
  console.log(
    `\nRatio: warm Chromium's three copies take ${(median(times) / parafMedian).toFixed(1)}x as long as Paraf's full set with its DOCX (goal: at least 10x; the HTML is written before Chromium's clock starts, Paraf's template and markup are timed).`,
  );
  const out = process.env.BENCH_PEER_OUT;
  if (out) {
    mkdirSync(out, { recursive: true });
    for (const [i, pdf] of peer.pdfs.entries()) writeFileSync(join(out, `chromium-${i + 1}.pdf`), pdf);
    for (const { copy, pdf } of rendered.copies) writeFileSync(join(out, `paraf-${copy}.pdf`), pdf);
  }
}
