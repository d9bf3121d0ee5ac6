import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import { type CaseMoveRequest, type MovedExecution, NotAtState, type Workflow } from './workflow.ts';

/** The error a move stops the old execution with; its cause names where the case went, so a repeated move recognises its own stop. */
export const MOVED_ERROR = 'Paraf.MovedToRevision';

/**
 * The workflow port on AWS: one Standard execution per case, named by the case id (so a retried
 * intake starts nothing twice), and the official's decision sent to the waiting task's token.
 */
/**
 * A Step Functions client made, and its SDK (some 30 KB of a bundle) loaded, with the first call: a
 * function's init does neither, and most web requests and requestAction's invocations make no call
 * (issue 21, Lambda init).
 */
export const sfnClientOnFirstCall = (settings: SFNClientConfig) => (): Promise<SFNClient> =>
  import('./sfn-client.ts').then(({ SFNClient }) => new SFNClient(settings));

export class StepFunctionsWorkflow implements Workflow {
  private client?: Promise<SFNClient>;

  constructor(
    /** The client, or how to make it with the first call (sfnClientOnFirstCall). */
    private readonly sfnClient: SFNClient | (() => Promise<SFNClient>),
    /**
     * What a case starts on: `<SOP id>@<revision>` -> the published version of that revision (the
     * execution then records the version's ARN); a bare SOP id -> its machine, for intakes recorded
     * before revisions were kept.
     */
    private readonly machines: Readonly<Record<string, string>>,
  ) {}

  /** The client and the SDK's commands, loaded with the first call; a failed load is not kept. */
  private async sdk() {
    const { sfnClient } = this;
    this.client ??=
      typeof sfnClient === 'function'
        ? sfnClient().catch((error: unknown) => {
            this.client = undefined;
            throw error;
          })
        : Promise.resolve(sfnClient);
    const [sfn, commands] = await Promise.all([this.client, import('./sfn-client.ts')]);
    return { sfn, ...commands };
  }

  async startCase(sopId: string, caseId: string, revision?: string): Promise<void> {
    const stateMachineArn = this.machineOf(sopId, revision);
    const { sfn, StartExecutionCommand, ExecutionAlreadyExists } = await this.sdk();
    await sfn
      .send(new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }))
      .catch((error: unknown) => {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      });
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void> {
    const { sfn, SendTaskSuccessCommand } = await this.sdk();
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  }

  /**
   * Step Functions cannot start an execution at a chosen state, nor move one to another version: the
   * case goes on in a new execution of the target revision's version, whose entry Choice
   * (compile-to-asl.ts) jumps to `resumeAt`. The old one is stopped FIRST, then the new one started,
   * so a crash between the two never leaves two live executions (two machines asking officials and
   * writing the case). It can leave none: the stop's error and cause say where the case was going, and
   * the move asked again (the case record still names the old revision and step) recognises its own
   * stop and only starts the new execution; that start is named by case and revision, so a repeat
   * starts nothing twice. Until then the case shows as waiting past its due time (health report).
   */
  async moveCase(move: CaseMoveRequest): Promise<MovedExecution> {
    const target = this.machineOf(move.sopId, move.toRevision);
    if (!/^Step\d{2}_Schedule$/.test(move.toState)) throw new Error(`not a step to resume at: ${move.toState}`);
    const name = `${move.caseId}-r${move.toRevision}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
    // Every version of an SOP's machine names the same machine: any of them gives the case's first execution's ARN.
    const old = move.execution ?? executionArn(target, move.caseId);
    const cause = JSON.stringify({ toRevision: move.toRevision, resumeAt: move.toState, execution: name });
    const { sfn, DescribeExecutionCommand, StopExecutionCommand, StartExecutionCommand, ExecutionAlreadyExists } =
      await this.sdk();
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn: old }));
    if (running.status === 'RUNNING') {
      if ((await this.currentState(old)) !== move.fromState)
        throw new NotAtState(`${old} is not waiting in ${move.fromState}`);
      await sfn.send(new StopExecutionCommand({ executionArn: old, error: MOVED_ERROR, cause }));
    } else if (!(running.status === 'ABORTED' && running.error === MOVED_ERROR && running.cause === cause)) {
      throw new NotAtState(`${old} is ${running.status}, not waiting in ${move.fromState}`);
    }
    await sfn
      .send(
        new StartExecutionCommand({
          stateMachineArn: target,
          name,
          input: JSON.stringify({ caseId: move.caseId, resumeAt: move.toState }),
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      });
    return { execution: executionArn(target, name) };
  }

  /** The state a running execution last entered, from the newest events of its history. */
  private async currentState(executionArn: string): Promise<string | undefined> {
    const { sfn, GetExecutionHistoryCommand } = await this.sdk();
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 20 }),
    );
    return events.find((event) => event.stateEnteredEventDetails)?.stateEnteredEventDetails?.name;
  }

  private machineOf(sopId: string, revision: string | undefined): string {
    const key = revision ? `${sopId}@${revision}` : sopId;
    const stateMachineArn = this.machines[key];
    // A revision this deploy did not publish (one kept for cases in flight, or not deployed yet) is named, never replaced by another.
    if (!stateMachineArn)
      throw new Error(`no state machine for ${key}: deploy the revision before cases are received under it`);
    return stateMachineArn;
  }
}

/** An execution's ARN from its machine's (a version's or an alias's ARN names the machine too) and its name. */
function executionArn(stateMachineArn: string, name: string): string {
  const [prefix = '', machine = ''] = stateMachineArn.split(':stateMachine:');
  return `${prefix}:execution:${machine.split(':')[0]}:${name}`;
}
