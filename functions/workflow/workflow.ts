/** What the web app asks of the workflow engine: local stand-in or AWS Step Functions, by the same calls. */
export interface Workflow {
  startCase(sopId: string, caseId: string): Promise<void>;
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
}
