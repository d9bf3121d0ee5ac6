import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';

/**
 * Whom a step overdue past its reminder is escalated to: the first official of the lane's supervisor
 * lane, where the catalog names one and someone other than the step's holder staffs it. The Kepala's
 * lane has none. request-action asks them; track-deadline promises them only where they exist.
 */
export function escalationTarget(
  rt: Pick<Runtime, 'staff'>,
  sop: Sop,
  laneId: string,
  holderId: string,
): Official | undefined {
  const supervisorLane = sop.lanes.find((lane) => lane.id === laneId)?.supervisor;
  const supervisor = supervisorLane ? rt.staff.forLane(supervisorLane)[0] : undefined;
  return supervisor && supervisor.id !== holderId ? supervisor : undefined;
}
