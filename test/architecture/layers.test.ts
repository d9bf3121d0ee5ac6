import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const functions = fileURLToPath(new URL('../../functions', import.meta.url));
const importsOf = (folder: string) =>
  readdirSync(join(functions, folder))
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(functions, folder, file), 'utf8').matchAll(/from '([^']+)'/g)].map(
        (match) => `${folder}/${file}: ${match[1]}`,
      ),
    );

describe('the adapters', () => {
  // Web routes and Lambda handlers parse input, call use cases (functions/cases) and shape the answer.
  it.each([
    ['web', '#handlers/'],
    ['handlers', '#web/'],
  ])('in %s import no records, no archive client, and not the other adapter', (folder, other) => {
    const wrong = importsOf(folder).filter(
      (line) =>
        line.includes('#records/') ||
        line.includes('#archive/') ||
        line.includes('#runtime/archive-client.ts') ||
        line.includes(other),
    );
    expect(wrong).toEqual([]);
  });
});
