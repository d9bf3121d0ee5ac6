import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { RequestsUnderWay } from '#local/requests-under-way.ts';

/**
 * A server as start-local's, its requests watched by RequestsUnderWay: `/lambat` answers when released;
 * `/unduh` sends its first part at once and the rest when released, as a large PDF streams to a slow browser.
 */
async function serve() {
  const requests = new RequestsUnderWay();
  let release = () => {};
  let arrived = () => {};
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  const released = () => new Promise<void>((resolve) => (release = resolve));
  const server = createServer(getRequestListener((request) => requests.run(() => answer(request))));
  async function answer(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/lambat') {
      arrived();
      await released();
      return new Response('selesai');
    }
    if (path === '/unduh') {
      const rest = released();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('bagian-1 '));
          arrived();
          await rest;
          controller.enqueue(new TextEncoder().encode('bagian-2'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/pdf' } });
    }
    return new Response('baru');
  }
  requests.watch(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { requests, server, url, slowArrived, release: () => release() };
}

/** A GET on a kept-alive connection, as a browser sends it: the status, the Connection header and the body. */
function get(agentUrl: string, agent: import('node:http').Agent) {
  return new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
    request(agentUrl, { agent }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        text += chunk;
      });
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, connection: answer.headers.connection, text }));
      answer.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** A stop begun a moment after what is under way, still waiting a moment later, and ended once `end` has run. */
async function expectDrainHeldUntil(requests: RequestsUnderWay, server: Server, end: () => Promise<void>) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  let drained = false;
  const drain = requests.drain(server, 10_000).then(() => (drained = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(drained).toBe(false);
  await end();
  await drain;
  expect(drained).toBe(true);
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

  it('waits for a body still streaming, and tells its client the connection closes after it', async () => {
    const { requests, server, url, slowArrived, release } = await serve();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true });
    const download = get(`${url}/unduh`, agent);
    // The headers and the first part have gone: the handler has returned its Response.
    await slowArrived;
    await expectDrainHeldUntil(requests, server, async () => {
      release();
      expect(await download).toMatchObject({ status: 200, text: 'bagian-1 bagian-2' });
    });
    agent.destroy();
  });

  it('closes a kept-alive connection once its answer ends during a stop, so no later request is cut on it', async () => {
    const { requests, server, url, slowArrived, release } = await serve();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const slow = get(`${url}/lambat`, agent);
    await slowArrived;
    const drain = requests.drain(server, 10_000);
    release();
    // Its answer was not begun when the stop began: it says the connection closes.
    expect(await slow).toMatchObject({ status: 200, connection: 'close', text: 'selesai' });
    await drain;
    agent.destroy();
  });

  it('waits for the work on a request whose client went away mid-way (a decision still being recorded)', async () => {
    const { requests, server, url, slowArrived, release } = await serve();
    const gone = new AbortController();
    const answer = fetch(`${url}/lambat`, { signal: gone.signal }).catch(() => 'terputus');
    await slowArrived;
    gone.abort();
    expect(await answer).toBe('terputus');
    await expectDrainHeldUntil(requests, server, async () => release());
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
