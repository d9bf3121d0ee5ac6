import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStepFunctions, TaskTokenError } from '#local/step-functions/local-step-functions.ts';
import { NotAtState } from '#workflow/workflow.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { fillPlaceholders, placeholdersOf } from '#sop/fill-placeholders.ts';
import { LAMBDA_PLACEHOLDERS } from '#sop/lambda-placeholders.ts';
import { STATE_MACHINES_DIR } from '#sop/state-machine-files.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const work = mkdtempSync(join(tmpdir(), 'paraf-sfn-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LOCAL_NAMES = Object.fromEntries(
  Object.entries(LAMBDA_PLACEHOLDERS).map(([role, placeholder]) => [placeholder, `local:${role}`]),
);
const machine = (id: string): AslDefinition => {
  const definition = JSON.parse(readFileSync(join(STATE_MACHINES_DIR, `${id}.asl.json`), 'utf8')) as AslDefinition;
  return fillPlaceholders(
    definition,
    Object.fromEntries(placeholdersOf(definition).map((name) => [name, LOCAL_NAMES[name]!])),
  );
};
const definitions = new Map([['SOP-DALAK-067-013', machine('SOP-DALAK-067-013')]]);

/** The Lambda layer of these tests: it records what the machine asks and answers as the handlers would. */
function lambdaLayer(
  dueSeconds: () => number,
  failAsking: { step: number; times: number; fn?: string } = { step: 0, times: 0 },
) {
  const calls: { fn: string; payload: Record<string, Json> }[] = [];
  const waiting: { token: string; step: number }[] = [];
  const invoke = async (fn: string, payload: Json): Promise<Json> => {
    const p = payload as Record<string, Json>;
    calls.push({ fn, payload: p });
    // A handler (request-action unless told) failing as on a DynamoDB throttle: it throws, nobody is asked.
    if (fn === (failAsking.fn ?? 'local:requestAction') && p.step === failAsking.step && failAsking.times > 0) {
      failAsking.times -= 1;
      const throttled = new Error('Rate of requests exceeds the allowed throughput.');
      throttled.name = 'ProvisionedThroughputExceededException';
      throw throttled;
    }
    if (fn === 'local:trackDeadline')
      return {
        seconds: dueSeconds(),
        dueAt: '2026-11-24T08:00:00Z',
        round: p.phase === 'overdue' ? 1 : 0,
        askedSince: '2026-11-24T07:00:00Z',
      };
    if (fn === 'local:requestAction') waiting.push({ token: p.taskToken as string, step: p.step as number });
    return { ok: true };
  };
  /** The token of the next asking of `step`, waited for (a ceiling, not a guess at how long it takes). */
  const next = async (step: number) => {
    await until(() => waiting.some((w) => w.step === step), `step ${step} to be asked`);
    const found = waiting.find((w) => w.step === step)!;
    waiting.splice(waiting.indexOf(found), 1);
    return found.token;
  };
  const reminded = () => calls.some((c) => c.fn === 'local:trackDeadline' && c.payload.phase === 'overdue');
  return { calls, invoke, next, reminded };
}

