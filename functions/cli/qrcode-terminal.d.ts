/** qrcode's small terminal renderer, which staf-command.ts uses (@types/qrcode is not installed; the core is typed in documents/pdf/qrcode-core.d.ts). */
declare module 'qrcode/lib/renderer/terminal/terminal-small.js' {
  /** Two modules a character (half blocks), black on a white ground set by ANSI colours, one module of margin. */
  export function render(qrData: object, options?: { inverse?: boolean }): string;
}
