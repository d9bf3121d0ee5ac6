import { deflateSync } from 'node:zlib';
import { PDFDict, PDFHexString, PDFName, PDFObject, PDFString, type PDFDocument, type PDFFont, type PDFRef } from '@cantoo/pdf-lib';
import { fontBytes, sharedFontkit, type FontStyle } from '../fonts.ts';

/** What layout and drawing need of a font: a width, an encoding, and the object the page refers to. */
export interface LayoutFont {
  readonly name: string;
  readonly ref: PDFRef;
  width(text: string, size: number): number;
  encode(text: string): PDFHexString;
}

/**
 * Latin script as Indonesian official documents use it: ASCII, Latin-1 (names such as José or
 * Müller) and typographic punctuation. A document with any other character takes the slower path.
 */
const CODE_POINTS = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
];
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
const COVERED = new Set(CODE_POINTS);

export function coveredByPresubset(text: string): boolean {
  for (const char of text) if (!COVERED.has(char.codePointAt(0)!)) return false;
  return true;
}

/**
 * Six capitals and a plus: how PDF marks a subset font (ISO 32000-1, 9.6.4). The pre-subset faces
 * have fixed tags, so a later revision (a signature's appearance) can find and reuse them; the
 * shaped fallback has its own tags, because its glyph ids differ.
 */
export const SUBSET_NAMES: Record<FontStyle, string> = {
  regular: 'PRFAAA+LiberationSerif',
  bold: 'PRFAAB+LiberationSerif-Bold',
  italic: 'PRFAAC+LiberationSerif-Italic',
  boldItalic: 'PRFAAD+LiberationSerif-BoldItalic',
};
const SHAPED_NAMES: Record<FontStyle, string> = {
  regular: 'PRFSHA+LiberationSerif',
  bold: 'PRFSHB+LiberationSerif-Bold',
  italic: 'PRFSHC+LiberationSerif-Italic',
  boldItalic: 'PRFSHD+LiberationSerif-BoldItalic',
};

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
  style: FontStyle;
  glyphs: Map<number, { gid: number; advance: number }>;
  fontFile: Uint8Array;
  fontFileLength: number;
  toUnicode: Uint8Array;
  widths: SerializedObject;
  descriptor: { Flags: number; FontBBox: number[]; ItalicAngle: number; Ascent: number; Descent: number; CapHeight: number; StemV: number };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function toUnicodeCMap(entries: [gid: number, codePoint: number][]): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${hex4(cp)}>`).join('\n')}\nendbfchar`);
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

/** Subsets one face to the covered characters, once per process: every document then embeds the same bytes. */
function buildProgram(style: FontStyle): FontProgram {
  const font = sharedFontkit.create(fontBytes(style)) as unknown as FontkitFont;
  const scale = 1000 / font.unitsPerEm;
  const subset = font.createSubset();
  const glyphs = new Map<number, { gid: number; advance: number }>();
  const unicode: [number, number][] = [];
  const advances = new Map<number, number>([[0, 0]]);
  for (const codePoint of CODE_POINTS) {
    const glyph = font.glyphForCodePoint(codePoint);
    if (!glyph || glyph.id === 0) continue;
    const gid = subset.includeGlyph(glyph);
    const advance = Math.round(glyph.advanceWidth * scale * 1000) / 1000;
    glyphs.set(codePoint, { gid, advance });
    advances.set(gid, advance);
    unicode.push([gid, codePoint]);
  }
  const bytes = subset.encode();
  const widths = Array.from({ length: Math.max(...advances.keys()) + 1 }, (_, gid) => advances.get(gid) ?? 0);
  const italic = style === 'italic' || style === 'boldItalic';
  return {
    style,
    glyphs,
    fontFile: deflateSync(bytes),
    fontFileLength: bytes.length,
    toUnicode: deflateSync(Buffer.from(toUnicodeCMap(unicode.sort((a, b) => a[0] - b[0])))),
    widths: new SerializedObject(Buffer.from(`[0 [${widths.join(' ')}]]`, 'latin1')),
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
  };
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  glyphForCodePoint(codePoint: number): FontkitGlyph | null;
  createSubset(): { includeGlyph(glyph: FontkitGlyph): number; encode(): Uint8Array };
}

const programs = new Map<FontStyle, FontProgram>();
const program = (style: FontStyle) => {
  let built = programs.get(style);
  if (!built) {
    built = buildProgram(style);
    programs.set(style, built);
  }
  return built;
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

function presubsetLayoutFont(style: FontStyle, ref: PDFRef): LayoutFont {
  const font = program(style);
  return {
    name: SUBSET_NAMES[style],
    ref,
    width: (text, size) =>
      remember(widthsCache, `${style}\u0000${text}`, () => {
        let total = 0;
        for (const char of text) total += font.glyphs.get(char.codePointAt(0)!)?.advance ?? 0;
        return total;
      }) * (size / 1000),
    encode: (text) =>
      remember(encodings, `${style}\u0000${text}`, () => {
        let hex = '';
        for (const char of text) hex += hex4(font.glyphs.get(char.codePointAt(0)!)?.gid ?? 0);
        return PDFHexString.of(hex);
      }),
  };
}

/** The pre-subset face a document already carries (from its render or an earlier revision), if any. */
export function findPresubsetFont(doc: PDFDocument, style: FontStyle): LayoutFont | undefined {
  const wanted = PDFName.of(SUBSET_NAMES[style]);
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Subtype')) === PDFName.of('Type0') && object.get(PDFName.of('BaseFont')) === wanted) {
      return presubsetLayoutFont(style, ref);
    }
  }
  return undefined;
}

/** The fast path: a pre-subset face whose objects only point at bytes compressed once per process. */
export function embedPresubsetFont(doc: PDFDocument, style: FontStyle): LayoutFont {
  const font = program(style);
  const context = doc.context;
  const name = SUBSET_NAMES[style];
  const fontFile = context.register(context.stream(font.fontFile, { Filter: 'FlateDecode', Length1: font.fontFileLength }));
  const toUnicode = context.register(context.stream(font.toUnicode, { Filter: 'FlateDecode' }));
  const descriptor = context.register(context.obj({ Type: 'FontDescriptor', FontName: name, ...font.descriptor, FontFile2: fontFile }));
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
  const ref = context.register(context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  return presubsetLayoutFont(style, ref);
}

/** The general path for text outside the covered characters: pdf-lib shapes and subsets per document. */
export async function embedShapedFont(doc: PDFDocument, style: FontStyle): Promise<LayoutFont> {
  const font: PDFFont = await doc.embedFont(fontBytes(style), { subset: true, customName: SHAPED_NAMES[style] });
  const encoded = new Map<string, PDFHexString>();
  const measured = new Map<string, number>();
  return {
    name: font.name,
    ref: font.ref,
    width: (text, size) => remember(measured, text, () => font.widthOfTextAtSize(text, 1000)) * (size / 1000),
    encode: (text) => {
      let hex = encoded.get(text);
      if (!hex) {
        hex = font.encodeText(text);
        encoded.set(text, hex);
      }
      return hex;
    },
  };
}

