import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
// For its Promise.withResolvers on Node 20, which aws-local-stepfunctions calls.
import '#local/step-functions/local-step-functions.ts';
import { type AslDefinition, type AslState, compileToAsl } from '#sop/compile-to-asl.ts';
import { loadCatalog } from '#sop/load-catalog.ts';

/**
 * The entry every machine has for a case moved from another revision (Step Functions starts only at
 * StartAt): `resumeAt` in the input sends it to that step's schedule, checked against the machine's
 * own states; without it the case starts at its first step. Run on aws-local-stepfunctions, with
 * every state the entry leads to replaced by a Pass that names itself and ends.
 */
const sop = loadCatalog().find((s) => s.id === 'SOP-DALAK-067-001')!;
const asl = compileToAsl(sop);
const ENTRY_STATES = ['Init', 'Init_Case', 'Resume_Init', 'Resume_At', 'Resume_Refused'];

function entryOnly(definition: AslDefinition): AslDefinition {
  const states: Record<string, AslState> = {};
  for (const name of ENTRY_STATES) states[name] = definition.States[name]!;
  const targets = Object.values(states).flatMap((state) => [
    ...(typeof state.Next === 'string' ? [state.Next] : []),
    ...(typeof state.Default === 'string' ? [state.Default] : []),
    ...((state.Choices as { Next: string }[] | undefined) ?? []).map((rule) => rule.Next),
  ]);
  for (const target of targets)
    states[target] ??= { Type: 'Pass', Parameters: { reached: target, 'data.$': '$' }, End: true };
  return { ...definition, States: states };
}

async function enter(input: Parameters<StateMachine['run']>[0]) {
  const machine = new StateMachine(entryOnly(asl) as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false },
  });
  return machine.run(input).result;
}

describe('the entry of a machine', () => {
  it('starts a new case at its first step, keeping only what the machine routes on', async () => {
    expect(await enter({ caseId: 'KasusBaru0001', extra: 'dibuang' })).toEqual({
      reached: 'Step01_Schedule',
      data: { caseId: 'KasusBaru0001', sop: sop.id, revision: '2022-12-06', decision: null, due: null },
    });
  });

  it("resumes a moved case at the schedule it names, one of this machine's steps", async () => {
    expect(await enter({ caseId: 'KasusPindah01', resumeAt: 'Step04_Schedule' })).toEqual({
      reached: 'Step04_Schedule',
      data: {
        caseId: 'KasusPindah01',
        sop: sop.id,
        revision: '2022-12-06',
        decision: null,
        due: null,
        resumeAt: 'Step04_Schedule',
      },
    });
  });

  it('fails, rather than going anywhere, on a resumeAt that is not a step schedule of this machine', async () => {
    for (const resumeAt of ['Step04_Wait', 'Completed_Close', 'Step07_Schedule', '']) {
      const failed = (await enter({ caseId: 'KasusPindah02', resumeAt }).catch((error: unknown) => error)) as Error;
      expect(failed, resumeAt).toBeInstanceOf(Error);
      expect((failed.cause as Error | undefined)?.name, resumeAt).toBe('Paraf.UnknownResumeState');
    }
  });

  it("offers in every committed machine exactly its own steps' schedules", () => {
    const folder = fileURLToPath(new URL('../../state-machines', import.meta.url));
    const files = readdirSync(folder).filter((file) => file.endsWith('.asl.json'));
    expect(files.length).toBeGreaterThanOrEqual(loadCatalog().length);
    for (const file of files) {
      const machine = JSON.parse(readFileSync(join(folder, file), 'utf8')) as AslDefinition;
      const schedules = Object.keys(machine.States).filter((name) => /^Step\d{2}_Schedule$/.test(name));
      const offered = (machine.States.Resume_At!.Choices as { StringEquals: string; Next: string }[]).map((rule) => {
        expect(rule.Next, file).toBe(rule.StringEquals);
        return rule.StringEquals;
      });
      expect(offered.sort(), file).toEqual(schedules.sort());
      expect(machine.StartAt, file).toBe('Init');
    }
  });
});
