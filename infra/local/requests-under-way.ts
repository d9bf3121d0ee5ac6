import type { ServerType } from '@hono/node-server';

/** The HTTP requests being answered, so that a stop lets them end first. */
export class RequestsUnderWay {
  private count = 0;
  private idle: (() => void) | undefined;

  async run(answer: () => Response | Promise<Response>): Promise<Response> {
    this.count += 1;
    try {
      return await answer();
    } finally {
      this.count -= 1;
      if (this.count === 0) this.idle?.();
    }
  }

  /** Stops taking connections, closes the idle ones, and waits for the answers under way (at most `ms`). */
  drain(server: ServerType, ms: number): Promise<void> {
    server.close();
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    if (this.count === 0) return Promise.resolve();
    return new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      this.idle = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
}
