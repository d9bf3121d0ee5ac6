import {
  fill,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
} from '@cantoo/pdf-lib';
// The core alone: the package's entry point also loads its PNG, SVG and terminal renderers.
import { create } from 'qrcode/lib/core/qrcode.js';

/**
 * Draws a QR code of `text` filling the square area, as vector squares (sharp at any print size),
 * on a white ground that covers the area's frame and hint. Error correction M: a copy folded or
 * stamped across still scans.
 */
export function drawQr(page: PDFPage, area: { x: number; y: number; width: number; height: number }, text: string) {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const side = Math.min(area.width, area.height);
  // Two modules of quiet zone on each side, inside the area.
  const cell = side / (modules.size + 4);
  const left = area.x + (area.width - side) / 2 + 2 * cell;
  const top = area.y + (area.height + side) / 2 - 2 * cell;
  const operators = [
    pushGraphicsState(),
    setFillingGrayscaleColor(1),
    rectangle(area.x - 1, area.y - 1, area.width + 2, area.height + 2),
    fill(),
  ];
  operators.push(setFillingGrayscaleColor(0));
  for (let row = 0; row < modules.size; row += 1) {
    // One rectangle per run of dark modules in a row: a few hundred operators, not a thousand.
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      operators.push(rectangle(left + start * cell, top - (row + 1) * cell, (column - start) * cell, cell));
    }
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}
