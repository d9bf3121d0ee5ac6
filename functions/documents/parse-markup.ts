import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Align, Block, Cell, DocumentModel, Run } from './model.ts';

/**
 * Reads what a Handlebars template produced (a small XML vocabulary, see templates/README.md)
 * into the document model. Handlebars escapes data as HTML, which is also XML, so text from an
 * applicant can never become markup. Whitespace folds like HTML so that templates may be indented.
 */

export class MarkupError extends Error {
  override readonly name = 'MarkupError';
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Handlebars escapes ' = ` as numeric references (&#x27;): decoded, so "Jum'at" prints as written.
  htmlEntities: true,
});

export const BASE_SIZE = 12;
const ALIGNS: readonly Align[] = ['left', 'center', 'right', 'justify'];

function tagOf(node: XmlNode): string {
  const tag = Object.keys(node).find((key) => key !== ':@');
  if (!tag) throw new MarkupError('empty node');
  return tag;
}
const childrenOf = (node: XmlNode) => (node[tagOf(node)] as XmlNode[] | undefined) ?? [];

function attributes(node: XmlNode, allowed: readonly string[]): Record<string, string> {
  const attrs = node[':@'] ?? {};
  for (const name of Object.keys(attrs)) {
    if (!allowed.includes(name))
      throw new MarkupError(`<${tagOf(node)}> has no attribute "${name}" (allowed: ${allowed.join(', ') || 'none'})`);
  }
  return attrs;
}

function number(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new MarkupError(`${what} is not a number: "${value}"`);
  return parsed;
}

function align(value: string | undefined, fallback: Align): Align {
  if (value === undefined) return fallback;
  if (!(ALIGNS as readonly string[]).includes(value))
    throw new MarkupError(`align="${value}" is not one of ${ALIGNS.join(', ')}`);
  return value as Align;
}

const flag = (value: string | undefined) => value === 'true';

/** Inline content: text, <b>, <i>, <u>, <br/>. Whitespace runs fold to one space; edges are trimmed by the caller. */
function readRuns(nodes: XmlNode[], style: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') {
      const text = String(node['#text']).replace(/\s+/g, ' ');
      if (text) runs.push({ ...style, text });
      continue;
    }
    attributes(node, []);
    if (tag === 'b') runs.push(...readRuns(childrenOf(node), { ...style, bold: true }));
    else if (tag === 'i') runs.push(...readRuns(childrenOf(node), { ...style, italic: true }));
    else if (tag === 'u') runs.push(...readRuns(childrenOf(node), { ...style, underline: true }));
    else if (tag === 'br') runs.push({ text: '\n' });
    else throw new MarkupError(`<${tag}> cannot stand inside text (allowed: b, i, u, br)`);
  }
  return runs;
}

/** Trims the folded whitespace at the edges of a paragraph and around line breaks. */
function trimRuns(runs: Run[]): Run[] {
  const out = runs.map((run) => ({ ...run }));
  for (const [i, run] of out.entries()) {
    const before = out[i - 1];
    const after = out[i + 1];
    const atStart = !before || before.text === '\n';
    const atEnd = !after || after.text === '\n';
    if (run.text === '\n') continue;
    if (atStart) run.text = run.text.replace(/^ /, '');
    if (atEnd) run.text = run.text.replace(/ $/, '');
  }
  return out.filter((run) => run.text !== '');
}

const inline = (node: XmlNode, bold = false) => trimRuns(readRuns(childrenOf(node), bold ? { bold: true } : {}));

function readCells(row: XmlNode, header: boolean): Cell[] {
  return childrenOf(row)
    .filter((node) => tagOf(node) !== '#text')
    .map((cell) => {
      const tag = tagOf(cell);
      if (tag !== 'td' && tag !== 'th') throw new MarkupError(`<tr> holds <td> or <th>, not <${tag}>`);
      const attrs = attributes(cell, ['align', 'slot']);
      const bold = header || tag === 'th';
      const parsed: Cell = { runs: inline(cell, bold), align: align(attrs.align, bold ? 'center' : 'left'), bold };
      return attrs.slot ? { ...parsed, slot: attrs.slot } : parsed;
    });
}

