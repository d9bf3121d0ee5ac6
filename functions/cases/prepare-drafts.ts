import { witaDateTime } from '#clock/wita.ts';
import { scheduledDay } from '#clock/scheduled-day.ts';
import { BUILT_FROM_CASE } from '#documents/document-data.ts';
import { fitToSchema, layer } from '#documents/kinds/field-types.ts';
import { draftSchemaOf, startingData } from '#documents/kinds/index.ts';
import { getCase, type CaseRecord } from '#records/case-records.ts';
import { getPermit } from '#records/permit-index.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import { CAPACITY_TITLE } from '#staff/acting-official.ts';
import { actingFor } from './acting-for.ts';
import type { SignatureBlock } from '#staff/signature-block.ts';
import { applicantInDrafts } from './applicant-in-drafts.ts';
import { type DraftDifference, draftDifferences } from './draft-differences.ts';
import { lettersToSign } from './rules/allowed-routes.ts';
import { signatureBlockFor } from './render-documents.ts';
import type { ApprovalView } from './show-approval.ts';

/** The permit a case acts on (an inspection's, a revocation's), as its pages show it. */
export interface PermitShown {
  title: string;
  number: string;
  /** The day it was issued, YYYY-MM-DD (WITA). */
  issuedOn: string;
  holder: string;
  nib: string | null;
  address: string | undefined;
  status: 'aktif' | 'dicabut';
}

/** What a step's page needs besides the view: the permit, and each drafted document's starting data and signer. */
export interface Drafting {
  permit: PermitShown | undefined;
  /** By document kind: the data the form starts from. */
  values: Record<string, unknown>;
  /** By document kind: the signature block Paraf will print (the drafter does not type it). */
  /** The block each will print, with the head's position it is signed for (a.n., Plh., Plt.). */
  signers: Record<string, SignatureBlock['penandatangan'] & { kepala: string }>;
  /** Where the case's drafts name another holder than the file, or a date before it was received. */
  differences: DraftDifference[];
}

/** The documents a step's drafter gives data for: none where the step only signs a letter drafted earlier. */
export function draftedKinds(sop: Sop, link: ApprovalView['link']): string[] {
  if (link.purpose !== 'step' || lettersToSign(sop, link).length > 0) return [];
  return sop.documents
    .filter((doc) => doc.draftedAt === link.step && !BUILT_FROM_CASE.includes(doc.kind))
    .map((doc) => doc.kind);
}

/**
 * What a step's page starts from, changing nothing (GET shows it):
 *  1. the permit the case acts on, from the permit index, with its holder's address from the case that issued it;
 *  2. for each document drafted at the step, layered: what is known (knownForStep: the case's facts, the
 *     permit, the day, the officials and team, the case's numbers), under what the kind reads from the
 *     loket's facts and the SOP's prefill (an SK's Mengingat from its dasar hukum), under what the case
 *     already holds (an earlier draft, kept after a send-back);
 *  3. the signature block each will print, from the staff directory and the absences on record now;
 *  4. where the drafts the case holds name another holder than the file (or the permit), or are dated before it was received.
 */
export async function prepareDrafts(rt: Runtime, view: ApprovalView, now: Date = new Date()): Promise<Drafting> {
  const { sop, record, link } = view;
  const permit = record?.permit ? await permitShown(rt, record.permit) : undefined;
  const drafted = draftedKinds(sop, link);
  // Only where something is drafted: what is known costs reads (the absences of the head of field).
  const known = record && drafted.length ? await knownForStep(rt, view, record, permit, now) : {};
  const values: Record<string, unknown> = {};
  const signers: Drafting['signers'] = {};
  for (const kind of drafted) {
    const schema = draftSchemaOf(kind);
    if (!schema) continue;
    values[kind] = layer(
      fitToSchema(schema, known),
      startingData(sop, kind, record?.form.documents?.[kind], record?.form.facts),
    );
    // A lane nobody staffs is the request's to report (request-action), not a reason to hide the form.
    const block = await signatureBlockFor(rt, sop, kind, now).catch(() => undefined);
    if (block) signers[kind] = { ...block.penandatangan, kepala: rt.staff.head.position };
  }
  const differences = record
    ? draftDifferences(
        sop,
        record,
        permit
          ? { name: permit.holder, nib: permit.nib }
          : { name: companyOf(record), nib: record.applicant.nib, npwp: record.applicant.npwp },
      )
    : [];
  return { permit, values, signers, differences };
}

/**
 * What a step's drafts may start from, named as the kinds name it: the case's facts (knownValues),
 * dated the day a letter set for the step (the inspection) or today; the officials a letter sends to the
 * step it schedules (petugas); the team a letter sent, in the report of what it did (pemeriksa, tim,
 * penyusun), and the head of field who next decides on it (mengetahui); the case's numbers so far.
 */
