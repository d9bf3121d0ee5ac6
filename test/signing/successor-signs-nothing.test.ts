import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocuments } from '#cases/render-documents.ts';
import { signDocuments } from '#cases/sign-documents.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { createCase } from '#records/case-records.ts';
import { getDocumentState } from '#records/document-state.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { localRuntimes } from '../support/local-runtimes.ts';

/**
 * A decision the one before took, signed after a restart that gave a successor under the same id
 * (a new Kepala Dinas) the id's new key (the review of the staff walk's mends): the permit, printed
 * with the one before's name, is not signed with the successor's certificate; the step fails for
 * the operator, and nothing is signed.
 */
const dataDir = tempDataDir('paraf-successor-signs-');
const runtimes = localRuntimes();
let paraf: LocalParaf;

beforeAll(async () => {
  paraf = await runtimes.start(dataDir);
}, 120_000);
afterAll(async () => {
  await runtimes.closeAll();
  removeDir(dataDir);
});

describe('a signature the one before decided, signed after the successor took the id', () => {
  it('signs nothing under the printed name of the one before', async () => {
    const rt = paraf.runtime;
    const caseId = 'case-successor-00001';
    const permit = JSON.parse(readFileSync(new URL('../../examples/api-u.json', import.meta.url), 'utf8'));
    await createCase(rt.dynamo, rt.config.table, {
      caseId,
      sop: 'SOP-LP2N-PPK-01',
      fileNumber: 'API-U/2026/00077',
      applicant: { name: 'PT Mahakam Niaga Sentosa' },
      status: 'berjalan',
      createdAt: new Date().toISOString(),
      receiptCode: 'K7QF-29XM',
      deadline: '2026-12-30',
      form: { documents: { 'api-u': permit } },
      requirements: [],
    });
    await renderDocuments(rt, {
      caseId,
      sop: 'SOP-LP2N-PPK-01',
      step: 7,
      lane: 'pemrosesan',
      documents: ['api-u'],
      decision: null,
    });
    const head = rt.staff.byId('kepala')!;
    expect((await getDocumentState(rt.dynamo, rt.config.table, caseId, 'api-u'))?.signatory).toMatchObject({
      officialId: 'kepala',
      nama: head.name,
    });
    // The staff directory after the change: the same id, another person.
    const successor = { ...head, name: 'Ir. Sri Wahyuni, M.Sc.', nip: '197803122003122004' };
    const after: Runtime = {
      ...rt,
      staff: { ...rt.staff, byId: (id: string) => (id === 'kepala' ? successor : rt.staff.byId(id)) },
    } as Runtime;
    const at = new Date().toISOString();
    const decision = {
      id: 'decision-before-the-change',
      route: 'approve',
      note: '',
      by: 'kepala',
      at,
      factor: { kind: 'totp', officialId: 'kepala', checkedAt: at },
    };
    const input = {
      caseId,
      sop: 'SOP-LP2N-PPK-01',
      step: 10,
      lane: 'kepala-dinas',
      mode: 'signature' as const,
      documents: ['api-u'],
      decision,
    };
    await expect(signDocuments(after, input)).rejects.toThrow(
      `sign-documents: api-u of case ${caseId} names kepala (${head.name}), not kepala (Ir. Sri Wahyuni, M.Sc.)`,
    );
    expect((await getDocumentState(rt.dynamo, rt.config.table, caseId, 'api-u'))?.signers).toEqual([]);
  }, 120_000);
});
