/** What the web app asks of the workflow engine: local stand-in or AWS Step Functions, by the same calls. */
export interface Workflow {
  /** Starts a case's execution on the machine of its SOP revision (none: an intake recorded before revisions were kept). */
  startCase(sopId: string, caseId: string, revision?: string): Promise<void>;
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
  /**
   * Moves a waiting case's execution to another revision's machine: it leaves `fromState` (a person's
   * wait, refused when the execution is anywhere else) and goes on at `toState` of that machine. Only
   * the local runtime has it; absent, a case cannot be moved.
   */
  moveCase?(move: {
    caseId: string;
    sopId: string;
    toRevision: string;
    fromState: string;
    toState: string;
  }): Promise<void>;
}

/** The execution is not where a move expects it (it moved on, or a task of it is running). */
export class NotAtState extends Error {
  override readonly name = 'NotAtState';
}
