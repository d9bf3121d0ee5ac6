import { Hono } from 'hono';
import { getRevocationList } from '#cases/get-revocation-list.ts';
import type { Runtime } from '#runtime/runtime.ts';

const TYPES = { 'ca.crl': 'application/pkix-crl', 'ca.crt': 'application/pkix-cert' } as const;

/** The office CA's CRL and certificate at the stable addresses its certificates name (public, like a CA's own). */
export function pkiRoutes(rt: Runtime) {
  const app = new Hono();
  for (const file of Object.keys(TYPES) as (keyof typeof TYPES)[])
    app.get(`/${file}`, async (c) => {
      const bytes = await getRevocationList(rt, file);
      if (!bytes) return c.text('Tidak ada: sertifikat pejabat diterbitkan oleh otoritas lain.', 404);
      // A CRL is signed afresh on each request; a relying party may keep it an hour.
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': TYPES[file],
        'cache-control': 'public, max-age=3600',
      });
    });
  return app;
}
