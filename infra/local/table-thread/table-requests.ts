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

/** dynalite's answer to a request, or its refusal when the table is closing and took no part of it. */
export type TableAnswerMessage =
  | { id: number; status: number; headers: Record<string, string>; body: string }
  | { id: number; refused: string };

/**
 * The table thread's side: each request from the port is handed to dynalite's own request listener
 * (and so to the backup's write gate in front of it, table-write-hold.ts) as the HTTP server would
 * hand it, and its answer goes back on the port. dynalite reads a request's method, URL, headers and
 * body stream, and answers with `statusCode`, `setHeader` and `end`; nothing else of HTTP.
 * `stop()` is called before dynalite closes: requests arriving after it are refused untouched, and it
 * resolves when those under way have answered, since dynalite throws, and so stops the process, on a
 * request that finds it closed. It waits as dynalite's HTTP server waits for its open connections,
 * without a limit: a write a backup holds is answered once the backup releases the table.
 */
export function serveTableRequests(server: Server, port: MessagePort): { stop(): Promise<void> } {
  let underWay = 0;
  let stopping = false;
  let drained: (() => void) | undefined;
  port.on('message', (message: TableRequestMessage) => {
    if (stopping) {
      port.postMessage({ id: message.id, refused: 'the table is closing' } satisfies TableAnswerMessage);
      return;
    }
    underWay += 1;
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
        underWay -= 1;
        if (underWay === 0) drained?.();
      },
    });
    server.emit('request', request, response);
  });
  return {
    async stop() {
      stopping = true;
      if (underWay === 0) return;
      await new Promise<void>((resolve) => {
        drained = resolve;
      });
    },
  };
}

type Answered = Exclude<TableAnswerMessage, { refused: string }>;

/**
 * The runtime's side: the DynamoDB client's transport to the table on its thread of this process,
 * through a MessagePort instead of HTTP over loopback. The SDK still builds, signs and reads every
 * request and answer as it does over HTTP; only the sockets, and HTTP's parsing on both sides, are
 * gone (a GetItem's CPU a third less, BENCHMARKS.md `--only table`). Once the table closes, new
 * requests are refused at once; those still waiting when its thread stops are refused then, so no
 * caller waits for an answer that cannot come.
 */
export function tableRequestHandler(port: MessagePort): HttpHandler & { stop(): void; fail(error: Error): void } {
  const waiting = new Map<number, { resolve: (answer: Answered) => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  port.on('message', (answer: TableAnswerMessage) => {
    const caller = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('refused' in answer) caller?.reject(new Error(`the table request was refused: ${answer.refused}`));
    else caller?.resolve(answer);
  });
  const fail = (error: Error) => {
    failure = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const handler: HttpHandler & { stop(): void; fail(error: Error): void } = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options?: Parameters<HttpHandler['handle']>[1]) {
      // A new error for each caller: the SDK writes its attempts onto the error it is given.
      if (failure) throw new Error(failure.message, { cause: failure });
      if (options?.abortSignal?.aborted) throw new Error('the table request was aborted before it was sent');
      next += 1;
      const id = next;
      const answer = await new Promise<Answered>((resolve, reject) => {
        port.postMessage({
          id,
          method: request.method,
          path: request.path,
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
          ),
          body: bodyOf(request.body),
        } satisfies TableRequestMessage);
        waiting.set(id, { resolve, reject });
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
    /** The table is closing: new requests are refused here; those sent are still answered. */
    stop() {
      failure ??= new Error("the table's thread is stopping");
    },
    fail,
  };
  portHandlers.add(handler);
  return handler;
}

const portHandlers = new WeakSet<object>();

/** Whether a client's transport is a table thread's port (the local runtime's check that it uses one). */
export const isTablePortHandler = (handler: unknown): boolean =>
  typeof handler === 'object' && handler !== null && portHandlers.has(handler);

/** The SDK's JSON body: a string or bytes (its own Uint8Array, copied as plain bytes to cross the port). */
function bodyOf(body: unknown): Uint8Array | string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // A copy of the view alone: the clone of a view would copy its whole (pooled) buffer.
  if (body instanceof Uint8Array) return Uint8Array.prototype.slice.call(body);
  throw new Error(`a table request's body must be a string or bytes, not ${typeof body}`);
}
