import { expect } from 'vitest';
import { completeApplication } from '../../scripts/clerk.ts';
import { expectServedCopies } from './served-copies.ts';
import type { StartedParaf } from './start-paraf.ts';

/**
 * An API-U case filed at the loket by the runtime's Clerk and approved over HTTP by every official it is
 * e-mailed to, until it is `selesai`: the case, the permit's document id and its first copy as served,
 * each copy checked as served first.
 */
export async function issueApiUPermit({
  paraf,
  clerk,
}: Pick<StartedParaf, 'paraf' | 'clerk'>): Promise<{ caseId: string; documentId: string; issued: Uint8Array }> {
  const { id, fileNumber } = (await clerk.submit(completeApplication(paraf.runtime.sop('SOP-LP2N-PPK-01')))).body as {
    id: string;
    fileNumber: string;
  };
  // Every link until the case stops running: the signing steps (a TSA, then the DSS and a document
  // timestamp after the register stamp) take seconds on a loaded machine, so no fixed window decides.
  for (;;) {
    const link = await clerk.nextLink(fileNumber, 300);
    if (link) expect((await clerk.decide(link.url, { decision: 'approve' })).status).toBe(200);
    else if ((await clerk.json(`/api/cases/${id}`)).body.status !== 'berjalan') break;
  }
  expect((await clerk.waitForStatus(id, ['selesai'])).status).toBe('selesai');
  const documentId = `${id}.api-u`;
  // Each copy as served: its own label, its fingerprint on the verification page, its signatures trusted.
  await expectServedCopies(clerk, documentId, paraf.dataDir, [4, 2, 2]);
  const copy = await clerk.fetch(`${paraf.url}/api/permits/${documentId}/copies/1`);
  return { caseId: id, documentId, issued: new Uint8Array(await copy.arrayBuffer()) };
}
