import type { IncomingHttpHeaders, Server } from 'node:http';
import { Readable } from 'node:stream';
import { EventEmitter } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import { type HttpHandler, type HttpRequest, HttpResponse } from '@smithy/core/protocols';

/** A table request as it crosses to the table's thread: what dynalite reads of an HTTP request. */
export interface TableRequestMessage {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface TableAnswerMessage {
  id: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The table thread's side: each request from the port is handed to dynalite's own request listener
 * (and so to the backup's write gate in front of it, table-write-hold.ts) as the HTTP server would
 * hand it, and its answer goes back on the port. dynalite reads a request's method, URL, headers and
 * body stream, and answers with `statusCode`, `setHeader` and `end`; nothing else of HTTP.
 */
export function serveTableRequests(server: Server, port: MessagePort): void {
  port.on('message', (message: TableRequestMessage) => {
    const request = Object.assign(new Readable({ read() {} }), {
      method: message.method,
      url: message.path,
      headers: message.headers as IncomingHttpHeaders,
    });
    request.push(typeof message.body === 'string' ? message.body : Buffer.from(message.body));
    request.push(null);
    const headers: Record<string, string> = {};
    const response = Object.assign(new EventEmitter(), {
      statusCode: 200,
      setHeader(name: string, value: unknown) {
        headers[name.toLowerCase()] = String(value);
      },
      end(body?: string) {
        port.postMessage({
          id: message.id,
          status: response.statusCode,
          headers,
          body: body ?? '',
        } satisfies TableAnswerMessage);
        response.emit('finish');
      },
    });
    server.emit('request', request, response);
  });
}

/**
 * The runtime's side: the DynamoDB client's transport to the table on its thread of this process,
 * through a MessagePort instead of HTTP over loopback. The SDK still builds, signs and reads every
 * request and answer as it does over HTTP; only the sockets, and HTTP's parsing on both sides, are
 * gone (a request's CPU about halved, BENCHMARKS.md). Requests still waiting when the table thread
 * stops are refused, so no caller waits for an answer that cannot come.
 */
export function tableRequestHandler(port: MessagePort): HttpHandler & { fail(error: Error): void } {
  const waiting = new Map<number, { resolve: (answer: TableAnswerMessage) => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  port.on('message', (answer: TableAnswerMessage) => {
    waiting.get(answer.id)?.resolve(answer);
    waiting.delete(answer.id);
  });
  const fail = (error: Error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options?: Parameters<HttpHandler['handle']>[1]) {
      if (failure) throw failure;
      if (options?.abortSignal?.aborted) throw new Error('the table request was aborted before it was sent');
      next += 1;
      const id = next;
      const answer = await new Promise<TableAnswerMessage>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        port.postMessage({
          id,
          method: request.method,
          path: request.path,
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
          ),
          body: bodyOf(request.body),
        } satisfies TableRequestMessage);
      });
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: answer.headers,
          body: Buffer.from(answer.body),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
    fail,
  };
}

/** The SDK's JSON body: a string or bytes (its own Uint8Array, copied as plain bytes to cross the port). */
function bodyOf(body: unknown): Uint8Array | string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // A copy of the view alone: the clone of a view would copy its whole (pooled) buffer.
  if (body instanceof Uint8Array) return Uint8Array.prototype.slice.call(body);
  throw new Error(`a table request's body must be a string or bytes, not ${typeof body}`);
}
