import type { Context } from 'hono';
import { issueUploadForm } from '#cases/issue-upload-form.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { fail, isRefusal } from './errors.ts';
import { checkDeclaredUpload, readJsonBody } from './read-case-request.ts';
import { UPLOAD_SCRIPT } from './upload-script.ts';

/**
 * One attachment's upload form (a presigned POST to the uploads bucket): JSON in (`name`,
 * `contentType`, `size`), JSON out (`url`, `fields`, `key`). The loket's script, the correction link's
 * script and API clients ask it; `allowed` checks who may ask (the correction link's holder) first.
 */
export const issueUploadRoute =
  (rt: Runtime, allowed: (c: Context) => Promise<void> = async () => {}) =>
  async (c: Context) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json'))
      return fail(c, new ParafError('unsupported-media-type', 'Kirim permintaan unggahan sebagai application/json.'));
    try {
      await allowed(c);
      const declared = checkDeclaredUpload(await readJsonBody(c));
      return c.json(await issueUploadForm(rt, declared));
    } catch (error) {
      if (isRefusal(error)) return fail(c, error);
      throw error;
    }
  };

/** /unggah.js: the pages' upload script, public (it holds nothing; the forms it asks for need their page's rights). */
export const uploadScriptRoute = () =>
  new Response(UPLOAD_SCRIPT, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
