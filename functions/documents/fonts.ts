import { readFileSync } from 'node:fs';
import fontkit from '@cantoo/fontkit';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { join } from 'node:path';
import { resourcePath } from '#config/resource-path.ts';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** Liberation Serif: metric-compatible with Times New Roman, which the DOCX names, so both break lines alike. */
export const DOCX_FONT = 'Times New Roman';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

const FONTS_DIR = resourcePath('templates', 'fonts');
const bytesCache = new Map<FontStyle, Uint8Array>();

export function fontBytes(style: FontStyle): Uint8Array {
  let bytes = bytesCache.get(style);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(FONTS_DIR, FILES[style])));
    bytesCache.set(style, bytes);
  }
  return bytes;
}

export const styleOf = (run: { bold?: boolean; italic?: boolean }): FontStyle =>
  run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';

/**
 * pdf-lib parses a font's bytes every time it embeds it; three copies of a permit would parse
 * the same TTF three times. Parsed fonts are immutable (subsets are made per document), so one
 * parse per file serves every document of the process.
 */
const parsed = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
export const sharedFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    let font = parsed.get(bytes);
    if (!font) {
      font = (fontkit as unknown as Fontkit).create(bytes, postscriptName);
      parsed.set(bytes, font);
    }
    return font;
  },
};
