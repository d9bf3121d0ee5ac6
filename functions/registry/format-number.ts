const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Made once: building an Intl.DateTimeFormat took 8% of the CPU of 1000 concurrent numbers (BENCHMARKS.md). */
const WITA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit' });

/** The office is in WITA (UTC+8): a number given at 23.30 WITA on 31 December belongs to that year. */
export function officeDate(instant: Date): { year: number; month: number } {
  const parts = WITA.formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: value('year'), month: value('month') };
}

/**
 * Fills a register's format: {seq} or {seq:03} (zero-padded), {month}, {romanMonth}, {year}.
 * `503/{seq:03}/DPMPTSP-III/{romanMonth}/{year}` with 12 in November 2026 gives 503/012/DPMPTSP-III/XI/2026.
 */
export function formatNumber(format: string, seq: number, instant: Date): string {
  const { year, month } = officeDate(instant);
  const text = format.replace(/\{(seq(?::(\d+))?|month|romanMonth|year)\}/g, (_, token: string, width?: string) => {
    if (token.startsWith('seq')) return String(seq).padStart(width ? Number(width) : 1, '0');
    if (token === 'month') return String(month).padStart(2, '0');
    if (token === 'romanMonth') return ROMAN_MONTHS[month - 1] ?? String(month);
    return String(year);
  });
  const unknown = /\{[^}]*\}/.exec(text);
  if (unknown) throw new Error(`unknown token ${unknown[0]} in register format "${format}"`);
  return text;
}
