import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';

/** What the stand-in answers a call with: an HTTP status and the JSON body (an error carries `__type`). */
export type SfnAnswer = (target: string, body: Record<string, string>) => [number, Record<string, unknown>];

/**
 * A stand-in for the Step Functions JSON API on loopback (the repository has no local server that
 * speaks it): each call's `X-Amz-Target` and body go to `answer`; the real @aws-sdk/client-sfn talks to it.
 */
export function sfnStandIn(answer: SfnAnswer) {
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const target = String(request.headers['x-amz-target']).split('.').pop()!;
    const [status, payload] = answer(target, JSON.parse(text) as Record<string, string>);
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(payload));
  });
  let client: SFNClient | undefined;
  return {
    /** Listens, and gives a client of it (`maxAttempts: 1` where a failed call must stay failed). */
    async start(maxAttempts?: number): Promise<SFNClient> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      client = new SFNClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'ap-southeast-3',
        credentials: { accessKeyId: 'uji', secretAccessKey: 'uji' },
        ...(maxAttempts ? { maxAttempts } : {}),
      });
      return client;
    },
    async stop(): Promise<void> {
      client?.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
