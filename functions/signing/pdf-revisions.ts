const EOF_MARKER = Buffer.from('%%EOF', 'latin1');

/**
 * Where each revision of a PDF ends: just after each `%%EOF`, since every incremental update (a
 * signature, the validation data, a document timestamp) closes with its own; the file's end is
 * the last revision's end even where an end-of-line follows the marker.
 */
export function revisionEnds(pdf: Uint8Array): number[] {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const ends: number[] = [];
  for (let at = bytes.indexOf(EOF_MARKER); at >= 0; at = bytes.indexOf(EOF_MARKER, at + EOF_MARKER.length))
    ends.push(at + EOF_MARKER.length);
  if (ends.at(-1) !== bytes.length) ends.push(bytes.length);
  return ends;
}

/**
 * The hex of every signature's and document timestamp's /Contents, as written: a CMS is thousands
 * of hex digits, so no page's `/Contents <n> 0 R` or short string is taken for one.
 */
export function signatureContents(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...text.matchAll(/\/Contents\s*<([0-9A-Fa-f]{512,})>/g)].map(([, hex = '']) => hex.toLowerCase());
}
