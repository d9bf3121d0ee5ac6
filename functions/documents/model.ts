/**
 * The intermediate document model: what a template means, before any format. The PDF and the DOCX
 * renderers both read it, so one template gives both. Sizes are in points (1/72 inch) unless a name
 * says otherwise; widths of columns and indents of columns are fractions of the text width.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** A line break inside a paragraph or a cell. */
export const LINE_BREAK: Run = { text: '\n' };

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
  align: Align;
  size: number;
  /** First-line indent in points (a negative value with `hanging` makes a hanging indent). */
  firstLineIndent: number;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext: boolean;
}

/** "Nomor : 503/..." rows: label, colon and value aligned in columns, no borders. */
export interface Fields {
  type: 'fields';
  labelWidth: number;
  size: number;
  /** A row with a slot reserves its value for a later stamp (the registration number on the "Nomor" line). */
  rows: { label: string; value: Run[]; slot?: string }[];
  spaceAfter: number;
}

/** Numbered or lettered items with a hanging indent: "1. ...", "a. ...". */
export interface List {
  type: 'list';
  markerWidth: number;
  size: number;
  align: Align;
  items: { marker: string; runs: Run[] }[];
  spaceAfter: number;
}

export interface Cell {
  runs: Run[];
  align: Align;
  bold: boolean;
  /** Reserves the cell for a later stamp (a reviewer's paraf): its rectangle is reported. */
  slot?: string;
}

/**
 * A table row's cells, each with its column (its width, its place); parse-markup gives every row as
 * many cells as the table has columns, so a cell beyond them is a bug.
 */
export function cellsWithColumns<C>(cells: readonly Cell[], columns: readonly C[]): { cell: Cell; column: C }[] {
  return cells.map((cell, i) => {
    const column = columns[i];
    if (column === undefined)
      throw new Error(`table row: cell ${i + 1} has no column (the table has ${columns.length})`);
    return { cell, column };
  });
}

export interface Table {
  type: 'table';
  /** Fractions of the text width, summing to 1. */
  widths: number[];
  header: Cell[][];
  rows: Cell[][];
  size: number;
  borders: boolean;
  /** Minimum row height in points, for rows that leave room for a paraf. */
  minRowHeight: number;
  spaceAfter: number;
}

export interface Rule {
  type: 'rule';
  style: 'single' | 'double';
  spaceAfter: number;
}

export interface Space {
  type: 'space';
  height: number;
}

/** Blocks set in a column that starts `left` of the way across the text width (the signature block). */
export interface Column {
  type: 'column';
  left: number;
  blocks: Block[];
}

/** Cells of blocks side by side (the QR code and the paraf boxes beside the signature); never split across pages. */
export interface Row {
  type: 'row';
  cells: { width: number; blocks: Block[] }[];
}

/** Blocks that must stay on one page together (the signature block, the paraf boxes). */
export interface Keep {
  type: 'keep';
  blocks: Block[];
}

/** A reserved, empty area filled later (registration number and date, the verification QR code). */
export interface Slot {
  type: 'slot';
  name: string;
  label: string;
  /** Millimetres. */
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
  /** A dashed outline shows where something will go; none for the space a signature fills. */
  border: boolean;
}

export interface PageBreak {
  type: 'page-break';
}

export type Block = Paragraph | Fields | List | Table | Rule | Space | Column | Row | Keep | Slot | PageBreak;

export interface DocumentModel {
  /** Printed in the footer of every page beside "Halaman X dari Y" (e.g. the copy's label). */
  footerNote: string;
  blocks: Block[];
}

/** A4, with the margins of the Indonesian tata naskah dinas (Permendagri 54/2009): top 2, bottom 2.5, left 3, right 2 cm. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginTop: 56.69,
  marginBottom: 70.87,
  marginLeft: 85.04,
  marginRight: 56.69,
} as const;

export const TEXT_WIDTH = PAGE.width - PAGE.marginLeft - PAGE.marginRight;
export const MM = 72 / 25.4;
