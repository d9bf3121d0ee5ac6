import type { Runtime } from '#runtime/runtime.ts';
import { returnTarget } from './rules/allowed-routes.ts';
import { officialFor } from './official-for.ts';
import { findLink } from './find-link.ts';
import { actingFor } from './acting-for.ts';
import { deputyHolding } from '#staff/acting-official.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import type { ApprovalLink } from '#records/links.ts';
import type { Sop, Step } from '#sop/schema.ts';
import { signersAskedAfter } from '#sop/plan-step-actions.ts';

/** Where a decided link sent the file, as its confirmation says it. */
export interface Destination {
  /** "Petugas Pemrosesan (langkah 7)", or the applicant; absent where the file leaves the flow. */
  target?: string;
  /** The official the step is asked of, where one is known. */
  holder?: string;
  /** An approval of a registration-number step: the number is given next, by the workflow, not with the answer. */
  numbered?: true;
  /** A wait for the applicant's correction closed: the file closes without it, not refused by the office. */
  closedWithoutCorrection?: true;
}

/**
 * Where the file goes after a decision on a link, from the SOP, before the workflow has asked anyone:
 *  1. the link and its SOP revision;
 *  2. a send-back: the step (or the applicant) it returns to;
 *  3. an approval: the step that follows (its `next`, else the next step of the forward flow; a
 *     correction received goes back to the step that waited for it; a drafter's letters go first to
 *     the office's signer at the same step); none after the last;
 *  4. the official of that step's lane, as request-action will choose them, when the lane is staffed
 *     (their deputy while they are away);
 *  5. whether approving gives the registration number (a registration-number step).
 */
export async function showDestination(rt: Runtime, linkId: string, route: string): Promise<Destination> {
  const link = await findLink(rt.dynamo, rt.config.table, linkId);
  if (!link) return {};
  if (route === 'reject' && link.purpose === 'applicant-correction') return { closedWithoutCorrection: true };
  const sop = rt.sopOf(link);
  const step = sop.steps.find((s) => s.no === link.step);
  const back = /^return:(\d+|applicant)$/.exec(route)?.[1];
  let to: number | undefined;
  if (back === 'applicant') {
    const via = step?.returns.find((r) => r.to === 'applicant')?.via;
    return { target: returnTarget(sop, 'applicant', via) };
  }
  const signer = route === 'approve' && step ? letterSigning(sop, link, step) : undefined;
  if (back) to = Number(back);
  else if (route === 'approve' && link.purpose === 'applicant-correction') to = link.step;
  else if (signer) to = step?.no;
  else if (route === 'approve')
    to = step?.next ?? sop.steps.find((s) => s.no > link.step && !s.branchOnly && s.phase !== 'before-case')?.no;
  const numbered = route === 'approve' && step?.kind === 'registration-number' ? { numbered: true as const } : {};
  const lane = signer?.lane ?? sop.steps.find((s) => s.no === to)?.lane;
  if (to === undefined || !lane) return numbered;
  const holder = await holderOf(rt, sop, lane);
  const target = signer
    ? `${signer.label} (langkah ${to}) untuk menandatangani ${signer.letters}`
    : returnTarget(sop, to);
  return { target, ...(holder ? { holder } : {}), ...numbered };
}

/**
 * The office's signer a drafter's approval sends the step's letters to, at the same step, before the
 * file moves on (the first of signersAskedAfter, as the machine asks them): its lane, label and letters.
 */
function letterSigning(sop: Sop, link: ApprovalLink, step: Step) {
  if (link.purpose !== 'step' || (link.lane !== undefined && link.lane !== step.lane)) return undefined;
  const [first] = signersAskedAfter(sop, step);
  if (!first) return undefined;
  const titles = first.documents.map((doc) => doc.title);
  return {
    lane: first.lane,
    label: sop.lanes.find((l) => l.id === first.lane)?.label ?? first.lane,
    letters: titles.length > 1 ? `${titles.slice(0, -1).join(', ')} dan ${titles.at(-1)}` : titles.join(''),
  };
}

/** Who holds a step of `lane`, as request-action will ask them: the official, or their deputy while they are away. */
async function holderOf(rt: Runtime, sop: Sop, lane: string): Promise<string | undefined> {
  let official: Official | undefined;
  try {
    official = officialFor(rt, sop, lane);
  } catch {
    // Nobody staffs the lane: the confirmation names the role alone.
  }
  // While that official is away, the step goes to their deputy, as request-action asks it.
  const acting = official && (await actingFor(rt, official.id, new Date()));
  const away = acting?.standsInFor;
  return away ? deputyHolding(acting.official.name, away.as, away.official.name) : official?.name;
}
