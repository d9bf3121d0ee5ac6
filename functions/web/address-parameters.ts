import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { PatternRouter } from 'hono/router/pattern-router';
import { PERMIT_QUERY_NAMES } from '#cases/find-permits.ts';
import { addressParametersProblem } from '#validation/address-parameters.ts';
import { PERIOD_NAMES } from './dashboard-routes.ts';
import { refuse, statusOf } from './errors.ts';
import { page } from './page.ts';

/**
 * The address parameters each route reads. Every other address takes none: an unknown name, or a
 * name given twice, is refused by name before the route runs (a made-up `?pejabat=` or a second
 * `?kode=` is never silently ignored or half-read).
 */
const READ_PARAMETERS: readonly [path: string, names: readonly string[]][] = [
  ['/', ['keluar']],
  ['/masuk', ['lanjut']],
  ['/masuk/demo', ['lanjut']],
  ['/kata-sandi', ['lanjut', 'diganti']],
  ['/autentikator', ['lanjut', 'diganti']],
  // The user pool's answer: a code and the state, or why it gave none (OAuth 2.0, RFC 6749 4.1.2).
  ['/masuk/kembali', ['code', 'state', 'error', 'error_description']],
  ['/cek-status', ['berkas', 'kode']],
  ['/pemohon', ['berkas', 'kode']],
  ['/loket/tanda-terima/:id', ['kode']],
  ['/loket/tanda-terima/:id/pdf', ['kode']],
  // Only changes the address when the SOP's revision does, so a browser never keeps an old sheet.
  ['/stil/loket/:file', ['revisi']],
  ['/arsip', PERMIT_QUERY_NAMES],
  ['/api/permits', PERMIT_QUERY_NAMES],
  ['/dasbor', PERIOD_NAMES],
  ['/api/dasbor', PERIOD_NAMES],
  ['/direktori-staf', ['sop']],
  ['/tata-usaha/register', ['register', 'tahun']],
  ['/ketidakhadiran', ['dicatat', 'diakhiri']],
  ['/lampiran/:caseId/:sha256', ['unduh']],
  ['/api/outbox', ['since']],
  ['/verifikasi/nomor', ['nomor', 'nama']],
];

const routes = new PatternRouter<readonly string[]>();
for (const [path, names] of READ_PARAMETERS) routes.add('ALL', path, names);

/** Refuses an address whose parameters the route does not read: JSON under /api, otherwise a page with the way back. */
export function checkAddressParameters(): MiddlewareHandler {
  return async (c, next) => {
    const queries = c.req.queries();
    if (Object.keys(queries).length === 0) return next();
    const [[match]] = routes.match('ALL', c.req.path);
    const read = match?.[0] ?? [];
    const problem = addressParametersProblem(queries, read);
    if (!problem) return next();
    if (c.req.path.startsWith('/api/')) return refuse(c, 'invalid-query', problem);
    const plain = c.req.method === 'GET' || c.req.method === 'HEAD';
    // The way back is this site's own page: a path sent as "//elsewhere" or "/\\elsewhere" would make
    // the link lead to another site (an open redirect on Paraf's own address).
    // It keeps what the page reads, given once (a file number and its code, say): only the rest is left out.
    const kept = new URLSearchParams(
      read.flatMap((name): [string, string][] => (queries[name]?.length === 1 ? [[name, queries[name][0] ?? '']] : [])),
    );
    const back = `/${c.req.path.replace(/^[/\\]+/, '')}${kept.size ? `?${kept}` : ''}`;
    const label = kept.size ? 'Buka halaman ini tanpa parameter yang salah' : 'Buka halaman ini tanpa parameter';
    return c.html(
      page(
        'Alamat tidak dapat dibuka',
        html`<p class="error" role="alert">${problem}</p>
          ${plain ? html`<p><a href="${back}">${label}</a></p>` : ''}`,
      ),
      statusOf('invalid-query'),
    );
  };
}
