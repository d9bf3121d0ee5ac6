import { ENTRY, TERMINAL, correctionGroup, stepGroup, type AslDefinition, type AslState } from './compile-to-asl.ts';
import { STEP_KIND_LABELS, type Sop } from './schema.ts';

/**
 * Draws a compiled machine as a Mermaid flowchart. It reads the ASL itself, not the catalog's
 * intent, so the picture is what Step Functions will run: states of one step (schedule, wait,
 * remind, decide, actions) fold into one box, and every edge between boxes is a real transition.
 * Edges into Failed are left out: every machine task has one, and they hide the flow; so is the entry
 * of a case moved from another revision (Resume_*), which may lead to any step.
 */
export function renderMermaid(sop: Sop, asl: AslDefinition): string {
  const edges = new Map<string, { from: string; to: string; label: string }>();
  for (const [name, state] of Object.entries(asl.States)) {
    const from = groupOf(name);
    for (const { target, label } of transitions(sop, from, state)) {
      const to = groupOf(target);
      if (to === from || to === groupOf(TERMINAL.failed) || [from, to].includes(groupOf(ENTRY.resume))) continue;
      edges.set(`${from}>${to}>${label}`, { from, to, label });
    }
  }
  const groups = [...new Set([...edges.values()].flatMap(({ from, to }) => [from, to]))];
  return `${[
    'flowchart TD',
    ...groups.map((group) => `  ${group}${nodeShape(sop, group)}`),
    ...[...edges.values()].map(({ from, to, label }) => `  ${from} -->${label ? `|${label}|` : ''} ${to}`),
  ].join('\n')}\n`;
}

function transitions(sop: Sop, group: string, state: AslState): { target: string; label: string }[] {
  const found: { target: string; label: string }[] = [];
  // Schedule, wait and remind lead only within their step, so a task's Next that leaves the step
  // is an action's exit after an approval: the step's forward edge.
  const forward = state.Type === 'Task' ? routeLabel(sop, group, 'approve') : '';
  if (typeof state.Next === 'string') found.push({ target: state.Next, label: forward });
  if (typeof state.Default === 'string') found.push({ target: state.Default, label: '' });
  for (const rule of (state.Choices as { Next: string; StringEquals?: string }[] | undefined) ?? []) {
    found.push({ target: rule.Next, label: routeLabel(sop, group, rule.StringEquals) });
  }
  for (const handler of (state.Catch as { Next: string }[] | undefined) ?? [])
    found.push({ target: handler.Next, label: '' });
  return found;
}

function routeLabel(sop: Sop, group: string, route: string | undefined): string {
  if (route === undefined) return '';
  const step = sop.steps.find((s) => stepGroup(s.no) === group);
  if (route === 'approve') return step?.question ? 'Ya' : '';
  if (route === 'reject') return 'tolak';
  const target = route.slice('return:'.length);
  const sendBack = step?.returns.find((r) => String(r.to) === target);
  return sendBack?.answer ?? 'kembali';
}

function nodeShape(sop: Sop, group: string): string {
  const quote = (text: string) => `"${text.replaceAll('"', '#quot;')}"`;
  const lane = (id: string) => sop.lanes.find((l) => l.id === id)?.label ?? id;
  if (group === 'Init') return `([${quote('Mulai')}])`;
  if (group === groupOf(TERMINAL.completed)) return `([${quote('Selesai')}])`;
  if (group === groupOf(TERMINAL.rejected)) return `([${quote('Ditolak / ditarik')}])`;
  const correction = sop.steps
    .flatMap((s) => s.returns)
    .find((r) => r.to === 'applicant' && r.resumeAt !== undefined && correctionGroup(r.resumeAt) === group);
  if (correction) return `[/${quote(`Pemohon memperbaiki berkas<br/>melalui ${lane(correction.via ?? '')}`)}/]`;
  const step = sop.steps.find((s) => stepGroup(s.no) === group);
  if (!step) return `[${quote(group)}]`;
  const text = `${step.no}. ${lane(step.lane)}<br/>${STEP_KIND_LABELS[step.kind]}${step.phase === 'intake' ? ' (di loket)' : ''}`;
  return step.question ? `{${quote(`${text}<br/>${step.question}`)}}` : `[${quote(text)}]`;
}

function groupOf(state: string): string {
  return state.replace(/_.*/s, '');
}
