import { drawQr } from './draw-qr.ts';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFFlateStream, rgb, type PDFPage } from '@cantoo/pdf-lib';
import { styleOf, type FontStyle } from '../fonts.ts';
import { MM, PAGE, TEXT_WIDTH, cellsWithColumns } from '../model.ts';
import type { Align, Block, Cell, DocumentModel, Fields, List, Row, Run, Slot, Table } from '../model.ts';
import { TextMeasure, breakLines, type Line } from './break-lines.ts';
import { coveredByPresubset, embedFace, type LayoutFont } from './layout-font.ts';
import { TextWriter, type TextSegment } from './text-writer.ts';

/** Where a reserved area landed, so that the registration step can stamp into it. Points, PDF coordinates. */
export interface SlotPosition {
  name: string;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /**
   * The text size of the line the area sits on (the Nomor line's), with the area's bottom at that
   * line's descent: what is stamped there later is set in the body's size, on the line's baseline.
   */
  textSize?: number;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  slots: SlotPosition[];
}

export interface PdfMetadata {
  title: string;
  subject: string;
  date: Date;
  /** QR codes to draw in reserved areas, by the area's name: the verification address of an issued document. */
  qrCodes?: Record<string, string>;
}

const LINE_HEIGHT = 1.2;

const CELL_PADDING = 3;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.4, 0.4, 0.4);

interface DrawContext {
  page: PDFPage;
  pageIndex: number;
  writer: TextWriter;
}

/** The smallest piece the pager will not split across pages: a line, a table row, a kept group. */
interface Unit {
  height: number;
  draw(context: DrawContext, top: number): void;
  /** Space that vanishes at the top of a page (space before/after a block). */
  collapsible?: boolean;
  keepWithNext?: boolean;
  /** Goes to a new page together with the unit before it (a signature block with the text it closes). */
  keepWithPrevious?: boolean;
  /** Table rows: the header to repeat when the row opens a new page. */
  header?: Unit[];
}

const baselineOf = (top: number, size: number) => top - size * 0.94;

/** Sets one line: a TJ per change of font, real spaces between words (so text extracts with its spaces), widened to justify. */
function drawLine(
  context: DrawContext,
  line: Line,
  x: number,
  width: number,
  top: number,
  size: number,
  align: Align,
  measure: TextMeasure,
): void {
  const space = measure.width(' ', 'regular', size);
  const natural = line.width + space * Math.max(line.words.length - 1, 0);
  const justify = align === 'justify' && !line.last && line.words.length > 1;
  const gap = justify ? (width - line.width) / (line.words.length - 1) : space;
  let cursor = align === 'center' ? x + (width - natural) / 2 : align === 'right' ? x + width - natural : x;
  const baseline = baselineOf(top, size);
  const segments: TextSegment[] = [];
  const underlines: { from: number; to: number }[] = [];
  let segment: TextSegment | undefined;
  line.words.forEach((word, index) => {
    for (const fragment of word.fragments) {
      const font = measure.font(fragment.style);
      if (!segment || segment.font !== font) {
        segment = { font, size, x: cursor, y: baseline, items: [] };
        segments.push(segment);
      }
      segment.items.push(fragment.text);
      if (fragment.underline) {
        const previous = underlines[underlines.length - 1];
        // Underlined words side by side share one line, across the space between them.
        if (previous && previous.to >= cursor - gap - 0.01) previous.to = cursor + fragment.width;
        else underlines.push({ from: cursor, to: cursor + fragment.width });
      }
      cursor += fragment.width;
    }
    if (index < line.words.length - 1) {
      const spaceInFont = measure.width(' ', fragmentStyle(word), size);
      if (!segment) throw new Error('drawLine: a space before any text (a word without fragments)');
      segment.items.push(' ');
      if (Math.abs(gap - spaceInFont) > 0.01) segment.items.push(-((gap - spaceInFont) / size) * 1000);
      cursor += gap;
    }
  });
  context.writer.write(context.page, segments);
  for (const { from, to } of underlines) {
    context.page.drawLine({
      start: { x: from, y: baseline - 1.5 },
      end: { x: to, y: baseline - 1.5 },
      thickness: 0.6,
      color: BLACK,
    });
  }
}

