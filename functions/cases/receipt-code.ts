import { randomBytes } from 'node:crypto';

/**
 * Crockford's Base32: digits and capitals without I, L, O and U, so that a code copied by hand from
 * a paper receipt or read aloud over the phone has no two characters a person confuses. 32 symbols,
 * so each random byte's low five bits pick one with equal chance.
 */
const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new receipt code, "ABCD-EFGH": 40 random bits. */
export function newReceiptCode(): string {
  const code = [...randomBytes(8)].map((byte) => SYMBOLS[byte & 31]).join('');
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Whether a receipt code as a person typed it is the case's. The code is printed as "ABCD-EFGH";
 * read aloud or copied from a phone it comes back in small letters, with a space or nothing where
 * the hyphen was, or with spaces around it, and it is the same code. An O typed for a zero, an I or
 * L for a one, are read as Crockford's Base32 reads them; codes issued before it (which could hold
 * those letters) are read the same way, so they still match as printed.
 */
export function sameReceiptCode(issued: string | undefined, typed: string | undefined): boolean {
  if (!issued || !typed) return false;
  const plain = (code: string) =>
    code
      .replace(/[\s-]+/g, '')
      .toUpperCase()
      .replace(/O/g, '0')
      .replace(/[IL]/g, '1');
  return plain(typed).length > 0 && plain(typed) === plain(issued);
}
