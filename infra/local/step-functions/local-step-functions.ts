import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { AslDefinition, AslState } from '#sop/compile-to-asl.ts';
import { NotAtState } from '#workflow/workflow.ts';

// aws-local-stepfunctions calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/**
 * The compiler's ASL type describes what Paraf's machines use, more loosely than the engine's union of
 * every state kind; the engine checks the definition itself (asl-validator) the first time it is built.
 */
const engineDefinition = (definition: AslDefinition) => definition as unknown as StateMachineDefinition;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Invokes a Lambda handler by the function name its placeholder was filled with. */
export type Invoke = (functionName: string, payload: Json) => Promise<Json>;

export interface ExecutionRecord {
  executionArn: string;
  /** The machine it was started on: `<SOP id>@<revision>` (a bare SOP id for executions started before revisions were kept). */
  stateMachine: string;
  /** The SOP revision it runs under. */
  revision?: string;
  /**
   * SHA-256 of the definition it started with, kept in `<dataDir>/executions/definitions/<hash>.json`:
   * a restart, an upgrade or an edited catalog resumes it on that definition, as Step Functions keeps an
   * execution on the version it started with.
   */
  definitionHash?: string;
  input: Json;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startDate: string;
  stopDate?: string;
  /** The state last entered, its input and its entry number: where a restarted runtime resumes. */
  current: { state: string; input: Json; seq: number; token?: string; waitUntil?: number };
  output?: Json;
  error?: { error: string; cause: string };
}

/** The error names Step Functions gives late or wrong callbacks; the web layer shows them, it does not crash. */
export class TaskTokenError extends Error {
  constructor(
    override readonly name: 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken',
    message: string,
  ) {
    super(message);
  }
}

const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/** How long close() or a move lets handlers already called finish: the machines' task timeout (120 s). */
const HANDLERS_END_WITHIN_MS = 120_000;

interface RunState {
  record: ExecutionRecord;
  resumeToken: { state: string; token: string; waitUntil?: number } | undefined;
  /** The entry number of the last callback this run answered: the next callback waits for a newer entry. */
  answeredSeq: number;
  /** Callbacks waiting for the event log to record their state's entry. */
  entered: (() => void)[];
  /** Asleep on a person or a due time: its callback asked (request-action returned) and not yet answered. */
  awaitingAnswer: boolean;
  /**
   * Stopped (close, a move): the library's abort settles the result but not the states in flight (a
   * retry's backoff wakes on it and runs the task again), so this run's tasks must not reach a handler
   * or the record any more.
   */
  aborted: boolean;
  /** Its handler calls under way: a move lets them end before the new run asks (a late ask would re-point the link). */
  working: Set<Promise<Json>>;
}

/**
 * What a stopped run's tasks fail with, so that the library plays the rest of the run out in memory
 * (retries and catches fail at once) and clears its timers. A task left pending would keep its
 * TimeoutSeconds timer (minutes; a person's wait, days) and with it the process alive after close.
 */
class RunStopped extends Error {
  override name = 'Paraf.LocalRunStopped';
}

/**
 * Step Functions on one machine: runs the committed ASL with aws-local-stepfunctions, and adds
 * what that library lacks:
 * - callback tasks: the task token, SendTaskSuccess and SendTaskFailure;
 * - durability: every state entered is written to `<dataDir>/executions/<id>.json`, and a
 *   restarted runtime resumes each running execution at that state with the same token;
 * - Lambda tasks go to local handlers by function name.
 * One deviation of the library is compensated in memory: it resolves TimeoutSecondsPath against
 * the Parameters output instead of the state input, so the path is pointed at the copy of the
 * due time every callback carries in its Payload. The files on disk stay as AWS runs them.
 */
export class LocalStepFunctions {
  private readonly dir: string;
  private readonly waiters = new Map<
    string,
    { run: RunState; resolve: (output: Json) => void; reject: (error: Error) => void }
  >();
  private readonly running = new Map<string, { run: RunState; abort: () => void; done: Promise<void> }>();
  /** Handler calls under way: close() lets them end before the stores they write to are closed. */
  private readonly working = new Set<Promise<Json>>();
  /** Moves under way, by execution: one at a time for each, and close() waits for them. */
  private readonly moving = new Map<string, Promise<void>>();
  private closing = false;
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly validated = new Set<string>();
  private readonly definitionsDir: string;
  private readonly kept = new Map<string, AslDefinition>();
  private heldBack = 0;

