import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_REQUEST_BYTES = 16 * 1024;

/** What a route answers: always HTTP 200 (the protocols carry their own status), with its content type. */
export interface LoopbackAnswer {
  contentType: string;
  body: Uint8Array | ArrayBuffer;
}

/** A route's handler: the request body, or undefined when it was over 16 KB (the protocol's own refusal is its answer). */
export type LoopbackRoute = (body: Uint8Array | undefined) => LoopbackAnswer | Promise<LoopbackAnswer>;

export interface LoopbackService {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/**
 * A small HTTP server on 127.0.0.1 for the local stand-ins of a PKI's services (the TSA, the OCSP
 * responder): routes by `"<METHOD> <path>"`, 404 for anything else, a body limit, and a client gone
 * mid-request that cannot take the process down.
 */
export async function startLoopbackService(
  port: number,
  routes: Readonly<Record<string, LoopbackRoute>>,
): Promise<LoopbackService> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const route = routes[`${request.method} ${request.url}`];
      if (!route) {
        response.writeHead(404).end();
        return;
      }
      const { contentType, body } = await route(await readBody(request));
      response.writeHead(200, { 'content-type': contentType }).end(Buffer.from(new Uint8Array(body)));
    })().catch(() => {
      // A client gone mid-request (its own timeout) must not take the process down with it.
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
