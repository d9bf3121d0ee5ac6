import { witaDateTime } from '#clock/wita.ts';
import { listAbsences } from '#records/absences.ts';
import type { Runtime } from '#runtime/runtime.ts';
import { type Acting, actingOfficial } from '#staff/acting-official.ts';

/**
 * Who acts for an official at an instant:
 *  1. the recorded absences;
 *  2. the instant's office day (WITA);
 *  3. the official, or their deputy where an absence of theirs covers that day (staff/acting-official.ts).
 */
export async function actingFor(
  rt: Pick<Runtime, 'dynamo' | 'staff'> & { config: { table: string } },
  officialId: string,
  at: Date,
): Promise<Acting | undefined> {
  const absences = await listAbsences(rt.dynamo, rt.config.table);
  return actingOfficial(rt.staff, absences, officialId, witaDateTime(at).date);
}