function fragmentStyle(word: Line['words'][number]) {
  const last = word.fragments.at(-1);
  if (!last) throw new Error('a laid-out word without fragments has no style');
  return last.style;
}

function textUnits(
  runs: Run[],
  x: number,
  width: number,
  size: number,
  align: Align,
  measure: TextMeasure,
  firstLineIndent = 0,
): Unit[] {
  const lineHeight = size * LINE_HEIGHT;
  return breakLines(runs, width, size, measure, firstLineIndent).map((line, index) => {
    const indent = index === 0 ? firstLineIndent : 0;
    return {
      height: lineHeight,
      draw: (context: DrawContext, top: number) =>
        drawLine(context, line, x + indent, width - indent, top, size, align, measure),
    };
  });
}

/** Merges the first two and the last two lines of a paragraph so that no line stands alone on a page. */
function withoutOrphans(units: Unit[]): Unit[] {
  if (units.length < 4) return units.length > 1 ? [merge(units)] : units;
  return [merge(units.slice(0, 2)), ...units.slice(2, -2), merge(units.slice(-2))];
}

function merge(units: Unit[]): Unit {
  return {
    height: units.reduce((sum, unit) => sum + unit.height, 0),
    draw: (context, top) => {
      let y = top;
      for (const unit of units) {
        unit.draw(context, y);
        y -= unit.height;
      }
    },
  };
}

const gapUnit = (height: number): Unit => ({ height, collapsible: true, draw: () => undefined });

function cellLines(cell: Cell, width: number, size: number, measure: TextMeasure): Line[] {
  return breakLines(
    cell.runs.map((run) => (cell.bold ? { ...run, bold: true } : run)),
    width - 2 * CELL_PADDING,
    size,
    measure,
  );
}

function tableRowUnit(
  cells: Cell[],
  columns: { x: number; width: number }[],
  table: Table,
  measure: TextMeasure,
  slots: SlotPosition[],
  isHeader = false,
): Unit {
  const lineHeight = table.size * LINE_HEIGHT;
  const laidOut = cellsWithColumns(cells, columns).map(({ cell, column }) => ({
    cell,
    ...column,
    lines: cellLines(cell, column.width, table.size, measure),
  }));
  // The minimum is room for a stamp in a body row; a header needs only its text.
  const height = Math.max(
    isHeader ? 0 : table.minRowHeight,
    ...laidOut.map(({ lines }) => lines.length * lineHeight + 2 * CELL_PADDING),
  );
  return {
    height,
    draw: (context, top) => {
      for (const { cell, x, width: w, lines } of laidOut) {
        if (table.borders)
          context.page.drawRectangle({ x, y: top - height, width: w, height, borderColor: BLACK, borderWidth: 0.6 });
        if (cell.slot)
          slots.push({
            name: cell.slot,
            page: context.pageIndex + 1,
            x: x + 1,
            y: top - height + 1,
            width: w - 2,
            height: height - 2,
          });
        let y = top - CELL_PADDING;
        for (const line of lines) {
          drawLine(context, line, x + CELL_PADDING, w - 2 * CELL_PADDING, y, table.size, cell.align, measure);
          y -= lineHeight;
        }
      }
    },
  };
}

