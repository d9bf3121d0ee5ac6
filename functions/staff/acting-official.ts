import type { Absence } from '#records/absences.ts';
import type { DeputyCapacity, Official, StaffDirectory } from './load-staff-directory.ts';

/** How the capacity of a deputy is written before a title or in a note. */
export const CAPACITY_TITLE: Readonly<Record<DeputyCapacity, string>> = { an: 'a.n.', plh: 'Plh.', plt: 'Plt.' };

/**
 * Who holds a step of an official who is away, as the office's pages name them: the deputy, in what
 * capacity, and for whom ("Drs. Hendro (Plh., menggantikan Dr. Bambang sampai 9 Desember 2026)").
 */
export function deputyHolding(deputy: string, as: DeputyCapacity, official: string, until?: string): string {
  return `${deputy} (${CAPACITY_TITLE[as]}, menggantikan ${official}${until ? ` sampai ${until}` : ''})`;
}

/** Who acts for an official on a day: the official, or the deputy standing in while they are away. */
export interface Acting {
  official: Official;
  standsInFor?: { official: Official; as: DeputyCapacity; until: string; absenceId: string };
}

/**
 * Whether an absence still holds at an instant. One ended early holds until the moment it was ended,
 * not to the end of that day's date: what the deputy did before then stays done in its place, and from
 * then on the official acts again.
 */
export const heldAt = (at: Date) => (absence: Absence) => !absence.endedAt || at < new Date(absence.endedAt);

/** The absence of an official that covers `day` (YYYY-MM-DD, WITA), if any. */
export function absenceOn(absences: readonly Absence[], officialId: string, day: string): Absence | undefined {
  return absences.find((absence) => absence.officialId === officialId && absence.from <= day && day <= absence.to);
}

/**
 * Who acts for `officialId` on `day`: their deputy while an absence covers the day (one level: a
 * deputy away too is not passed on, since the directory names who stands in for whom, not chains).
 */
export function actingOfficial(
  staff: Pick<StaffDirectory, 'byId'>,
  absences: readonly Absence[],
  officialId: string,
  day: string,
): Acting | undefined {
  const official = staff.byId(officialId);
  if (!official) return undefined;
  const absence = absenceOn(absences, officialId, day);
  const deputy = absence && staff.byId(absence.deputyId);
  if (!absence || !deputy) return { official };
  return {
    official: deputy,
    standsInFor: { official, as: absence.as, until: absence.to, absenceId: absence.absenceId },
  };
}
