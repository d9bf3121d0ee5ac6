import { request } from 'node:http';

/**
 * A form POST as a browser sends it, from a local address of the test's choosing (all of 127/8
 * reaches a server on 127.0.0.1 on Linux), so that a throttle counted per client sees distinct
 * clients: the status, the page, and where it sends.
 */
export function postFormFrom(
  base: string,
  from: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; location?: string }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const sent = request(
      new URL(path, base),
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin: base,
          accept: 'text/html',
          ...headers,
        },
      },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          text += chunk;
        });
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 0,
            text,
            ...(answer.headers.location ? { location: answer.headers.location } : {}),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}
