import { witaYearMonth } from '#clock/wita.ts';

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * Fills a register's format: {seq} or {seq:03} (zero-padded), {month}, {romanMonth}, {year}.
 * `503/{seq:03}/DPMPTSP-III/{romanMonth}/{year}` with 12 in November 2026 gives 503/012/DPMPTSP-III/XI/2026.
 */
export function formatNumber(format: string, seq: number, instant: Date): string {
  const { year, month } = witaYearMonth(instant);
  const text = format.replace(/\{(seq(?::(\d+))?|month|romanMonth|year)\}/g, (_, token: string, width?: string) => {
    if (token.startsWith('seq')) return String(seq).padStart(width ? Number(width) : 1, '0');
    if (token === 'month') return String(month).padStart(2, '0');
    if (token === 'romanMonth') return ROMAN_MONTHS[month - 1] ?? String(month);
    return String(year);
  });
  const unknown = /\{[^}]*\}/.exec(text);
  if (unknown) throw new Error(`penanda ${unknown[0]} tidak dikenal dalam format nomor "${format}"`);
  return text;
}
