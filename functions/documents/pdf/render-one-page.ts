import type { Block, DocumentModel } from '../model.ts';
import { type PdfMetadata, type RenderedPdf, renderPdf } from './render-pdf.ts';

/**
 * The scales tried, largest first. The smallest sets the receipt's 9 pt table in about 6.8 pt, still
 * legible on paper. The counter's limits (a name of 200 and an address of 300 characters) with the
 * longest SOP's checklist fit at 0.94, and at 0.88 with a company line of 80 characters besides
 * (test/documents/receipt-pages.test.ts).
 */
const SCALES = [1, 0.94, 0.88, 0.82, 0.76] as const;

/**
 * A document printed on one sheet whatever its data (the counter's receipt): set smaller, step by
 * step, until it fits one page. Past the smallest scale it is given as it came out (two pages), not
 * refused: an applicant's file is never turned away for the length of its address.
 */
export async function renderPdfOnOnePage(model: DocumentModel, metadata: PdfMetadata): Promise<RenderedPdf> {
  let rendered: RenderedPdf | undefined;
  for (const scale of SCALES) {
    rendered = await renderPdf(scale === 1 ? model : scaleModel(model, scale), metadata);
    if (rendered.pageCount === 1) return rendered;
  }
  return rendered as RenderedPdf;
}

/** The model with every type size and vertical space multiplied by `scale`; widths, slots and the footer as they were. */
export function scaleModel(model: DocumentModel, scale: number): DocumentModel {
  return { ...model, blocks: model.blocks.map((block) => scaleBlock(block, scale)) };
}

function scaleBlock(block: Block, scale: number): Block {
  switch (block.type) {
    case 'paragraph':
      return {
        ...block,
        size: block.size * scale,
        firstLineIndent: block.firstLineIndent * scale,
        spaceBefore: block.spaceBefore * scale,
        spaceAfter: block.spaceAfter * scale,
      };
    case 'fields':
    case 'list':
      return { ...block, size: block.size * scale, spaceAfter: block.spaceAfter * scale };
    case 'table':
      return {
        ...block,
        size: block.size * scale,
        minRowHeight: block.minRowHeight * scale,
        spaceAfter: block.spaceAfter * scale,
      };
    case 'rule':
      return { ...block, spaceAfter: block.spaceAfter * scale };
    case 'space':
      return { ...block, height: block.height * scale };
    case 'column':
    case 'keep':
      return { ...block, blocks: block.blocks.map((inner) => scaleBlock(inner, scale)) };
    case 'row':
      return {
        ...block,
        cells: block.cells.map((cell) => ({ ...cell, blocks: cell.blocks.map((inner) => scaleBlock(inner, scale)) })),
      };
    case 'slot':
    case 'page-break':
      return block;
  }
}
