import type { IncomingMessage } from 'node:http';
import { plainAddress } from '#identity/client-address.ts';

/**
 * Whether requests have come through a proxy Paraf was not told of: from a loopback peer (Caddy on
 * the same machine, as the README sets it up) with X-Forwarded-For, while PARAF_PROXY names no proxy.
 * Then every client reads as the proxy's address, and each count per client (the sign-in's, the
 * receipt codes') is one count for everyone behind it: one guesser's wrong codes stop every applicant.
 */
export class UnnamedProxy {
  private seenAt: Date | undefined;

  /** Looks at one request as it arrives, against the proxies PARAF_PROXY names; the first one through another is remembered. */
  observe(request: IncomingMessage, proxies: readonly string[]): void {
    if (this.seenAt || proxies.length > 0 || request.headers['x-forwarded-for'] === undefined) return;
    const peer = plainAddress(request.socket.remoteAddress);
    if (peer === '127.0.0.1' || peer === '::1') this.seenAt = new Date();
  }

  /** When the first request through an unnamed proxy arrived, since this start; undefined if none has. */
  get since(): Date | undefined {
    return this.seenAt;
  }
}
