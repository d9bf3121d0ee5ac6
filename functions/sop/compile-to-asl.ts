import { LAMBDA_PLACEHOLDERS, type LambdaRole } from './lambda-placeholders.ts';
import { planStepActions, type StepAction } from './plan-step-actions.ts';
import { revisionOf, stepNumbered, type SendBack, type Sop, type Step } from './schema.ts';

/**
 * Compiles one catalog entry into an Amazon States Language definition.
 *
 * Shape of a person's step N (see ARCHITECTURE.md for the picture):
 *   StepNN_Schedule  Lambda: when is the step due (working hours), into $.due
 *   StepNN_Wait      Lambda callback (.waitForTaskToken): the official's decision, into $.decision;
 *                    States.Timeout -> StepNN_Remind (reminder / escalation, next $.due) -> StepNN_Wait
 *   StepNN_Decide    Choice on $.decision.route: "approve", "return:<step>", "return:applicant", "reject"
 *   StepNN_<Action>  Lambda tasks that follow an approval (render, paraf, sign, number, stamp, archive)
 * Intake steps (done at the counter while the case is created) are only their Lambda actions.
 * ASL rules the project keeps (ARCHITECTURE.md): JSONPath only, Lambda integrations only, waiting states at the top level.
 */

export type AslState = Record<string, unknown> & { Type: string };
export interface AslDefinition {
  Comment: string;
  StartAt: string;
  States: Record<string, AslState>;
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/**
 * What the Lambda service says when an invocation failed before or around the function: throttled,
 * the service or SDK failing, the function timing out (Sandbox.Timedout, or Lambda.Unknown for a
 * runtime that died), the client timing out. None of it means the handler refused the event.
 */
const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
];
/**
 * Machine tasks are idempotent (keyed by case, step and decision id), so any failed attempt may run
 * again: the platform's transient errors and a timed-out attempt often, with backoff and jitter;
 * an error the handler threw (a DynamoDB or S3 hiccup as much as bad data) twice more, so that a
 * transient one heals and a permanent one reaches the failure state within seconds.
 */
