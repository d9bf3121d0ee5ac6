import type { MiddlewareHandler } from 'hono';

/** The origins besides Paraf's own a page deals with: the uploads bucket, the user pool's sign-out. */
export interface OtherOrigins {
  uploadOrigin?: string | undefined;
  signOutOrigin?: string | undefined;
}

/**
 * Pages: no inline script or style; Paraf's own files only (the one script gives the browser's form
 * checks their messages in Bahasa Indonesia, form-messages.ts), frames only from Paraf, never inside
 * another site's frame.
 */
const pagePolicy = ({ uploadOrigin, signOutOrigin }: OtherOrigins) =>
  [
    "default-src 'none'",
    // The loket's script posts attachments straight to the uploads bucket (upload-script.ts).
    `connect-src 'self'${uploadOrigin ? ` ${uploadOrigin}` : ''}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-src 'self'",
    // Signing out of the user pool is a POST to /keluar answered with a redirect to the pool's own
    // sign-out, and browsers hold a form's redirects to form-action too.
    `form-action 'self'${signOutOrigin ? ` ${signOutOrigin}` : ''}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * Security headers on every answer. The draft PDFs the approval page shows in its own frame may be
 * framed by Paraf's pages only (frame-ancestors 'self'); everything else by none. No answer sends a
 * Referer, so an approval link's id never leaves in one; pages are not cached.
 */
export function securityHeaders(origins: OtherOrigins = {}): MiddlewareHandler {
  const PAGE_POLICY = pagePolicy(origins);
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
