import * as z from 'zod';
import { SECTION_NAMES, STEP_KINDS, STEP_PHASES } from './schema.ts';

/**
 * The zod schemas of one SOP entry (schema.ts has its types and names). Only validation builds them:
 * validate-catalog.ts, when Paraf starts from source and when a Lambda bundle is built.
 */

/** Pieces the schemas below share: a zod schema is immutable, so one instance serves every field. */
const nonEmpty = z.string().min(1);
/** A step's number in its SOP: its own, or the step it names. */
const stepNumber = z.number().int().positive();
const KEBAB_CASE = /^[a-z][a-z0-9-]*$/;
/** An identifier the office's configuration and the URLs use (a document kind, a register). */
const kebabCase = z.string().regex(KEBAB_CASE);
/**
 * What the catalog adds to an item (the service time, a document): a remark, and where the seed
 * allows more than one reading (of the limit, of the document's name), its words quoted and the
 * alternative named.
 */
const remarks = { note: z.string().optional(), inferred: z.string().optional() };

export const TimeStandardSchema = z
  .object({
    asWritten: nonEmpty,
    /** Day offsets: H = 0, H+1 = 1. "Hari ke H- H+2" is dayFrom 0, dayTo 2. */
    dayFrom: z.number().int().min(0).optional(),
    dayTo: z.number().int().min(0).optional(),
    minMinutes: z.number().positive().optional(),
    maxMinutes: z.number().positive().optional(),
  })
  .strict()
  .refine((t) => t.minMinutes === undefined || t.maxMinutes === undefined || t.minMinutes <= t.maxMinutes, {
    message: 'minMinutes is greater than maxMinutes',
  })
  .refine((t) => t.dayFrom === undefined || t.dayTo === undefined || t.dayFrom <= t.dayTo, {
    message: 'dayFrom is after dayTo',
  });

export const SendBackSchema = z
  .object({
    /** A step number of the same SOP, or the applicant (the business) through a front-office lane. */
    to: z.union([stepNumber, z.literal('applicant')]),
    /** For `applicant`: the lane that contacts the applicant and takes the corrected file. */
    via: z.string().optional(),
    /** For `applicant`: the step that receives the corrected file. */
    resumeAt: stepNumber.optional(),
    /** How the seed words the condition, in Bahasa Indonesia ("Jika ada kesalahan pada draft"). */
    reason: nonEmpty,
    /** The answer that takes this edge when the seed draws a Ya/Tidak decision ("Tidak"). */
    answer: z.string().optional(),
    /**
     * For `applicant`: the seed's words letting the applicant file a new application instead of the
     * correction ("... atau membuat permohonan baru"). Where it is absent, closing the case during the
     * correction is the office's choice (config/office.json applicantCorrectionCanClose), not the SOP's.
     */
    newApplication: nonEmpty.optional(),
    /**
     * For `applicant`: the system where the applicant makes the correction when it is not brought to
     * the counter ("OSS RBA" for a returned LKPM); their e-mails and page say to correct it there.
     */
    correctedIn: nonEmpty.optional(),
  })
  .strict();

/**
 * A step that happens on a day someone sets in a document drafted earlier (the inspection on the
 * Surat Tugas's date): its time standard counts from the opening of service on that day, which must
 * be at least `minWorkingDaysAfter` working days after the document's step is approved.
 */
export const ScheduleSchema = z
  .object({
    document: z.string(),
    /** Dotted path of the date (YYYY-MM-DD) in the document's data ("waktu.mulai"). */
    field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/),
    minWorkingDaysAfter: z.number().int().min(0),
    /** How a person sees the field on the approval page, in Bahasa Indonesia. */
    label: nonEmpty,
    /** The seed's words the rule comes from. */
    asWritten: nonEmpty,
  })
  .strict();

