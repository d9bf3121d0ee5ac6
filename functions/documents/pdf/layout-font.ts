import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFHexString, PDFName, PDFObject, PDFString, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import {
  FONT_FILES,
  FONTS_DIR,
  PRESUBSET_CODE_POINTS,
  programFiles,
  type FontMetrics,
  type FontStyle,
} from '../fonts.ts';

/** What layout and drawing need of a font: a width, an encoding, and the object the page refers to. */
export interface LayoutFont {
  readonly name: string;
  readonly ref: PDFRef;
  width(text: string, size: number): number;
  encode(text: string): PDFHexString;
}

const PRESUBSET = new Set(PRESUBSET_CODE_POINTS);

/**
 * Compared and encoded in NFC, so an "é" typed as e and a combining accent is the one glyph é. A
 * line break (<br/>) is layout, not a glyph.
 */
export function coveredByPresubset(text: string): boolean {
  for (const char of text.normalize('NFC')) if (char !== '\n' && !PRESUBSET.has(codePoint(char))) return false;
  return true;
}

/**
 * The pre-subset face carries the common characters in a few dozen KB; the whole face, every
 * character Liberation Serif has (Latin Extended, Greek, Cyrillic), at about 200 KB a face.
 */
export type FontTier = 'presubset' | 'whole';

/**
 * Six capitals and a plus: how PDF marks a subset font (ISO 32000-1, 9.6.4). The pre-subset faces
 * have fixed tags, so a later revision (a signature's appearance) can find and reuse them.
 */
export const SUBSET_NAMES: Record<FontStyle, string> = {
  regular: 'PRFAAA+LiberationSerif',
  bold: 'PRFAAB+LiberationSerif-Bold',
  italic: 'PRFAAC+LiberationSerif-Italic',
  boldItalic: 'PRFAAD+LiberationSerif-BoldItalic',
};
/** The whole face keeps its PostScript name: it is not a subset. */
const WHOLE_NAMES: Record<FontStyle, string> = {
  regular: 'LiberationSerif',
  bold: 'LiberationSerif-Bold',
  italic: 'LiberationSerif-Italic',
  boldItalic: 'LiberationSerif-BoldItalic',
};
const NAMES: Record<FontTier, Record<FontStyle, string>> = { presubset: SUBSET_NAMES, whole: WHOLE_NAMES };

/** A PDF object serialized once: the widths array is the same in every document, so it is written as bytes. */
class SerializedObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }
  override sizeInBytes(): number {
    return this.bytes.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
  override toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }
  override clone(): SerializedObject {
    return this;
  }
}

interface FontProgram {
  glyphs: Map<number, { gid: number; advance: number }>;
  notdefAdvance: number;
  fontFile: Uint8Array;
  fontFileLength: number;
  toUnicode: Uint8Array;
  widths: SerializedObject;
  descriptor: FontMetrics['descriptor'];
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function toUnicodeCMap(entries: [gid: number, codePoint: number][]): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(
      `${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${cp > 0xffff ? utf16Hex(cp) : hex4(cp)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
const utf16Hex = (codePoint: number) =>
  Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex');

const metricsCache = new Map<FontStyle, FontMetrics>();
function metricsOf(style: FontStyle): FontMetrics {
  let metrics = metricsCache.get(style);
  if (!metrics) {
    metrics = JSON.parse(readFileSync(programFiles(style).metrics, 'utf8')) as FontMetrics;
    metricsCache.set(style, metrics);
  }
  return metrics;
}

/**
 * A face ready to embed, made once per process from what `npm run gen` wrote: every document then
 * embeds the same compressed bytes, and no font engine runs at all.
 */
function loadProgram(style: FontStyle, tier: FontTier): FontProgram {
  const metrics = metricsOf(style);
  const table = tier === 'presubset' ? metrics.presubset : metrics.whole;
  const bytes = readFileSync(tier === 'presubset' ? programFiles(style).subset : join(FONTS_DIR, FONT_FILES[style]));
  // A glyph reached from several characters (a no-break space) maps back to the first of them.
  const unicode = new Map<number, number>();
  for (const [codePoint, gid] of table.glyphs) if (!unicode.has(gid)) unicode.set(gid, codePoint);
  return {
    glyphs: new Map(table.glyphs.map(([codePoint, gid, advance]) => [codePoint, { gid, advance }])),
    notdefAdvance: table.widths[0] ?? 0,
    fontFile: deflateSync(bytes),
    fontFileLength: bytes.length,
    toUnicode: deflateSync(Buffer.from(toUnicodeCMap([...unicode].sort((a, b) => a[0] - b[0])))),
    widths: new SerializedObject(Buffer.from(`[0 [${table.widths.join(' ')}]]`, 'latin1')),
    descriptor: metrics.descriptor,
  };
}

const programs = new Map<string, FontProgram>();
const program = (style: FontStyle, tier: FontTier) => {
  let loaded = programs.get(`${tier}:${style}`);
  if (!loaded) {
    loaded = loadProgram(style, tier);
    programs.set(`${tier}:${style}`, loaded);
  }
  return loaded;
};

/** Encodings and widths depend only on the font program, so they are shared by every document. */
const encodings = new Map<string, PDFHexString>();
const widthsCache = new Map<string, number>();
const CACHE_LIMIT = 100_000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function layoutFont(style: FontStyle, tier: FontTier, ref: PDFRef): LayoutFont {
  const font = program(style, tier);
  const key = (text: string) => `${tier}\u0000${style}\u0000${text}`;
  return {
    name: NAMES[tier][style],
    ref,
    width: (text, size) =>
      remember(widthsCache, key(text), () => {
        let total = 0;
        for (const char of text.normalize('NFC'))
          total += font.glyphs.get(codePoint(char))?.advance ?? font.notdefAdvance;
        return total;
      }) *
      (size / 1000),
    encode: (text) =>
      remember(encodings, key(text), () => {
        let hex = '';
        for (const char of text.normalize('NFC')) hex += hex4(font.glyphs.get(codePoint(char))?.gid ?? 0);
        return PDFHexString.of(hex);
      }),
  };
}

/** The face a document already carries (from its render or an earlier revision), if any. */
export function findFace(doc: PDFDocument, style: FontStyle, tier: FontTier): LayoutFont | undefined {
  const wanted = PDFName.of(NAMES[tier][style]);
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (
      object instanceof PDFDict &&
      object.get(PDFName.of('Subtype')) === PDFName.of('Type0') &&
      object.get(PDFName.of('BaseFont')) === wanted
    ) {
      return layoutFont(style, tier, ref);
    }
  }
  return undefined;
}

/** Adds a face to a document: its objects point at bytes compressed once per process. */
export function embedFace(doc: PDFDocument, style: FontStyle, tier: FontTier): LayoutFont {
  const font = program(style, tier);
  const context = doc.context;
  const name = NAMES[tier][style];
  const fontFile = context.register(
    context.stream(font.fontFile, { Filter: 'FlateDecode', Length1: font.fontFileLength }),
  );
  const toUnicode = context.register(context.stream(font.toUnicode, { Filter: 'FlateDecode' }));
  const descriptor = context.register(
    context.obj({ Type: 'FontDescriptor', FontName: name, ...font.descriptor, FontFile2: fontFile }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: font.widths,
      CIDToGIDMap: 'Identity',
    }),
  );
  const ref = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
  return layoutFont(style, tier, ref);
}

/** The code point of one character as a string's iterator yields it (never an empty string). */
function codePoint(char: string): number {
  const point = char.codePointAt(0);
  if (point === undefined) throw new Error('codePoint: an empty string is no character');
  return point;
}
