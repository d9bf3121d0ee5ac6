import { Hono } from 'hono';
import { sopAtCounter } from '#cases/open-case.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { conditionalStyle } from './loket-routes.ts';
import { STYLE } from './page.ts';
import { FORM_MESSAGES_SCRIPT } from './form-messages.ts';

/** The pages' stylesheets as files of their own, so the Content-Security-Policy needs no inline style. */
export function stylesheetRoutes(rt: Runtime) {
  const app = new Hono();
  const css = (body: string) =>
    new Response(body, {
      headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' },
    });
  app.get('/stil.css', () => css(STYLE));
  app.get(
    '/validasi.js',
    () =>
      new Response(FORM_MESSAGES_SCRIPT, {
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' },
      }),
  );
  // The counter's form hides a conditional item while its condition does not hold, per SOP.
  app.get('/stil/loket/:file', (c) => {
    const id = c.req.param('file').replace(/\.css$/, '');
    const sop = sopAtCounter(rt, id);
    return sop ? css(conditionalStyle(sop)) : c.notFound();
  });
  return app;
}