function fieldUnits(block: Fields, x: number, width: number, measure: TextMeasure, slots: SlotPosition[]): Unit[] {
  const labelWidth = width * block.labelWidth;
  const colon = measure.width(' : ', 'regular', block.size);
  const valueX = x + labelWidth + colon;
  const valueWidth = width - labelWidth - colon;
  const rows = block.rows.map((row) => {
    const label = textUnits([{ text: row.label }], x, labelWidth, block.size, 'left', measure);
    const slotted = row.slot !== undefined;
    // A slotted value is a hint for whoever stamps it later, set small inside the reserved area;
    // the area is the value's place on a line of the body's size, so the stamp reads as typed there.
    const hintSize = 7;
    const value = textUnits(row.value, valueX + 3, valueWidth - 6, slotted ? hintSize : block.size, 'left', measure);
    const lineHeight = block.size * LINE_HEIGHT;
    const height = slotted
      ? Math.max(lineHeight, value.length * hintSize * LINE_HEIGHT + 2)
      : Math.max(label.length, value.length) * lineHeight;
    return {
      height,
      draw: (context: DrawContext, top: number) => {
        merge(label).draw(context, top);
        context.writer.write(context.page, [
          {
            font: measure.font('regular'),
            size: block.size,
            x: x + labelWidth + colon / 3,
            y: baselineOf(top, block.size),
            items: [':'],
          },
        ]);
        if (!row.slot) {
          merge(value).draw(context, top);
          return;
        }
        // Inside the area by half a line width, so that the stamp's opaque ground covers it whole.
        context.page.drawRectangle({
          x: valueX + 0.5,
          y: top - height + 0.5,
          width: valueWidth - 1,
          height: height - 1,
          borderColor: GREY,
          borderWidth: 0.6,
          borderDashArray: [3, 2],
        });
        slots.push({
          name: row.slot,
          page: context.pageIndex + 1,
          x: valueX,
          y: top - height,
          width: valueWidth,
          height,
          textSize: block.size,
        });
        merge(value).draw(context, top - (height - value.length * hintSize * LINE_HEIGHT) / 2);
      },
    };
  });
  return [...rows, gapUnit(block.spaceAfter)];
}

function listUnits(block: List, x: number, width: number, measure: TextMeasure): Unit[] {
  const items = block.items.map((item) => {
    const text = textUnits(
      item.runs,
      x + block.markerWidth,
      width - block.markerWidth,
      block.size,
      block.align,
      measure,
    );
    const body = merge(text);
    return {
      height: body.height,
      draw: (context: DrawContext, top: number) => {
        context.writer.write(context.page, [
          {
            font: measure.font('regular'),
            size: block.size,
            x,
            y: baselineOf(top, block.size),
            items: [item.marker],
          },
        ]);
        body.draw(context, top);
      },
    };
  });
  return [...items, gapUnit(block.spaceAfter)];
}

function tableUnits(block: Table, x: number, width: number, measure: TextMeasure, slots: SlotPosition[]): Unit[] {
  const columnWidth = block.widths.map((fraction) => fraction * width);
  const columns = columnWidth.map((w, i) => ({
    x: x + columnWidth.slice(0, i).reduce((sum, v) => sum + v, 0),
    width: w,
  }));
  const header = block.header.map((cells) => tableRowUnit(cells, columns, block, measure, slots, true));
  const [firstRow, ...laterRows] = block.rows.map((cells) => tableRowUnit(cells, columns, block, measure, slots));
  // The header travels with the first row, so it never ends a page alone; later rows repeat it on a new page.
  const first = merge(firstRow ? [...header, firstRow] : header);
  return [first, ...laterRows.map((row) => ({ ...row, header })), gapUnit(block.spaceAfter)];
}

function rowUnits(block: Row, x: number, width: number, measure: TextMeasure, slots: SlotPosition[]): Unit[] {
  let left = x;
  const cells = block.cells.map((cell) => {
    const merged = merge(cell.blocks.flatMap((child) => unitsOf(child, left, width * cell.width, measure, slots)));
    left += width * cell.width;
    return merged;
  });
  return [
    {
      height: Math.max(...cells.map((cell) => cell.height)),
      // A row is a signature block (beside the QR code and the paraf) or a heading's label and
      // text: it never opens a page without the lines before it.
      keepWithPrevious: true,
      draw: (context, top) => {
        for (const cell of cells) cell.draw(context, top);
      },
    },
  ];
}

function slotUnits(block: Slot, x: number, width: number, measure: TextMeasure, slots: SlotPosition[]): Unit[] {
  const w = block.width * MM;
  const h = block.height * MM;
  const left = block.align === 'right' ? x + width - w : block.align === 'center' ? x + (width - w) / 2 : x;
  return [
    {
      height: h,
      draw: (context, top) => {
        if (block.border)
          context.page.drawRectangle({
            x: left,
            y: top - h,
            width: w,
            height: h,
            borderColor: GREY,
            borderWidth: 0.6,
            borderDashArray: [3, 2],
          });
        if (block.label)
          context.writer.write(
            context.page,
            [{ font: measure.font('italic'), size: 7, x: left + 3, y: top - 9, items: [block.label] }],
            0.4,
          );
        slots.push({ name: block.name, page: context.pageIndex + 1, x: left, y: top - h, width: w, height: h });
      },
    },
    gapUnit(6),
  ];
}

