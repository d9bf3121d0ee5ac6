import type { Block, Cell, DocumentModel, Run } from '#documents/model.ts';
import { FONT_FILES, type FontStyle } from '#documents/fonts.ts';
import { escapeHtml } from '#mail/mail-html.ts';

/**
 * The peer's side of the documents benchmark (issue 21): a permit copy as the HTML a Node developer
 * would hand to headless Chromium, written from the same document model Paraf lays out, so that both
 * print the same text in the same places (paddings and the slots' hints as render-pdf.ts sets them;
 * the line height is 1.15 where render-pdf's is 1.2, because Chromium's table and paragraph boxes
 * take a little more height and at 1.2 the copy with paraf boxes runs onto a second page: the
 * benchmark compares the page counts). The fonts are the very faces Paraf embeds, loaded by Chromium from
 * `fontBase` (a loopback server of templates/fonts); the page is A4 with Paraf's margins, and the
 * footer ("note ... Halaman X dari Y") is Chromium's own footer template.
 */

const FACES: [FontStyle, weight: string, style: string][] = [
  ['regular', 'normal', 'normal'],
  ['bold', 'bold', 'normal'],
  ['italic', 'normal', 'italic'],
  ['boldItalic', 'bold', 'italic'],
];

function runs(list: readonly Run[]): string {
  return list
    .map((run) => {
      if (run.text === '\n') return '<br>';
      let html = escapeHtml(run.text);
      if (run.bold) html = `<b>${html}</b>`;
      if (run.italic) html = `<i>${html}</i>`;
      if (run.underline) html = `<u>${html}</u>`;
      return html;
    })
    .join('');
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

function cell(tag: 'th' | 'td', { runs: text, align, bold }: Cell, minHeight: number): string {
  const style = `text-align:${align};${bold || tag === 'th' ? 'font-weight:bold;' : ''}${minHeight ? `height:${minHeight}pt;` : ''}`;
  return `<${tag} style="${style}">${runs(text)}</${tag}>`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p style="text-align:${b.align};font-size:${b.size}pt;text-indent:${b.firstLineIndent}pt;margin:${b.spaceBefore}pt 0 ${b.spaceAfter}pt;${b.keepWithNext ? 'break-after:avoid;' : ''}">${runs(b.runs)}</p>`;
    case 'fields':
      return `<table class="fields" style="font-size:${b.size}pt;margin-bottom:${b.spaceAfter}pt"><colgroup><col style="width:${percent(b.labelWidth)}"><col style="width:1em"><col></colgroup>${b.rows
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row.label)}</td><td>:</td><td>${row.slot ? `<span class="slot framed">${runs(row.value)}</span>` : runs(row.value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'list':
      return `<div style="font-size:${b.size}pt;text-align:${b.align};margin-bottom:${b.spaceAfter}pt">${b.items
        .map(
          (item) =>
            `<div style="padding-left:${b.markerWidth}pt;text-indent:-${b.markerWidth}pt"><span class="marker" style="width:${b.markerWidth}pt">${escapeHtml(item.marker)}</span>${runs(item.runs)}</div>`,
        )
        .join('')}</div>`;
    case 'table':
      return `<table class="${b.borders ? 'grid' : ''}" style="font-size:${b.size}pt;margin-bottom:${b.spaceAfter}pt"><colgroup>${b.widths
        .map((w) => `<col style="width:${percent(w)}">`)
        .join('')}</colgroup><thead>${b.header
        .map((row) => `<tr>${row.map((c) => cell('th', c, 0)).join('')}</tr>`)
        .join('')}</thead><tbody>${b.rows
        .map((row) => `<tr>${row.map((c) => cell('td', c, b.minRowHeight)).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'rule':
      return `<div class="rule-${b.style}" style="margin-bottom:${b.spaceAfter}pt"></div>`;
    case 'space':
      return `<div style="height:${b.height}pt"></div>`;
    case 'column':
      return `<div style="margin-left:${percent(b.left)}">${b.blocks.map(block).join('')}</div>`;
    case 'row':
      return `<div class="row">${b.cells
        .map((c) => `<div style="width:${percent(c.width)}">${c.blocks.map(block).join('')}</div>`)
        .join('')}</div>`;
    case 'keep':
      return `<div class="keep">${b.blocks.map(block).join('')}</div>`;
    case 'slot':
      return `<div class="slot${b.border ? ' framed' : ''}" style="width:${b.width}mm;height:${b.height}mm;text-align:${b.align}">${escapeHtml(b.label)}</div>`;
    case 'page-break':
      return '<div style="break-after:page"></div>';
  }
}

/** The HTML of one copy, with its footer note for Chromium's footer template. */
export function permitHtml(
  model: DocumentModel,
  title: string,
  fontBase: string,
): { html: string; footerTemplate: string } {
  const faces = FACES.map(
    ([face, weight, style]) =>
      `@font-face{font-family:"Paraf Serif";src:url("${fontBase}${FONT_FILES[face]}");font-weight:${weight};font-style:${style}}`,
  ).join('');
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${faces}
@page{size:A4;margin:20mm 20mm 25mm 30mm}
body{margin:0;font-family:"Paraf Serif";font-size:12pt;line-height:1.15}
p{margin:0}
table{width:100%;border-collapse:collapse;table-layout:fixed}
table.grid th,table.grid td{border:0.75pt solid #000;padding:3pt;vertical-align:top}
table.fields td{padding:0 0 1pt 0;vertical-align:top}
.marker{display:inline-block;text-indent:0}
.rule-single{border-top:0.75pt solid #000}
.rule-double{border-top:2.25pt solid #000;border-bottom:0.75pt solid #000;height:1.5pt}
.row{display:flex;break-inside:avoid}
.keep{break-inside:avoid}
.slot{box-sizing:border-box;font-size:7pt;font-style:italic;color:#666;display:inline-block}
.fields .slot{display:block;width:100%;padding:0 3pt}
.slot.framed{border:0.75pt dashed #777}
</style></head><body>${model.blocks.map(block).join('')}</body></html>`;
  // Chromium draws the footer apart from the page and loads no web font there: it takes the installed
  // Liberation Serif (Debian's fonts-liberation2 holds the same files as templates/fonts; the older
  // fonts-liberation 1.x has other outlines under the same name).
  const footerTemplate = `<div style="font-family:'Liberation Serif';font-size:9pt;width:100%;margin:0 20mm 0 30mm;display:flex;justify-content:space-between"><i>${escapeHtml(model.footerNote)}</i><span>Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span></span></div>`;
  return { html, footerTemplate };
}
