import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime, setRuntime } from '#runtime/runtime.ts';
import { startCognitoStandIn, webFunctionConfig } from '../support/cognito-stand-in.ts';
import { httpApiEvent } from '../support/http-api-event.ts';

import type { handler as WebHandler } from '#web/lambda.ts';

type Result = { statusCode: number; headers?: Record<string, string>; body?: string; cookies?: string[] };
type Context = Parameters<typeof WebHandler>[1];
type ApiEvent = Parameters<typeof WebHandler>[0];
let handler: (event: ApiEvent, context: Context) => Promise<Result>;
let pool: Awaited<ReturnType<typeof startCognitoStandIn>>;

beforeAll(async () => {
  pool = await startCognitoStandIn('web-client');
  // The web function's configuration from its environment; nothing here reaches DynamoDB or Step Functions.
  const config = webFunctionConfig(pool, 'web-client', {});
  setRuntime(buildRuntime(config));
  ({ handler } = (await import('#web/lambda.ts')) as unknown as { handler: typeof handler });
});
afterAll(async () => {
  setRuntime(undefined);
  await pool.close();
});

/** A page request, as API Gateway hands it to the function. */
const event = (path: string, init: { cookies?: string[]; headers?: Record<string, string> } = {}) =>
  httpApiEvent('GET', path, { ...init, headers: { accept: 'text/html', ...init.headers } }) as unknown as ApiEvent;

describe('the web function behind API Gateway (hono/aws-lambda, payload 2.0)', () => {
  it('serves public pages, sends staff pages to sign-in, and carries cookies both ways', async () => {
    const home = await handler(event('/'), {} as Context);
    expect(home.statusCode).toBe(200);
    expect(String(home.body)).toContain('Halaman petugas meminta Anda masuk dengan akun DPMPTSP');

    const tasks = await handler(event('/tugas'), {} as Context);
    expect(tasks.statusCode).toBe(302);
    expect(tasks.headers?.location).toBe('/masuk?lanjut=%2Ftugas');

    const signIn = await handler(event('/masuk?lanjut=%2Ftugas'), {} as Context);
    expect(signIn.statusCode).toBe(302);
    expect(String(signIn.headers?.location)).toMatch(
      new RegExp(
        `^${pool.domain}/oauth2/authorize\\?.*redirect_uri=https%3A%2F%2Fparaf\\.example\\.test%2Fmasuk%2Fkembali`,
      ),
    );
    // API Gateway 2.0 takes Set-Cookie from `cookies`; a Secure cookie, since the public URL is https.
    expect(signIn.cookies).toEqual([
      expect.stringMatching(/^paraf_masuk=.*; Max-Age=600; Path=\/masuk; HttpOnly; Secure; SameSite=Lax$/),
    ]);

    const token = await pool.idToken('kepala');
    const signedIn = await handler(event('/loket', { cookies: [`paraf_sesi=${token}`] }), {} as Context);
    expect(signedIn.statusCode).toBe(200);
    expect(String(signedIn.body)).toContain('<h1>Loket');
  });
});
