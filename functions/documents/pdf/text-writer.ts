import {
  PDFArray, PDFNumber, PDFOperator, PDFOperatorNames, beginText, endText, popGraphicsState, pushGraphicsState,
  setFillingGrayscaleColor, setFontAndSize, setTextMatrix, type PDFDocument, type PDFFont, type PDFHexString, type PDFName, type PDFPage,
} from '@cantoo/pdf-lib';

/** Text of one font set from one point: strings, and TJ adjustments in thousandths of the font size (negative moves right). */
export interface TextSegment {
  font: PDFFont;
  size: number;
  x: number;
  y: number;
  items: (string | number)[];
}

/**
 * Writes text operators directly. pdf-lib's drawText adds a new font resource to the page on
 * every call and shapes the text again each time; here each page names each font once, a line
 * is one TJ per font, and a word is encoded once per document (a subset's glyph ids are the
 * document's own, so the cache cannot be shared between documents).
 */
export class TextWriter {
  private readonly encoded = new Map<PDFFont, Map<string, PDFHexString>>();
  private readonly keys = new Map<PDFPage, Map<PDFFont, PDFName>>();

  constructor(private readonly doc: PDFDocument) {}

  private encode(font: PDFFont, text: string): PDFHexString {
    let byText = this.encoded.get(font);
    if (!byText) {
      byText = new Map();
      this.encoded.set(font, byText);
    }
    let hex = byText.get(text);
    if (!hex) {
      hex = font.encodeText(text);
      byText.set(text, hex);
    }
    return hex;
  }

  private key(page: PDFPage, font: PDFFont): PDFName {
    let byFont = this.keys.get(page);
    if (!byFont) {
      byFont = new Map();
      this.keys.set(page, byFont);
    }
    let key = byFont.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref);
      byFont.set(font, key);
    }
    return key;
  }

  write(page: PDFPage, segments: TextSegment[], gray = 0): void {
    if (segments.length === 0) return;
    const operators: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(gray), beginText()];
    for (const segment of segments) {
      const array = PDFArray.withContext(this.doc.context);
      for (const item of segment.items) array.push(typeof item === 'number' ? PDFNumber.of(item) : this.encode(segment.font, item));
      operators.push(
        setFontAndSize(this.key(page, segment.font), segment.size),
        setTextMatrix(1, 0, 0, 1, segment.x, segment.y),
        PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]),
      );
    }
    operators.push(endText(), popGraphicsState());
    page.pushOperators(...operators);
  }
}
