import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { linkKey } from '#records/keys.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * A fault of Paraf's (here a record the table holds malformed) is never a refusal: the page and the
 * API answer the generic 500 in Bahasa Indonesia, and what the fault names (table keys, fields)
 * stays in the log, not on the page (web/errors.ts isRefusal, app.ts onError).
 */
const at = parafForFile({ prefix: 'paraf-faults-' });

describe('a fault behind a page', () => {
  it('answers the generic 500, on the page and in JSON, without the fault’s own words', async () => {
    const linkId = 'rusakRusakRusakRusak22';
    const { runtime } = at.paraf;
    await runtime.dynamo.send(
      new PutCommand({ TableName: runtime.config.table, Item: { ...linkKey(linkId), status: 'waiting' } }),
    );
    const requests = [
      { method: 'GET', accept: 'text/html' },
      { method: 'GET', accept: 'application/json' },
      { method: 'POST', accept: 'application/json' },
    ];
    for (const { method, accept } of requests) {
      const answer = await fetch(`${at.paraf.url}/a/${linkId}`, {
        method,
        headers: { accept, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(method === 'POST' ? { body: 'decision=approve' } : {}),
      });
      const body = await answer.text();
      expect({ method, accept, status: answer.status }).toEqual({ method, accept, status: 500 });
      expect(body).toContain('Terjadi kesalahan pada server; silakan coba lagi.');
      expect(body).not.toContain('rusak:');
      expect(body).not.toContain('LINK#');
    }
  });
});
