import { readOfficeFile } from '#config/read-office-file.ts';
import * as z from 'zod/mini';
import { resourcePath } from '#config/resource-path.ts';

const LettersFile = z.strictObject({
  note: z.optional(z.string()),
  /** Document kind -> the lane whose official signs it, where the seed names no signer. */
  letters: z.record(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)), z.string().check(z.regex(/^[a-z][a-z0-9-]*$/))),
});

export type LetterSigners = Readonly<Record<string, string>>;

/**
 * The office's signers of the numbered letters the seeds name no signer for (config/signers.json).
 * Read at `npm run gen` (the machines ask that lane to sign) and when the catalog loads at start,
 * which checks every entry against the catalog (load-catalog.ts).
 */
export function loadLetterSigners(file: string = resourcePath('config', 'signers.json')): LetterSigners {
  return readOfficeFile(file, LettersFile).letters;
}

let cached: LetterSigners | undefined;

/** The office's letter signers, read once per process. */
export function officeLetterSigners(): LetterSigners {
  cached ??= loadLetterSigners();
  return cached;
}
