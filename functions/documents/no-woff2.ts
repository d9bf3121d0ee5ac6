/**
 * Stands in for fontkit's WOFF2 decompressor (the brotli package, about 475 KB in every bundle that
 * renders or signs): Paraf embeds TrueType fonts only, so a WOFF2 font is a mistake, said plainly.
 */
export default function decompressWoff2(): never {
  throw new Error('WOFF2 fonts are not supported: Paraf embeds TrueType fonts (templates/fonts)');
}
