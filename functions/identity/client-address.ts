import type { Context } from 'hono';
import { isIP, isIPv6 } from 'node:net';

/** Where API Gateway puts the client's address: `http.sourceIp` in an HTTP API's event, `identity.sourceIp` in a REST API's. */
interface LambdaRequestContext {
  http?: { sourceIp?: string };
  identity?: { sourceIp?: string };
}

/**
 * The client a request came from. On AWS, the source address API Gateway saw (hono's Lambda adapter
 * hands its request context over as `c.env.requestContext`). On the local runtime: the socket's remote address
 * (@hono/node-server hands the Node request over as `c.env.incoming`). Behind the proxy the README
 * describes (Caddy on the same machine) every socket is the proxy's, so PARAF_PROXY names the
 * proxies whose X-Forwarded-For is believed; from them the client is the header's last entry, the
 * one the proxy itself appended (earlier entries are whatever the client chose to send). From any
 * other peer, or without PARAF_PROXY, the header is ignored: a client cannot pick its own address.
 * Unknown (no socket, as in an in-process request) reads as one shared client, "tidak-diketahui".
 */
export function clientAddress(c: Context, proxies: readonly string[]): string {
  const env = c.env as
    | { incoming?: { socket?: { remoteAddress?: string } }; requestContext?: LambdaRequestContext }
    | undefined;
  // On AWS (hono/aws-lambda) API Gateway names the peer of its own connection; a header the client sent never does.
  const gateway = env?.requestContext;
  const sourceIp = plainAddress(gateway?.http?.sourceIp ?? gateway?.identity?.sourceIp);
  if (sourceIp) return sourceIp;
  const peer = plainAddress(env?.incoming?.socket?.remoteAddress);
  if (!peer) return 'tidak-diketahui';
  if (!proxies.includes(peer)) return peer;
  const forwarded = plainAddress(c.req.header('x-forwarded-for')?.split(',').at(-1));
  return forwarded ?? peer;
}

/** An IP address as one spelling: IPv4 mapped into IPv6 (`::ffff:1.2.3.4`) is the IPv4 address; anything not an address is none. */
export function plainAddress(value: string | undefined): string | undefined {
  const trimmed = value?.trim().toLowerCase();
  if (!trimmed || !isIP(trimmed)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/**
 * The block a client's address counts under where one person could hold many addresses: an IPv6
 * address's /64 (one subscriber's network, whose addresses its devices pick at will), an IPv4
 * address itself. Anything else (no address known) as it is.
 */
export function addressBlock(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::') as [string, string?];
  const groups = (part: string) => (part ? part.split(':') : []);
  const given = [
    ...groups(head),
    ...(tail === undefined ? [] : Array(8 - groups(head).length - groups(tail).length).fill('0')),
    ...groups(tail ?? ''),
  ];
  // An IPv4 tail (::ffff:1.2.3.4 is read as IPv4 by plainAddress; others are rare) lies past the first four groups.
  return `${given
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
