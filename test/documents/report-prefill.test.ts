import { describe, expect, it } from 'vitest';
import { officeClock } from '#clock/add-working-days.ts';
import { witaDateTime } from '#clock/wita.ts';
import { putAbsence } from '#records/absences.ts';
import { completeApplication } from '../../scripts/clerk.ts';
import { parafForFile } from '../support/start-paraf.ts';

/**
 * A report drafted at an inspection (DALAK 009's Laporan Hasil Pengawasan) names as "Mengetahui" the
 * head of field who decides on it next; while he is away, the deputy the absence names, in its
 * capacity (the review: the absent Kabid's name and NIP were printed).
 */
const at = parafForFile({ prefix: 'paraf-laporan-' });

describe("a report's Mengetahui", () => {
  it('is the Plh. of the head of field while he is away, in that capacity', async () => {
    const { paraf, clerk } = at;
    const sop = paraf.runtime.sop('SOP-DALAK-067-009');
    const application = completeApplication(sop);
    delete (application.form.documents as Record<string, unknown>)['laporan-pengawasan'];
    const { fileNumber } = (await clerk.submit(application)).body as { fileNumber: string };
    // Steps 1 to 3 with the loket's drafts, the Kepala's signature on the letters included, to the inspection.
    let inspection = (await clerk.nextLink(fileNumber, 60_000))!;
    while (inspection.step !== 4) {
      const decided = await clerk.decide(inspection.url, { decision: 'approve' });
      expect(decided.status, `step ${inspection.step}: ${JSON.stringify(decided.body)}`).toBe(200);
      inspection = (await clerk.nextLink(fileNumber, 60_000))!;
      expect(inspection, 'the next step was asked').toBeDefined();
    }

    const kabid = paraf.runtime.staff.byId('kabid-pengendalian')!;
    const deputy = paraf.runtime.staff.byId('pemeriksa')!;
    const today = witaDateTime(new Date()).date;
    await putAbsence(paraf.runtime.dynamo, paraf.runtime.config.table, {
      absenceId: 'cuti-kabid-pengendalian',
      officialId: kabid.id,
      deputyId: deputy.id,
      as: 'plh',
      from: today,
      to: officeClock().addWorkingDays(new Date(), 2),
      reason: 'Cuti',
      recordedBy: 'kepala',
      recordedAt: new Date().toISOString(),
    });
    const page = await (await clerk.fetch(inspection.url, {}, await clerk.recipientOf(inspection.url))).text();
    const field = (id: string) =>
      new RegExp(`<input[^>]*id="isian-laporan-pengawasan-mengetahui-${id}"[^>]*value="([^"]*)"`).exec(page)?.[1];
    expect([field('nama'), field('nip'), field('jabatan')]).toEqual([
      deputy.name,
      deputy.nip,
      `Plh. ${kabid.position}`,
    ]);
  }, 240_000);
});
