import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerType } from '@hono/node-server';

const closeIdle = (server: ServerType) => (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();

/**
 * The HTTP requests being answered, each from its arrival until its answer's last byte has gone (or
 * its connection was cut) and the app's work on it has settled, so that a stop lets them end first: a
 * decision being recorded, and a PDF still streaming to a browser.
 */
export class RequestsUnderWay {
  private readonly answering = new Set<ServerResponse>();
  /** The app's answers being worked out: a client gone mid-way closes its response, not the work (a decision being recorded). */
  private working = 0;
  private draining = false;
  private idle: (() => void) | undefined;

  /** The app's answer to one request, counted until it settles, whatever became of the connection. */
  async run(answer: () => Response | Promise<Response>): Promise<Response> {
    this.working += 1;
    try {
      return await answer();
    } finally {
      this.working -= 1;
      this.settled();
    }
  }

  private settled() {
    if (this.answering.size === 0 && this.working === 0) this.idle?.();
  }

  /** Counts the requests of `server`; put before the app's own listener, so none is missed. */
  watch(server: ServerType): void {
    (server as Server).prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      this.answering.add(response);
      if (this.draining) closeAfter(response);
      response.once('close', () => {
        this.answering.delete(response);
        // A connection whose answer just ended takes no other request during a stop.
        if (this.draining) closeIdle(server);
        this.settled();
      });
    });
  }

  /** Stops taking connections, closes the idle ones, and waits for the answers under way (at most `ms`). */
  drain(server: ServerType, ms: number): Promise<void> {
    this.draining = true;
    server.close();
    closeIdle(server);
    for (const response of this.answering) closeAfter(response);
    if (this.answering.size === 0 && this.working === 0) return Promise.resolve();
    return new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      this.idle = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
}

/** An answer not yet begun tells its client the connection closes after it, so no request follows on it. */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}
