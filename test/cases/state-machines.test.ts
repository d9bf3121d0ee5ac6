import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { compileToAsl, entryOf, type AslDefinition, type AslState } from '#sop/compile-to-asl.ts';
import { ALL_PLACEHOLDERS } from '#sop/lambda-placeholders.ts';
import { loadCatalog, loadRevisions } from '#sop/load-catalog.ts';
import { REPO_ROOT, renderMermaidSection, renderSopMap, replaceSection } from '#sop/render-doc-sections.ts';
import type { Sop } from '#sop/schema.ts';
import { STATE_MACHINES_DIR, renderStateMachineFile, stateMachineFileName } from '#sop/state-machine-files.ts';

const catalog = loadCatalog();
const committed = (sop: Sop): AslDefinition =>
  JSON.parse(readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8'));
const pad = (no: number) => String(no).padStart(2, '0');

/** Every state a state can go to next: Next, Default, each Choice rule, each Catch. */
function successors(state: AslState): string[] {
  const found: string[] = [];
  if (typeof state.Next === 'string') found.push(state.Next);
  if (typeof state.Default === 'string') found.push(state.Default);
  for (const rule of (state.Choices as { Next: string }[] | undefined) ?? []) found.push(rule.Next);
  for (const handler of (state.Catch as { Next: string }[] | undefined) ?? []) found.push(handler.Next);
  return found;
}

function reachableFrom(asl: AslDefinition, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const state = asl.States[name];
    if (state) queue.push(...successors(state));
  }
  return seen;
}

const isTerminal = (state: AslState) => state.Type === 'Succeed' || state.Type === 'Fail';
const choiceTarget = (asl: AslDefinition, decide: string, route: string) =>
  (asl.States[decide]?.Choices as { StringEquals?: string; Next: string }[] | undefined)?.find(
    (rule) => rule.StringEquals === route,
  )?.Next;

describe('state-machines/', () => {
  it('holds one committed file per revision the catalog keeps, identical to what `npm run gen` writes now', () => {
    const files = readdirSync(STATE_MACHINES_DIR)
      .filter((file) => file.endsWith('.asl.json'))
      .sort();
    const revisions = loadRevisions();
    expect(files).toEqual(revisions.map((sop) => stateMachineFileName(sop)).sort());
    for (const sop of revisions) {
      const onDisk = readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8');
      expect(onDisk === renderStateMachineFile(sop), `${stateMachineFileName(sop)} is stale: run npm run gen`).toBe(
        true,
      );
    }
  });
});

