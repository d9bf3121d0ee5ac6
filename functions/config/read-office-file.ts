import { readFileSync } from 'node:fs';
import type * as z from 'zod';

/**
 * Reads one of the office's JSON settings files and checks it against its schema. What is wrong
 * stops the start with the file and the field named, for whoever edits it.
 */
export function readOfficeFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}