function unitsOf(block: Block, x: number, width: number, measure: TextMeasure, slots: SlotPosition[]): Unit[] {
  switch (block.type) {
    case 'paragraph': {
      const lines = withoutOrphans(
        textUnits(block.runs, x, width, block.size, block.align, measure, block.firstLineIndent),
      );
      if (block.keepWithNext) {
        const last = lines.at(-1);
        if (!last) throw new Error('a paragraph that keeps with the next laid out no line');
        last.keepWithNext = true;
      }
      return [...(block.spaceBefore ? [gapUnit(block.spaceBefore)] : []), ...lines, gapUnit(block.spaceAfter)];
    }
    case 'fields':
      return fieldUnits(block, x, width, measure, slots);
    case 'list':
      return listUnits(block, x, width, measure);
    case 'table':
      return tableUnits(block, x, width, measure, slots);
    case 'rule':
      return [
        {
          height: 4,
          draw: (context, top) => {
            const line = (y: number, thickness: number) =>
              context.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness, color: BLACK });
            if (block.style === 'double') {
              line(top - 1, 2.2);
              line(top - 3.6, 0.7);
            } else line(top - 1, 0.8);
          },
        },
        gapUnit(block.spaceAfter),
      ];
    case 'space':
      return [gapUnit(block.height)];
    case 'column':
      return block.blocks.flatMap((child) =>
        unitsOf(child, x + width * block.left, width * (1 - block.left), measure, slots),
      );
    case 'keep': {
      const units = block.blocks.flatMap((child) => unitsOf(child, x, width, measure, slots));
      return [merge(units)];
    }
    case 'row':
      return rowUnits(block, x, width, measure, slots);
    case 'slot':
      return slotUnits(block, x, width, measure, slots);
    case 'page-break':
      return [{ height: Number.POSITIVE_INFINITY, collapsible: true, draw: () => undefined }];
  }
}

/**
 * The height that must fit on the page with unit i (`unit`): up to the next unit that is not space, when
 * unit i keeps with it or it keeps with unit i (the space between them included). A page break
 * between them ends the rule.
 */
function heightKeptAfter(units: Unit[], i: number, unit: Unit): number {
  const j = units.findIndex((u, index) => index > i && (!u.collapsible || u.height === Number.POSITIVE_INFINITY));
  const next = units[j];
  if (!next || next.height === Number.POSITIVE_INFINITY || !(unit.keepWithNext || next.keepWithPrevious)) return 0;
  return units.slice(i + 1, j + 1).reduce((sum, u) => sum + u.height, 0);
}

/** The styles a model uses, and those with text beyond the pre-subset characters. */
function survey(model: DocumentModel): { styles: Set<FontStyle>; uncovered: Set<FontStyle> } {
  const styles = new Set<FontStyle>(['regular', 'italic']);
  const uncovered = new Set<FontStyle>();
  const visitText = (text: string, style: FontStyle) => {
    if (!uncovered.has(style) && !coveredByPresubset(text)) uncovered.add(style);
  };
  const visitRuns = (runs: Run[], bold = false) =>
    runs.forEach((run) => {
      const style = styleOf({ ...run, bold: run.bold || bold });
      styles.add(style);
      visitText(run.text, style);
    });
  const visit = (blocks: Block[]): void => {
    for (const block of blocks) {
      if (block.type === 'paragraph') visitRuns(block.runs);
      else if (block.type === 'fields')
        for (const row of block.rows) {
          visitText(row.label, 'regular');
          visitRuns(row.value);
        }
      else if (block.type === 'list')
        for (const item of block.items) {
          visitText(item.marker, 'regular');
          visitRuns(item.runs);
        }
      else if (block.type === 'table')
        for (const cell of [...block.header, ...block.rows].flat()) visitRuns(cell.runs, cell.bold);
      else if (block.type === 'slot') visitText(block.label, 'italic');
      else if (block.type === 'column' || block.type === 'keep') visit(block.blocks);
      else if (block.type === 'row') for (const cell of block.cells) visit(cell.blocks);
    }
  };
  visit(model.blocks);
  visitText(model.footerNote, 'italic');
  return { styles, uncovered };
}

