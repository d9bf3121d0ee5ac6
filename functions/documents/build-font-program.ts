import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { FONT_FILES, FONTS_DIR, PRESUBSET_CODE_POINTS, type FontMetrics, type FontStyle } from './fonts.ts';

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  numGlyphs: number;
  characterSet: number[];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  glyphForCodePoint(codePoint: number): FontkitGlyph | null;
  getGlyph(id: number): FontkitGlyph;
  createSubset(): { includeGlyph(glyph: FontkitGlyph): number; encode(): Uint8Array };
}

/**
 * Build time only (`npm run gen`): subsets one face to the pre-subset characters with fontkit and
 * measures both the subset and the whole face. The functions then embed fonts from these files,
 * with no font engine at run time (BENCHMARKS.md, bundles).
 */
export function buildFontProgram(style: FontStyle): { subset: Uint8Array; metrics: FontMetrics } {
  const font = (fontkit as unknown as { create(bytes: Uint8Array): FontkitFont }).create(
    readFileSync(join(FONTS_DIR, FONT_FILES[style])),
  );
  const scale = 1000 / font.unitsPerEm;
  const advanceOf = (glyph: FontkitGlyph) => Math.round(glyph.advanceWidth * scale * 1000) / 1000;

  const subset = font.createSubset();
  const baseGlyphs: [number, number, number][] = [];
  const baseWidths: number[] = [0];
  for (const codePoint of PRESUBSET_CODE_POINTS) {
    const glyph = font.glyphForCodePoint(codePoint);
    if (!glyph || glyph.id === 0) continue;
    const gid = subset.includeGlyph(glyph);
    baseGlyphs.push([codePoint, gid, advanceOf(glyph)]);
    baseWidths[gid] = advanceOf(glyph);
  }

  const fullGlyphs: [number, number, number][] = [];
  for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) {
    const glyph = font.glyphForCodePoint(codePoint);
    if (glyph && glyph.id !== 0) fullGlyphs.push([codePoint, glyph.id, advanceOf(glyph)]);
  }
  const fullWidths = Array.from({ length: font.numGlyphs }, (_, gid) => advanceOf(font.getGlyph(gid)));

  const italic = style === 'italic' || style === 'boldItalic';
  return {
    subset: subset.encode(),
    metrics: {
      source: FONT_FILES[style],
      descriptor: {
        // Serif, nonsymbolic, and italic where it is.
        Flags: 2 + 32 + (italic ? 64 : 0),
        FontBBox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) => Math.round(v * scale)),
        ItalicAngle: font.italicAngle,
        Ascent: Math.round(font.ascent * scale),
        Descent: Math.round(font.descent * scale),
        CapHeight: Math.round((font.capHeight || font.ascent) * scale),
        StemV: style.startsWith('bold') ? 140 : 80,
      },
      presubset: { glyphs: baseGlyphs, widths: Array.from(baseWidths, (w) => w ?? 0) },
      whole: { glyphs: fullGlyphs, widths: fullWidths },
    },
  };
}