/** Polls `condition` until it holds; fails after a ceiling far above what any machine needs. */
async function until(condition: () => boolean, what: string, ceilingMs = 60_000) {
  const deadline = Date.now() + ceilingMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${ceilingMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The one execution file in `dir`, read and rewritten as a process that was down for a while would find it. */
function executionFile(dir: string) {
  const [name] = readdirSync(join(dir, 'executions')).filter((file) => file.endsWith('.json'));
  const path = join(dir, 'executions', name!);
  return {
    read: () => JSON.parse(readFileSync(path, 'utf8')) as { current: { state: string; waitUntil?: number } },
    write: (record: unknown) => writeFileSync(path, JSON.stringify(record)),
  };
}

describe('local Step Functions', () => {
  it('runs DALAK 013 with its Tidak loop to the end, calling the handlers by function name', async () => {
    const layer = lambdaLayer(() => 3600);
    const sfn = new LocalStepFunctions(join(work, 'a'), definitions, layer.invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c1' }, 'c1');
    sfn.sendTaskSuccess(await layer.next(1), { route: 'approve', id: 'd1' });
    sfn.sendTaskSuccess(await layer.next(2), { route: 'approve', id: 'd2' });
    sfn.sendTaskSuccess(await layer.next(3), { route: 'return:2', id: 'd3' }); // Tidak: the draft goes back
    sfn.sendTaskSuccess(await layer.next(2), { route: 'approve', id: 'd4' });
    sfn.sendTaskSuccess(await layer.next(3), { route: 'approve', id: 'd5' });
    sfn.sendTaskSuccess(await layer.next(4), { route: 'approve', id: 'd6' });
    sfn.sendTaskSuccess(await layer.next(5), { route: 'approve', id: 'd7' });
    const done = await sfn.whenStopped(execution.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.current.state).toBe('Completed');
    const machineCalls = layer.calls
      .filter((c) => !['local:trackDeadline', 'local:requestAction'].includes(c.fn))
      .map((c) => `${c.fn}@${c.payload.step ?? ''}`);
    // Step 4: the Kepala signs, the decree gets its number, and the number is stamped (signed) on it.
    expect(machineCalls).toEqual([
      'local:renderDocuments@2',
      'local:renderDocuments@2',
      'local:signDocuments@3',
      'local:signDocuments@4',
      'local:assignNumber@4',
      'local:signDocuments@4',
      'local:archiveCase@5',
      'local:closeCase@',
    ]);
    expect(layer.calls.find((c) => c.fn === 'local:requestAction')!.payload).toMatchObject({
      sop: 'SOP-DALAK-067-013',
      step: 1,
      lane: 'fungsional',
      caseId: 'c1',
    });
  });

  it('resumes after a restart at the waiting step with the same token', async () => {
    const dir = join(work, 'b');
    const first = lambdaLayer(() => 3600);
    const before = new LocalStepFunctions(dir, definitions, first.invoke);
    const execution = before.startExecution('SOP-DALAK-067-013', { caseId: 'c2' }, 'c2');
    before.sendTaskSuccess(await first.next(1), { route: 'approve', id: 'd1' });
    const token = await first.next(2);
    await before.close();

    const second = lambdaLayer(() => 3600);
    const after = new LocalStepFunctions(dir, definitions, second.invoke);
    expect(after.resumeAll()).toBe(1);
    expect(await second.next(2)).toBe(token); // the link e-mailed before the restart still answers this step
    after.sendTaskSuccess(token, { route: 'approve', id: 'd2' });
    for (const step of [3, 4, 5]) after.sendTaskSuccess(await second.next(step), { route: 'approve', id: `d${step}` });
    expect((await after.whenStopped(execution.executionArn)).status).toBe('SUCCEEDED');
    // Starting the same case again is idempotent: the finished execution is returned.
    expect(after.startExecution('SOP-DALAK-067-013', { caseId: 'c2' }, 'c2').status).toBe('SUCCEEDED');
  });

  it('goes to the reminder when a step falls due, waits again, and refuses the old token as timed out', async () => {
    let seconds = 1;
    const layer = lambdaLayer(() => seconds);
    const sfn = new LocalStepFunctions(join(work, 'c'), definitions, layer.invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c3' }, 'c3');
    const stale = await layer.next(1);
    seconds = 3600;
    const fresh = await layer.next(1); // asked again after the reminder, with a new token
    expect(fresh).not.toBe(stale);
    expect(layer.reminded()).toBe(true);
    expect(() => sfn.sendTaskSuccess(stale, { route: 'approve', id: 'late' })).toThrow(TaskTokenError);
    expect(() => sfn.sendTaskSuccess('nonsense', { route: 'approve' })).toThrow('not a task token');
    sfn.sendTaskFailure(fresh, 'Paraf.CaseWithdrawn', 'ditarik pemohon');
    const done = await sfn.whenStopped(execution.executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.current.state).toBe('Failed');
  }, 120_000);

  it("keeps a wait's due time across a restart: a due time passed while the process was down fires the reminder at once", async () => {
    const dir = join(work, 'd');
    // An hour to decide: the reminder comes after the restart only if the wait keeps its due time.
    const first = lambdaLayer(() => 3600);
    const before = new LocalStepFunctions(dir, definitions, first.invoke);
    const execution = before.startExecution('SOP-DALAK-067-013', { caseId: 'c4' }, 'c4');
    const token = await first.next(1);
    const waitUntil = before.describeExecution(execution.executionArn)!.current.waitUntil!;
    expect(waitUntil - Date.now()).toBeGreaterThan(3_000_000);
    await before.close();
    // Down past the due time: the execution file as the process left it, its due time now a minute ago
    // (the clock moved on, not the file; nothing else in it changes).
    const file = executionFile(dir);
    const left = file.read();
    expect(left.current).toMatchObject({ state: expect.stringMatching(/_Wait$/), waitUntil });
    const passed = Date.now() - 60_000;
    file.write({ ...left, current: { ...left.current, waitUntil: passed } });

    const second = lambdaLayer(() => 3600);
    const after = new LocalStepFunctions(dir, definitions, second.invoke);
    expect(after.resumeAll()).toBe(1);
    expect(await second.next(1)).toBe(token);
    expect(after.describeExecution(execution.executionArn)!.current.waitUntil).toBe(passed);
    // The reminder fires at once (Step Functions' minimum of one second); its whole hour again would
    // pass the ceiling of this wait by far.
    await until(second.reminded, 'the reminder of the step whose due time passed while down');
    after.sendTaskFailure(await second.next(1), 'Paraf.CaseWithdrawn', 'ditarik pemohon');
    expect((await after.whenStopped(execution.executionArn)).status).toBe('FAILED');
  }, 120_000);

  it('retries a wait whose request-action fails once (a throttle): the step is asked again and the case goes on', async () => {
    const layer = lambdaLayer(() => 3600, { step: 2, times: 1 });
    const sfn = new LocalStepFunctions(join(work, 'e'), definitions, layer.invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c5' }, 'c5');
    sfn.sendTaskSuccess(await layer.next(1), { route: 'approve', id: 'd1' });
    const retried = await layer.next(2); // the second asking: the first threw
    const askings = layer.calls.filter((c) => c.fn === 'local:requestAction' && c.payload.step === 2);
    expect(askings).toHaveLength(2);
    const [failed, retry] = askings.map((c) => c.payload.taskToken as string);
    expect(retry).toBe(retried);
    // The failed attempt's token is retired, as a retry on AWS runs under a new one.
    expect(failed).not.toBe(retried);
    expect(() => sfn.sendTaskSuccess(failed!, { route: 'approve', id: 'stale' })).toThrow(TaskTokenError);
    sfn.sendTaskSuccess(retried, { route: 'approve', id: 'd2' });
    for (const step of [3, 4, 5]) sfn.sendTaskSuccess(await layer.next(step), { route: 'approve', id: `d${step}` });
    const done = await sfn.whenStopped(execution.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.current.state).toBe('Completed');
    expect(layer.calls.some((c) => c.fn === 'local:recordFailure')).toBe(false);
    // Not reminded: the throttle is no falling due.
    expect(layer.reminded()).toBe(false);
  }, 120_000);

  it('runs nothing more of a run stopped during a backoff: the restart runs the task again, not the stopped run', async () => {
    const dir = join(work, 'g');
    const layer = lambdaLayer(() => 3600, { step: 1, times: 1, fn: 'local:trackDeadline' });
    const before = new LocalStepFunctions(dir, definitions, layer.invoke);
    before.startExecution('SOP-DALAK-067-013', { caseId: 'c7' }, 'c7');
    const scheduled = () => layer.calls.filter((c) => c.fn === 'local:trackDeadline').length;
    await until(() => scheduled() === 1, 'the first scheduling of step 1, which throws');
    const left = executionFile(dir).read();
    await before.close(); // within the retry's backoff, which the library's abort cuts short
    // The woken retry reaches for its task at once; the stopped run holds it back.
    await until(() => before.heldBackTasks >= 1, 'the retry the stop woke, held back', 20_000);
    expect(scheduled()).toBe(1);
    expect(layer.calls.some((c) => c.fn === 'local:requestAction')).toBe(false);
    expect(executionFile(dir).read()).toEqual(left);
    const after = new LocalStepFunctions(dir, definitions, layer.invoke);
    expect(after.resumeAll()).toBe(1);
    expect(await layer.next(1)).toEqual(expect.any(String));
    expect(scheduled()).toBe(2);
    await after.close();
  });

  it.each([
    ['a scheduling that then fails', 'local:trackDeadline', 'Step01_Schedule'],
    ['the asking of a person, whose wait the stop ends', 'local:requestAction', 'Step01_Wait'],
  ])(
    'lets %s, called before the stop, end before close() returns, and then lets the process exit',
    async (_what, held, state) => {
      // Before, the stopped run's retry hung on the task's 120 s timer and held the process open
      // (`npm run demo` after its last case, until the CI's ten minutes ran out); a wait stopped while
      // its asking ran ended the process with an unhandled rejection.
      const dir = join(work, `g2-${held}`);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../support/stop-during-task.ts', import.meta.url)), dir, held],
        { timeout: 60_000, killSignal: 'SIGKILL' },
      );
      expect(JSON.parse(stdout)).toEqual({ called: 1, finishedBeforeClose: true });
      const left = executionFile(dir).read();
      expect(left.current.state).toBe(state);
      // The restart goes on from there: the asking again under the token the stopped run saved.
      const layer = lambdaLayer(() => 3600);
      const after = new LocalStepFunctions(dir, definitions, layer.invoke);
      expect(after.resumeAll()).toBe(1);
      const token = await layer.next(1);
      if (held === 'local:requestAction') expect(token).toBe((left.current as { token?: string }).token);
      await after.close();
    },
    90_000,
  );

  it("moves a case to a newer revision only once the stopped run's asking has ended, so the link the office sends last is the new run's", async () => {
    const layer = lambdaLayer(() => 3600);
    const order: string[] = [];
    let release = () => {};
    const invoke = async (fn: string, payload: Json): Promise<Json> => {
      if (fn !== 'local:requestAction') return layer.invoke(fn, payload);
      const asking = order.filter((entry) => entry.startsWith('ask ')).length + 1;
      order.push(`ask ${asking}`);
      // The first asking is slow (a mail server that takes its time): the move comes while it runs.
      if (asking === 1) await new Promise<void>((resolve) => (release = resolve));
      const answer = await layer.invoke(fn, payload);
      order.push(`asked ${asking}`);
      return answer;
    };
    const revised = new Map([...definitions, ['SOP-DALAK-067-013@r2', machine('SOP-DALAK-067-013')]]);
    const sfn = new LocalStepFunctions(join(work, 'move'), revised, invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c-move' }, 'c-move');
    await until(() => order.includes('ask 1'), 'the first asking of step 1');
    const moved = sfn.moveExecution(execution.executionArn, 'SOP-DALAK-067-013@r2', 'Step01_Wait', 'Step01_Wait');
    // A second move (a double click, two supervisors) while the first waits is refused, not a second run.
    await expect(
      sfn.moveExecution(execution.executionArn, 'SOP-DALAK-067-013@r2', 'Step01_Wait', 'Step01_Wait'),
    ).rejects.toThrow(NotAtState);
    setTimeout(() => release(), 300);
    await moved;
    const retired = await layer.next(1);
    const fresh = await layer.next(1);
    await until(() => order.includes('asked 2'), 'the new run asking step 1');
    // Before, the new run asked at once, and the old asking, ending after it, re-pointed the link at its retired token.
    expect(order).toEqual(['ask 1', 'asked 1', 'ask 2', 'asked 2']);
    expect(fresh).not.toBe(retired);
    expect(() => sfn.sendTaskSuccess(retired, { route: 'approve', id: 'stale' })).toThrow(TaskTokenError);
    sfn.sendTaskSuccess(fresh, { route: 'approve', id: 'd1' });
    expect(await layer.next(2)).toEqual(expect.any(String));
    await sfn.close();
  });

  it('lets a move under way when the engine stops save the moved state and start nothing; the restart asks the step anew', async () => {
    const dir = join(work, 'move-close');
    const layer = lambdaLayer(() => 3600);
    const asked: string[] = [];
    let release = () => {};
    const invoke = async (fn: string, payload: Json): Promise<Json> => {
      if (fn === 'local:requestAction') {
        asked.push((payload as { taskToken: string }).taskToken);
        if (asked.length === 1) await new Promise<void>((resolve) => (release = resolve));
      }
      return layer.invoke(fn, payload);
    };
    const revised = new Map([...definitions, ['SOP-DALAK-067-013@r2', machine('SOP-DALAK-067-013')]]);
    const sfn = new LocalStepFunctions(dir, revised, invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c-move-close' }, 'c-move-close');
    await until(() => asked.length === 1, 'the first asking of step 1');
    const moved = sfn.moveExecution(execution.executionArn, 'SOP-DALAK-067-013@r2', 'Step01_Wait', 'Step01_Wait');
    const closed = sfn.close();
    setTimeout(() => release(), 300);
    await Promise.all([moved, closed]);
    // Before, the move started its run after close() had returned: it asked on the stopped engine.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(asked).toHaveLength(1);
    const left = executionFile(dir).read() as { stateMachine: string; current: { state: string; token?: string } };
    expect(left.stateMachine).toBe('SOP-DALAK-067-013@r2');
    expect(left.current.state).toBe('Step01_Wait');
    expect(left.current.token).toBeUndefined();
    const after = new LocalStepFunctions(dir, revised, layer.invoke);
    expect(after.resumeAll()).toBe(1);
    await layer.next(1); // the asking the stopped engine left
    expect(await layer.next(1)).not.toBe(asked[0]);
    await after.close();
  });

  it('saves a case started while the engine stops without running it, and the restart runs it', async () => {
    const dir = join(work, 'start-closing');
    const layer = lambdaLayer(() => 3600);
    const sfn = new LocalStepFunctions(dir, definitions, layer.invoke);
    const closed = sfn.close();
    // A case submitted as the server shuts down: its web request still runs after the engine's stop began.
    const started = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c-closing' }, 'c-closing');
    await closed;
    expect(started.status).toBe('RUNNING');
    // Before, it ran on the stopped engine: its handlers were called against stores about to close.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(layer.calls).toEqual([]);
    const after = new LocalStepFunctions(dir, definitions, layer.invoke);
    expect(after.resumeAll()).toBe(1);
    expect(await layer.next(1)).toEqual(expect.any(String));
    await after.close();
  });

  it('sends a wait that falls due to its reminder, never to a retry, though its retriers match States.TaskFailed', async () => {
    let seconds = 1;
    const layer = lambdaLayer(() => seconds);
    const sfn = new LocalStepFunctions(join(work, 'f'), definitions, layer.invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c6' }, 'c6');
    const retriers = definitions.get('SOP-DALAK-067-013')!.States.Step01_Wait!.Retry as { ErrorEquals: string[] }[];
    expect(retriers.some((r) => r.ErrorEquals.includes('States.TaskFailed'))).toBe(true);
    await layer.next(1);
    await until(layer.reminded, 'the reminder of step 1');
    seconds = 3600;
    const fresh = await layer.next(1);
    // One asking before the reminder: a timeout taken for a task failure would have asked again (retried) first.
    const order = layer.calls
      .filter(
        (c) => c.fn === 'local:requestAction' || (c.fn === 'local:trackDeadline' && c.payload.phase === 'overdue'),
      )
      .map((c) => (c.fn === 'local:requestAction' ? 'ask' : c.payload.phase));
    expect(order.slice(0, 3)).toEqual(['ask', 'overdue', 'ask']);
    sfn.sendTaskFailure(fresh, 'Paraf.CaseWithdrawn', 'ditarik pemohon');
    const done = await sfn.whenStopped(execution.executionArn);
    expect(done.status).toBe('FAILED');
    // The failure sent to the token is an answer: not retried (no third asking), straight to Failed.
    expect(layer.calls.filter((c) => c.fn === 'local:requestAction')).toHaveLength(2);
    expect(done.current.state).toBe('Failed');
  }, 120_000);
  it('is settled only while every execution sleeps on an answer with its ask sent', async () => {
    const layer = lambdaLayer(() => 3600);
    // Gates on the first asking of step 1 and on the render after step 2: each held until the test lets it go.
    const held = new Map<string, () => void>();
    const hold = (key: string) => new Promise<void>((resolve) => held.set(key, resolve));
    const invoke = async (fn: string, payload: Json): Promise<Json> => {
      const step = (payload as { step?: number }).step;
      if (fn === 'local:requestAction' && step === 1 && !held.has('ask')) await hold('ask');
      if (fn === 'local:renderDocuments' && !held.has('render')) await hold('render');
      return layer.invoke(fn, payload);
    };
    const sfn = new LocalStepFunctions(join(work, 'settled'), definitions, invoke);
    expect(sfn.settled()).toBe(true); // nothing running
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c7' }, 'c7');
    expect(sfn.settled()).toBe(false); // started, not yet asking anybody
    await until(() => held.has('ask'), 'step 1 being asked');
    expect(sfn.settled()).toBe(false); // the ask is not sent yet
    held.get('ask')!();
    const first = await layer.next(1);
    await until(() => sfn.settled(), 'the run asleep on step 1');
    sfn.sendTaskSuccess(first, { route: 'approve', id: 'd1' });
    expect(sfn.settled()).toBe(false); // working from the answer on, not from the next event
    sfn.sendTaskSuccess(await layer.next(2), { route: 'approve', id: 'd2' });
    await until(() => held.has('render'), "step 2's render");
    expect(sfn.settled()).toBe(false);
    held.get('render')!();
    const third = await layer.next(3);
    await until(() => sfn.settled(), 'the run asleep on step 3');
    sfn.sendTaskFailure(third, 'Paraf.CaseWithdrawn', 'ditarik pemohon');
    expect((await sfn.whenStopped(execution.executionArn)).status).toBe('FAILED');
    expect(sfn.settled()).toBe(true); // stopped: nothing running
  });
  it('is not settled while a wait fallen due runs its reminder', async () => {
    let seconds = 1;
    const layer = lambdaLayer(() => seconds);
    let release: (() => void) | undefined;
    const invoke = async (fn: string, payload: Json): Promise<Json> => {
      if (fn === 'local:trackDeadline' && (payload as { phase?: string }).phase === 'overdue' && !release)
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      return layer.invoke(fn, payload);
    };
    const sfn = new LocalStepFunctions(join(work, 'reminder-working'), definitions, invoke);
    const execution = sfn.startExecution('SOP-DALAK-067-013', { caseId: 'c8' }, 'c8');
    await layer.next(1);
    await until(() => release !== undefined, 'the reminder of step 1');
    expect(sfn.settled()).toBe(false); // the token is still outstanding, but the run works on its reminder
    seconds = 3600;
    release!();
    const fresh = await layer.next(1);
    await until(() => sfn.settled(), 'the run asleep on step 1 again');
    sfn.sendTaskFailure(fresh, 'Paraf.CaseWithdrawn', 'ditarik pemohon');
    expect((await sfn.whenStopped(execution.executionArn)).status).toBe('FAILED');
  }, 120_000);
});