function readRows(section: XmlNode, header: boolean): Cell[][] {
  return childrenOf(section)
    .filter((node) => tagOf(node) !== '#text')
    .map((row) => {
      if (tagOf(row) !== 'tr') throw new MarkupError(`<${tagOf(section)}> holds <tr>, not <${tagOf(row)}>`);
      attributes(row, []);
      return readCells(row, header);
    });
}

function readText(node: XmlNode): Block | undefined {
  if (String(node['#text']).trim())
    throw new MarkupError(`text outside a paragraph: "${String(node['#text']).trim().slice(0, 40)}"`);
  return undefined;
}

function readParagraph(node: XmlNode): Block {
  const a = attributes(node, ['align', 'size', 'bold', 'indent', 'space-before', 'space-after', 'keep-next']);
  return {
    type: 'paragraph',
    runs: inline(node, flag(a.bold)),
    align: align(a.align, 'left'),
    size: number(a.size, BASE_SIZE, 'size'),
    firstLineIndent: number(a.indent, 0, 'indent'),
    spaceBefore: number(a['space-before'], 0, 'space-before'),
    spaceAfter: number(a['space-after'], 6, 'space-after'),
    keepWithNext: flag(a['keep-next']),
  };
}

function readFields(node: XmlNode): Block {
  const a = attributes(node, ['label-width', 'size', 'space-after']);
  const rows = childrenOf(node)
    .filter((child) => tagOf(child) !== '#text')
    .map((child) => {
      if (tagOf(child) !== 'field') throw new MarkupError(`<fields> holds <field>, not <${tagOf(child)}>`);
      const { label, slot } = attributes(child, ['label', 'slot']);
      if (label === undefined) throw new MarkupError('<field> needs a label');
      return slot ? { label, value: inline(child), slot } : { label, value: inline(child) };
    });
  return {
    type: 'fields',
    labelWidth: number(a['label-width'], 0.25, 'label-width'),
    size: number(a.size, BASE_SIZE, 'size'),
    rows,
    spaceAfter: number(a['space-after'], 6, 'space-after'),
  };
}

function readList(node: XmlNode): Block {
  const a = attributes(node, ['marker-width', 'size', 'align', 'space-after']);
  const items = childrenOf(node)
    .filter((child) => tagOf(child) !== '#text')
    .map((child) => {
      if (tagOf(child) !== 'item') throw new MarkupError(`<list> holds <item>, not <${tagOf(child)}>`);
      const marker = attributes(child, ['marker']).marker;
      if (marker === undefined) throw new MarkupError('<item> needs a marker');
      return { marker, runs: inline(child) };
    });
  return {
    type: 'list',
    markerWidth: number(a['marker-width'], 20, 'marker-width'),
    size: number(a.size, BASE_SIZE, 'size'),
    align: align(a.align, 'justify'),
    items,
    spaceAfter: number(a['space-after'], 6, 'space-after'),
  };
}

function readTable(node: XmlNode): Block {
  const a = attributes(node, ['widths', 'size', 'borders', 'row-height', 'space-after']);
  let header: Cell[][] = [];
  let rows: Cell[][] = [];
  for (const child of childrenOf(node)) {
    const childTag = tagOf(child);
    if (childTag === '#text') continue;
    attributes(child, []);
    if (childTag === 'thead') header = readRows(child, true);
    else if (childTag === 'tbody') rows = readRows(child, false);
    else throw new MarkupError(`<table> holds <thead> and <tbody>, not <${childTag}>`);
  }
  const raw = (a.widths ?? '').split(',').map((w) => number(w.trim(), NaN, 'a table width'));
  const columns = Math.max(...[...header, ...rows].map((row) => row.length), 0);
  if (raw.length !== columns || raw.some((w) => !(w > 0)))
    throw new MarkupError(`<table widths="${a.widths ?? ''}"> must give ${columns} positive widths`);
  for (const row of [...header, ...rows])
    if (row.length !== columns)
      throw new MarkupError(`a table row has ${row.length} cells, the table ${columns} columns`);
  const total = raw.reduce((sum, w) => sum + w, 0);
  return {
    type: 'table',
    widths: raw.map((w) => w / total),
    header,
    rows,
    size: number(a.size, 11, 'size'),
    borders: a.borders !== 'false',
    minRowHeight: number(a['row-height'], 0, 'row-height'),
    spaceAfter: number(a['space-after'], 8, 'space-after'),
  };
}