  constructor(
    dataDir: string,
    /** The machines new executions start on, by name (`<SOP id>@<revision>`; a bare SOP id for resumed old executions). */
    private readonly definitions: ReadonlyMap<string, AslDefinition>,
    private readonly invoke: Invoke,
  ) {
    this.dir = join(dataDir, 'executions');
    this.definitionsDir = join(this.dir, 'definitions');
    mkdirSync(this.definitionsDir, { recursive: true });
  }

  /** The executions that were running when the last process stopped (read from disk), before `resumeAll`. */
  runningRecords(): ExecutionRecord[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as ExecutionRecord)
      .filter((record) => record.status === 'RUNNING');
  }

  /** Keeps a definition by its hash (written once, beside and renamed) and returns the hash. */
  private keepDefinition(definition: AslDefinition): string {
    const text = JSON.stringify(definition);
    const hash = createHash('sha256').update(text).digest('hex');
    const path = join(this.definitionsDir, `${hash}.json`);
    if (!existsSync(path)) {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    }
    this.kept.set(hash, definition);
    return hash;
  }

  /** The definition an execution started with: its kept copy, checked against its hash. */
  definitionOf(record: ExecutionRecord): AslDefinition {
    if (!record.definitionHash) {
      const current = this.definitions.get(record.stateMachine);
      if (!current) throw new Error(`StateMachineDoesNotExist: ${record.stateMachine}`);
      return current;
    }
    const known = this.kept.get(record.definitionHash);
    if (known) return known;
    const text = readFileSync(join(this.definitionsDir, `${record.definitionHash}.json`), 'utf8');
    if (createHash('sha256').update(text).digest('hex') !== record.definitionHash)
      throw new Error(`${record.executionArn}: its kept definition does not match its hash ${record.definitionHash}`);
    const definition = JSON.parse(text) as AslDefinition;
    this.kept.set(record.definitionHash, definition);
    return definition;
  }

  /** Starts an execution; `name` makes it idempotent (a second start with the same name returns the first). */
  startExecution(stateMachine: string, input: Json, name: string = randomBytes(12).toString('hex')): ExecutionRecord {
    if (!this.definitions.has(stateMachine)) throw new Error(`StateMachineDoesNotExist: ${stateMachine}`);
    // Named by the SOP alone, as before revisions were kept: a case has one execution whatever its revision.
    const [machineName, revision] = stateMachine.split('@') as [string, string | undefined];
    const executionArn = `arn:aws:states:local:000000000000:execution:${machineName}:${name}`;
    const existing = this.records.get(executionArn) ?? this.load(executionArn);
    if (existing) return existing;
    const definition = this.definitions.get(stateMachine);
    if (!definition) throw new Error(`StateMachineDoesNotExist: ${stateMachine}`);
    const record: ExecutionRecord = {
      executionArn,
      stateMachine,
      ...(revision ? { revision } : {}),
      definitionHash: this.keepDefinition(definition),
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
      current: { state: definition.StartAt, input, seq: 0 },
    };
    this.save(record);
    this.run(record);
    return record;
  }

  /** After a restart: every execution that was running goes on from the state it had entered. */
  resumeAll(): number {
    let resumed = 0;
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      const record = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as ExecutionRecord;
      if (record.status !== 'RUNNING' || this.running.has(record.executionArn)) continue;
      this.records.set(record.executionArn, record);
      this.run(record);
      resumed += 1;
    }
    return resumed;
  }

  describeExecution(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn) ?? this.load(executionArn);
  }

  sendTaskSuccess(token: string, output: Json): void {
    this.waiter(token).resolve(output);
  }

  sendTaskFailure(token: string, error: string, cause = ''): void {
    const failure = new Error(cause);
    failure.name = error;
    this.waiter(token).reject(failure);
  }

  /**
   * Moves a running execution to another machine (a newer SOP revision): only while it waits in
   * `fromState`; the run is stopped, its token retired, and it goes on at `toState` of the new
   * definition (kept by its hash like any other), with the same state data but for its revision.
   * A second move of the same execution while one is under way is refused (NotAtState), as one
   * that finds it elsewhere; a move that ends while the engine stops saves the moved state for the
   * restart to resume, and starts nothing.
   */
  async moveExecution(executionArn: string, stateMachine: string, fromState: string, toState: string): Promise<void> {
    if (this.moving.has(executionArn)) throw new NotAtState(`${executionArn} is being moved already`);
    const move = this.move(executionArn, stateMachine, fromState, toState);
    this.moving.set(executionArn, move);
    try {
      await move;
    } finally {
      this.moving.delete(executionArn);
    }
  }

  private async move(executionArn: string, stateMachine: string, fromState: string, toState: string): Promise<void> {
    const record = this.records.get(executionArn) ?? this.load(executionArn);
    const definition = this.definitions.get(stateMachine);
    if (!definition?.States[toState]) throw new Error(`StateMachineDoesNotExist: ${stateMachine} ${toState}`);
    if (record?.status !== 'RUNNING' || record.current.state !== fromState || !record.current.token)
      throw new NotAtState(`${executionArn} is not waiting in ${fromState}`);
    const running = this.running.get(executionArn);
    if (running) {
      running.abort();
      await running.done;
      // Its asking of this step may still run: ended first, it cannot point the link at the retired token after the new run's.
      await this.handlersEnded(running.run.working);
    }
    this.waiters.delete(record.current.token);
    const [, revision] = stateMachine.split('@') as [string, string | undefined];
    record.stateMachine = stateMachine;
    if (revision) record.revision = revision;
    record.definitionHash = this.keepDefinition(definition);
    record.current = {
      state: toState,
      input: { ...(record.current.input as Record<string, Json>), ...(revision ? { revision } : {}) },
      seq: record.current.seq + 1,
    };
    this.save(record);
    this.run(record);
  }

  /** How many tasks of stopped runs the engine still reached for (a retry's backoff woken by the stop) and never ran. */
  get heldBackTasks(): number {
    return this.heldBack;
  }

  /**
   * Stops every running execution without changing its record: a restart picks them up. A handler
   * already called runs to its end first, as a Lambda invocation would, rather than failing against
   * stores closed under it; its execution no longer records what it answers, so the restart runs that
   * task again (every handler may be retried). An execution started or moved from then on is saved
   * and left for the restart to run.
   */
  async close(): Promise<void> {
    this.closing = true;
    const running = [...this.running.values()];
    for (const execution of running) execution.abort();
    await Promise.all(running.map((execution) => execution.done));
    // Bounded as Lambda bounds an invocation: a handler hung past every task's timeout is left behind.
    await this.handlersEnded(this.working);
    await Promise.allSettled([...this.moving.values()]);
  }

  /** Resolves when the execution stops (tests and the demo). */
  async whenStopped(executionArn: string): Promise<ExecutionRecord> {
    await this.running.get(executionArn)?.done;
    const record = this.describeExecution(executionArn);
    if (!record) throw new Error(`ExecutionDoesNotExist: ${executionArn}`);
    return record;
  }

  /**
   * True when no execution is working: each running one waits on a person's answer or its due time,
   * with its ask sent. Tests read the stored state then ("changes nothing"); nothing would move it
   * but a request or a timer.
   */
  settled(): boolean {
    return [...this.running.values()].every(({ run }) => run.awaitingAnswer);
  }

  private waiter(token: string) {
    const waiter = this.waiters.get(token);
    if (waiter) {
      this.waiters.delete(token);
      // At once, not when the answer's promise settles: the run is working from this call on.
      waiter.run.awaitingAnswer = false;
      return waiter;
    }
    const owner = [...this.records.values()].find((record) => record.current.token === token);
    if (owner && owner.status === 'RUNNING')
      throw new TaskTokenError('TaskDoesNotExist', 'the task is not waiting yet; try again');
    if (/^[A-Za-z0-9_-]{20,}$/.test(token))
      throw new TaskTokenError('TaskTimedOut', 'the task this token belongs to is no longer waiting');
    throw new TaskTokenError('InvalidToken', 'not a task token');
  }

  // biome-ignore lint/complexity/noExcessiveLinesPerFunction: one execution's run: the engine's callbacks share the record they persist
  private run(record: ExecutionRecord): void {
    // Started or moved while the engine stops (a case submitted, a move ending, as the server shuts down): saved, and run by the restart.
    if (this.closing) return;
    // The definition it started with, never the machine as the catalog has it now.
    const base = this.definitionOf(record);
    const definition = localDefinition(base, record.current.state);
    const resumed = definition.StartAt !== base.StartAt;
    // Validated once per definition and process (asl-validator costs about 60 ms a run); a resumed run starts past Init, which the validator would call unreachable.
    const validationKey = record.definitionHash ?? record.stateMachine;
    if (!this.validated.has(validationKey)) {
      new StateMachine(engineDefinition(localDefinition(base, base.StartAt)), {
        validationOptions: { checkArn: false },
      });
      this.validated.add(validationKey);
    }
    const machine = new StateMachine(engineDefinition(definition), {
      validationOptions: { checkArn: false, noValidate: true },
    });
    const run: RunState = {
      record,
      // The token the resumed state had: reused once, so the links already sent keep working.
      resumeToken:
        resumed && record.current.token
          ? {
              state: record.current.state,
              token: record.current.token,
              ...(record.current.waitUntil ? { waitUntil: record.current.waitUntil } : {}),
            }
          : undefined,
      answeredSeq: record.current.seq,
      entered: [],
      awaitingAnswer: false,
      aborted: false,
      working: new Set(),
    };
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue;
      const task =
        state.Resource === CALLBACK
          ? (input: Json) => this.waitForCallback(run, name, input)
          : (input: Json) => this.invokeTask(run, input);
      // A stopped run's task never settles: nothing of it runs, and the restarted run does it instead.
      handlers[name] = (input) => {
        // A task begun: the run works, whether its wait was answered or its due time passed.
        run.awaitingAnswer = false;
        if (!run.aborted) return task(input);
        this.heldBack += 1;
        return Promise.reject(new RunStopped());
      };
    }
    const execution = machine.run(resumedInput(base, record), {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: record.executionArn, Input: record.input, StartTime: record.startDate },
        Task: { Token: 'local-token' },
      },
      noThrowOnAbort: true,
    });
    const follow = (async () => {
      for await (const event of execution.eventLogs) {
        if (run.aborted) break;
        if (event.type === 'StateEntered') {
          // Leaving a callback state (decided, or timed out to its reminder) retires its token: a late answer is TaskTimedOut.
          if (record.current.token) this.waiters.delete(record.current.token);
          const keep =
            run.resumeToken && run.resumeToken.state === event.state.name ? { token: run.resumeToken.token } : {};
          record.current = {
            state: event.state.name,
            input: event.state.input as Json,
            seq: record.current.seq + 1,
            ...keep,
          };
          this.save(record);
          for (const waiting of run.entered.splice(0)) waiting();
        } else if (event.type === 'StateRetried' && definition.States[event.state.name]?.Resource === CALLBACK) {
          // A retried callback is a new attempt, as on AWS: its failed attempt's token is retired and the
          // retry asks again under a token of its own (request-action re-points the link already mailed).
          if (record.current.token) this.waiters.delete(record.current.token);
          record.current = { state: event.state.name, input: event.state.input as Json, seq: record.current.seq + 1 };
          this.save(record);
          for (const waiting of run.entered.splice(0)) waiting();
        }
      }
    })();
    const done = (async () => {
      try {
        const output = (await execution.result) as Json;
        if (output === null && !this.running.has(record.executionArn)) return; // aborted by close()
        record.status = 'SUCCEEDED';
        record.output = output;
      } catch (error) {
        record.status = 'FAILED';
        record.error = { error: (error as Error).name, cause: (error as Error).message };
      }
      await follow.catch(() => undefined);
      record.stopDate = new Date().toISOString();
      this.save(record);
    })().finally(() => this.running.delete(record.executionArn));
    this.running.set(record.executionArn, {
      run,
      abort: () => {
        run.aborted = true;
        this.running.delete(record.executionArn);
        execution.abort();
        // Its wait for a person ends too (the restart waits again, under the same token), and a
        // callback not yet asking stops where it waits for the event log.
        for (const [token, waiter] of this.waiters)
          if (waiter.run === run) {
            this.waiters.delete(token);
            waiter.reject(new RunStopped());
          }
        for (const waiting of run.entered.splice(0)) waiting();
      },
      done,
    });
  }

  private async invokeTask(run: RunState, input: Json): Promise<Json> {
    const { FunctionName, Payload } = input as { FunctionName: string; Payload: Json };
    return { Payload: await this.invokeTracked(run, FunctionName, Payload), StatusCode: 200 };
  }

  private async invokeTracked(run: RunState, functionName: string, payload: Json): Promise<Json> {
    const call = this.invoke(functionName, payload);
    this.working.add(call);
    run.working.add(call);
    try {
      return await call;
    } finally {
      this.working.delete(call);
      run.working.delete(call);
    }
  }

  /** Until the given handler calls have ended, at most as long as Lambda lets one run (the task timeout). */
  private async handlersEnded(calls: Iterable<Promise<Json>>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...calls]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, HANDLERS_END_WITHIN_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  private async waitForCallback(run: RunState, state: string, input: Json): Promise<Json> {
    const { FunctionName, Payload } = input as { FunctionName: string; Payload: Record<string, Json> };
    const { record } = run;
    // The event log runs behind the handlers: wait until it has recorded this entry, so the record pairs the state with its input.
    while (!run.aborted && !(record.current.state === state && record.current.seq > run.answeredSeq))
      await new Promise<void>((resolve) => run.entered.push(resolve));
    if (run.aborted) throw new RunStopped();
    run.answeredSeq = record.current.seq;
    let token: string;
    let waitUntil: number | undefined;
    if (run.resumeToken && run.resumeToken.state === state) {
      token = run.resumeToken.token;
      waitUntil = run.resumeToken.waitUntil;
      run.resumeToken = undefined;
    } else token = randomBytes(32).toString('base64url');
    // The due time as an instant, so that a restart resumes the wait with what remains of it.
    const seconds = (Payload.due as { seconds?: number } | null)?.seconds;
    waitUntil ??= typeof seconds === 'number' ? Date.now() + seconds * 1000 : undefined;
    record.current = { ...record.current, token, ...(waitUntil ? { waitUntil } : {}) };
    this.save(record);
    const answered = new Promise<Json>((resolve, reject) => this.waiters.set(token, { run, resolve, reject }));
    // Settled while request-action still runs (a stop, a quick refusal): awaited below, and never an
    // unhandled rejection meanwhile, which would end the process.
    answered.catch(() => undefined);
    try {
      // An error of request-action itself fails this attempt (its retrier may ask again); the library's own
      // timer, racing this, raises the due time as States.Timeout, which States.TaskFailed never matches.
      await this.invokeTracked(run, FunctionName, { ...Payload, taskToken: token });
      // Answered already (a quick official) or not: asleep only while the token is still outstanding.
      run.awaitingAnswer = this.waiters.has(token);
      return await answered;
    } finally {
      run.awaitingAnswer = false;
      this.waiters.delete(token);
    }
  }

  private file(executionArn: string): string {
    return join(this.dir, `${Buffer.from(executionArn).toString('base64url')}.json`);
  }

  private load(executionArn: string): ExecutionRecord | undefined {
    try {
      const record = JSON.parse(readFileSync(this.file(executionArn), 'utf8')) as ExecutionRecord;
      this.records.set(executionArn, record);
      return record;
    } catch {
      return undefined;
    }
  }

  private save(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
    const path = this.file(record.executionArn);
    writeFileSync(`${path}.tmp`, JSON.stringify(record));
    renameSync(`${path}.tmp`, path);
  }
}

/**
 * The input a run starts from. A callback wait resumed after a restart lasts what remained of it
 * (at least the one second Step Functions allows), not its whole time again: a due time that
 * passed while the process was down fires at once.
 */
function resumedInput(definition: AslDefinition, record: ExecutionRecord): Json {
  const { state, input, waitUntil } = record.current;
  const waiting = definition.States[state];
  if (waitUntil === undefined || waiting?.Resource !== CALLBACK || waiting.TimeoutSecondsPath !== '$.due.seconds')
    return input;
  const due = (input as { due?: Record<string, Json> }).due;
  if (!due) return input;
  return {
    ...(input as Record<string, Json>),
    due: { ...due, seconds: Math.max(1, Math.ceil((waitUntil - Date.now()) / 1000)) },
  };
}

/** The definition the library runs: starting where the execution is, with the TimeoutSecondsPath compensation. */
function localDefinition(definition: AslDefinition, startAt: string): AslDefinition {
  const states: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    states[name] =
      state.Resource === CALLBACK && state.TimeoutSecondsPath === '$.due.seconds'
        ? { ...state, TimeoutSecondsPath: '$.Payload.due.seconds' }
        : state;
  }
  return { ...definition, StartAt: startAt, States: states };
}
