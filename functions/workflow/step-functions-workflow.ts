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
    /** The state machine ARN of each SOP id. */
    private readonly machines: Readonly<Record<string, string>>,
  ) {}

  async startCase(sopId: string, caseId: string): Promise<void> {
    const stateMachineArn = this.machines[sopId];
    if (!stateMachineArn) throw new Error(`no state machine for ${sopId}`);
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
