import { ParafError } from '#errors/paraf-error.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';

/**
 * Who is asked in a lane: its first official; for a lane outside the office, the front office's
 * (the registration step's lane). Nobody: a `lane-unstaffed` error naming the lane.
 */
export function officialFor(rt: Pick<Runtime, 'staff'>, sop: Sop, laneId: string): Official {
  const lane = sop.lanes.find((l) => l.id === laneId);
  const frontOffice = lane?.external ? sop.steps.find((s) => s.kind === 'registration')?.lane : undefined;
  const official = rt.staff.forLane(laneId)[0] ?? (frontOffice ? rt.staff.forLane(frontOffice)[0] : undefined);
  if (official) return official;
  const label = lane?.label ?? laneId;
  throw new ParafError(
    'lane-unstaffed',
    `Tidak ada pejabat atau petugas untuk ${label} pada ${sop.id} di direktori staf, dan tidak ada loket yang mewakilinya: langkah ini tidak dapat diminta. Lengkapi direktori staf, lalu ajukan ulang berkas.`,
    { details: { sop: sop.id, lane: laneId } },
  );
}
