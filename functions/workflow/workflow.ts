/** What the web app asks of the workflow engine: local stand-in or AWS Step Functions, by the same calls. */
export interface Workflow {
  /** Starts a case's execution on the machine of its SOP revision (none: an intake recorded before revisions were kept). */
  startCase(sopId: string, caseId: string, revision?: string): Promise<void>;
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
  /**
   * Moves a waiting case's execution to another revision's machine: it leaves `fromState` (a person's
   * wait, refused with NotAtState when the execution is anywhere else) and goes on at `toState` of
   * that machine. Absent, a case cannot be moved.
   */
  moveCase?(move: CaseMoveRequest): Promise<MovedExecution>;
}

export interface CaseMoveRequest {
  caseId: string;
  sopId: string;
  /** The revision the case is under now (its execution's machine); none: recorded before revisions were kept. */
  fromRevision?: string | undefined;
  toRevision: string;
  fromState: string;
  toState: string;
  /** The execution the case record names (a case moved before runs under another name than its id). */
  execution?: string | undefined;
}

/** Where the case runs after a move: the new execution's id, where the engine gave it a new one. */
export interface MovedExecution {
  execution?: string;
}

/** The execution is not where a move expects it (it moved on, or a task of it is running). */
export class NotAtState extends Error {
  override readonly name = 'NotAtState';
}
