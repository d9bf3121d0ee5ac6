import {
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  ExecutionAlreadyExists,
} from '@aws-sdk/client-sfn';
import type { Workflow } from './workflow.ts';

/**
 * The workflow port on AWS: one Standard execution per case, named by the case id (so a retried
 * intake starts nothing twice), and the official's decision sent to the waiting task's token.
 */
export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    /**
     * What a case starts on: `<SOP id>@<revision>` -> the published version of that revision (the
     * execution then records the version's ARN); a bare SOP id -> its machine, for intakes recorded
     * before revisions were kept.
     */
    private readonly machines: Readonly<Record<string, string>>,
  ) {}

  async startCase(sopId: string, caseId: string, revision?: string): Promise<void> {
    const key = revision ? `${sopId}@${revision}` : sopId;
    const stateMachineArn = this.machines[key];
    // A revision this deploy did not publish (one kept for cases in flight, or not deployed yet) is named, never replaced by another.
    if (!stateMachineArn)
      throw new Error(`no state machine for ${key}: deploy the revision before cases are received under it`);
    await this.sfn
      .send(new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }))
      .catch((error: unknown) => {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      });
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void> {
    await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  }
}
