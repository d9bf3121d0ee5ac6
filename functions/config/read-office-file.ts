import { readFileSync } from 'node:fs';
import { safeParse } from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { ParafError } from '#errors/paraf-error.ts';
import { indonesianErrors } from '#validation/indonesian-errors.ts';

/** An office file Paraf cannot start with: the file, then each problem on a line of its own (in Bahasa Indonesia). */
export const badOfficeFile = (file: string, problems: readonly string[]) =>
  new ParafError('bad-setting', `Berkas ${file} tidak dapat dipakai:\n${problems.map((p) => `- ${p}`).join('\n')}`);

/**
 * Reads one of the office's JSON settings files and checks it against its schema. What is wrong
 * stops the start with the file and the field named, for whoever edits it.
 */
export function readOfficeFile<T extends $ZodType>(file: string, schema: T): output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // The parser's own words are English: only where it stopped is kept.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw badOfficeFile(file, [
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'berkas tidak ada'
        : `bukan JSON yang sah${at ? ` (berhenti di karakter ke-${at})` : ''}`,
    ]);
  }
  const parsed = safeParse(schema, raw, { error: indonesianErrors });
  if (!parsed.success)
    throw badOfficeFile(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  return parsed.data;
}
