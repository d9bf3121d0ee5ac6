import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTanggal, MONTHS } from '#documents/format-dates.ts';
import { FORM_MESSAGES_SCRIPT } from '#web/form-messages.ts';

/** The month names are written once: the server's dates and the browser's date echo (/validasi.js) read one list. */
const functions = fileURLToPath(new URL('../../functions', import.meta.url));

describe('the month names', () => {
  it('are spelled in one source file of functions/', () => {
    const files = readdirSync(functions, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const spelling = files.filter((file) => /['"`]Desember['"`]/.test(readFileSync(join(functions, file), 'utf8')));
    expect(spelling).toEqual([join('documents', 'format-dates.ts')]);
  });

  it("are the browser script's, as the server writes them", () => {
    const list = /var MONTHS = (\[[^\]]*\]);/.exec(FORM_MESSAGES_SCRIPT)?.[1];
    expect(JSON.parse(list ?? 'null')).toEqual([...MONTHS]);
    expect(formatTanggal('2026-12-11')).toBe(`11 ${MONTHS[11]} 2026`);
  });
});
