import type { Sop, Step } from '#sop/schema.ts';
import type { Official, StaffDirectory } from '#staff/load-staff-directory.ts';

/** The staff pages (and their API) that belong to a kind of work, not to every official. */
export const STAFF_AREAS = ['loket', 'tata-usaha', 'arsip', 'dasbor'] as const;
export type StaffArea = (typeof STAFF_AREAS)[number];

const INTAKE: readonly Step['kind'][] = ['information', 'front-office-check', 'registration'];
const CLERK: readonly Step['kind'][] = ['registration-number', 'handover', 'archiving'];

/** What each area is called on the refusal page. */
export const AREA_LABELS: Readonly<Record<StaffArea, string>> = {
  loket: 'petugas loket (penerimaan berkas)',
  'tata-usaha': 'Tata Usaha',
  arsip: 'Tata Usaha dan pejabat pengawas',
  dasbor: 'Tata Usaha dan pejabat pengawas',
};

/**
 * Which lanes open which area, read from the catalog so that an SOP's lanes bring their pages with
 * them: the counter to the lanes of intake steps; Tata Usaha to the lanes that number, hand over
 * and archive; the archive and the dashboard to those and to every lane that supervises another.
 * The head of office opens every area.
 */
export function areaLanes(catalog: readonly Sop[]): Readonly<Record<StaffArea, ReadonlySet<string>>> {
  const lanesOf = (kinds: readonly Step['kind'][]) =>
    new Set(catalog.flatMap((sop) => sop.steps.filter((step) => kinds.includes(step.kind)).map((step) => step.lane)));
  const loket = lanesOf(INTAKE);
  const clerk = lanesOf(CLERK);
  const supervisors = new Set(
    catalog.flatMap((sop) => sop.lanes.flatMap((lane) => (lane.supervisor ? [lane.supervisor] : []))),
  );
  const oversight = new Set([...clerk, ...supervisors]);
  return { loket, 'tata-usaha': clerk, arsip: oversight, dasbor: oversight };
}

/** Whether an official may open an area: the head of office, or an official with one of its lanes. */
export function mayOpenArea(
  official: Official,
  area: StaffArea,
  lanes: Readonly<Record<StaffArea, ReadonlySet<string>>>,
  staff: Pick<StaffDirectory, 'head'>,
): boolean {
  return official.id === staff.head.id || official.lanes.some((lane) => lanes[area].has(lane));
}