function readRule(node: XmlNode): Block {
  const a = attributes(node, ['style', 'space-after']);
  return {
    type: 'rule',
    style: a.style === 'double' ? 'double' : 'single',
    spaceAfter: number(a['space-after'], 10, 'space-after'),
  };
}

function readSpace(node: XmlNode): Block {
  const a = attributes(node, ['height']);
  return { type: 'space', height: number(a.height, 12, 'height') };
}

function readColumn(node: XmlNode): Block {
  const a = attributes(node, ['left']);
  const left = number(a.left, 0.5, 'left');
  if (left < 0 || left >= 0.9) throw new MarkupError(`<column left="${left}"> must be between 0 and 0.9`);
  return { type: 'column', left, blocks: readBlocks(childrenOf(node)) };
}

function readRow(node: XmlNode): Block {
  attributes(node, []);
  const cells = childrenOf(node)
    .filter((child) => tagOf(child) !== '#text')
    .map((child) => {
      if (tagOf(child) !== 'cell') throw new MarkupError(`<row> holds <cell>, not <${tagOf(child)}>`);
      return {
        width: number(attributes(child, ['width']).width, NaN, 'cell width'),
        blocks: readBlocks(childrenOf(child)),
      };
    });
  const total = cells.reduce((sum, cell) => sum + cell.width, 0);
  if (cells.length === 0 || cells.some((cell) => !(cell.width > 0)) || Math.abs(total - 1) > 0.001)
    throw new MarkupError('<row> needs <cell width="..."> fractions that add up to 1');
  return { type: 'row', cells };
}

function readKeep(node: XmlNode): Block {
  attributes(node, []);
  return { type: 'keep', blocks: readBlocks(childrenOf(node)) };
}

function readSlot(node: XmlNode): Block {
  const a = attributes(node, ['name', 'label', 'width', 'height', 'align', 'border']);
  if (!a.name) throw new MarkupError('<slot> needs a name');
  const slotAlign = a.align === 'right' || a.align === 'center' ? a.align : 'left';
  return {
    type: 'slot',
    name: a.name,
    label: a.label ?? '',
    width: number(a.width, 50, 'width'),
    height: number(a.height, 20, 'height'),
    align: slotAlign,
    border: a.border !== 'none',
  };
}

function readPageBreak(node: XmlNode): Block {
  attributes(node, []);
  return { type: 'page-break' };
}

/** One reader per element of the markup; each checks its own attributes and children. */
const BLOCK_READERS: Record<string, (node: XmlNode) => Block | undefined> = {
  '#text': readText,
  p: readParagraph,
  fields: readFields,
  list: readList,
  table: readTable,
  rule: readRule,
  space: readSpace,
  column: readColumn,
  row: readRow,
  keep: readKeep,
  slot: readSlot,
  'page-break': readPageBreak,
};

function readBlock(node: XmlNode): Block | undefined {
  const tag = tagOf(node);
  const read = Object.hasOwn(BLOCK_READERS, tag) ? BLOCK_READERS[tag] : undefined;
  if (!read) throw new MarkupError(`unknown element <${tag}>`);
  return read(node);
}

function readBlocks(nodes: XmlNode[]): Block[] {
  return nodes.map(readBlock).filter((block): block is Block => block !== undefined);
}

export function parseMarkup(markup: string): DocumentModel {
  const valid = XMLValidator.validate(markup);
  if (valid !== true)
    throw new MarkupError(`the template produced malformed markup: ${valid.err.msg} (line ${valid.err.line})`);
  const roots = (parser.parse(markup) as XmlNode[]).filter((node) => tagOf(node) !== '#text' && tagOf(node) !== '?xml');
  const root = roots[0];
  if (roots.length !== 1 || !root || tagOf(root) !== 'document')
    throw new MarkupError('the markup must have one <document> root');
  const footer = attributes(root, ['footer']).footer ?? '';
  return { footerNote: footer, blocks: readBlocks(childrenOf(root)) };
}