export const StepSchema = z
  .object({
    no: stepNumber,
    lane: nonEmpty,
    kind: z.enum(STEP_KINDS),
    phase: z.enum(STEP_PHASES).default('case'),
    title: nonEmpty,
    time: TimeStandardSchema.optional(),
    inputs: z.array(nonEmpty).default([]),
    outputs: z.array(nonEmpty).default([]),
    /** Only reached through a send-back (PAR-05's step 8); the forward flow skips it. */
    branchOnly: z.boolean().default(false),
    /** Forward successor when it is not simply the next in-case step. */
    next: stepNumber.optional(),
    returns: z.array(SendBackSchema).default([]),
    canReject: z.boolean().default(false),
    /** The step happens on a date set in a document of an earlier step; its time counts from that date. */
    scheduledBy: ScheduleSchema.optional(),
    /** For Ya/Tidak decisions: the question the decision answers. */
    question: z.string().optional(),
    /** The step where the applicant fills the satisfaction survey (IKM, PermenPANRB 14/2017). */
    collectsSurvey: z.boolean().default(false),
    /** What the applicant is told at this step, as the seed lists it (the handover's rights and duties), in Bahasa Indonesia. */
    informs: z.array(nonEmpty).default([]),
    /**
     * Where the seed names what the applicant is told without listing it (PAR-05's handover: "Menginformasikan
     * hak & kewajiban pemohon ..."): its words. The list then printed is the office's
     * (config/office.json handoverRightsAndDuties), never presented as the seed's.
     */
    informsNamedOnly: nonEmpty.optional(),
    notes: z.array(z.string()).default([]),
    /** Set when the seed lost this detail (swimlane arrows, decision positions) and the catalog reads it from the wording. */
    inferred: z.string().optional(),
  })
  .strict();

export const LaneSchema = z
  .object({
    id: z.string().regex(KEBAB_CASE, 'lane id must be kebab-case'),
    /** The column heading as the seed prints it. */
    label: nonEmpty,
    /** Outside the office (the applicant, another agency). */
    external: z.boolean().default(false),
    /** Next in the chain of internal supervision: who hears of an overdue step. */
    supervisor: z.string().optional(),
  })
  .strict();

export const FactSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: nonEmpty,
    type: z.enum(['boolean', 'integer']),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    /** An integer fact that must stay below another's (API-U: signatories who are not directors, fewer than all signatories). */
    lessThan: z.string().optional(),
  })
  .strict();

export const ConditionSchema = z
  .object({
    fact: z.string(),
    equals: z.union([z.boolean(), z.number()]).optional(),
    greaterThan: z.number().optional(),
  })
  .strict()
  .refine((c) => (c.equals === undefined) !== (c.greaterThan === undefined), {
    message: 'a condition has exactly one of equals or greaterThan',
  });

export const RequirementSchema = z
  .object({
    id: z.string().regex(/^[0-9]+[a-z]?$/),
    label: nonEmpty,
    when: ConditionSchema.optional(),
    /** Items sharing an anyOf group satisfy the group together ("dan/atau"): at least one is needed. */
    anyOf: z.string().optional(),
    /** Where the seed allows more than one reading of the item: its words quoted, the alternative named. */
    inferred: z.string().optional(),
  })
  .strict();

export const ServiceTimeSchema = z
  .object({
    limit: z.number().int().positive(),
    unit: z.enum(['working-days', 'days']),
    asWritten: nonEmpty,
    /** What starts the clock: the receipt, or the arrival of the technical recommendation at a step. */
    startsAt: z.discriminatedUnion('event', [
      z.object({ event: z.literal('receipt'), step: stepNumber }).strict(),
      z.object({ event: z.literal('technical-recommendation'), step: stepNumber }).strict(),
    ]),
    ...remarks,
  })
  .strict();

export const DocumentSpecSchema = z
  .object({
    kind: kebabCase,
    title: nonEmpty,
    letterhead: z.enum(['dpmptsp', 'kemendag']),
    /** 3: triplicate, copy 1 verification (every paraf), 2 applicant, 3 archive; 1: one sheet, copy 1 (documents/copies.ts). */
    copies: z.union([z.literal(1), z.literal(3)]),
    draftedAt: stepNumber,
    parafAt: z.array(stepNumber).default([]),
    signedAt: stepNumber.optional(),
    /**
     * Where the seed names no signer of a numbered letter: the lane the office chose (config/signers.json),
     * filled in when the catalog loads, never written in a catalog file. That lane's official is asked to
     * sign after the step that numbers the letter (numberedAt), before the number is given.
     */
    officeSigner: z.string().optional(),
    numberedAt: stepNumber.optional(),
    register: z.string().optional(),
    /**
     * What this document, once signed and numbered, does to the permit its case was started against:
     * `revokes` (013's SK Pencabutan: the permit becomes dicabut) or `recommends-revocation` (014's
     * Rekomendasi: addressed to the authority that revokes; the permit stays in force and shows the
     * recommendation until a revocation is recorded).
     */
    permitEffect: z.enum(['revokes', 'recommends-revocation']).optional(),
    ...remarks,
  })
  .strict();

