import { witaDateTime } from '#clock/wita.ts';
import { listAbsencesEndingFrom } from '#records/absences.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { type Acting, actingOfficial, heldAt } from '#staff/acting-official.ts';

/**
 * Who acts for an official at an instant:
 *  1. the instant's office day (WITA);
 *  2. the recorded absences that end on that day or later (those over are read too for a past day),
 *     without those ended before the instant (heldAt);
 *  3. the official, or their deputy where an absence of theirs covers that day (staff/acting-official.ts).
 */
export async function actingFor(
  rt: Pick<Runtime, 'dynamo' | 'staff'> & { config: { table: string } },
  officialId: string,
  at: Date,
): Promise<Acting | undefined> {
  const day = witaDateTime(at).date;
  const absences = await listAbsencesEndingFrom(rt.dynamo, rt.config.table, day, witaDateTime(new Date()).date);
  return actingOfficial(rt.staff, absences.filter(heldAt(at)), officialId, day);
}
