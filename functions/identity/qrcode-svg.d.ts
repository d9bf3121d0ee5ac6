/** The part of qrcode's SVG renderer that enrol-authenticator.ts uses, on the core's matrix (documents/pdf/qrcode-core.d.ts). */
declare module 'qrcode/lib/renderer/svg-tag.js' {
  export function render(
    qrData: unknown,
    options?: { margin?: number; color?: { dark?: string; light?: string } },
  ): string;
}
