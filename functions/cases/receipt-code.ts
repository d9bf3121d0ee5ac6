/**
 * Whether a receipt code as a person typed it is the case's. The code is printed as "ABCD-EFGH";
 * read aloud or copied from a phone it comes back in small letters, with a space or nothing where
 * the hyphen was, or with spaces around it, and it is the same code.
 */
export function sameReceiptCode(issued: string | undefined, typed: string | undefined): boolean {
  if (!issued || !typed) return false;
  const plain = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();
  return plain(typed).length > 0 && plain(typed) === plain(issued);
}
