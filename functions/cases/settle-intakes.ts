import type { ArchiveTargets } from '#archive/archive-document.ts';
import { getCase } from '#records/case-records.ts';
import { deleteIntakeMarker, listIntakeMarkers } from '#records/intake-markers.ts';
import type { Sop } from '#sop/schema.ts';
import { abandonIntake } from './start-case.ts';
import { logger } from '#runtime/observability.ts';
import { recordReceived } from '#records/service-ledger.ts';
import { witaDay } from './ledger-entries.ts';

const INTERRUPTED = 'Pendaftaran terputus (layanan berhenti) sebelum berkas tercatat; nomor ini tidak dipakai.';

/**
 * Finishes the intakes that a crash cut short, begun before `before`:
 *  - the case record exists (the commit point was reached): its workflow is started and it is entered
 *    in the dashboard's ledger (both idempotent);
 *  - it does not: its number is voided with the reason, and its archived files are removed.
 * The local runtime runs it as it starts (no intake of the dead process can still be running);
 * every intake runs it for markers older than any intake can take.
 */
export async function settleInterruptedIntakes(
  targets: ArchiveTargets,
  sop: (id: string) => Sop,
  start: (sopId: string, caseId: string, revision?: string) => Promise<void>,
  before: Date,
): Promise<{ started: number; voided: number; failed: number }> {
  const settled = { started: 0, voided: 0, failed: 0 };
  for (const marker of await listIntakeMarkers(targets.dynamo, targets.table, before)) {
    // One intake that cannot be settled now (the archive unreachable, say) keeps its marker for the next try and holds up nothing else.
    try {
      const recorded = await getCase(targets.dynamo, targets.table, marker.caseId);
      if (recorded) {
        await start(marker.sop, marker.caseId, recorded.revision);
        await recordReceived(targets.dynamo, targets.table, {
          sop: recorded.sop,
          caseId: recorded.caseId,
          receivedDay: witaDay(recorded.createdAt),
        });
        await deleteIntakeMarker(targets.dynamo, targets.table, marker);
        settled.started += 1;
      } else {
        await abandonIntake(targets, sop(marker.sop), marker, INTERRUPTED);
        settled.voided += 1;
      }
    } catch (error) {
      logger.error('intake: could not be settled; it is tried again later', {
        caseId: marker.caseId,
        at: marker.at,
        error: error as Error,
      });
      settled.failed += 1;
    }
  }
  return settled;
}