describe.each(catalog.map((sop) => [sop.id, sop] as const))('the machine of %s', (_id, sop) => {
  const asl = committed(sop);
  const states = Object.entries(asl.States);
  const reachable = reachableFrom(asl, asl.StartAt);

  it('passes asl-validator', () => {
    // asl-validator writes QueryLanguage into every state it is given: hand it a copy.
    const result = aslValidator(structuredClone(asl));
    expect(result.errorsText(), 'asl-validator').toBe('');
    expect(result.isValid).toBe(true);
  });

  it('has every in-case step of the catalog as a state reachable from StartAt', () => {
    for (const step of sop.steps) {
      if (step.phase === 'before-case') {
        expect(
          Object.keys(asl.States).some((name) => name.startsWith(`Step${pad(step.no)}_`)),
          `step ${step.no} is before the case`,
        ).toBe(false);
        continue;
      }
      const state = step.phase === 'intake' ? `Step${pad(step.no)}_Record` : `Step${pad(step.no)}_Wait`;
      expect(asl.States[state], `${sop.id} step ${step.no}`).toBeDefined();
      expect(reachable.has(state), `${state} reachable`).toBe(true);
    }
  });

  it("makes every person's step a callback task with the SOP, step and lane, a timeout, and a reminder path that waits again", () => {
    for (const step of sop.steps.filter((s) => s.phase === 'case')) {
      const name = `Step${pad(step.no)}_Wait`;
      const wait = asl.States[name]!;
      expect(wait.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      const payload = (wait.Parameters as { Payload: Record<string, unknown> }).Payload;
      expect(payload).toMatchObject({ sop: sop.id, step: step.no, lane: step.lane, 'taskToken.$': '$$.Task.Token' });
      expect(wait.TimeoutSecondsPath ?? wait.TimeoutSeconds).toBeDefined();
      const onTimeout = (wait.Catch as { ErrorEquals: string[]; Next: string }[]).find((c) =>
        c.ErrorEquals.includes('States.Timeout'),
      );
      expect(onTimeout, `${name} catches States.Timeout`).toBeDefined();
      expect(reachableFrom(asl, onTimeout!.Next).has(name), `${name}'s reminder path waits again`).toBe(true);
      const retried = (wait.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
      expect(retried).not.toContain('States.Timeout');
      // request-action's own errors (a throttle) are retried; its timeout (States.Timeout) is not matched by them.
      expect(retried).toContain('States.TaskFailed');
    }
  });

  it('routes approval forward and every send-back of the catalog to its target', () => {
    for (const step of sop.steps.filter((s) => s.phase === 'case')) {
      const decide = `Step${pad(step.no)}_Decide`;
      expect(choiceTarget(asl, decide, 'approve'), `${decide} approve`).toBeDefined();
      for (const sendBack of step.returns) {
        const target = choiceTarget(asl, decide, `return:${sendBack.to}`);
        if (sendBack.to === 'applicant') {
          expect(target).toBe(`Correction${pad(sendBack.resumeAt!)}_Schedule`);
          const resume = sop.steps.find((s) => s.no === sendBack.resumeAt)!;
          expect(choiceTarget(asl, `Correction${pad(sendBack.resumeAt!)}_Decide`, 'approve')).toBe(entryOf(resume));
        } else {
          const targetStep = sop.steps.find((s) => s.no === sendBack.to)!;
          expect(target, `${decide} return:${sendBack.to}`).toBe(entryOf(targetStep));
        }
      }
      expect(choiceTarget(asl, decide, 'reject') !== undefined, `${decide} reject`).toBe(step.canReject);
    }
  });

  it('ends every path in Succeed or Fail and leaves no state unreachable', () => {
    for (const [name, state] of states) {
      expect(reachable.has(name), `${name} is unreachable`).toBe(true);
      if (isTerminal(state)) continue;
      expect(successors(state).length, `${name} leads nowhere`).toBeGreaterThan(0);
      for (const next of successors(state)) expect(asl.States[next], `${name} -> ${next}`).toBeDefined();
      const ends = [...reachableFrom(asl, name)].filter((n) => isTerminal(asl.States[n]!));
      expect(ends.length, `no Succeed or Fail reachable from ${name}`).toBeGreaterThan(0);
    }
    expect(states.some(([, s]) => s.Type === 'Succeed')).toBe(true);
  });

  it('follows the ASL rules the project keeps: JSONPath, Lambda only, ARNs as placeholders, waiting at the top level, retries on machine tasks', () => {
    for (const [name, state] of states) {
      expect(
        Object.keys(state).filter(
          (key) => key === 'Assign' || key === 'QueryLanguage' || key === 'Arguments' || key === 'Output',
        ),
        name,
      ).toEqual([]);
      expect(['Pass', 'Task', 'Choice', 'Succeed', 'Fail'], name).toContain(state.Type);
      if (state.Type !== 'Task') continue;
      expect(['arn:aws:states:::lambda:invoke', 'arn:aws:states:::lambda:invoke.waitForTaskToken']).toContain(
        state.Resource,
      );
      const functionName = (state.Parameters as { FunctionName: string }).FunctionName;
      expect(functionName).toMatch(/^\$\{[A-Za-z]+\}$/);
      expect(ALL_PLACEHOLDERS).toContain(functionName.slice(2, -1));
      expect((state.Retry as unknown[] | undefined)?.length, `${name} retries`).toBeGreaterThan(0);
      if (state.Resource === 'arn:aws:states:::lambda:invoke')
        expect(state.TimeoutSeconds, `${name} timeout`).toBeGreaterThan(0);
    }
  });
});

describe('Lambda placeholders', () => {
  it('are each used by some machine, so none is declared for nothing', () => {
    const used = new Set(
      catalog.flatMap((sop) => [...JSON.stringify(committed(sop)).matchAll(/\$\{([A-Za-z]+)\}/g)].map((m) => m[1]!)),
    );
    expect([...used].sort()).toEqual([...ALL_PLACEHOLDERS].sort());
  });
});

describe('the compiler', () => {
  it('reproduces the flowchart the seed draws for DALAK 012 and 013', () => {
    const dalak012 = compileToAsl(catalog.find((s) => s.id === 'SOP-DALAK-067-012')!);
    expect(choiceTarget(dalak012, 'Step05_Decide', 'approve')).toBe('Step06_Schedule');
    expect(choiceTarget(dalak012, 'Step05_Decide', 'return:2')).toBe('Step02_Schedule');
    expect(choiceTarget(dalak012, 'Step06_Decide', 'approve')).toMatch(/^Step07_/);
    expect(choiceTarget(dalak012, 'Step06_Decide', 'return:4')).toBe('Step04_Schedule');
    const dalak013 = compileToAsl(catalog.find((s) => s.id === 'SOP-DALAK-067-013')!);
    expect(choiceTarget(dalak013, 'Step03_Decide', 'return:2')).toBe('Step02_Schedule');
    expect(choiceTarget(dalak013, 'Step04_Decide', 'return:2')).toBe('Step02_Schedule');
    // The Kepala signs, then the decree gets its number: never the other way round.
    expect(choiceTarget(dalak013, 'Step04_Decide', 'approve')).toBe('Step04_Sign');
    expect(dalak013.States.Step04_Sign?.Next).toBe('Step04_Number');
  });

  it("skips PAR-05's branch-only step 8 on the way forward and returns from it to verification", () => {
    const eo = compileToAsl(catalog.find((s) => s.id === 'SOP-LP2N-PAR-05')!);
    const afterVerification = reachableFrom(eo, choiceTarget(eo, 'Step07_Decide', 'approve')!);
    expect(choiceTarget(eo, 'Step07_Decide', 'approve')).toMatch(/^Step07_Render/);
    expect(eo.States.Step07_Number?.Next).toBe('Step07_Stamp');
    expect(eo.States.Step07_Stamp?.Next).toBe('Step09_Schedule');
    expect(choiceTarget(eo, 'Step08_Decide', 'approve')).toBe('Step07_Schedule');
    expect(afterVerification.has('Step09_Wait')).toBe(true);
  });

  it('paraf, signature and registration follow the decisions of API-U in order', () => {
    const apiU = compileToAsl(catalog.find((s) => s.id === 'SOP-LP2N-PPK-01')!);
    expect(choiceTarget(apiU, 'Step07_Decide', 'approve')).toBe('Step07_Render');
    expect(choiceTarget(apiU, 'Step08_Decide', 'approve')).toBe('Step08_Paraf');
    expect(choiceTarget(apiU, 'Step10_Decide', 'approve')).toBe('Step10_Sign');
    expect(['Step11_Number', 'Step11_Stamp', 'Step11_Archive'].map((name) => apiU.States[name]?.Next)).toEqual([
      'Step11_Stamp',
      'Step11_Archive',
      'Step12_Schedule',
    ]);
    expect(apiU.StartAt).toBe('Init');
    expect(apiU.States.Init?.Default).toBe('Init_Case');
    expect(apiU.States.Init_Case?.Next).toBe('Step04_Record');
  });
});

describe('generated doc sections', () => {
  it("ARCHITECTURE.md's SOP map and README's API-U flowchart match what `npm run gen` writes", () => {
    const catalogNow = loadCatalog();
    const architecture = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
    expect(
      replaceSection(architecture, 'sop-map', renderSopMap(catalogNow)) === architecture,
      'ARCHITECTURE.md is stale: run npm run gen',
    ).toBe(true);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const apiU = catalogNow.find((sop) => sop.id === 'SOP-LP2N-PPK-01')!;
    expect(
      replaceSection(readme, 'api-u-flowchart', renderMermaidSection(apiU)) === readme,
      'README.md is stale: run npm run gen',
    ).toBe(true);
    expect(readme).toContain('Step10 -->|kembali| Step08');
  });
});
