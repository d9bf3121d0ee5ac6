/** What the web app asks of the workflow engine: local stand-in or AWS Step Functions, by the same calls. */
export interface Workflow {
  /** Starts a case's execution on the machine of its SOP revision (none: an intake recorded before revisions were kept). */
  startCase(sopId: string, caseId: string, revision?: string): Promise<void>;
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
}
