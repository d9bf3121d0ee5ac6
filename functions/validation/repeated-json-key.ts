import { printableName } from './printable-name.ts';

/**
 * The first name given twice in one object of JSON text, and where. JSON.parse keeps the last of
 * them without a word, while another reader (a proxy, a log's parser) may keep the first, so the
 * text is refused by that name, as a form field sent twice is (form-fields.ts).
 *
 * Run on text JSON.parse took, so only the tokens that matter are read: strings (a name where an
 * object expects one, read whole with its escapes by JSON.parse), and the brackets, commas and colons
 * between them. Written here rather than taken from a JSON parser with positions (jsonc-parser, tried):
 * that one reads nesting by recursion and overflowed the stack on text JSON.parse reads, and it
 * added 11 KB to the web function for this one check.
 */
export function repeatedJsonKey(text: string): { key: string; path: string } | undefined {
  const open: Level[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    const level = open.at(-1);
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (level?.names && level.expectsName) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (level.names.has(key)) return { key, path: pathOf(open) };
        level.names.add(key);
        level.at = key;
      }
      i = end;
    } else if (ch === '{' || ch === '[') open.push(ch === '{' ? { names: new Set(), expectsName: true } : { at: 0 });
    else if (ch === '}' || ch === ']') open.pop();
    else if (ch === ':' && level) level.expectsName = false;
    else if (ch === ',' && level) {
      if (level.names) level.expectsName = true;
      else level.at = (level.at as number) + 1;
    }
  }
  return undefined;
}

/** What JSON text holds, read once: its value, and the first name it gives twice in one object, if any. */
export interface StrictJson {
  value: unknown;
  repeated?: { key: string; path: string };
}

/** JSON text from outside, parsed and scanned for repeated names (repeatedJsonKey); undefined when it is not JSON. */
export function parseStrictJson(text: string): StrictJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const repeated = repeatedJsonKey(text);
  return repeated ? { value, repeated } : { value };
}

/** An object being read (its names so far) or a list (the index of its item being read). */
interface Level {
  names?: Set<string>;
  expectsName?: boolean;
  at?: string | number;
}

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/** Where the repeated name is: the names and indexes of the objects and lists around it, dotted. */
const pathOf = (open: readonly Level[]) =>
  open
    .slice(0, -1)
    .map((level) => String(level.at))
    .join('.') || '(isian)';

/** The refusal, in Bahasa Indonesia: the name, and the object it is in when it is not the top one. */
export const repeatedKeyMessage = ({ key, path }: { key: string; path: string }) =>
  `Isian "${printableName(key)}" diberikan dua kali${path === '(isian)' ? '' : ` (di ${printableName(path)})`}; kirim setiap isian sekali saja.`;
