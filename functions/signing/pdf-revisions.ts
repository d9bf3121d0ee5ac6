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

/**
 * Whether the revision of `pdf` that ends at `end` closes with a document timestamp over the whole
 * of it (/SubFilter /ETSI.RFC3161): in Paraf the issued copy ends so (PAdES B-LTA), and so does each
 * renewal of its timestamps, so such a revision is one a holder was given, not a step on the way.
 */
export function endsWithDocumentTimestamp(pdf: Uint8Array, end: number): boolean {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(end, pdf.byteLength)).toString('latin1');
  const last = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+\d+\s+(\d+)\s+(\d+)\s*\]/g)].at(-1);
  if (!last) return false;
  // The range ends where the revision does, or at the end-of-line the saving wrote after its %%EOF.
  const covered = Number(last[1]) + Number(last[2]);
  if (covered < end || covered > end + 2) return false;
  const around = text.slice(Math.max(0, last.index - 400), last.index + 400);
  return /\/SubFilter\s*\/ETSI\.RFC3161/.test(around);
}
