import { randomUUID } from 'node:crypto';

/** An HTTP API (payload 2.0) request, as API Gateway hands it to the web function. */
export function httpApiEvent(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string; cookies?: string[]; isBase64Encoded?: boolean } = {},
) {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(init.cookies ? { cookies: init.cookies } : {}),
    headers: { host: 'paraf.example.test', accept: 'application/json', 'x-forwarded-proto': 'https', ...init.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'paraf.example.test',
      domainPrefix: 'paraf',
      requestId: `r-${randomUUID()}`,
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    },
    body: init.body ?? null,
    // API Gateway base64-encodes a body that is not text (a multipart upload, a PDF).
    isBase64Encoded: init.isBase64Encoded ?? false,
  };
}
