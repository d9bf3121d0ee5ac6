import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { answerOcsp } from '#cases/answer-ocsp.ts';
import { getRevocationList } from '#cases/get-revocation-list.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { statusOf } from './errors.ts';

const TYPES = { 'ca.crl': 'application/pkix-crl', 'ca.crt': 'application/pkix-cert' } as const;
const ELSEWHERE = 'Tidak ada: sertifikat pejabat diterbitkan oleh otoritas lain.';
/** An OCSP request names a few certificates: far below this. */
const OCSP_REQUEST_MAX_BYTES = 16 * 1024;

/**
 * The office CA's CRL, certificate and OCSP responder at the stable addresses its certificates name
 * (public, like a CA's own). The responder answers POST (the request as the body) and GET (the
 * request base64 in the path, RFC 6960 appendix A.1) alike, and changes nothing either way.
 */
export function pkiRoutes(rt: Runtime) {
  const app = new Hono();
  for (const file of Object.keys(TYPES) as (keyof typeof TYPES)[])
    app.get(`/${file}`, async (c) => {
      const bytes = await getRevocationList(rt, file);
      if (!bytes) return c.text(ELSEWHERE, statusOf('not-found'));
      // A CRL is signed afresh on each request; a relying party may keep it an hour.
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': TYPES[file],
        'cache-control': 'public, max-age=3600',
      });
    });
  const ocsp = (request: Uint8Array) => {
    const der = answerOcsp(rt, request);
    return der
      ? new Response(der, { headers: { 'content-type': 'application/ocsp-response', 'cache-control': 'no-store' } })
      : new Response(ELSEWHERE, {
          status: statusOf('not-found'),
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
  };
  const tooLarge = bodyLimit({
    maxSize: OCSP_REQUEST_MAX_BYTES,
    onError: (c) => c.text('Permintaan OCSP terlalu besar.', statusOf('too-large')),
  });
  app.post('/ocsp', tooLarge, async (c) => {
    if (c.req.header('content-type')?.split(';')[0]?.trim() !== 'application/ocsp-request')
      return c.text('Permintaan OCSP harus bertipe application/ocsp-request.', statusOf('unsupported-media-type'));
    return ocsp(new Uint8Array(await c.req.arrayBuffer()));
  });
  // Base64 may carry "/", so the request is the rest of the path, URL-decoded.
  app.get('/ocsp/*', (c) => {
    const raw = c.req.path.slice(c.req.path.indexOf('/ocsp/') + '/ocsp/'.length);
    let encoded = '';
    try {
      encoded = decodeURIComponent(raw);
    } catch {
      // Not percent-encoding: answered as the malformed request it is.
    }
    // 414 (URI Too Long) rather than 413: a GET's OCSP request is its path, not a body.
    if (encoded.length > (OCSP_REQUEST_MAX_BYTES * 4) / 3)
      return c.text('Permintaan OCSP terlalu besar.', statusOf('address-too-long'));
    return ocsp(new Uint8Array(Buffer.from(encoded, 'base64')));
  });
  return app;
}
