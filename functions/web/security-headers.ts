import type { MiddlewareHandler } from 'hono';

/**
 * Pages: no inline script or style; Paraf's own files only (the one script gives the browser's form
 * checks their messages in Bahasa Indonesia, form-messages.ts), frames only from Paraf, never inside
 * another site's frame.
 */
const pagePolicy = (uploadOrigin: string | undefined) =>
  [
    "default-src 'none'",
    // The loket's script posts attachments straight to the uploads bucket (upload-script.ts).
    `connect-src 'self'${uploadOrigin ? ` ${uploadOrigin}` : ''}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * Security headers on every answer. The draft PDFs the approval page shows in its own frame may be
 * framed by Paraf's pages only (frame-ancestors 'self'); everything else by none. No answer sends a
 * Referer, so an approval link's id never leaves in one; pages are not cached.
 */
export function securityHeaders(uploadOrigin?: string): MiddlewareHandler {
  const PAGE_POLICY = pagePolicy(uploadOrigin);
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    const pdf = type.startsWith('application/pdf');
    c.res.headers.set('Content-Security-Policy', pdf ? "frame-ancestors 'self'" : PAGE_POLICY);
    c.res.headers.set('X-Frame-Options', pdf ? 'SAMEORIGIN' : 'DENY');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (type.startsWith('text/html') && !c.res.headers.has('cache-control'))
      c.res.headers.set('Cache-Control', 'no-store');
  };
}
