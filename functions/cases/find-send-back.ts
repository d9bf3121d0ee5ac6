import { listCaseLinks, type ApprovalLink } from '#records/links.ts';
import type { Runtime } from '#runtime/runtime.ts';
import type { Sop } from '#sop/schema.ts';
import { allowedRoutes } from './rules/allowed-routes.ts';
import { officialFor } from './official-for.ts';

/** Who returned the file to a step, from which step, when and why. */
export interface SendBack {
  by: string;
  role: string;
  fromStep: number;
  at: string;
  reason: string;
}

interface Decided {
  link: ApprovalLink;
  route: string;
  by: string;
  at: string;
  note: string;
}

/**
 * The send-back that brought the file to a link's step, when it is there because of one:
 *  1. every decision taken on the case's links (a sibling closed by another's decision is none);
 *  2. the newest decision returning to this step (to the applicant, for the wait for a correction);
 *  3. kept only when no decision at this step came after it: a later pass through the step is no return.
 */
export async function findSendBack(
  rt: Pick<Runtime, 'dynamo' | 'config' | 'staff' | 'sopOf'>,
  link: Pick<ApprovalLink, 'caseId' | 'step' | 'purpose'>,
  /** The case's links where the caller read them already (a task list reads each case's once). */
  caseLinks?: readonly ApprovalLink[],
): Promise<SendBack | undefined> {
  const links = caseLinks ?? (await listCaseLinks(rt.dynamo, rt.config.table, link.caseId));
  const decided = links.flatMap((item): Decided[] => {
    const d = item.decision;
    return typeof d?.route === 'string' && typeof d.at === 'string'
      ? [{ link: item, route: d.route, by: String(d.by ?? ''), at: d.at, note: String(d.note ?? '') }]
      : [];
  });
  const target = link.purpose === 'applicant-correction' ? 'return:applicant' : `return:${link.step}`;
  const latest = (list: Decided[]) =>
    list.reduce<Decided | undefined>((a, b) => (a && a.at >= b.at ? a : b), undefined);
  const back = latest(decided.filter((d) => d.route === target));
  const here = latest(decided.filter((d) => d.link.step === link.step && d.link.purpose === link.purpose));
  if (!back || (here && here.at > back.at)) return undefined;
  const sop = rt.sopOf(back.link);
  return {
    by: rt.staff.byId(back.by)?.name ?? back.by,
    role: sop.lanes.find((lane) => lane.id === back.link.lane)?.label ?? back.link.lane,
    fromStep: back.link.step,
    at: back.at,
    reason: back.note,
  };
}

/**
 * Who each send-back a link offers reaches (route to the official's name), as request-action will
 * ask them: the lane's first official, the front office's for a lane outside the office. The
 * applicant is named by role only.
 */
export function returnHolders(rt: Pick<Runtime, 'staff'>, sop: Sop, link: ApprovalLink): Record<string, string> {
  const holders: Record<string, string> = {};
  for (const { route } of allowedRoutes(sop, link)) {
    const to = /^return:(\d+)$/.exec(route)?.[1];
    const lane = to && sop.steps.find((s) => s.no === Number(to))?.lane;
    if (!lane) continue;
    try {
      holders[route] = officialFor(rt, sop, lane).name;
    } catch {
      // A lane nobody staffs: the option names the role alone, and the return is refused where it is asked.
    }
  }
  return holders;
}
