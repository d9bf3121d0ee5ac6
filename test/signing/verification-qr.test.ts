import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { findSop } from '#sop/load-catalog.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paraf-qr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], debianPackage: string) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(`${command} is missing: apt-get install ${debianPackage}`);
  return { code: result.status ?? -1, stdout: result.stdout };
}

/** What a phone's camera reads from the printed copy, page by page at 150 dpi, and the copy's text. */
function scan(pdf: Uint8Array, name: string) {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  run('pdftoppm', ['-png', '-r', '150', file, join(work, name)], 'poppler-utils');
  const pages = readdirSync(work).filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith('.png'));
  return {
    codes: run('zbarimg', ['-q', ...pages.map((page) => join(work, page))], 'zbar-tools').stdout.trim(),
    text: run('pdftotext', [file, '-'], 'poppler-utils').stdout.replace(/\s+/g, ' '),
  };
}

describe('the verification QR code', () => {
  const data = JSON.parse(readFileSync(join(root, 'examples/api-u.json'), 'utf8'));
  const url = 'https://paraf.dpmptsp.example.test/verifikasi/AbCdEfGh1234.api-u';

  it('is printed on every copy of an issued document, with its address and the statement, and scans to that address', async () => {
    const rendered = await renderDocument(findSop('api-u')!, 'api-u', data, {
      verificationUrl: url,
      certificateIssuer: 'Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara',
    });
    for (const copy of rendered.copies) {
      const { codes, text } = scan(copy.pdf, `issued-${copy.copy}`);
      expect(codes).toBe(`QR-Code:${url}`);
      expect(text).toContain(
        'Dokumen ini ditandatangani secara elektronik dengan sertifikat elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.',
      );
      expect(text).toContain(url);
      // The QR code covers its reserved frame: no "QR verifikasi" hint left on an issued copy.
      expect(text).not.toContain('QR verifikasi');
    }
  });

  it('is left out of a draft or an example, whose frame stays empty', async () => {
    const rendered = await renderDocument(findSop('api-u')!, 'api-u', data);
    const { codes, text } = scan(rendered.copies[1]!.pdf, 'draft');
    expect(codes).toBe('');
    expect(text).toContain('QR verifikasi');
    expect(text).not.toContain('/verifikasi/');
  });
});
