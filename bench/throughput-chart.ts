import { escapeHtml } from '#mail/mail-html.ts';

/** One line of the chart: a runtime setting's measured points. */
export interface ChartSeries {
  label: string;
  points: { x: number; y: number }[];
}

const COLOURS = ['#b03a2e', '#1f618d', '#117a65', '#7d3c98'];
const WIDTH = 640;
const PLOT_HEIGHT = 248;
const MARGIN = { left: 64, right: 24, top: 40 };
/** Below the plot: the x axis's values and label, then one legend line per series. */
const LEGEND_TOP = 58;
const LEGEND_LINE = 16;

/**
 * A line chart as SVG text, from the measured numbers only: one line per series, the x axis at
 * the measured points (spaced evenly, as they are levels rather than a scale), the y axis from 0.
 * Written here rather than with a plotting library: about 50 lines, no dependency, and a text file
 * whose diff shows the numbers that changed.
 */
export function throughputChart(chart: { title: string; xLabel: string; yLabel: string; series: ChartSeries[] }) {
  const xs = [...new Set(chart.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const top = niceCeiling(Math.max(...chart.series.flatMap((s) => s.points.map((p) => p.y))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PLOT_HEIGHT;
  const HEIGHT = MARGIN.top + plotH + LEGEND_TOP + LEGEND_LINE * chart.series.length;
  // Two series close together at one level would print their values over each other: the highest
  // at a level is labelled above its point, the others below theirs.
  const highest = (x: number) =>
    Math.max(...chart.series.flatMap((s) => s.points.filter((p) => p.x === x).map((p) => p.y)));
  const px = (x: number) => MARGIN.left + (xs.length > 1 ? (xs.indexOf(x) / (xs.length - 1)) * plotW : plotW / 2);
  const py = (y: number) => MARGIN.top + plotH - (y / top) * plotH;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escapeHtml(chart.title)}</text>`,
  ];
  for (let i = 0; i <= 4; i += 1) {
    const y = (top / 4) * i;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${f(py(y))}" y2="${f(py(y))}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${f(py(y) + 4)}" text-anchor="end">${+y.toFixed(2)}</text>`,
    );
  }
  for (const x of xs)
    parts.push(`<text x="${f(px(x))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${x}</text>`);
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 36}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.map((p) => `${f(px(p.x))},${f(py(p.y))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of s.points)
      parts.push(
        `<circle cx="${f(px(p.x))}" cy="${f(py(p.y))}" r="3" fill="${colour}"><title>${p.x}: ${p.y.toFixed(2)}</title></circle>`,
        `<text x="${f(px(p.x))}" y="${f(py(p.y) + (p.y === highest(p.x) ? -7 : 16))}" text-anchor="middle" fill="${colour}">${p.y.toFixed(2)}</text>`,
      );
    const legendY = MARGIN.top + plotH + LEGEND_TOP + LEGEND_LINE * i;
    const legendX = MARGIN.left;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 20}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${legendX + 26}" y="${legendY}">${escapeHtml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The smallest of 1, 2, 2.5 or 5 times a power of ten at or above the value: the y axis's top. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= value)!;
}
