import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { Sop } from '#sop/schema.ts';

const OfficialSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(3),
    nip: z.string().regex(/^\d{18}$/, 'NIP must be 18 digits'),
    /** The NIK BSrE knows the official by (their certificate's holder): needed where they sign with BSrE. */
    nik: z
      .string()
      .regex(/^\d{16}$/, 'NIK must be 16 digits')
      .optional(),
    rank: z.string().min(3),
    position: z.string().min(3),
    lanes: z.array(z.string()),
    email: z.email(),
    /** Stands in for another official: as Plh. or Plt. while they are away, or signs a.n. on their behalf. */
    deputises: z.array(z.object({ for: z.string(), as: z.enum(['an', 'plh', 'plt']) }).strict()).default([]),
  })
  .strict();

const DirectorySchema = z
  .object({
    note: z.string().optional(),
    /** The head of office (Kepala Dinas): documents name every other signer as signing on the head's behalf (a.n.) or in the head's stead (Plh./Plt.). */
    headOfOffice: z.string(),
    staff: z.array(OfficialSchema).min(1),
  })
  .strict();

export type DeputyCapacity = 'an' | 'plh' | 'plt';

export type Official = z.infer<typeof OfficialSchema>;

export interface StaffDirectory {
  officials: readonly Official[];
  byId(id: string): Official | undefined;
  /** Who acts in a lane, in the order of the file. */
  forLane(lane: string): Official[];
  /** Who stands in for an official, and as what. */
  deputiesOf(id: string): { official: Official; as: DeputyCapacity }[];
  /** The head of office, in whose name the office's documents are signed. */
  head: Official;
}

/**
 * Reads and checks the staff directory against the catalog: every official is known once (id and
 * NIP), deputies stand in for known officials, every lane is a lane of some SOP, and every lane
 * inside the office has someone. Errors name the official and the field.
 */
export function loadStaffDirectory(path: string | URL, catalog: readonly Sop[]): StaffDirectory {
  const parsed = DirectorySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `staff directory ${String(path)}:\n${parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const officials = parsed.data.staff;
  const problems: string[] = [];
  const ids = new Set<string>();
  const nips = new Set<string>();
  const niks = new Set<string>();
  for (const official of officials) {
    if (ids.has(official.id)) problems.push(`${official.id}: id used twice`);
    if (nips.has(official.nip)) problems.push(`${official.id}: NIP ${official.nip} used twice`);
    if (official.nik && niks.has(official.nik)) problems.push(`${official.id}: NIK ${official.nik} used twice`);
    ids.add(official.id);
    nips.add(official.nip);
    if (official.nik) niks.add(official.nik);
  }
  const lanes = new Map<string, boolean>();
  for (const sop of catalog) for (const lane of sop.lanes) lanes.set(lane.id, lane.external);
  for (const official of officials) {
    for (const lane of official.lanes)
      if (!lanes.has(lane)) problems.push(`${official.id}: lane "${lane}" is in no SOP`);
    for (const deputy of official.deputises)
      if (!ids.has(deputy.for) || deputy.for === official.id)
        problems.push(`${official.id}: deputises for unknown official "${deputy.for}"`);
  }
  for (const [lane, external] of lanes) {
    if (!external && !officials.some((official) => official.lanes.includes(lane)))
      problems.push(`lane "${lane}" has no official`);
  }
  const head = officials.find((official) => official.id === parsed.data.headOfOffice);
  if (!head) problems.push(`headOfOffice: unknown official "${parsed.data.headOfOffice}"`);
  if (problems.length || !head)
    throw new Error(`staff directory ${String(path)}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return {
    officials,
    head,
    byId: (id) => officials.find((official) => official.id === id),
    forLane: (lane) => officials.filter((official) => official.lanes.includes(lane)),
    deputiesOf: (id) =>
      officials.flatMap((official) =>
        official.deputises.filter((d) => d.for === id).map((d) => ({ official, as: d.as })),
      ),
  };
}
