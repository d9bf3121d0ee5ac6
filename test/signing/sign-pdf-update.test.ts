import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFContext, PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { renderDocument } from '#documents/render-document.ts';
import { LocalPki } from '#signing/local-pki.ts';
import { LocalSigner } from '#signing/local-signer.ts';
import { CmsSigner, signPdfWith } from '#signing/sign-pdf.ts';
import { signatureFields } from '#signing/signature-fields.ts';
import { findSop } from '#sop/load-catalog.ts';
import { parafRequest } from '../support/paraf-request.ts';
import { tool } from '../support/pdf-signatures.ts';

const work = mkdtempSync(join(tmpdir(), 'paraf-sign-update-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const official = { id: 'kasi', name: 'Ir. Ahmad Fauzi', nip: '198001012005011001', position: 'Kasi Layanan' };

describe('a signature field added to a signed permit (issue 21: pdf-lib CPU)', () => {
  it('walks the file for changed objects only where the file had them, and the update still holds its field, widget and appearance', async () => {
    await new LocalPki(work).ensureOfficials([official]);
    const signer = new CmsSigner(new LocalSigner(work), official.id);
    const data = JSON.parse(readFileSync(new URL('../../examples/api-u.json', import.meta.url), 'utf8'));
    const copy = (await renderDocument(findSop('api-u')!, 'api-u', data)).copies[0]!.pdf;
    const first = await signPdfWith(copy, parafRequest(official, 'paraf-1', 120), signer);

    // pdf-lib's walk for the indirect object holding a changed one (private in its types).
    const walks = vi.spyOn(
      PDFContext.prototype as unknown as { findContainingIndirectObject(target: unknown): unknown },
      'findContainingIndirectObject',
    );
    let second: Uint8Array;
    try {
      second = await signPdfWith(first, parafRequest(official, 'paraf-2', 170), signer);
      // Walks are left for objects the file had (the page's entries pdf-lib normalizes, its /Annots,
      // the form's /Fields) and for what the save writes: 19 with pdf-lib 2.11. The objects built for
      // the field walk no more (72 walks in all before).
      expect(walks.mock.calls.length).toBeGreaterThan(0);
      expect(walks.mock.calls.length).toBeLessThanOrEqual(20);
    } finally {
      walks.mockRestore();
    }

    const path = join(work, 'second.pdf');
    writeFileSync(path, second);
    expect(tool('qpdf', ['--check', path], 'qpdf').stdout).toContain('No syntax or stream encoding errors');
    const pdfsig = tool('pdfsig', [path], 'poppler-utils').stdout;
    expect(pdfsig.match(/Signature is Valid/g)).toHaveLength(2);
    // The earlier revision is kept byte for byte, and the new one lists the field and its widget.
    expect(Buffer.from(second.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    const doc = await PDFDocument.load(second);
    expect(signatureFields(doc).map((f) => f.field)).toEqual(['paraf-1', 'paraf-2']);
    const annots = doc.getPage(0).node.Annots()?.size() ?? 0;
    expect(annots).toBe(2);
    // The stamp is drawn: pdftoppm's render of its box is not blank.
    const png = join(work, 'stamp');
    tool(
      'pdftoppm',
      [
        '-r',
        '72',
        '-f',
        '1',
        '-l',
        '1',
        '-gray',
        '-x',
        '300',
        '-y',
        String(842 - 210),
        '-W',
        '200',
        '-H',
        '40',
        path,
        png,
      ],
      'poppler-utils',
    );
    expect(tool('ls', [work], 'coreutils').stdout).toMatch(/stamp-1\.pgm/);
    const pgm = readFileSync(join(work, 'stamp-1.pgm'));
    const pixels = pgm.subarray(pgm.length - 200 * 40);
    expect(pixels.filter((value) => value < 128).length).toBeGreaterThan(200);
  });
});
