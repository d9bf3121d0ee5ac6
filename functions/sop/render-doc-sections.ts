import { fileURLToPath } from 'node:url';
import { compileToAsl } from './compile-to-asl.ts';
import { renderMermaid } from './render-mermaid.ts';
import type { Sop } from './schema.ts';
import { stateMachineFileName } from './state-machine-files.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The SOP-to-state-machine map of ARCHITECTURE.md, one row per SOP. */
export function renderSopMap(catalog: readonly Sop[]): string {
  const rows = catalog.map((sop) => {
    const asl = compileToAsl(sop);
    const people = sop.steps.filter((s) => s.phase === 'case').length;
    const intake = sop.steps.filter((s) => s.phase === 'intake').map((s) => s.no);
    const sendBacks = sop.steps.reduce((sum, s) => sum + (s.phase === 'case' ? s.returns.length : 0), 0);
    const numbered = sop.documents.filter((d) => d.register).map((d) => `${d.kind} (${d.register})`);
    return `| ${sop.id} | ${sop.title} | [${stateMachineFileName(sop)}](state-machines/${stateMachineFileName(sop)}) | ${Object.keys(asl.States).length} | ${people} | ${intake.join(', ') || '-'} | ${sendBacks} | ${numbered.join(', ') || '-'} |`;
  });
  return [
    '| SOP | Title | State machine | States | Callback steps | Intake steps | Send-backs | Numbered documents (register) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderMermaidSection(sop: Sop): string {
  return ['```mermaid', renderMermaid(sop, compileToAsl(sop)).trimEnd(), '```'].join('\n');
}

/** Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->`; throws when the markers are missing. */
export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`markers <!-- ${name}:start/end --> not found`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
