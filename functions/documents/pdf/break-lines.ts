import { styleOf, type FontStyle } from '../fonts.ts';
import type { LayoutFont } from './layout-font.ts';
import type { Run } from '../model.ts';

export interface Fragment {
  text: string;
  style: FontStyle;
  underline: boolean;
  width: number;
}
export interface Word {
  fragments: Fragment[];
  width: number;
}
export interface Line {
  words: Word[];
  /** Sum of the words' widths, without the spaces between them. */
  width: number;
  /** Ends a paragraph or a hard break: never justified. */
  last: boolean;
}

export class TextMeasure {
  constructor(private readonly fonts: Record<FontStyle, LayoutFont>) {}

  font(style: FontStyle): LayoutFont {
    return this.fonts[style];
  }

  width(text: string, style: FontStyle, size: number): number {
    return this.fonts[style].width(text, size);
  }
}

/** Splits styled runs into words (a word may change style midway, as in "<b>PT</b>. Maju") and hard breaks. */
function toWords(runs: readonly Run[], size: number, measure: TextMeasure): (Word | 'break')[] {
  const tokens: (Word | 'break')[] = [];
  let current: Fragment[] = [];
  const endWord = () => {
    if (current.length > 0) tokens.push({ fragments: current, width: current.reduce((sum, f) => sum + f.width, 0) });
    current = [];
  };
  for (const run of runs) {
    const style = styleOf(run);
    for (const piece of run.text.split(/( |\n)/)) {
      if (piece === ' ') endWord();
      else if (piece === '\n') {
        endWord();
        tokens.push('break');
      } else if (piece)
        current.push({
          text: piece,
          style,
          underline: Boolean(run.underline),
          width: measure.width(piece, style, size),
        });
    }
  }
  endWord();
  return tokens;
}

/** A word wider than the line (a long reference number, a URL) is cut where it overflows. */
function splitLongWord(word: Word, maxWidth: number, size: number, measure: TextMeasure): Word[] {
  const pieces: Word[] = [];
  let fragments: Fragment[] = [];
  let width = 0;
  for (const fragment of word.fragments) {
    let chunk = '';
    for (const char of fragment.text) {
      const charWidth = measure.width(char, fragment.style, size);
      if (width + charWidth > maxWidth && (chunk || fragments.length)) {
        if (chunk) fragments.push({ ...fragment, text: chunk, width: measure.width(chunk, fragment.style, size) });
        pieces.push({ fragments, width });
        fragments = [];
        chunk = '';
        width = 0;
      }
      chunk += char;
      width += charWidth;
    }
    if (chunk) fragments.push({ ...fragment, text: chunk, width: measure.width(chunk, fragment.style, size) });
  }
  if (fragments.length) pieces.push({ fragments, width });
  return pieces;
}

/**
 * Greedy line breaking of runs into lines no wider than `maxWidth` (the first line `firstIndent`
 * narrower). An empty paragraph is one empty line.
 */
export function breakLines(
  runs: readonly Run[],
  maxWidth: number,
  size: number,
  measure: TextMeasure,
  firstIndent = 0,
): Line[] {
  const space = measure.width(' ', 'regular', size);
  const lines: Line[] = [];
  let words: Word[] = [];
  let width = 0;
  const endLine = (last: boolean) => {
    lines.push({ words, width, last });
    words = [];
    width = 0;
  };
  for (const token of toWords(runs, size, measure)) {
    if (token === 'break') {
      endLine(true);
      continue;
    }
    const available = () => (lines.length === 0 ? maxWidth - firstIndent : maxWidth);
    for (const word of token.width > available() ? splitLongWord(token, available(), size, measure) : [token]) {
      const needed = words.length === 0 ? word.width : width + space * words.length + word.width;
      if (words.length > 0 && needed > available()) endLine(false);
      words.push(word);
      width += word.width;
    }
  }
  const lastLine = lines.at(-1);
  if (words.length > 0 || !lastLine || lastLine.last) endLine(true);
  else lastLine.last = true;
  return lines;
}
