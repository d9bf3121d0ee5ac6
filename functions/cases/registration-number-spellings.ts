/**
 * How a register number a person typed may be written on the document: as typed, without the
 * spaces people put around its slashes, then in capitals (the registers' formats write their codes
 * and Roman months in capitals, and people type them small). The first spelling that finds a
 * permit wins, so a format with small letters is still found as typed.
 */
export function registrationNumberSpellings(typed: string): string[] {
  const unspaced = typed.replace(/\s*\/\s*/g, '/');
  return [...new Set([typed, unspaced, unspaced.toUpperCase()])];
}
