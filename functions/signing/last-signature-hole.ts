import { withoutPadding } from './der-length.ts';

/**
 * Where the signature that reaches the end of the file keeps its CMS: the hex digits between its two
 * byte ranges, found in the file's text without parsing it ('none' when no signature reaches the end,
 * 'not-hex' when its /Contents is not one hex string). A signature dictionary is never in an object
 * stream (its byte range must be readable as written), so the text holds it.
 */
export function lastSignatureHole(pdf: Uint8Array): { from: number; to: number } | 'none' | 'not-hex' {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) =>
    [m[1], m[2], m[3]].map(Number),
  );
  const last = ranges.find(([, second, length]) => (second ?? 0) + (length ?? 0) === pdf.length);
  if (!last) return 'none';
  const [from, to] = last as [number, number];
  if (!/^<[0-9a-fA-F]+>$/.test(text.slice(from, to))) return 'not-hex';
  return { from: from + 1, to: to - 1 };
}

/** The CMS of the signature that reaches the end of the file (the one just made), or undefined. */
export function lastSignatureCms(pdf: Uint8Array): Uint8Array | undefined {
  const hole = lastSignatureHole(pdf);
  if (typeof hole === 'string') return undefined;
  const hex = Buffer.from(pdf.buffer, pdf.byteOffset + hole.from, hole.to - hole.from).toString('latin1');
  return withoutPadding(new Uint8Array(Buffer.from(hex, 'hex')));
}
