/** The part of qrcode's core that draw-qr.ts uses (@types/qrcode describes only the package's entry point). */
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { version: number; modules: { size: number; get(row: number, column: number): number | boolean } };
}
