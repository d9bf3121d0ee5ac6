import { z } from 'zod';

const locale = z.locales.id().localeError;

/**
 * zod's Indonesian messages, except for a field left out: the locale says "diharapkan string,
 * diterima undefined", which a clerk cannot read; "wajib diisi" says what to do.
 */
export const indonesianErrors: z.core.$ZodErrorMap = (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'wajib diisi' : locale(issue));

export function zodMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(isian)'}: ${issue.message}`).join('; ');
}
