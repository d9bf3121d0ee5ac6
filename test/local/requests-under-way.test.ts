import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { RequestsUnderWay } from '#local/requests-under-way.ts';

/** A server as start-local's: each answer through RequestsUnderWay; `/lambat` waits until released. */
async function serve() {
  const requests = new RequestsUnderWay();
  let release = () => {};
  let arrived = () => {};
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer(
    getRequestListener((request) =>
      requests.run(async () => {
        if (new URL(request.url).pathname === '/lambat') {
          arrived();
          await new Promise<void>((resolve) => (release = resolve));
        }
        return new Response('selesai');
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { requests, server, url, slowArrived, release: () => release() };
}

describe('a stop while requests are under way (kill -TERM during a decision)', () => {
  it('answers the request under way before it returns, and takes no new one', async () => {
    const { requests, server, url, slowArrived, release } = await serve();
    const answer = fetch(`${url}/lambat`).then(async (r) => [r.status, await r.text()]);
    await slowArrived;
    let drained = false;
    const drain = requests.drain(server, 10_000).then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBe(false);
    // A new connection is refused once the stop began.
    await expect(fetch(`${url}/baru`, { headers: { connection: 'close' } })).rejects.toThrow();
    release();
    expect(await answer).toEqual([200, 'selesai']);
    await drain;
    expect(drained).toBe(true);
  });

  it('cuts the wait at its limit when a request does not end', async () => {
    const { requests, server, url, slowArrived, release } = await serve();
    const answer = fetch(`${url}/lambat`).catch(() => undefined);
    await slowArrived;
    const started = Date.now();
    await requests.drain(server, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    release();
    await answer;
  });
});
