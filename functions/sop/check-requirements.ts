import type { Fact, Requirement, Sop } from './schema.ts';

export type FactValues = Readonly<Record<string, boolean | number>>;

export interface RequirementCheck {
  /** Facts that are missing, unknown or out of range, and requirement ids the SOP does not have, in Bahasa Indonesia: the counter shows them. */
  factErrors: string[];
  /** Items that apply to this application and were not handed in. */
  missing: Requirement[];
  /** The items that apply, given the facts. */
  required: Requirement[];
}

function checkFact(fact: Fact, value: unknown): string | undefined {
  if (value === undefined) return `Isian "${fact.label}" belum diisi`;
  if (fact.type === 'boolean')
    return typeof value === 'boolean' ? undefined : `Isian "${fact.label}" harus ya atau tidak`;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `Isian "${fact.label}" harus bilangan bulat`;
  if (fact.min !== undefined && value < fact.min) return `Isian "${fact.label}" paling sedikit ${fact.min}`;
  if (fact.max !== undefined && value > fact.max) return `Isian "${fact.label}" paling banyak ${fact.max}`;
  return undefined;
}

function applies(item: Requirement, facts: FactValues): boolean {
  if (!item.when) return true;
  const value = facts[item.when.fact];
  const { equals, greaterThan } = item.when;
  if (equals !== undefined) return value === equals;
  // ConditionSchema lets no condition through without one of the two.
  if (greaterThan === undefined)
    throw new Error(`requirement ${item.id}: its condition on ${item.when.fact} has neither equals nor greaterThan`);
  return typeof value === 'number' && value > greaterThan;
}

/**
 * The front office's checklist: which of the SOP's requirements apply to these facts (API-U's
 * foreign signatory, more than one section, a proxy, a change) and which of them are missing.
 * Items of an anyOf group ("dan/atau") are satisfied together by any one of them.
 */
export function checkRequirements(sop: Sop, facts: FactValues, handedIn: readonly string[]): RequirementCheck {
  const factErrors = sop.facts.flatMap((fact) => checkFact(fact, facts[fact.id]) ?? []);
  for (const fact of sop.facts) {
    const bound = sop.facts.find((other) => other.id === fact.lessThan);
    const [value, limit] = [facts[fact.id], bound && facts[bound.id]];
    if (bound && typeof value === 'number' && typeof limit === 'number' && value >= limit)
      factErrors.push(`Isian "${fact.label}" harus kurang dari isian "${bound.label}"`);
  }
  const known = new Set(sop.facts.map((fact) => fact.id));
  for (const name of Object.keys(facts))
    if (!known.has(name)) factErrors.push(`Isian "${name}" tidak dikenal untuk ${sop.id}`);
  // An id the checklist does not have is a typo or a tampered form: it must not pass as handed in.
  const ids = new Set(sop.requirements.map((item) => item.id));
  for (const id of new Set(handedIn))
    if (!ids.has(id)) factErrors.push(`Persyaratan "${id}" tidak dikenal untuk ${sop.id}`);

  const required = sop.requirements.filter((item) => applies(item, facts));
  const given = new Set(handedIn);
  const missing = required.filter((item) => {
    if (given.has(item.id)) return false;
    if (!item.anyOf) return true;
    return !required.some((other) => other.anyOf === item.anyOf && given.has(other.id));
  });
  return { factErrors, missing, required };
}