const MACHINE_RETRY = [
  // A signer's key not certified yet (kms-signer.ts): the operator's to mend with `npx paraf aws certify`,
  // so the case waits (first after 5 minutes, then at most an hour apart) instead of failing, for as
  // long as its execution lives: with full jitter a try comes on average half an hour after the last,
  // so 18,000 tries outlast a Standard execution's one year, whose end record-timed-out-execution
  // records like any stalled case's. Placed first, since States.TaskFailed below would match it too.
  {
    ErrorEquals: ['Paraf.CertificateMissing'],
    IntervalSeconds: 300,
    MaxAttempts: 18_000,
    BackoffRate: 2,
    MaxDelaySeconds: 3600,
    JitterStrategy: 'FULL',
  },
  // A service that did not answer or was busy (service-outage.ts: a TSA, an OCSP responder, DynamoDB
  // throttling): waited out for hours (first within a minute, then at most half an hour apart, about
  // four hours in all), since an outage must not cost a permit; before States.TaskFailed, which would
  // match it too.
  {
    ErrorEquals: ['Paraf.ServiceUnavailable'],
    IntervalSeconds: 60,
    MaxAttempts: 12,
    BackoffRate: 2,
    MaxDelaySeconds: 1800,
    JitterStrategy: 'FULL',
  },
  {
    ErrorEquals: [...TRANSIENT_LAMBDA_ERRORS, 'States.Timeout'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' },
];
/**
 * A failure sent to a callback's token (SendTaskFailure) is the case's answer, not a hiccup: it is
 * never retried, which a retrier of none placed first ensures (States.TaskFailed would match it).
 */
const CALLBACK_ANSWERS = ['Paraf.CaseWithdrawn'];
/**
 * A callback retries what fails in asking the official: the platform's errors, and request-action's
 * own (a DynamoDB throttle) like any machine task; a retry asks under a new token, and request-action
 * re-points the link already mailed to it (links.ts openLink), so nobody gets a second e-mail. Its own
 * timeout is the step falling due: never retried (States.TaskFailed does not match States.Timeout),
 * caught instead.
 */
const CALLBACK_RETRY = [
  { ErrorEquals: CALLBACK_ANSWERS, MaxAttempts: 0 },
  { ErrorEquals: TRANSIENT_LAMBDA_ERRORS, IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' },
];
const MACHINE_TIMEOUT_SECONDS = 120;
const RENDER_TIMEOUT_SECONDS = 300;

export const TERMINAL = {
  completedClose: 'Completed_Close',
  completed: 'Completed',
  rejectedClose: 'Rejected_Close',
  rejected: 'Rejected',
  failedRecord: 'Failed_Record',
  failed: 'Failed',
} as const;

export const pad = (no: number) => String(no).padStart(2, '0');
export const stepGroup = (no: number) => `Step${pad(no)}`;
export const correctionGroup = (resumeAt: number) => `Correction${pad(resumeAt)}`;
export const routeOf = (sendBack: SendBack) => `return:${sendBack.to}`;

type MachineAction = Exclude<StepAction, { type: 'ask-signer' }>;

const ACTION_STATE: Record<
  MachineAction['type'],
  { suffix: string; role: LambdaRole; mode?: 'paraf' | 'signature' | 'registration' }
> = {
  record: { suffix: 'Record', role: 'recordIntake' },
  render: { suffix: 'Render', role: 'renderDocuments' },
  paraf: { suffix: 'Paraf', role: 'signDocuments', mode: 'paraf' },
  sign: { suffix: 'Sign', role: 'signDocuments', mode: 'signature' },
  number: { suffix: 'Number', role: 'assignNumber' },
  stamp: { suffix: 'Stamp', role: 'signDocuments', mode: 'registration' },
  archive: { suffix: 'Archive', role: 'archiveCase' },
};

/** What an action's handler needs beyond the case and step: its mode, the intake it records, the documents. */
function actionDetails(action: MachineAction): Record<string, unknown> {
  const mode = ACTION_STATE[action.type].mode;
  return {
    ...(mode ? { mode } : {}),
    ...('intake' in action ? { intake: action.intake } : {}),
    ...('documents' in action ? { documents: action.documents } : {}),
  };
}

/** Where the office's signer's decision is kept, beside the step's own in $.decision. */
const SIGNER_DECISION = '$.signature';

/** The states of the office's signer's act at a step: StepNN_Signer_<lane>_*, its signature included. */
const signerGroup = (no: number, lane: string) => `${stepGroup(no)}_Signer_${lane}`;

const fn = (role: LambdaRole) => `\${${LAMBDA_PLACEHOLDERS[role]}}`;
// Every function is told its execution's ARN: its log lines carry it beside the case id.
const EXECUTION = { 'execution.$': '$$.Execution.Id' };
const catchToFailure = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: TERMINAL.failedRecord }];

function machineTask(
  comment: string,
  role: LambdaRole,
  payload: Record<string, unknown>,
  next: string,
  timeoutSeconds = MACHINE_TIMEOUT_SECONDS,
): AslState {
  return {
    Type: 'Task',
    Comment: comment,
    Resource: LAMBDA_INVOKE,
    Parameters: { FunctionName: fn(role), Payload: { ...payload, ...EXECUTION } },
    ResultPath: null,
    TimeoutSeconds: timeoutSeconds,
    Retry: MACHINE_RETRY,
    Catch: catchToFailure,
    Next: next,
  };
}

/** The four states of anything a person must do: schedule, wait (with reminders), decide. */
function personStates(options: {
  group: string;
  comment: string;
  identity: Record<string, unknown>;
  routes: { route: string; next: string }[];
  /** Where the decision goes; the office's signer keeps theirs apart so the step's own decision still numbers and stamps. */
  decisionPath?: string;
}): Record<string, AslState> {
  const { group, comment, identity, routes } = options;
  const decisionPath = options.decisionPath ?? '$.decision';
  const schedule = `${group}_Schedule`;
  const wait = `${group}_Wait`;
  const remind = `${group}_Remind`;
  const decide = `${group}_Decide`;
  const deadline = (phase: 'start' | 'overdue'): AslState => ({
    Type: 'Task',
    Comment: phase === 'start' ? `Jadwal: ${comment}` : `Pengingat / eskalasi: ${comment}`,
    Resource: LAMBDA_INVOKE,
    Parameters: {
      FunctionName: fn('trackDeadline'),
      Payload: { phase, 'caseId.$': '$.caseId', ...identity, 'due.$': '$.due', ...EXECUTION },
    },
    ResultSelector: {
      'seconds.$': '$.Payload.seconds',
      'dueAt.$': '$.Payload.dueAt',
      'round.$': '$.Payload.round',
      'askedSince.$': '$.Payload.askedSince',
    },
    ResultPath: '$.due',
    TimeoutSeconds: MACHINE_TIMEOUT_SECONDS,
    Retry: MACHINE_RETRY,
    Catch: catchToFailure,
    Next: wait,
  });
  return {
    [schedule]: deadline('start'),
    [wait]: {
      Type: 'Task',
      Comment: comment,
      Resource: LAMBDA_CALLBACK,
      Parameters: {
        FunctionName: fn('requestAction'),
        Payload: {
          'taskToken.$': '$$.Task.Token',
          'caseId.$': '$.caseId',
          ...identity,
          'due.$': '$.due',
          'previousDecision.$': '$.decision',
          ...EXECUTION,
        },
      },
      TimeoutSecondsPath: '$.due.seconds',
      ResultPath: decisionPath,
      Retry: CALLBACK_RETRY,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: remind }, ...catchToFailure],
      Next: decide,
    },
    [remind]: deadline('overdue'),
    [decide]: {
      Type: 'Choice',
      Comment: `Keputusan: ${comment}`,
      Choices: [
        // A decision without a route cannot be followed: ask again rather than guess.
        { Not: { Variable: `${decisionPath}.route`, IsPresent: true }, Next: schedule },
        ...routes.map(({ route, next }) => ({ Variable: `${decisionPath}.route`, StringEquals: route, Next: next })),
      ],
      Default: schedule,
    },
  };
}

