import { join } from 'node:path';
import { resourcePath } from '#config/resource-path.ts';

/** Liberation Serif: metric-compatible with Times New Roman, which the DOCX names, so both break lines alike. */
export const DOCX_FONT = 'Times New Roman';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

export const FONTS_DIR = resourcePath('templates', 'fonts');
/** What `npm run gen` derives from each face (build-font-program.ts): a subset and the metrics. */
export const PROGRAMS_DIR = join(FONTS_DIR, 'programs');
export const programFiles = (style: FontStyle) => {
  const stem = FONT_FILES[style].replace(/\.ttf$/, '');
  return { subset: join(PROGRAMS_DIR, `${stem}.subset.ttf`), metrics: join(PROGRAMS_DIR, `${stem}.json`) };
};

/**
 * Latin script as Indonesian official documents use it: ASCII, Latin-1 (names such as José or
 * Müller) and typographic punctuation: the characters of the pre-subset faces. Text with any other
 * character is set in the whole face.
 */
export const PRESUBSET_CODE_POINTS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  0x2010,
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201a,
  0x201c,
  0x201d,
  0x201e,
  0x2022,
  0x2026,
  0x2030,
  0x2039,
  0x203a,
  0x20ac,
  0x2122,
];
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** [code point, glyph id, advance in 1/1000 em] for each character, and each glyph id's advance. */
export interface GlyphTable {
  glyphs: [codePoint: number, gid: number, advance: number][];
  widths: number[];
}

export interface FontMetrics {
  source: string;
  descriptor: {
    Flags: number;
    FontBBox: number[];
    ItalicAngle: number;
    Ascent: number;
    Descent: number;
    CapHeight: number;
    StemV: number;
  };
  /** The pre-subset face (`<stem>.subset.ttf`): glyph ids of the subset. */
  presubset: GlyphTable;
  /** The whole face (the .ttf itself): its own glyph ids. */
  whole: GlyphTable;
}

export const styleOf = (run: { bold?: boolean; italic?: boolean }): FontStyle =>
  run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';
