import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialFor } from '#cases/official-for.ts';
import { ParafError } from '#errors/paraf-error.ts';
import type { LocalParaf } from '#local/start-local.ts';
import { Clerk, completeApplication, removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { localRuntimes } from '../support/local-runtimes.ts';
import { staffAccounts } from '../support/staff-accounts.ts';

const dataDir = tempDataDir('paraf-unstaffed-');
const runtimes = localRuntimes();
let paraf: LocalParaf;
let clerk: Clerk;

beforeAll(async () => {
  paraf = await runtimes.start(dataDir);
  clerk = new Clerk(paraf.url, await staffAccounts(paraf));
});
afterAll(async () => {
  await runtimes.closeAll();
  removeDir(dataDir);
});

describe('a lane with nobody to ask', () => {
  it('is a lane-unstaffed error naming the lane, not a guessed recipient', () => {
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const lane = sop.lanes.find((l) => !l.external);
    if (!lane) throw new Error('API-U has an internal lane');
    expect(officialFor(paraf.runtime, sop, lane.id).lanes).toContain(lane.id);
    const nobody = { staff: { ...paraf.runtime.staff, forLane: () => [] } };
    const error = (() => {
      try {
        officialFor(nobody, sop, lane.id);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ParafError);
    expect(error).toMatchObject({ code: 'lane-unstaffed', details: { sop: sop.id, lane: lane.id } });
    expect((error as ParafError).message).toContain(lane.label);
    // The front office stands in for lanes outside the office only: an internal lane nobody staffs
    // is the error even while the front office is staffed, never the front office's official.
    const frontOffice = sop.steps.find((s) => s.kind === 'registration')?.lane;
    const internal = sop.lanes.find((l) => !l.external && l.id !== frontOffice);
    if (!frontOffice || !internal) throw new Error('API-U has a front office and another internal lane');
    const onlyFrontOffice = {
      staff: {
        ...paraf.runtime.staff,
        forLane: (id: string) => (id === internal.id ? [] : paraf.runtime.staff.forLane(id)),
      },
    };
    expect(onlyFrontOffice.staff.forLane(frontOffice)).not.toEqual([]);
    expect(() => officialFor(onlyFrontOffice, sop, internal.id)).toThrow(
      expect.objectContaining({ code: 'lane-unstaffed', details: { sop: sop.id, lane: internal.id } }),
    );
    // An external lane falls to the front office; with nobody there either, the same error.
    const external = sop.lanes.find((l) => l.external);
    if (!external) throw new Error('API-U has an external lane');
    expect(officialFor(paraf.runtime, sop, external.id).lanes).toContain(
      sop.steps.find((s) => s.kind === 'registration')?.lane,
    );
    expect(() => officialFor(nobody, sop, external.id)).toThrow(/Tidak ada pejabat/);
  });

  it('stops the case where the dashboard shows it, with the reason in Bahasa Indonesia', async () => {
    const sop = paraf.runtime.sop('SOP-LP2N-PPK-01');
    const filed = await clerk.submit(completeApplication(sop, 'PT Lane Kosong'));
    expect(filed.status).toBe(201);
    const { id: caseId, fileNumber } = filed.body as { id: string; fileNumber: string };
    const lane = sop.lanes.find((l) => !l.external && l.id !== 'front-office') ?? sop.lanes[0];
    if (!lane) throw new Error('API-U has lanes');
    const step = sop.steps.find((s) => s.lane === lane.id)?.no ?? 1;

    // The staff directory loses the lane's officials (and the front office's) while the step is asked.
    const staff = paraf.runtime.staff;
    const forLane = staff.forLane;
    staff.forLane = () => [];
    const { handler: requestAction } = await import('#handlers/request-action.ts');
    const caught = await requestAction({
      caseId,
      sop: sop.id,
      step,
      lane: lane.id,
      purpose: 'step',
      taskToken: 'token-of-a-test',
      due: null,
      previousDecision: null,
    }).then(
      () => new Error('the step was asked of someone'),
      (error: unknown) => error as Error,
    );
    staff.forLane = forLane;
    // The machine sees it by name (its Catch goes to Failed_Record), with the message as its cause.
    expect(caught).toMatchObject({ name: 'Paraf.LaneUnstaffed' });
    const { handler: recordFailure } = await import('#handlers/record-failure.ts');
    await recordFailure({ caseId, sop: sop.id, error: { Error: caught.name, Cause: caught.message } });

    const { body: status } = await clerk.json(`/api/cases/${caseId}`);
    expect(status.status).toBe('gagal');
    // The health report says so too, rather than "Baik" beside a case that no longer moves.
    const stopped = (await paraf.health()).checks.find((c) => c.id === 'stopped');
    expect(stopped?.value).toBe('1 berkas');
    expect(stopped?.problem).toContain(
      `1 berkas terhenti karena kesalahan dan tidak berlanjut sendiri: ${fileNumber}.`,
    );
    // Named by its alias, as POST /api/cases takes it.
    const { body } = await clerk.json(`/api/dasbor?sop=${sop.aliases[0]}`);
    expect((body.sops as { sop: string }[]).map((s) => s.sop)).toEqual([sop.id]);
    const [summary] = body.sops as { stopped: { fileNumber: string; problem: string }[] }[];
    expect(summary?.stopped).toEqual([
      expect.objectContaining({
        fileNumber,
        problem: expect.stringContaining(`Tidak ada pejabat atau petugas untuk ${lane.label}`),
      }),
    ]);
    const page = await (await clerk.fetch(`${paraf.url}/dasbor?sop=${sop.id}`)).text();
    expect(page).toContain('Terhenti, perlu tindakan');
    expect(page).toContain(fileNumber);
  });
});
