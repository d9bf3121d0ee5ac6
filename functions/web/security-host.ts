import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '#identity/identity.ts';
import { refuse } from './errors.ts';

/**
 * The Host header must name Paraf: the host of its public address, or (on the local runtime) a
 * loopback name. Anything else is 421 Misdirected Request, so a page of another site that points
 * its own name at this machine (DNS rebinding) reaches nothing.
 */
export function checkHost(publicUrl: string, allowLoopback: boolean): MiddlewareHandler {
  const publicHost = new URL(publicUrl).host.toLowerCase();
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (host === publicHost || (allowLoopback && isLoopbackHost(host))) return next();
    return refuse(c, 'misdirected', 'Alamat server ini tidak dikenal oleh Paraf. Buka Paraf melalui alamat resminya.');
  };
}
