/**
 * The Lambda functions a state machine invokes, by the `${Placeholder}` its ASL carries.
 * CDK's definitionSubstitutions (issue 7) and the local runtime (issue 5) fill the same names.
 */
export const LAMBDA_PLACEHOLDERS = {
  /** Callback: asks the official of a lane to act on a step; parks the task token behind an e-mailed link. */
  requestAction: 'RequestActionFunctionArn',
  /** Computes when a waiting step is due; on a timeout sends the reminder or the escalation and computes the next wait. */
  trackDeadline: 'TrackDeadlineFunctionArn',
  /** Records what the counter did while the case was created (the checklist check, the registration, an LKPM's arrival). */
  recordIntake: 'RecordIntakeFunctionArn',
  /** Renders the documents a step drafts, in triplicate where the catalog says so. */
  renderDocuments: 'RenderDocumentsFunctionArn',
  /** Applies a paraf, a signature or the registration stamp as a CMS signature in an incremental update. */
  signDocuments: 'SignDocumentsFunctionArn',
  /** Gives the next number of a document's register, once per case and document. */
  assignNumber: 'AssignNumberFunctionArn',
  /** Stores the case's documents and audit trail in the archive. */
  archiveCase: 'ArchiveCaseFunctionArn',
  /** Marks the case completed or rejected and tells the applicant. */
  closeCase: 'CloseCaseFunctionArn',
  /** Records a failure that stopped the case, so that staff see it. */
  recordFailure: 'RecordFailureFunctionArn',
} as const;

export type LambdaRole = keyof typeof LAMBDA_PLACEHOLDERS;
export const ALL_PLACEHOLDERS: readonly string[] = Object.values(LAMBDA_PLACEHOLDERS);