const SectionList = z.array(nonEmpty);

/** Who made or checked the SOP, as its approval page prints them. */
const SopSignatorySchema = z.object({ name: nonEmpty, position: nonEmpty, date: z.iso.date().optional() }).strict();

/**
 * The sections an SOP prints besides its steps, in the seed's words. A section the seed prints with
 * nothing under it (the DALAK seeds' "Keterkaitan") is an empty list; a section the seed does not
 * have at all is left out and named in `absent`, so the catalog never fills it from elsewhere
 * (load-catalog checks that every section is either given or named absent, never both).
 * `peringatan` applies to `steps` (every step inside the case when absent): staff see it on the
 * approval page of each. The licensing seeds call the equipment "Sarana, prasarana dan / atau
 * fasilitas" (section M) and the records "Pencatatan / pendataan / lampiran" (section U).
 */
export const SopSectionsSchema = z
  .object({
    dasarHukum: SectionList.optional(),
    keterkaitan: SectionList.optional(),
    peralatan: SectionList.optional(),
    kualifikasiPelaksana: SectionList.optional(),
    pencatatan: SectionList.optional(),
    peringatan: z.array(z.object({ text: nonEmpty, steps: z.array(stepNumber).optional() }).strict()).optional(),
    /** The complaint channels the seed names ("Penanganan pengaduan, saran dan masukan"). */
    pengaduan: SectionList.optional(),
    /** How the executors' performance is evaluated ("Evaluasi kinerja pelaksana"). */
    evaluasi: SectionList.optional(),
    dibuatOleh: SopSignatorySchema.optional(),
    diperiksaOleh: SopSignatorySchema.optional(),
    /** The sections this seed does not print at all. */
    absent: z.array(z.enum(SECTION_NAMES)).default([]),
  })
  .strict();

export const SopSchema = z
  .object({
    id: z.string().regex(/^SOP-[A-Z0-9-]+$/),
    aliases: z.array(z.string()).default([]),
    family: z.enum(['licensing', 'control']),
    /** A case of this SOP is started against an issued permit (an inspection or a revocation of it). */
    actsOnPermit: z.boolean().default(false),
    /**
     * How its step pages head that permit, where no document of the SOP says (a decree that revokes
     * it, a recommendation to): 011 and 012 end in the Kepala's disposition, not a decree.
     */
    permitRole: nonEmpty.optional(),
    title: nonEmpty,
    documentNumber: nonEmpty,
    /** The revision the seed prints; absent where it prints none (the DALAK SOPs leave "Tanggal Revisi" empty and give no number). */
    revision: nonEmpty.optional(),
    createdDate: z.iso.date(),
    revisedDate: z.iso.date().optional(),
    /** From this day (WITA) a new case is received under this revision, until a later revision takes effect. */
    effectiveDate: z.iso.date(),
    /** What this revision changed, in the seed's words ("ISI PERUBAHAN" of its row in STATUS REVISI); empty where the seed prints no revision. */
    changes: z.array(nonEmpty).default([]),
    /**
     * The regulation this revision was made under (PP 28/2025 for a revision that shortens service times);
     * absent: the SOP's own dasar hukum (sections.dasarHukum).
     */
    legalBasis: z.array(nonEmpty).optional(),
    approvedBy: z.object({ name: z.string(), position: z.string(), nip: z.string().optional() }).strict(),
    lanes: z.array(LaneSchema).min(1),
    steps: z.array(StepSchema).min(1),
    facts: z.array(FactSchema).default([]),
    requirements: z.array(RequirementSchema).default([]),
    serviceTime: ServiceTimeSchema.optional(),
    serviceHours: z.string().optional(),
    fee: z.object({ free: z.boolean(), asWritten: z.string() }).strict().optional(),
    product: z.object({ name: z.string(), validity: z.string() }).strict().optional(),
    documents: z.array(DocumentSpecSchema).default([]),
    sections: SopSectionsSchema,
    notes: z.array(z.string()).default([]),
  })
  .strict();
