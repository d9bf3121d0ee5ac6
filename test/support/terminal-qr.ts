import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A QR code printed to a terminal, read back as a person's phone sees it: the text's ANSI colours and
 * half-block characters played as a terminal shows them (each character one cell, its upper and lower
 * half one module each), on a dark terminal (light text on black: the case where a code printed
 * without its own colours would come out inverted), written as a bitmap and decoded by zbarimg
 * (zbar-tools), which did not make it. Answers what zbarimg read, or '' when it read nothing.
 */
export function scanTerminalQr(printed: string): string {
  const rows = terminalPixels(printed);
  const margin = 4;
  const width = Math.max(...rows.map((row) => row.length)) + 2 * margin;
  // Around what was printed, the terminal's own dark background.
  const dark = () => new Array<boolean>(width).fill(true);
  const pixels = [
    ...Array.from({ length: margin }, dark),
    ...rows.map((row) => [
      ...new Array(margin).fill(true),
      ...row,
      ...new Array(width - margin - row.length).fill(true),
    ]),
    ...Array.from({ length: margin }, dark),
  ];
  const scale = 6;
  const lines = pixels.flatMap((row) => {
    const line = row.flatMap((isDark) => new Array(scale).fill(isDark ? '1' : '0')).join(' ');
    return new Array(scale).fill(line);
  });
  const work = mkdtempSync(join(tmpdir(), 'paraf-terminal-qr-'));
  try {
    const file = join(work, 'layar.pbm');
    writeFileSync(file, `P1\n${width * scale} ${pixels.length * scale}\n${lines.join('\n')}\n`);
    try {
      return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ESC = String.fromCharCode(27);
/** A colour set (`ESC[<n>m`), or one character shown. */
const SGR_OR_CHARACTER = new RegExp(`${ESC}\\[(\\d+)m|([^${ESC}])`, 'g');

/** Which halves of its cell a character draws in the foreground colour (upper, lower); the rest shows the background. */
const HALVES: Record<string, readonly [boolean, boolean]> = {
  ' ': [false, false],
  '▀': [true, false],
  '▄': [false, true],
  '█': [true, true],
};

/** Rows of pixels (true: dark), two per line of text, from the SGR colours 0, 30/37 and 40/47 and the characters ' ', '▀', '▄', '█'. */
function terminalPixels(printed: string): boolean[][] {
  // A dark terminal: light text on a black ground until a colour is set.
  let foregroundDark = false;
  let backgroundDark = true;
  const rows: boolean[][] = [];
  for (const line of printed.split('\n')) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    for (const [, code, char] of line.matchAll(SGR_OR_CHARACTER)) {
      if (code !== undefined) {
        if (code === '0') [foregroundDark, backgroundDark] = [false, true];
        else if (code === '30' || code === '37') foregroundDark = code === '30';
        else if (code === '40' || code === '47') backgroundDark = code === '40';
        else throw new Error(`unexpected colour ${code}`);
        continue;
      }
      const halves = HALVES[char ?? ''];
      if (!halves) throw new Error(`unexpected character ${JSON.stringify(char)}`);
      const [upper, lower] = halves;
      top.push(upper ? foregroundDark : backgroundDark);
      bottom.push(lower ? foregroundDark : backgroundDark);
    }
    if (top.length) rows.push(top, bottom);
  }
  return rows;
}
