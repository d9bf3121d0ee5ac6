import { witaDateTime } from '#clock/wita.ts';
import { listAbsences } from '#records/absences.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { type Acting, actingOfficial } from '#staff/acting-official.ts';

/** Who acts for an official at an instant: the official, or their deputy during a recorded absence (office day, WITA). */
export async function actingFor(
  rt: Pick<Runtime, 'dynamo' | 'staff'> & { config: { table: string } },
  officialId: string,
  at: Date,
): Promise<Acting | undefined> {
  const absences = await listAbsences(rt.dynamo, rt.config.table);
  return actingOfficial(rt.staff, absences, officialId, witaDateTime(at).date);
}
