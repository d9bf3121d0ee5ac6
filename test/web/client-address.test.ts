import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { addressBlock, clientAddress } from '#identity/client-address.ts';
import { httpApiEvent } from '../support/http-api-event.ts';

/**
 * On AWS there is no socket: the client is the source address API Gateway saw. Before, every request
 * there read as one client ("tidak-diketahui"), so a throttle counted per client (wrong receipt codes,
 * throttle.ts) would have stopped every applicant for one guesser's tries.
 */
const app = new Hono().get('/siapa', (c) => c.text(clientAddress(c, [])));
const lambda = handle(app);
type ApiEvent = Parameters<typeof lambda>[0];
type LambdaContext = NonNullable<Parameters<typeof lambda>[1]>;
const ask = async (event: ReturnType<typeof httpApiEvent>) =>
  ((await lambda(event as unknown as ApiEvent, {} as LambdaContext)) as { body?: string }).body;

describe("the client's address behind API Gateway", () => {
  it('is the source address of the HTTP API event, not a header the client sent', async () => {
    const event = httpApiEvent('GET', '/siapa', { headers: { 'x-forwarded-for': '198.51.100.9' } });
    event.requestContext.http.sourceIp = '203.0.113.7';
    expect(await ask(event)).toBe('203.0.113.7');
  });

  it('reads an IPv4 address mapped into IPv6 as the IPv4 address', async () => {
    const event = httpApiEvent('GET', '/siapa');
    event.requestContext.http.sourceIp = '::ffff:203.0.113.8';
    expect(await ask(event)).toBe('203.0.113.8');
  });
});

describe('the block a client counts under (a throttle per client, throttle.ts)', () => {
  it("is an IPv6 address's /64, written one way, and an IPv4 address itself", () => {
    expect(addressBlock('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlock('tidak-diketahui')).toBe('tidak-diketahui');
  });
});