async function knownForStep(
  rt: Runtime,
  view: ApprovalView,
  record: CaseRecord,
  permit: PermitShown | undefined,
  now: Date,
): Promise<Record<string, unknown>> {
  const { sop, link } = view;
  const step = sop.steps.find((s) => s.no === link.step);
  const inspectors = officialsScheduled(rt, sop, link.step).map(asPejabat);
  // Without a letter naming the team, the one who does the step (a deputy, while its official is away): never a whole lane.
  const drafter = view.acting?.official ?? rt.staff.byId(link.officialId);
  const team = teamSent(record) ?? (drafter ? [asPejabat(drafter)] : []);
  const head = await headOfFieldAfter(rt, sop, link.step, now);
  return {
    ...knownValues(record, permit, scheduledDay(step, record.form.documents) ?? witaDateTime(now).date),
    ...(inspectors.length ? { petugas: inspectors } : {}),
    ...(team.length ? { pemeriksa: team, tim: team, penyusun: team } : {}),
    ...(head ? { mengetahui: head } : {}),
    ...numbersOf(view.states),
  };
}

/** An official as the documents print one (nama, NIP, pangkat, jabatan). */
const asPejabat = (official: Official) => ({
  nama: official.name,
  nip: official.nip,
  pangkat: official.rank,
  jabatan: official.position,
});

/**
 * The head of field ("Kepala Bidang" in the staff directory) of the first later step of the forward
 * flow: the one who next decides on a report drafted at `step`, and signs it as "Mengetahui"; while
 * they are away, their deputy, in the capacity the absence gives (Plh. Kepala Bidang ...).
 */
async function headOfFieldAfter(rt: Runtime, sop: Sop, step: number, now: Date) {
  const later = sop.steps.filter((s) => s.no > step && !s.branchOnly);
  const head = later
    .flatMap((s) => rt.staff.forLane(s.lane))
    .find((official) => /^kepala bidang\b/i.test(official.position));
  if (!head) return undefined;
  const acting = await actingFor(rt, head.id, now);
  const away = acting?.standsInFor;
  return away
    ? { ...asPejabat(acting.official), jabatan: `${CAPACITY_TITLE[away.as]} ${head.position}` }
    : asPejabat(head);
}

/** The company the counter registered: the loket's `perusahaan` fact where one was ticked, the applicant's name otherwise. */
const companyOf = (record: CaseRecord) => String(record.form.facts?.perusahaan ?? record.applicant.name);

async function permitShown(rt: Runtime, documentId: string): Promise<PermitShown | undefined> {
  const permit = await getPermit(rt.dynamo, rt.config.table, documentId);
  if (!permit) return undefined;
  const issuing = await getCase(rt.dynamo, rt.config.table, permit.caseId);
  const printed = issuing?.form.documents?.[permit.kind] as { perusahaan?: { alamat?: unknown } } | undefined;
  const address =
    typeof printed?.perusahaan?.alamat === 'string' ? printed.perusahaan.alamat : issuing?.applicant.address;
  return {
    title: permit.title,
    number: permit.registrationNumber,
    issuedOn: witaDateTime(new Date(permit.issuedAt)).date,
    holder: permit.company,
    nib: permit.nib,
    address,
    status: permit.status,
  };
}

/**
 * Who does the step a document drafted here sets the date of (the inspection a Surat Tugas sends
 * them to): the officials of that step's lane, from the staff directory, so that the letter's
 * petugas are not typed again.
 */
function officialsScheduled(rt: Runtime, sop: Sop, step: number) {
  const drafted = new Set(sop.documents.filter((doc) => doc.draftedAt === step).map((doc) => doc.kind));
  const scheduled = sop.steps.find((s) => s.scheduledBy && drafted.has(s.scheduledBy.document));
  return scheduled ? rt.staff.forLane(scheduled.lane) : [];
}

/**
 * The officials a letter of the case sent (a Surat Tugas's petugas, as drafted): the team the report
 * of what they did names (a Berita Acara's pemeriksa, tim, a report's penyusun), which need not be typed again.
 */
function teamSent(record: CaseRecord): unknown[] | undefined {
  return Object.values(record.form.documents ?? {})
    .map((data) => (data as { petugas?: unknown } | null)?.petugas)
    .find((petugas): petugas is unknown[] => Array.isArray(petugas) && petugas.length > 0);
}

/**
 * The case's documents numbered so far, each as `nomor<Kind>` ("nomorSuratTugas"), the name a later
 * document gives the number it cites: the Berita Acara names its Surat Tugas, which need not be typed again.
 */
function numbersOf(states: ApprovalView['states']): Record<string, string> {
  return Object.fromEntries(
    states.flatMap((state) =>
      state.number
        ? [
            [
              `nomor${state.kind.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`,
              state.number.number,
            ],
          ]
        : [],
    ),
  );
}

/** The facts a case already holds, named as the document kinds name them; each kind takes the ones its schema has. */
function knownValues(record: CaseRecord, permit: PermitShown | undefined, today: string): Record<string, unknown> {
  const company = companyOf(record);
  return layer(applicantInDrafts(record.applicant, permit !== undefined), {
    tanggal: today,
    nomorBerkas: record.fileNumber,
    perusahaan: permit
      ? { nama: permit.holder, nib: permit.nib ?? undefined, alamat: permit.address }
      : { nama: company },
    pemohon: { perusahaan: company },
    ...(permit ? { izin: { jenis: permit.title, nomor: permit.number, tanggal: permit.issuedOn } } : {}),
  }) as Record<string, unknown>;
}
