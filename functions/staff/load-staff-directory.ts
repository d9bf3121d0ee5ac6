import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import type { Sop } from '#sop/schema.ts';
import { badOfficeFile, readOfficeFile } from '#config/read-office-file.ts';

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
const OfficialSchema = z.lazy(() =>
  z.strictObject({
    // At most 64 characters: the session cookie carries it (identity/sessions.ts).
    id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/), z.maxLength(64)),
    name: z.string().check(z.minLength(3)),
    nip: z.string().check(z.regex(/^\d{18}$/, 'NIP must be 18 digits')),
    /** The NIK BSrE knows the official by (their certificate's holder): needed where they sign with BSrE. */
    nik: z.optional(z.string().check(z.regex(/^\d{16}$/, 'NIK must be 16 digits'))),
    rank: z.string().check(z.minLength(3)),
    position: z.string().check(z.minLength(3)),
    lanes: z.array(z.string()),
    email: z.email(),
    /** Stands in for another official: as Plh. or Plt. while they are away, or signs a.n. on their behalf. */
    deputises: z._default(z.array(z.strictObject({ for: z.string(), as: z.enum(['an', 'plh', 'plt']) })), []),
  }),
);

const DirectorySchema = z.lazy(() =>
  z.strictObject({
    note: z.optional(z.string()),
    /** The head of office (Kepala Dinas): documents name every other signer as signing on the head's behalf (a.n.) or in the head's stead (Plh./Plt.). */
    headOfOffice: z.string(),
    staff: z.array(OfficialSchema).check(z.minLength(1)),
  }),
);

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
  const file = path instanceof URL ? fileURLToPath(path) : path;
  const directory = readOfficeFile(file, DirectorySchema);
  const officials = directory.staff;
  const problems: string[] = [];
  const ids = new Set<string>();
  const nips = new Set<string>();
  const niks = new Set<string>();
  for (const official of officials) {
    if (ids.has(official.id)) problems.push(`${official.id}: id dipakai dua kali`);
    if (nips.has(official.nip)) problems.push(`${official.id}: NIP ${official.nip} dipakai dua kali`);
    if (official.nik && niks.has(official.nik)) problems.push(`${official.id}: NIK ${official.nik} dipakai dua kali`);
    ids.add(official.id);
    nips.add(official.nip);
    if (official.nik) niks.add(official.nik);
  }
  const lanes = new Map<string, boolean>();
  for (const sop of catalog) for (const lane of sop.lanes) lanes.set(lane.id, lane.external);
  for (const official of officials) {
    for (const lane of official.lanes)
      if (!lanes.has(lane)) problems.push(`${official.id}: lajur "${lane}" tidak ada di SOP mana pun`);
    for (const deputy of official.deputises)
      if (!ids.has(deputy.for) || deputy.for === official.id)
        problems.push(`${official.id}: menggantikan pejabat yang tidak dikenal "${deputy.for}"`);
  }
  for (const [lane, external] of lanes) {
    if (!external && !officials.some((official) => official.lanes.includes(lane)))
      problems.push(`lajur "${lane}" tidak punya pejabat`);
  }
  const head = officials.find((official) => official.id === directory.headOfOffice);
  if (!head) problems.push(`headOfOffice: pejabat tidak dikenal "${directory.headOfOffice}"`);
  if (problems.length || !head) throw badOfficeFile(file, problems);
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