/** pdf-lib deflates page contents in JavaScript; Node's zlib does the same natively, several times faster. */
function compressContents(doc: PDFDocument, pages: PDFPage[]): void {
  for (const page of pages) {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref);
      if (stream instanceof PDFFlateStream) stream.updateContents(deflateSync(stream.getUnencodedContents()));
    }
  }
}

/** Lays the model out on A4 pages and writes the PDF, with "Halaman X dari Y" on every page. */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the pager: breaking pages, the keep rules and the page footer share the page state; split, it would be passed around
export async function renderPdf(model: DocumentModel, metadata: PdfMetadata): Promise<RenderedPdf> {
  const doc = await PDFDocument.create();
  const { styles, uncovered } = survey(model);
  const fonts = {} as Record<FontStyle, LayoutFont>;
  for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    // An unused style falls back to regular rather than embedding a font no glyph needs.
    if (!styles.has(style)) fonts[style] = fonts.regular;
    else fonts[style] = embedFace(doc, style, uncovered.has(style) ? 'whole' : 'presubset');
  }
  const measure = new TextMeasure(fonts);
  const slots: SlotPosition[] = [];
  const units = model.blocks.flatMap((block) => unitsOf(block, PAGE.marginLeft, TEXT_WIDTH, measure, slots));

  const top = PAGE.height - PAGE.marginTop;
  const usable = top - PAGE.marginBottom;
  const pages: PDFPage[] = [];
  const writer = new TextWriter(doc);
  let context: DrawContext = { page: doc.addPage([PAGE.width, PAGE.height]), pageIndex: 0, writer };
  pages.push(context.page);
  let y = top;
  const newPage = () => {
    context = { page: doc.addPage([PAGE.width, PAGE.height]), pageIndex: pages.length, writer };
    pages.push(context.page);
    y = top;
  };

  for (const [i, unit] of units.entries()) {
    if (unit.height === Number.POSITIVE_INFINITY) {
      if (y < top) newPage();
      continue;
    }
    if (unit.collapsible && y === top) continue;
    const needed = unit.height + heightKeptAfter(units, i, unit);
    if (y - needed < PAGE.marginBottom && y < top && needed <= usable) {
      if (unit.collapsible) continue;
      newPage();
      for (const headerRow of unit.header ?? []) {
        headerRow.draw(context, y);
        y -= headerRow.height;
      }
    }
    unit.draw(context, y);
    y -= unit.height;
  }

  const footerSize = 9;
  pages.forEach((page, index) => {
    const label = `Halaman ${index + 1} dari ${pages.length}`;
    const baseline = PAGE.marginBottom - 28;
    const footer: TextSegment[] = [
      {
        font: fonts.regular,
        size: footerSize,
        x: PAGE.width - PAGE.marginRight - measure.width(label, 'regular', footerSize),
        y: baseline,
        items: [label],
      },
    ];
    if (model.footerNote)
      footer.push({ font: fonts.italic, size: footerSize, x: PAGE.marginLeft, y: baseline, items: [model.footerNote] });
    writer.write(page, footer, 0.4);
  });

  doc.setTitle(metadata.title);
  doc.setSubject(metadata.subject);
  doc.setAuthor('DPMPTSP Provinsi Kalimantan Timur');
  doc.setCreator('Paraf');
  doc.setProducer('Paraf (pdf-lib)');
  doc.setLanguage('id-ID');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  for (const slot of slots) {
    const text = metadata.qrCodes?.[slot.name];
    const page = pages[slot.page - 1];
    if (text && page) drawQr(page, slot, text);
  }
  compressContents(doc, pages);
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pageCount: pages.length, slots };
}
