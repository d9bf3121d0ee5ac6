import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IBorderOptions,
} from 'docx';
import { DOCX_FONT } from './fonts.ts';
import { MM, PAGE, TEXT_WIDTH, cellsWithColumns } from './model.ts';
import type {
  Align,
  Block,
  Cell,
  DocumentModel,
  Fields,
  List,
  Row as RowBlock,
  Run,
  Slot,
  Table as TableBlock,
} from './model.ts';

/** The DOCX draft from the same model as the PDF: staff can still edit it in a word processor. */

const TWIPS_PER_POINT = 20;
const twips = (points: number) => Math.round(points * TWIPS_PER_POINT);
const TEXT_WIDTH_TWIPS = twips(TEXT_WIDTH);

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const satisfies Record<Align, unknown>;

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const DASHED_BORDER: IBorderOptions = { style: BorderStyle.DASHED, size: 4, color: '666666' };
/** 3 pt, as the PDF pads its cells; Word's default is wider and squeezes narrow columns. */
const CELL_MARGINS = { top: 60, bottom: 60, left: 60, right: 60 };
const borders = (border: IBorderOptions) => ({ top: border, bottom: border, left: border, right: border });

function textRuns(runs: Run[], size: number, bold = false): TextRun[] {
  return runs.map((run) =>
    run.text === '\n'
      ? new TextRun({ break: 1 })
      : new TextRun({
          text: run.text,
          bold: run.bold || bold,
          italics: run.italic,
          underline: run.underline ? {} : undefined,
          size: size * 2,
        }),
  );
}

interface Place {
  /** Left indent in twips (a signature column). */
  indent: number;
  width: number;
  keep: boolean;
}

/** A table of fixed column widths at the place's indent, with one border style inside and out. */
function fixedTable(widths: number[], place: Place, border: IBorderOptions, rows: TableRow[]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    width: { size: place.width, type: WidthType.DXA },
    indent: { size: place.indent, type: WidthType.DXA },
    borders: { ...borders(border), insideHorizontal: border, insideVertical: border },
    rows,
  });
}

function cellParagraph(cell: Cell, size: number): Paragraph {
  return new Paragraph({ alignment: ALIGNMENT[cell.align], children: textRuns(cell.runs, size, cell.bold) });
}

function fieldParagraphs(block: Fields, place: Place): FileChild[] {
  const keep = { keepNext: place.keep, keepLines: place.keep };
  // "Label<tab>:<tab>value" with a hanging indent: how these rows are typed in Word, and easy to edit.
  const label = Math.round(place.width * block.labelWidth);
  const value = place.indent + label + twips(12);
  return block.rows.map(
    (row, index) =>
      new Paragraph({
        indent: { left: value, hanging: value - place.indent },
        tabStops: [
          { type: TabStopType.LEFT, position: place.indent + label },
          { type: TabStopType.LEFT, position: value },
        ],
        spacing: { after: index === block.rows.length - 1 ? twips(block.spaceAfter) : 0 },
        ...keep,
        children: [
          new TextRun({ text: `${row.label}\t:\t`, size: block.size * 2 }),
          ...(row.slot
            ? [
                new TextRun({
                  text: row.value.map((r) => r.text).join(''),
                  italics: true,
                  size: 16,
                  color: '666666',
                }),
              ]
            : textRuns(row.value, block.size)),
        ],
      }),
  );
}

function listParagraphs(block: List, place: Place): FileChild[] {
  const keep = { keepNext: place.keep, keepLines: place.keep };
  const marker = twips(block.markerWidth);
  return block.items.map(
    (item, index) =>
      new Paragraph({
        alignment: ALIGNMENT[block.align],
        indent: { left: place.indent + marker, hanging: marker },
        tabStops: [{ type: TabStopType.LEFT, position: place.indent + marker }],
        spacing: { after: index === block.items.length - 1 ? twips(block.spaceAfter) : 0 },
        ...keep,
        children: [new TextRun({ text: `${item.marker}\t`, size: block.size * 2 }), ...textRuns(item.runs, block.size)],
      }),
  );
}

function tableOf(block: TableBlock, place: Place): FileChild[] {
  const widths = block.widths.map((fraction) => Math.round(fraction * place.width));
  const border = block.borders ? LINE_BORDER : NO_BORDER;
  const row = (cells: Cell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      height:
        block.minRowHeight && !header ? { value: twips(block.minRowHeight), rule: HeightRule.ATLEAST } : undefined,
      children: cellsWithColumns(cells, widths).map(
        ({ cell, column: width }) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            margins: CELL_MARGINS,
            children: [cellParagraph(cell, block.size)],
          }),
      ),
    });
  return [
    fixedTable(widths, place, border, [
      ...block.header.map((cells) => row(cells, true)),
      ...block.rows.map((cells) => row(cells, false)),
    ]),
    new Paragraph({ spacing: { after: twips(block.spaceAfter) }, children: [] }),
  ];
}

