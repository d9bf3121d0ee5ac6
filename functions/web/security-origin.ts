import type { Context, MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '#identity/identity.ts';
import { refuse, statusOf } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a request that changes something (any method but GET, HEAD and
 * OPTIONS) is refused with 403 when the browser says it comes from another site or origin:
 * - `Sec-Fetch-Site` (every current browser sends it) must be `same-origin` (or `none`, typed by the person);
 * - `Origin`, when sent, must be Paraf's own: the public address, or the loopback address the request came to
 *   (`null`, which browsers send under Referrer-Policy no-referrer, leaves it to `Sec-Fetch-Site`);
 * - a request that carries Paraf's session cookie must carry one of the two, so a browser too old to
 *   send either cannot act with the session.
 * Together with the SameSite=Lax session cookie this stands in for a per-form token: another site's
 * form, wherever it posts, is refused before any route runs. Scripts (no cookie, a Bearer token or
 * a JSON client) send neither header and are judged by their credentials alone.
 */
export function checkOrigin(publicUrl: string, allowLoopback: boolean): MiddlewareHandler {
  const publicOrigin = new URL(publicUrl).origin.toLowerCase();
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    // Pages say Referrer-Policy: no-referrer, so a browser's own form POST carries `Origin: null`:
    // then the Fetch Metadata header alone decides, and must say same-origin.
    const sentOrigin = c.req.header('origin')?.toLowerCase();
    if (sentOrigin === 'null' && site !== 'same-origin') return refused(c);
    const origin = sentOrigin === 'null' ? undefined : sentOrigin;
    const host = (c.req.header('host') ?? '').toLowerCase();
    const ownOrigin =
      origin === undefined ||
      origin === publicOrigin ||
      (allowLoopback && isLoopbackHost(host) && (origin === `http://${host}` || origin === `https://${host}`));
    const sameSite = site === undefined || site === 'same-origin' || site === 'none';
    const withCookie = /(?:^|;\s*)paraf_sesi=/.test(c.req.header('cookie') ?? '');
    if (ownOrigin && sameSite && !(withCookie && origin === undefined && site === undefined)) return next();
    return refused(c);
  };
}

function refused(c: Context) {
  const message = 'Permintaan ini datang dari situs lain dan ditolak. Buka halaman Paraf langsung, lalu kirim lagi.';
  return c.req.header('accept')?.includes('text/html')
    ? c.html(
        `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Ditolak · Paraf</title><link rel="stylesheet" href="/stil.css"></head><body><main><h1>Permintaan ditolak</h1><p class="error">${message}</p><p><a href="/">Ke halaman utama</a></p></main></body></html>`,
        statusOf('cross-site'),
      )
    : refuse(c, 'cross-site', message);
}
