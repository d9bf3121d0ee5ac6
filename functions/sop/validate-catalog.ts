import type { z } from 'zod';
import { en } from 'zod/locales';
import { CATALOG_INPUT } from './catalog/index.ts';
import { officeLetterSigners, type LetterSigners } from './letter-signers.ts';
import { officeRegisters } from './registers.ts';
import { SECTION_NAMES, revisionOf, type Register, type Sop, type SopInput } from './schema.ts';
import { SopSchema } from './sop-schemas.ts';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** "steps.7.lane" reads better as "step 8, lane" for whoever edits the catalog file. */
function describeIssuePath(input: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = input;
  for (const [i, key] of path.entries()) {
    const child = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (path[i - 1] === 'steps' && typeof key === 'number') {
      const no = child && typeof child === 'object' ? (child as { no?: unknown }).no : undefined;
      parts.pop();
      parts.push(`step ${typeof no === 'number' ? no : `#${key + 1}`}`);
    } else {
      parts.push(String(key));
    }
    node = child;
  }
  return parts.join(', ');
}

/** Whoever edits the catalog reads English (the process's locale is Indonesian: indonesian-errors.ts). */
const ENGLISH = en().localeError;

function parseShape(input: SopInput): Sop {
  const result = SopSchema.safeParse(input, { error: ENGLISH });
  if (result.success) return result.data;
  const sopId = typeof input?.id === 'string' ? input.id : '(SOP without id)';
  const lines = result.error.issues.map(
    (issue: z.core.$ZodIssue) => `${sopId}, ${describeIssuePath(input, issue.path) || 'entry'}: ${issue.message}`,
  );
  throw new CatalogError(lines.join('\n'));
}

/** What the checks between fields share: the SOP, its lanes and steps by number, and where problems go. */
interface References {
  sop: Sop;
  registers: readonly Register[];
  laneIds: Set<string>;
  stepsByNo: Map<number, Sop['steps'][number]>;
  at: (where: string, message: string) => void;
}

/** Checks between fields that zod's shape cannot see: lanes, step numbers, send-back targets, registers. */
function checkReferences(sop: Sop, registers: readonly Register[]): string[] {
  const problems: string[] = [];
  const at = (where: string, message: string) => problems.push(`${sop.id}, ${where}: ${message}`);
  const laneIds = new Set(sop.lanes.map((lane) => lane.id));
  const stepsByNo = new Map<number, Sop['steps'][number]>();

  const references: References = { sop, registers, laneIds, stepsByNo, at };
  for (const check of [checkLanesAndSteps, checkSendBacks, checkDocuments, checkSectionsAndFacts]) check(references);
  return problems;
}

/** Supervisors are lanes, lane ids are unique, steps are numbered once, in order, on known lanes. */
function checkLanesAndSteps({ sop, laneIds, stepsByNo, at }: References): void {
  for (const lane of sop.lanes) {
    if (lane.supervisor && !laneIds.has(lane.supervisor))
      at(`lane ${lane.id}`, `supervisor "${lane.supervisor}" is not a lane of this SOP`);
  }
  if (laneIds.size !== sop.lanes.length) at('lanes', 'a lane id is used twice');

  let previous = 0;
  for (const step of sop.steps) {
    if (stepsByNo.has(step.no)) at(`step ${step.no}`, 'duplicate step number');
    else if (step.no < previous) at(`step ${step.no}`, `steps are out of order (after step ${previous})`);
    stepsByNo.set(step.no, step);
    previous = Math.max(previous, step.no);
    if (!laneIds.has(step.lane))
      at(`step ${step.no}`, `unknown lane "${step.lane}" (lanes: ${[...laneIds].join(', ')})`);
  }
}

/** Every send-back and next step lands inside the case, and every branch-only step is reached. */
function checkSendBacks({ sop, laneIds, stepsByNo, at }: References): void {
  const inCase = (no: number) => stepsByNo.get(no)?.phase === 'case';
  const targetsOfSendBacks = new Set<number>();
  for (const step of sop.steps) {
    const where = `step ${step.no}`;
    if (step.next !== undefined && !inCase(step.next))
      at(where, `next step ${step.next} is not a step inside the case`);
    if (step.branchOnly && step.phase !== 'case')
      at(where, 'only a step inside the case can be reached by a send-back');
    for (const sendBack of step.returns) {
      if (sendBack.to === 'applicant') {
        if (step.phase === 'intake') continue; // refused at the counter: the case is never created
        if (!sendBack.via || !laneIds.has(sendBack.via))
          at(where, `send-back to the applicant needs "via", a lane of this SOP (got "${sendBack.via ?? ''}")`);
        if (sendBack.resumeAt === undefined || !inCase(sendBack.resumeAt))
          at(where, `send-back to the applicant resumes at missing step ${sendBack.resumeAt ?? '(none)'}`);
        continue;
      }
      if (!stepsByNo.has(sendBack.to)) at(where, `send-back to missing step ${sendBack.to}`);
      else if (!inCase(sendBack.to)) at(where, `send-back to step ${sendBack.to}, which is not inside the case`);
      else targetsOfSendBacks.add(sendBack.to);
    }
    if (step.phase !== 'case' && step.returns.some((r) => r.to !== 'applicant'))
      at(where, 'a step outside the case cannot send the file back to a step');
  }
  for (const step of sop.steps) {
    if (step.branchOnly && !targetsOfSendBacks.has(step.no))
      at(`step ${step.no}`, 'branch-only step is the target of no send-back');
  }
  if (!sop.steps.some((step) => step.phase === 'case' && !step.branchOnly))
    at('steps', 'no step happens inside the case');
}

/** Documents name real steps, registers and signers; a scheduled step follows the document that sets it. */
function checkDocuments({ sop, registers, laneIds, stepsByNo, at }: References): void {
  const registerIds = new Set(registers.map((register) => register.id));
  for (const doc of sop.documents) {
    const where = `document ${doc.kind}`;
    for (const [field, no] of [
      ['draftedAt', doc.draftedAt],
      ['signedAt', doc.signedAt],
      ['numberedAt', doc.numberedAt],
      ...doc.parafAt.map((n) => ['parafAt', n] as const),
    ] as const) {
      if (no !== undefined && !stepsByNo.has(no)) at(where, `${field} names missing step ${no}`);
    }
    if (doc.numberedAt !== undefined && !doc.register) at(where, 'a numbered document needs a register');
    if (doc.officeSigner !== undefined && !laneIds.has(doc.officeSigner))
      at(where, `the office's signer (config/signers.json) is "${doc.officeSigner}", not a lane of this SOP`);
    if (doc.numberedAt !== undefined && doc.signedAt === undefined && doc.officeSigner === undefined)
      at(where, 'numbered but never signed: the seed names no signer, and config/signers.json names none');
    if (doc.register && !registerIds.has(doc.register)) at(where, `unknown register "${doc.register}"`);
  }

  for (const step of sop.steps) {
    const { scheduledBy } = step;
    if (!scheduledBy) continue;
    const source = sop.documents.find((doc) => doc.kind === scheduledBy.document);
    if (!source) at(`step ${step.no}`, `scheduled by unknown document "${scheduledBy.document}"`);
    else if (source.draftedAt >= step.no)
      at(`step ${step.no}`, `scheduled by ${source.kind}, which is drafted at step ${source.draftedAt}, not before`);
  }
}

/** Every seed section is given or named absent; facts, requirements and the service clock refer to what exists. */
function checkSectionsAndFacts({ sop, stepsByNo, at }: References): void {
  // Every section is either the seed's (given, possibly empty) or named absent: none is silently left out.
  for (const name of SECTION_NAMES) {
    const given = sop.sections[name] !== undefined;
    const absent = sop.sections.absent.includes(name);
    if (given && absent) at('sections', `${name} is given and also named absent`);
    if (!given && !absent) at('sections', `${name} is neither given nor named absent (the seed has no such section)`);
  }
  for (const warning of sop.sections.peringatan ?? [])
    for (const no of warning.steps ?? [])
      if (!stepsByNo.has(no)) at('sections, peringatan', `names missing step ${no}`);
  const factIds = new Set(sop.facts.map((fact) => fact.id));
  for (const fact of sop.facts)
    if (fact.lessThan !== undefined && sop.facts.find((other) => other.id === fact.lessThan)?.type !== 'integer')
      at(`fact ${fact.id}`, `lessThan names "${fact.lessThan}", not an integer fact of this SOP`);
  const requirementIds = new Set<string>();
  for (const item of sop.requirements) {
    if (requirementIds.has(item.id)) at(`requirement ${item.id}`, 'duplicate requirement id');
    requirementIds.add(item.id);
    if (item.when && !factIds.has(item.when.fact))
      at(`requirement ${item.id}`, `condition on unknown fact "${item.when.fact}"`);
  }
  if (sop.serviceTime && !stepsByNo.has(sop.serviceTime.startsAt.step))
    at('serviceTime', `clock starts at missing step ${sop.serviceTime.startsAt.step}`);
}

/**
 * Gives each numbered letter without a seed signer the office's signer; an entry for a letter the seed
 * already signs (the seed wins), or for a kind no SOP numbers, is a mistake in the file, named.
 */
function applyLetterSigners(sops: Sop[], signers: LetterSigners): string[] {
  const problems: string[] = [];
  // Against the whole catalog, since tests validate one SOP at a time.
  const issued = new Set(CATALOG_INPUT.flatMap((entry) => (entry.documents ?? []).map((doc) => doc.kind)));
  for (const kind of Object.keys(signers))
    if (!issued.has(kind)) problems.push(`config/signers.json: "${kind}" is a document no SOP of the catalog issues`);
  for (const sop of sops) {
    for (const doc of sop.documents) {
      if (doc.officeSigner !== undefined)
        problems.push(
          `${sop.id}, document ${doc.kind}: officeSigner comes from config/signers.json, not from the catalog`,
        );
      const lane = signers[doc.kind];
      if (lane === undefined) continue;
      if (doc.signedAt !== undefined)
        problems.push(
          `${sop.id}, document ${doc.kind}: config/signers.json names a signer, but the seed already has it signed at step ${doc.signedAt}`,
        );
      // An unnumbered draft of the same kind (003's draft invitation) is signed by no one.
      else if (doc.numberedAt !== undefined) doc.officeSigner = lane;
    }
  }
  return problems;
}

/** Parses and cross-checks SOP entries; throws a CatalogError naming every SOP and step at fault. */
export function validateCatalog(
  inputs: readonly SopInput[],
  registers: readonly Register[] = officeRegisters(),
  signers: LetterSigners = officeLetterSigners(),
): Sop[] {
  const sops = inputs.map(parseShape);
  const problems = applyLetterSigners(sops, signers);
  problems.push(...sops.flatMap((sop) => checkReferences(sop, registers)));
  const owners = new Map<string, string>();
  for (const sop of sops) {
    for (const name of new Set([sop.id, ...sop.aliases].map((n) => n.toLowerCase()))) {
      const owner = owners.get(name);
      // Revisions of one SOP share its id and aliases; another SOP may not.
      if (owner !== undefined && owner !== sop.id)
        problems.push(`${sop.id}: id or alias "${name}" is used by another SOP`);
      owners.set(name, sop.id);
    }
  }
  problems.push(...checkRevisions(sops));
  if (problems.length > 0) throw new CatalogError(problems.join('\n'));
  return sops;
}

/** Revisions of one SOP: each named once, each taking effect on its own day, listed oldest first. */
function checkRevisions(sops: readonly Sop[]): string[] {
  const problems: string[] = [];
  for (const [id, revisions] of groupRevisions(sops)) {
    const names = new Set<string>();
    for (const [i, sop] of revisions.entries()) {
      const name = revisionOf(sop);
      if (names.has(name)) problems.push(`${id}: revision "${name}" is in the catalog twice`);
      names.add(name);
      if (!/^[A-Za-z0-9.-]+$/.test(name))
        problems.push(`${id}: revision "${name}" may hold only letters, digits, dots and hyphens (it names a file)`);
      const before = revisions[i - 1];
      if (before && before.effectiveDate >= sop.effectiveDate)
        problems.push(
          `${id}: revision ${name} takes effect on ${sop.effectiveDate}, not after revision ${revisionOf(before)} (${before.effectiveDate}); list revisions oldest first`,
        );
      if (before && sop.changes.length === 0)
        problems.push(`${id}: revision ${name} does not say what changed (changes)`);
    }
  }
  return problems;
}

/** The revisions of each SOP, in catalog order (oldest first), by SOP id in the order the office lists them. */
function groupRevisions(sops: readonly Sop[]): Map<string, Sop[]> {
  const byId = new Map<string, Sop[]>();
  for (const sop of sops) byId.set(sop.id, [...(byId.get(sop.id) ?? []), sop]);
  return byId;
}