function rowTable(block: RowBlock, place: Place): FileChild[] {
  const columns = block.cells.map((cell) => ({ cell, width: Math.round(cell.width * place.width) }));
  const widths = columns.map(({ width }) => width);
  const cells = columns.map(({ cell, width }) => {
    const children = cell.blocks.flatMap((child) => convert(child, { indent: 0, width, keep: true })) as (
      | Paragraph
      | Table
    )[];
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: children.length ? children : [new Paragraph({ children: [] })],
    });
  });
  return [fixedTable(widths, place, NO_BORDER, [new TableRow({ cantSplit: true, children: cells })])];
}

function slotTable(block: Slot): FileChild[] {
  const width = twips(block.width * MM);
  return [
    new Table({
      layout: TableLayoutType.FIXED,
      columnWidths: [width],
      width: { size: width, type: WidthType.DXA },
      alignment:
        block.align === 'right'
          ? AlignmentType.RIGHT
          : block.align === 'center'
            ? AlignmentType.CENTER
            : AlignmentType.LEFT,
      borders: borders(block.border ? DASHED_BORDER : NO_BORDER),
      rows: [
        new TableRow({
          height: { value: twips(block.height * MM), rule: HeightRule.EXACT },
          children: [
            new TableCell({
              children: [
                new Paragraph({
                  children: [new TextRun({ text: block.label, italics: true, size: 14, color: '666666' })],
                }),
              ],
            }),
          ],
        }),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function convert(block: Block, place: Place): FileChild[] {
  const keep = { keepNext: place.keep, keepLines: place.keep };
  switch (block.type) {
    case 'paragraph':
      return [
        new Paragraph({
          alignment: ALIGNMENT[block.align],
          indent: { left: place.indent, firstLine: twips(block.firstLineIndent) },
          spacing: { before: twips(block.spaceBefore), after: twips(block.spaceAfter) },
          keepNext: block.keepWithNext || place.keep,
          keepLines: place.keep,
          children: textRuns(block.runs, block.size),
        }),
      ];
    case 'fields':
      return fieldParagraphs(block, place);
    case 'list':
      return listParagraphs(block, place);
    case 'table':
      return tableOf(block, place);
    case 'rule':
      return [
        new Paragraph({
          indent: { left: place.indent },
          border: {
            bottom: {
              style: block.style === 'double' ? BorderStyle.THICK_THIN_MEDIUM_GAP : BorderStyle.SINGLE,
              size: block.style === 'double' ? 18 : 6,
              color: '000000',
              space: 1,
            },
          },
          spacing: { after: twips(block.spaceAfter) },
          children: [],
        }),
      ];
    case 'space':
      return [new Paragraph({ spacing: { before: twips(block.height) }, ...keep, children: [] })];
    case 'column': {
      const indent = place.indent + Math.round(place.width * block.left);
      return block.blocks.flatMap((child) =>
        convert(child, { ...place, indent, width: place.width - Math.round(place.width * block.left) }),
      );
    }
    case 'keep':
      return block.blocks.flatMap((child) => convert(child, { ...place, keep: true }));
    case 'row':
      return rowTable(block, place);
    case 'slot':
      return slotTable(block);
    case 'page-break':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

function noticeParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: borders({ style: BorderStyle.SINGLE, size: 8, color: '990000', space: 4 }),
    spacing: { after: twips(8) },
    children: [new TextRun({ text, bold: true, size: 20, color: '990000' })],
  });
}

export async function renderDocx(
  model: DocumentModel,
  metadata: { title: string; subject: string; notice?: string },
): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Paraf, DPMPTSP Provinsi Kalimantan Timur',
    title: metadata.title,
    subject: metadata.subject,
    styles: { default: { document: { run: { font: DOCX_FONT, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(PAGE.width), height: twips(PAGE.height) },
            margin: {
              top: twips(PAGE.marginTop),
              bottom: twips(PAGE.marginBottom),
              left: twips(PAGE.marginLeft),
              right: twips(PAGE.marginRight),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS }],
                children: [
                  new TextRun({ text: model.footerNote, italics: true, size: 18, color: '666666' }),
                  new TextRun({
                    children: ['\tHalaman ', PageNumber.CURRENT, ' dari ', PageNumber.TOTAL_PAGES],
                    size: 18,
                    color: '666666',
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...(metadata.notice ? [noticeParagraph(metadata.notice)] : []),
          ...model.blocks.flatMap((block) => convert(block, { indent: 0, width: TEXT_WIDTH_TWIPS, keep: false })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
