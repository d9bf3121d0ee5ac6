import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOVED_ERROR, StepFunctionsWorkflow } from '#workflow/step-functions-workflow.ts';
import { NotAtState } from '#workflow/workflow.ts';
import { sfnStandIn } from '../support/sfn-stand-in.ts';

/**
 * Moving a case on AWS, through the real @aws-sdk/client-sfn. The repository has no local stand-in
 * that speaks the Step Functions API (infra/local/step-functions runs machines in the process), so
 * a small loopback server answers the five calls the move makes, keeps each execution's status,
 * last state entered and stop cause, records every call in order, and can be told to fail a call
 * (the crash between the stop and the start).
 */
interface Execution {
  arn: string;
  machine: string;
  status: 'RUNNING' | 'ABORTED' | 'SUCCEEDED';
  state: string;
  input: string;
  error?: string;
  cause?: string;
}
const calls: { target: string; body: Record<string, string> }[] = [];
const executions = new Map<string, Execution>();
let failNext: string | undefined;

const REGION_ACCOUNT = 'arn:aws:states:ap-southeast-3:111122223333';
const executionArn = (machine: string, name: string) => `${REGION_ACCOUNT}:execution:${machine}:${name}`;

function answer(target: string, body: Record<string, string>): [number, Record<string, unknown>] {
  const missing = (arn: string | undefined): [number, Record<string, unknown>] => [
    400,
    { __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist', message: `no ${arn}` },
  ];
  if (target === 'DescribeExecution') {
    const execution = executions.get(body.executionArn!);
    if (!execution) return missing(body.executionArn);
    return [
      200,
      {
        executionArn: execution.arn,
        stateMachineArn: `${REGION_ACCOUNT}:stateMachine:${execution.machine}`,
        status: execution.status,
        startDate: 1,
        ...(execution.error ? { error: execution.error, cause: execution.cause } : {}),
      },
    ];
  }
  if (target === 'GetExecutionHistory') {
    const execution = executions.get(body.executionArn!);
    if (!execution) return missing(body.executionArn);
    // The newest first (reverseOrder), as a callback task's wait leaves them: submitted, scheduled, entered.
    return [
      200,
      {
        events: [
          { id: 9, timestamp: 1, type: 'TaskSubmitted' },
          { id: 8, timestamp: 1, type: 'TaskScheduled' },
          { id: 7, timestamp: 1, type: 'TaskStateEntered', stateEnteredEventDetails: { name: execution.state } },
        ],
      },
    ];
  }
  if (target === 'StopExecution') {
    const execution = executions.get(body.executionArn!);
    if (!execution) return missing(body.executionArn);
    Object.assign(execution, { status: 'ABORTED', error: body.error, cause: body.cause });
    return [200, { stopDate: 2 }];
  }
  if (target === 'StartExecution') {
    const [machine, version] = body.stateMachineArn!.split(':stateMachine:')[1]!.split(':');
    const arn = executionArn(machine!, body.name!);
    if (executions.has(arn))
      return [
        400,
        { __type: 'com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists', message: 'Execution Already Exists' },
      ];
    const resumeAt = (JSON.parse(body.input!) as { resumeAt?: string }).resumeAt;
    executions.set(arn, {
      arn,
      machine: `${machine}:${version}`,
      status: 'RUNNING',
      state: resumeAt ?? 'Init',
      input: body.input!,
    });
    return [200, { executionArn: arn, startDate: 3 }];
  }
  return [400, { __type: 'com.amazonaws.swf.service.v2.model#InvalidArn', message: target }];
}

const standIn = sfnStandIn((target, body) => {
  calls.push({ target, body });
  if (failNext !== target) return answer(target, body);
  failNext = undefined;
  return [500, { __type: 'com.amazonaws.swf.service.v2.model#ServiceQuotaExceededException' }];
});

const MACHINE = 'SOP-DALAK-067-001';
const versions = {
  [`${MACHINE}@2022-12-06`]: `${REGION_ACCOUNT}:stateMachine:${MACHINE}:1`,
  [`${MACHINE}@01`]: `${REGION_ACCOUNT}:stateMachine:${MACHINE}:2`,
};
let workflow: StepFunctionsWorkflow;
beforeAll(async () => {
  // One attempt: the crash below is a failed call, not one the SDK retries into success.
  workflow = new StepFunctionsWorkflow(await standIn.start(1), versions);
});
afterAll(() => standIn.stop());
// Each test starts from an empty stand-in: the first checks that its move leaves exactly one live
// execution, which another test's cases left running would break when the order changes.
beforeEach(() => {
  calls.length = 0;
  executions.clear();
  failNext = undefined;
});

/** A case started as the web app starts it, then waiting at `state`. */
async function waitingCase(caseId: string, state: string) {
  await workflow.startCase(MACHINE, caseId, '2022-12-06');
  const execution = executions.get(executionArn(MACHINE, caseId))!;
  execution.state = state;
  calls.length = 0;
  return execution;
}

const move = (caseId: string, execution?: string) => ({
  caseId,
  sopId: MACHINE,
  fromRevision: '2022-12-06',
  toRevision: '01',
  fromState: 'Step06_Wait',
  toState: 'Step07_Schedule',
  ...(execution ? { execution } : {}),
});
const live = () => [...executions.values()].filter((e) => e.status === 'RUNNING').map((e) => e.arn);

describe('moving a case on Step Functions', () => {
  it('stops the old execution first, then starts the new revision at resumeAt, and gives the new ARN to record', async () => {
    const old = await waitingCase('KasusPindah001', 'Step06_Wait');
    const moved = await workflow.moveCase(move('KasusPindah001'));
    const fresh = executionArn(MACHINE, 'KasusPindah001-r01');
    expect(moved).toEqual({ execution: fresh });
    expect(calls.map((c) => c.target)).toEqual([
      'DescribeExecution',
      'GetExecutionHistory',
      'StopExecution',
      'StartExecution',
    ]);
    expect(calls[2]!.body).toEqual({
      executionArn: old.arn,
      error: MOVED_ERROR,
      cause: JSON.stringify({ toRevision: '01', resumeAt: 'Step07_Schedule', execution: 'KasusPindah001-r01' }),
    });
    expect(calls[3]!.body).toEqual({
      stateMachineArn: versions[`${MACHINE}@01`],
      name: 'KasusPindah001-r01',
      input: JSON.stringify({ caseId: 'KasusPindah001', resumeAt: 'Step07_Schedule' }),
    });
    expect(live()).toEqual([fresh]);
    expect(executions.get(fresh)).toMatchObject({ machine: `${MACHINE}:2`, state: 'Step07_Schedule' });
  });

  it('refuses, touching nothing, an execution that is not waiting where the move expects it', async () => {
    await waitingCase('KasusSibuk0001', 'Step06_Remind');
    await expect(workflow.moveCase(move('KasusSibuk0001'))).rejects.toBeInstanceOf(NotAtState);
    expect(calls.map((c) => c.target)).toEqual(['DescribeExecution', 'GetExecutionHistory']);
    const ended = await waitingCase('KasusSelesai01', 'Completed');
    ended.status = 'SUCCEEDED';
    await expect(workflow.moveCase(move('KasusSelesai01'))).rejects.toBeInstanceOf(NotAtState);
    expect(calls.map((c) => c.target)).toEqual(['DescribeExecution']);
    expect(live()).not.toContain(executionArn(MACHINE, 'KasusSelesai01-r01'));
  });

  it('leaves no second live execution when the start fails after the stop, and the move asked again finishes it once', async () => {
    const old = await waitingCase('KasusPutus001', 'Step06_Wait');
    const before = live().length;
    failNext = 'StartExecution';
    await expect(workflow.moveCase(move('KasusPutus001'))).rejects.toThrow();
    // Never two: the old one is stopped, naming where the case was going, and no new one runs yet.
    expect(executions.get(old.arn)).toMatchObject({ status: 'ABORTED', error: MOVED_ERROR });
    expect(live()).toHaveLength(before - 1);
    calls.length = 0;
    // The move asked again recognises its own stop and only starts the new execution.
    const moved = await workflow.moveCase(move('KasusPutus001'));
    expect(calls.map((c) => c.target)).toEqual(['DescribeExecution', 'StartExecution']);
    expect(live()).toHaveLength(before);
    expect(live()).toContain(moved.execution);
    // Once more (a repeat after the start succeeded): the start is named by case and revision, so nothing starts twice.
    calls.length = 0;
    expect(await workflow.moveCase(move('KasusPutus001'))).toEqual(moved);
    expect(calls.map((c) => c.target)).toEqual(['DescribeExecution', 'StartExecution']);
    expect(live()).toHaveLength(before);
    // A stop that was not this move's (another revision's, or by hand) is not taken for it.
    const other = await waitingCase('KasusLain0001', 'Step06_Wait');
    Object.assign(other, { status: 'ABORTED', error: MOVED_ERROR, cause: '{"toRevision":"02"}' });
    await expect(workflow.moveCase(move('KasusLain0001'))).rejects.toBeInstanceOf(NotAtState);
    expect(calls.map((c) => c.target)).toEqual(['DescribeExecution']);
  });

  it('moves a case a second time from the execution its record names, and refuses a state that is not a step to resume at', async () => {
    await waitingCase('KasusDua00001', 'Step06_Wait');
    const first = await workflow.moveCase(move('KasusDua00001'));
    executions.get(first.execution!)!.state = 'Step07_Wait';
    calls.length = 0;
    const again = await workflow.moveCase({
      ...move('KasusDua00001', first.execution),
      fromRevision: '01',
      toRevision: '2022-12-06',
      fromState: 'Step07_Wait',
      toState: 'Step06_Schedule',
    });
    expect(calls[0]!.body).toEqual({ executionArn: first.execution });
    expect(again).toEqual({ execution: executionArn(MACHINE, 'KasusDua00001-r2022-12-06') });
    expect(live().filter((arn) => arn.includes('KasusDua00001'))).toEqual([again.execution]);
    calls.length = 0;
    await expect(workflow.moveCase({ ...move('KasusDua00001'), toState: 'Completed' })).rejects.toThrow(
      'not a step to resume at: Completed',
    );
    await expect(workflow.moveCase({ ...move('KasusDua00001'), toRevision: '09' })).rejects.toThrow(
      'no state machine for SOP-DALAK-067-001@09',
    );
    expect(calls).toEqual([]);
  });
});
