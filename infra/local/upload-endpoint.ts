import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** What the endpoint accepts: the form the loket issued (issue-upload-form.ts), signed with s3rver's key. */
export interface UploadEndpointOptions {
  host: string;
  s3: S3Client;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The pages' origin (the public URL's): the only one whose script may read the answer (CORS). */
  allowedOrigin: string;
  /** The largest file any form allows; a body beyond it (and the fields' room) is refused unread. */
  maxBytes: number;
}

type Condition = Record<string, string> | [string, string | number, string | number];

/**
 * s3rver 3.7 takes a browser's POST upload but ignores its policy (the `policy` field is
 * "unimplemented" in its object controller) and its signature. This endpoint stands in for S3's POST
 * on the local runtime and holds a form to what S3 holds it to: the SigV4 signature of the policy, its
 * expiration, every condition (bucket, exact key, `starts-with`, Content-Type, `content-length-range`),
 * and no field the policy does not name; then it stores the file in s3rver's uploads bucket. Its
 * refusals are S3's (XML, English codes): the page's script words them in Bahasa Indonesia.
 */
export async function startUploadEndpoint(options: UploadEndpointOptions) {
  const app = new Hono();
  const cors = (c: Context) => {
    if (c.req.header('origin') === options.allowedOrigin) {
      c.header('Access-Control-Allow-Origin', options.allowedOrigin);
      c.header('Vary', 'Origin');
    }
  };
  app.options('/', (c) => {
    cors(c);
    c.header('Access-Control-Allow-Methods', 'POST');
    c.header('Access-Control-Allow-Headers', '*');
    return c.body(null, 204);
  });
  app.post(
    '/',
    bodyLimit({
      maxSize: options.maxBytes + 64 * 1024,
      onError: (c) => {
        cors(c);
        return s3Error(c, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      },
    }),
    async (c) => {
      cors(c);
      const form = await c.req.formData().catch(() => undefined);
      if (!form)
        return s3Error(
          c,
          400,
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
        );
      const file = form.get('file');
      const fields = new Map<string, string>();
      for (const [name, value] of form.entries())
        if (name !== 'file' && typeof value === 'string') fields.set(name.toLowerCase(), value);
      if (!(file instanceof File))
        return s3Error(c, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
      const refusal = policyRefusal(fields, file.size, options);
      if (refusal) return s3Error(c, 403, 'AccessDenied', refusal);
      await options.s3.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: fields.get('key'),
          Body: new Uint8Array(await file.arrayBuffer()),
          ContentType: fields.get('content-type') ?? 'binary/octet-stream',
        }),
      );
      return c.body(null, 204);
    },
  );
  const server = await new Promise<ServerType>((done, fail) => {
    const started = serve({ fetch: app.fetch, hostname: options.host, port: 0 }, () => done(started));
    started.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Why S3 would refuse this form (its wording), or undefined when the policy holds. */
export function policyRefusal(
  fields: ReadonlyMap<string, string>,
  fileSize: number,
  options: Pick<UploadEndpointOptions, 'bucket' | 'region' | 'credentials'>,
  now = new Date(),
): string | undefined {
  const policy = fields.get('policy');
  const credential = fields.get('x-amz-credential') ?? '';
  const signature = fields.get('x-amz-signature') ?? '';
  if (!policy || fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    return 'Invalid according to Policy: Policy missing';
  const [accessKey, day, region, service, terminal] = credential.split('/');
  if (
    accessKey !== options.credentials.accessKeyId ||
    region !== options.region ||
    service !== 's3' ||
    terminal !== 'aws4_request' ||
    !day
  )
    return 'Invalid according to Policy: Policy Condition failed: x-amz-credential';
  const expected = signPolicy(policy, options.credentials.secretAccessKey, day, region);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    return 'The request signature we calculated does not match the signature you provided.';
  let parsed: { expiration?: string; conditions?: Condition[] };
  try {
    parsed = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return 'Invalid Policy: Invalid JSON.';
  }
  if (!parsed.expiration || !(Date.parse(parsed.expiration) > now.getTime()))
    return 'Invalid according to Policy: Policy expired.';
  const named = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);
  for (const condition of parsed.conditions ?? []) {
    const failed = conditionFailed(condition, fields, fileSize, options.bucket);
    if (failed) return `Invalid according to Policy: Policy Condition failed: ${failed}`;
    const name = Array.isArray(condition) ? String(condition[1]).replace(/^\$/, '') : Object.keys(condition)[0];
    if (name) named.add(name.toLowerCase());
  }
  const extra = [...fields.keys()].find((name) => !named.has(name) && !name.startsWith('x-ignore-'));
  return extra ? `Invalid according to Policy: Extra input fields: ${extra}` : undefined;
}

function conditionFailed(condition: Condition, fields: ReadonlyMap<string, string>, size: number, bucket: string) {
  if (!Array.isArray(condition)) {
    const [name, value] = Object.entries(condition)[0] ?? [];
    if (!name) return 'empty condition';
    const actual = name.toLowerCase() === 'bucket' ? bucket : fields.get(name.toLowerCase());
    return actual === value ? undefined : JSON.stringify(condition);
  }
  const [operator, first, second] = condition;
  if (operator === 'content-length-range')
    return size >= Number(first) && size <= Number(second) ? undefined : JSON.stringify(condition);
  const actual = fields.get(String(first).replace(/^\$/, '').toLowerCase()) ?? '';
  if (operator === 'eq') return actual === second ? undefined : JSON.stringify(condition);
  if (operator === 'starts-with') return actual.startsWith(String(second)) ? undefined : JSON.stringify(condition);
  return `unknown operator ${operator}`;
}

/** SigV4 of a POST policy: the day's signing key for S3 in the region, over the base64 policy. */
function signPolicy(policy: string, secret: string, day: string, region: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(policy).digest('hex');
}

function s3Error(c: Context, status: 400 | 403, code: string, message: string) {
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, '')}</Message></Error>`,
    status,
    {
      'content-type': 'application/xml',
    },
  );
}
