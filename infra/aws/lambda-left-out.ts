import { ParafError } from '#errors/paraf-error.ts';

/**
 * What a Lambda bundle leaves out (bundleFunction's alias for each package below): code that Paraf's
 * functions never run on AWS: 130 to 370 KB of each function that carried it (BENCHMARKS.md, 2026-12-06,
 * sixth session).
 * Each export keeps its package's name and shape and, if ever called, throws naming what is missing,
 * so a new use shows at once in `lambda-bundles.test` (the bundles running whole cases) rather than
 * as a wrong result.
 *
 * - nodemailer: the office's own mail server (smtp-mail.ts); the functions send through SES
 *   (PARAF_MAIL=ses, function-defaults.ts).
 * - culori, html-entities, node-html-better-parser: pdf-lib's colour strings, PDF/A and XFA metadata,
 *   and SVG drawing. Paraf draws its copies with rgb() colours and embedded fonts, and writes
 *   neither PDF/A metadata, XFA nor SVG.
 * - source-map: what Handlebars' compiler maps its generated code with. Without it (this module has
 *   no SourceNode), the compiler uses the stand-in it carries for browsers, which builds the same
 *   code; only a compile given `srcName` would want a map, and Paraf's never is.
 */
function leftOut(what: string): never {
  throw new ParafError(
    'bad-setting',
    `${what} tidak disertakan dalam paket fungsi AWS Paraf (infra/aws/lambda-left-out.ts): jalankan di peladen lokal, atau sertakan kembali paketnya.`,
  );
}

/** nodemailer */
export function createTransport(): never {
  return leftOut('Pengiriman SMTP (nodemailer)');
}

/** culori: pdf-lib's colors.js makes its converter when loaded, and calls it only for a colour string. */
export function converter(): (color: string) => never {
  return () => leftOut('Warna dari teks CSS (culori)');
}

/** html-entities */
export function encode(): never {
  return leftOut('Penulisan metadata PDF/A atau XFA (html-entities)');
}

/** node-html-better-parser */
export function parse(): never {
  return leftOut('Gambar SVG atau formulir XFA (node-html-better-parser)');
}

export const NodeType = { ELEMENT_NODE: 1, TEXT_NODE: 3, COMMENT_NODE: 8 } as const;
