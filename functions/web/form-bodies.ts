import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { refuse, statusOf } from './errors.ts';
import { page } from './page.ts';

/** The posts that take something other than a page's form: the API's JSON, the upload script's JSON (upload-script.ts), OCSP. */
const NOT_FORMS = [/^\/api\//, /^\/loket\/unggahan$/, /^\/a\/[^/]+\/unggahan$/, /^\/pki\/ocsp$/];
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const MESSAGE =
  'Isian halaman ini harus dikirim sebagai formulir, seperti dari tombol di halamannya, bukan sebagai JSON atau jenis isi lain. Tidak ada yang diubah.';

/**
 * Refuses a post to a page whose body is not a form. A page's form reader sees a JSON body as no
 * fields at all, so it answered "Pilih keputusan" beside a decision that was sent: the refusal names
 * the cause instead. A post without a body (and so without a type) reaches the route as before.
 */
export function requireFormBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST' || NOT_FORMS.some((path) => path.test(c.req.path))) return next();
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (!type || FORM_TYPES.has(type)) return next();
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return refuse(c, 'unsupported-media-type', MESSAGE);
    return c.html(
      page('Isian tidak dapat dibaca', html`<p class="error" role="alert">${MESSAGE}</p>`),
      statusOf('unsupported-media-type'),
    );
  };
}
