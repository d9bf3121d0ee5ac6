import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/aws/function-defaults.ts';

/**
 * The Lambda bundles' SDK credentials (issue 21, bundles): the execution role's, from the
 * environment Lambda gives the function, without the rest of the SDK's chain and its nested clients.
 */
const out = mkdtempSync(join(tmpdir(), 'paraf-lambda-credentials-'));
const entry = fileURLToPath(new URL('../support/bundled-sdk-call.ts', import.meta.url));
let inputs: string[] = [];
const seen: IncomingHttpHeaders[] = [];
const server = createServer((request, response) => {
  seen.push(request.headers);
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'application/x-amz-json-1.0');
    response.end(JSON.stringify({ TableNames: ['paraf-records'] }));
  });
});

beforeAll(async () => {
  inputs = Object.keys(bundleFunction(entry, out).inputs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(out, { recursive: true, force: true });
});

/** The bundle run in a process of its own, as Lambda runs it; asynchronously, so the server here answers. */
const run = (credentials: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(out, 'index.mjs')],
      {
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'ap-southeast-3',
          TEST_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          ...credentials,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('a Lambda bundle’s SDK credentials', () => {
  it('carries no credential source but the environment, and not the browser’s user-agent parser', () => {
    const packages = new Set(inputs.flatMap((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? []));
    expect(packages).toContain('@aws-sdk/credential-provider-env');
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    const chain = [...packages].filter((name) =>
      /^@aws-sdk\/(credential-provider-(?!env$)|nested-clients$|token-providers$)|^@smithy\/credential-provider-imds$|^bowser$/.test(
        name,
      ),
    );
    expect(chain).toEqual([]);
  });

  it('signs with the execution role’s credentials Lambda puts in the environment, its session token included', async () => {
    const called = await run({
      AWS_ACCESS_KEY_ID: 'AKIAPARAFLAMBDAROLE1',
      AWS_SECRET_ACCESS_KEY: 'rahasia',
      AWS_SESSION_TOKEN: 'token-sesi',
    });
    expect(called.code).toBe(0);
    expect(called.stdout.trim()).toBe('["paraf-records"]');
    const headers = seen.at(-1);
    expect(headers?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAPARAFLAMBDAROLE1\/\d{8}\/ap-southeast-3\/dynamodb\/aws4_request/,
    );
    expect(headers?.['x-amz-security-token']).toBe('token-sesi');
  });

  it('sends nothing without them, and says which credentials are missing', async () => {
    const before = seen.length;
    const called = await run({});
    expect(called.code).not.toBe(0);
    expect(called.stderr).toMatch(/environment variable credentials/i);
    expect(seen.length).toBe(before);
  });
});
