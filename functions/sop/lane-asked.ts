import type { Sop } from './schema.ts';

/**
 * The lane an official is asked in, as the e-mail and the step's page say it. The applicant's own
 * lane (external) is held by an official who acts for them, so it reads "petugas yang mewakili ...".
 */
export function laneAsked(sop: Pick<Sop, 'lanes'>, laneId: string): string {
  const lane = sop.lanes.find((l) => l.id === laneId);
  if (!lane) return laneId;
  return lane.external ? `petugas yang mewakili ${lane.label}` : lane.label;
}
