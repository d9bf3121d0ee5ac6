// By its '#sop/' name, not './': a Lambda build puts the catalog it checked in that module's place (function-defaults.ts).
import { checkedRevisions } from '#sop/checked-catalog.ts';
import { revisionOf, type Sop } from './schema.ts';

let cachedRevisions: Sop[] | undefined;
let cached: Sop[] | undefined;

/** Every revision of every SOP the catalog keeps (one a case may still be under), validated, once per process. */
export function loadRevisions(): Sop[] {
  cachedRevisions ??= checkedRevisions();
  return cachedRevisions;
}

/** The office's catalog: the newest revision of each SOP, in the order the office lists them. */
export function loadCatalog(): Sop[] {
  // A later revision takes its SOP's place in the Map; the place stays where the SOP is first listed.
  cached ??= [...new Map(loadRevisions().map((sop) => [sop.id, sop])).values()];
  return cached;
}

/** The revisions of one SOP, oldest first (empty for an unknown id). */
export function revisionsOf(sops: readonly Sop[], id: string): Sop[] {
  return sops.filter((sop) => sop.id === id);
}

/** Whether this revision is the newest of its SOP: its machine is state-machines/<id>.asl.json, the others <id>@<revision>.asl.json. */
export function isNewestRevision(sops: readonly Sop[], sop: Sop): boolean {
  return revisionsOf(sops, sop.id).at(-1) === sop;
}

/**
 * The revision a case received on `day` (YYYY-MM-DD, WITA) is under: the last to take effect on or
 * before that day; before the first took effect, the first (the office works by the oldest it keeps).
 */
export function revisionInForce(sops: readonly Sop[], id: string, day: string): Sop | undefined {
  const revisions = revisionsOf(sops, id);
  return revisions.filter((sop) => sop.effectiveDate <= day).at(-1) ?? revisions[0];
}

/**
 * A named revision of an SOP. A record written before revisions were kept names none: it was made
 * under the oldest revision the catalog keeps, the entry as it stood then.
 */
export function findRevision(sops: readonly Sop[], id: string, revision: string | undefined): Sop | undefined {
  const revisions = revisionsOf(sops, id);
  return revision === undefined ? revisions[0] : revisions.find((sop) => revisionOf(sop) === revision);
}

/** Finds an SOP by id or alias, ignoring case (its newest revision); undefined when there is none. */
export function findSop(idOrAlias: string): Sop | undefined {
  const wanted = idOrAlias.trim().toLowerCase();
  return loadCatalog().find(
    (sop) => sop.id.toLowerCase() === wanted || sop.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
}
