import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { FONTS_DIR, FONT_FILES } from '#documents/fonts.ts';
import type { DocumentModel } from '#documents/model.ts';
import { permitHtml } from './permit-html.ts';

/** Debian's Chromium, as the browser tests use it; `BENCH_CHROMIUM` names another build. */
export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Warm headless Chromium printing the three copies of one permit, as issue 21 asks for the peer:
 * one browser and one page, kept open; for each copy `setContent` with its HTML and `pdf()`. The
 * HTML is written before the clock starts (Paraf's figure includes its template, markup and DOCX).
 * The fonts are served from loopback (the faces Paraf embeds) and stay in Chromium's cache after the
 * warm-up; `pdf()` does not wait for web fonts itself, so each copy waits for `document.fonts.ready`.
 * Returns each run's milliseconds for the three copies and the last run's PDFs.
 */
export async function printWithChromium(
  copies: readonly DocumentModel[],
  title: string,
  warmUp: number,
  runs: number,
): Promise<{ times: number[]; pdfs: Buffer[]; version: string }> {
  const faces = new Map(Object.values(FONT_FILES).map((file) => [`/${file}`, readFileSync(join(FONTS_DIR, file))]));
  const fonts = createServer((request, response) => {
    const face = faces.get(request.url ?? '');
    if (!face) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'font/ttf',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=3600',
    });
    response.end(face);
  });
  await new Promise<void>((resolve) => fonts.listen(0, '127.0.0.1', resolve));
  try {
    const fontBase = `http://127.0.0.1:${(fonts.address() as AddressInfo).port}/`;
    // As the browser tests start it: no sandbox (CI runs as root) and no GPU on these machines.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const documents = copies.map((model) => permitHtml(model, title, fontBase));
      let pdfs: Buffer[] = [];
      const printAll = async () => {
        pdfs = [];
        for (const { html, footerTemplate } of documents) {
          await page.setContent(html);
          await page.evaluate('document.fonts.ready.then(() => undefined)');
          pdfs.push(
            await page.pdf({
              format: 'A4',
              preferCSSPageSize: true,
              displayHeaderFooter: true,
              headerTemplate: '<span></span>',
              footerTemplate,
            }),
          );
        }
      };
      for (let i = 0; i < warmUp; i += 1) await printAll();
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        await printAll();
        times.push(performance.now() - start);
      }
      return { times, pdfs, version: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise((resolve) => fonts.close(resolve));
  }
}
