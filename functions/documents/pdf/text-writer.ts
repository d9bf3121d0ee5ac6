import {
  PDFArray,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setTextMatrix,
  type PDFDocument,
  type PDFName,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { LayoutFont } from './layout-font.ts';

/** Text of one font set from one point: strings, and TJ adjustments in thousandths of the font size (negative moves right). */
export interface TextSegment {
  font: LayoutFont;
  size: number;
  x: number;
  y: number;
  items: (string | number)[];
}

/**
 * Writes text operators directly. pdf-lib's drawText adds a new font resource to the page on
 * every call and shapes the text again each time; here each page names each font once and a
 * line is one TJ per font, with the words' encodings cached by the font.
 */
export class TextWriter {
  private readonly keys = new Map<PDFPage, Map<LayoutFont, PDFName>>();

  constructor(private readonly doc: PDFDocument) {}

  private key(page: PDFPage, font: LayoutFont): PDFName {
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
      for (const item of segment.items)
        array.push(typeof item === 'number' ? PDFNumber.of(item) : segment.font.encode(item));
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