/**
 * Chains action states after a step; returns the states and the name of the first one. An
 * `ask-signer` becomes a person's wait (schedule, wait, remind, decide) of the signer's lane on the
 * same step: approving goes on to their signature, a send-back returns the letter to the step.
 */
function actionStates(
  sop: Sop,
  step: Step,
  actions: StepAction[],
  after: string,
): { first: string; states: Record<string, AslState> } {
  const states: Record<string, AslState> = {};
  const nameOf = (action: StepAction) =>
    action.type === 'ask-signer'
      ? `${signerGroup(step.no, action.lane)}_Schedule`
      : action.type === 'sign' && action.lane
        ? `${signerGroup(step.no, action.lane)}_Sign`
        : `${stepGroup(step.no)}_${ACTION_STATE[action.type].suffix}`;
  // Built from the last action back, the order the committed machines list their states in.
  let following = after;
  [...actions].reverse().forEach((action) => {
    const next = following;
    following = nameOf(action);
    if (action.type === 'ask-signer') {
      const titles = sop.documents
        .filter((doc) => action.documents.includes(doc.kind))
        .map((doc) => doc.title)
        .join(', ');
      Object.assign(
        states,
        personStates({
          group: signerGroup(step.no, action.lane),
          comment: `Langkah ${step.no}: tanda tangan ${titles} (penandatangan menurut pengaturan kantor)`,
          identity: { sop: sop.id, revision: revisionOf(sop), step: step.no, lane: action.lane, purpose: 'step' },
          routes: [
            { route: 'approve', next },
            { route: `return:${step.no}`, next: `${signerGroup(step.no, action.lane)}_Returned` },
          ],
          decisionPath: SIGNER_DECISION,
        }),
      );
      // A letter sent back reaches its drafter with the signer's decision (its note) as the one before.
      states[`${signerGroup(step.no, action.lane)}_Returned`] = {
        Type: 'Pass',
        Comment: `Dikembalikan oleh penandatangan ke langkah ${step.no}`,
        InputPath: SIGNER_DECISION,
        ResultPath: '$.decision',
        Next: entryOf(step),
      };
      return;
    }
    const spec = ACTION_STATE[action.type];
    const lane = action.type === 'sign' && action.lane ? action.lane : step.lane;
    // The signer's signature is theirs; the number and its stamp stay the step's own (its official gives the number).
    const payload = {
      'caseId.$': '$.caseId',
      sop: sop.id,
      revision: revisionOf(sop),
      step: step.no,
      lane,
      ...actionDetails(action),
      'decision.$': action.type === 'sign' && action.lane ? SIGNER_DECISION : '$.decision',
    };
    const timeout = action.type === 'render' ? RENDER_TIMEOUT_SECONDS : MACHINE_TIMEOUT_SECONDS;
    states[nameOf(action)] = machineTask(`${spec.suffix}: ${step.title}`, spec.role, payload, next, timeout);
  });
  return { first: following, states };
}

/** The step that follows `step` when it is approved: its `next`, else the following in-case step that is not branch-only. */
export function forwardStep(sop: Sop, step: Step): Step | undefined {
  if (step.next !== undefined) return sop.steps.find((s) => s.no === step.next);
  return sop.steps.find((s) => s.no > step.no && s.phase !== 'before-case' && !s.branchOnly);
}

export function entryOf(step: Step): string {
  return step.phase === 'intake' ? `${stepGroup(step.no)}_Record` : `${stepGroup(step.no)}_Schedule`;
}

/** The states a case enters by: its first step, or (a case moved from another revision) the step it resumes at. */
export const ENTRY = {
  init: 'Init',
  start: 'Init_Case',
  resume: 'Resume_Init',
  resumeAt: 'Resume_At',
  refused: 'Resume_Refused',
} as const;

/**
 * Step Functions starts an execution only at StartAt, so a case moved here from another revision
 * (workflow/step-functions-workflow.ts) starts with `resumeAt` in its input: the entry Choice sends
 * it to that state, if it is one of this machine's steps' schedules, and fails it otherwise (a
 * state name is never taken from input unchecked); an input without it goes to the first step.
 */
function entryStates(sop: Sop, flowSteps: Step[], first: string): Record<string, AslState> {
  const shape = { 'caseId.$': '$.caseId', sop: sop.id, revision: revisionOf(sop), decision: null, due: null };
  const resumable = flowSteps.filter((step) => step.phase === 'case').map(entryOf);
  return {
    [ENTRY.init]: {
      Type: 'Choice',
      Comment: 'A case moved from another revision resumes at its step; any other starts at the first.',
      Choices: [{ Variable: '$.resumeAt', IsPresent: true, Next: ENTRY.resume }],
      Default: ENTRY.start,
    },
    [ENTRY.start]: {
      Type: 'Pass',
      Comment: 'Keeps only what the machine routes on; everything else about the case lives in the records.',
      Parameters: shape,
      Next: first,
    },
    [ENTRY.resume]: {
      Type: 'Pass',
      Comment: 'The same, and the state the moved case resumes at.',
      Parameters: { ...shape, 'resumeAt.$': '$.resumeAt' },
      Next: ENTRY.resumeAt,
    },
    [ENTRY.resumeAt]: {
      Type: 'Choice',
      Comment: "Only this machine's own steps.",
      Choices: resumable.map((state) => ({ Variable: '$.resumeAt', StringEquals: state, Next: state })),
      Default: ENTRY.refused,
    },
    [ENTRY.refused]: {
      Type: 'Fail',
      Error: 'Paraf.UnknownResumeState',
      Cause: 'resumeAt names no step of this machine',
    },
  };
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the machine in state order (intake, steps, archive, close); each state is built by the functions above
export function compileToAsl(sop: Sop): AslDefinition {
  const states: Record<string, AslState> = {};
  const flowSteps = sop.steps.filter((step) => step.phase !== 'before-case');
  const firstStep = flowSteps.find((step) => !step.branchOnly);
  if (!firstStep) throw new Error(`${sop.id}: no step inside the case to start from`);

  Object.assign(states, entryStates(sop, flowSteps, entryOf(firstStep)));

  const corrections = new Map<number, { via: string }>();
  for (const step of flowSteps) {
    const following = forwardStep(sop, step);
    const afterApproval = following ? entryOf(following) : TERMINAL.completedClose;
    const actions = planStepActions(sop, step);
    const chain = actionStates(sop, step, actions, afterApproval);
    Object.assign(states, chain.states);
    if (step.phase === 'intake') continue;

    const routes = [{ route: 'approve', next: chain.first }];
    for (const sendBack of step.returns) {
      if (sendBack.to === 'applicant') {
        const { resumeAt, via } = sendBack;
        if (resumeAt === undefined || via === undefined)
          throw new Error(`${sop.id} step ${step.no}: a send-back to the applicant without resumeAt and via`);
        corrections.set(resumeAt, { via });
        routes.push({ route: routeOf(sendBack), next: `${correctionGroup(resumeAt)}_Schedule` });
      } else {
        routes.push({ route: routeOf(sendBack), next: entryOf(stepNumbered(sop, sendBack.to)) });
      }
    }
    if (step.canReject) routes.push({ route: 'reject', next: TERMINAL.rejectedClose });
    Object.assign(
      states,
      personStates({
        group: stepGroup(step.no),
        comment: `Langkah ${step.no}: ${step.title}`,
        identity: { sop: sop.id, revision: revisionOf(sop), step: step.no, lane: step.lane, purpose: 'step' },
        routes,
      }),
    );
  }

  for (const [resumeAt, { via }] of corrections) {
    const target = stepNumbered(sop, resumeAt);
    Object.assign(
      states,
      personStates({
        group: correctionGroup(resumeAt),
        comment: `Berkas dikembalikan kepada pemohon untuk diperbaiki; berkas perbaikan diterima dan diteruskan ke langkah ${resumeAt}`,
        identity: {
          sop: sop.id,
          revision: revisionOf(sop),
          step: resumeAt,
          lane: via,
          purpose: 'applicant-correction',
        },
        // The corrected file arrives, or the front office closes the case (withdrawn, or a new application
        // instead). Whether closing is offered is read when the link is decided (allowedRoutes: the seed's
        // `newApplication`, or the office's applicantCorrectionCanClose), so the machine keeps the edge and a
        // change of the office's setting needs no new machine; a route not offered never reaches it.
        routes: [
          { route: 'approve', next: entryOf(target) },
          { route: 'reject', next: TERMINAL.rejectedClose },
        ],
      }),
    );
  }

  const closeCase = (outcome: 'completed' | 'rejected', next: string) =>
    machineTask(
      `Tutup berkas: ${outcome === 'completed' ? 'selesai' : 'ditolak / ditarik'}`,
      'closeCase',
      { 'caseId.$': '$.caseId', sop: sop.id, revision: revisionOf(sop), outcome, 'decision.$': '$.decision' },
      next,
    );
  states[TERMINAL.completedClose] = closeCase('completed', TERMINAL.completed);
  states[TERMINAL.completed] = { Type: 'Succeed', Comment: 'Selesai' };
  const canEndRejected = corrections.size > 0 || flowSteps.some((step) => step.canReject);
  if (canEndRejected) {
    states[TERMINAL.rejectedClose] = closeCase('rejected', TERMINAL.rejected);
    states[TERMINAL.rejected] = { Type: 'Succeed', Comment: 'Permohonan ditolak atau ditarik; berkas ditutup' };
  }
  states[TERMINAL.failedRecord] = {
    Type: 'Task',
    Comment: 'Mencatat kegagalan sistem agar petugas melihatnya',
    Resource: LAMBDA_INVOKE,
    Parameters: {
      FunctionName: fn('recordFailure'),
      Payload: { 'caseId.$': '$.caseId', sop: sop.id, revision: revisionOf(sop), 'error.$': '$.error', ...EXECUTION },
    },
    ResultPath: null,
    TimeoutSeconds: MACHINE_TIMEOUT_SECONDS,
    Retry: MACHINE_RETRY,
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: TERMINAL.failed }],
    Next: TERMINAL.failed,
  };
  states[TERMINAL.failed] = {
    Type: 'Fail',
    Error: 'Paraf.CaseFailed',
    Cause: 'Langkah mesin gagal setelah dicoba ulang',
  };

  return {
    Comment: `${sop.id}${sop.revision ? ` rev ${sop.revision}` : ''}, effective ${sop.effectiveDate}: ${sop.title}. Generated from functions/sop/catalog by \`npm run gen\`; do not edit by hand.`,
    StartAt: ENTRY.init,
    States: states,
  };
}
