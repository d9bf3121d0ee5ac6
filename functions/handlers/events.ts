import * as z from 'zod';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * What the state machines send the handlers (see compile-to-asl.ts), checked at the door. Each schema
 * is built when it first checks an event (z.lazy): a function's bundle holds them all, and its init
 * would otherwise build the nine it never receives.
 */

export const DecisionSchema = z.lazy(() =>
  z
    .object({
      id: z.string().min(1),
      route: z.string().min(1),
      note: z.string().default(''),
      by: z.string().min(1),
      at: z.string().min(1),
      documentData: z.record(z.string(), z.unknown()).optional(),
      survey: z.record(z.string(), z.unknown()).optional(),
      standsInFor: z.object({ officialId: z.string().min(1), as: z.enum(['an', 'plh', 'plt']) }).optional(),
    })
    .loose(),
);

// revision: the SOP revision whose machine sent the event; executions started before revisions were kept lack it.
// execution: the execution's ARN, for the logs; machines compiled before it was sent lack it.
const base = () => ({
  caseId: z.string().min(1),
  sop: z.string().min(1),
  revision: z.string().min(1).optional(),
  execution: z.string().min(1).optional(),
});
const step = () => ({ ...base(), step: z.number().int().positive(), lane: z.string().min(1) });

export const RecordIntakeEvent = z.lazy(() =>
  z.object({
    ...step(),
    intake: z.enum(['check', 'register', 'receive']),
    decision: z.unknown(),
  }),
);
export const RenderDocumentsEvent = z.lazy(() =>
  z.object({
    ...step(),
    documents: z.array(z.string()).min(1),
    decision: DecisionSchema.nullable(),
  }),
);
export const SignDocumentsEvent = z.lazy(() =>
  z.object({
    ...step(),
    mode: z.enum(['paraf', 'signature', 'registration']),
    documents: z.array(z.string()).min(1),
    decision: DecisionSchema,
  }),
);
export const AssignNumberEvent = z.lazy(() =>
  z.object({
    ...step(),
    documents: z.array(z.string()).min(1),
    decision: DecisionSchema.nullable(),
  }),
);
export const ArchiveCaseEvent = z.lazy(() => z.object({ ...step(), decision: DecisionSchema.nullable() }));
export const CloseCaseEvent = z.lazy(() =>
  z.object({
    ...base(),
    outcome: z.enum(['completed', 'rejected']),
    decision: DecisionSchema.nullable(),
  }),
);
export const RecordFailureEvent = z.lazy(() => z.object({ ...base(), error: z.unknown() }));
/**
 * EventBridge's "Step Functions Execution Status Change" for an execution that timed out (the
 * workflow stack's rule): an AWS event, whose envelope and detail carry more than Paraf reads and
 * may gain fields, so those pass; what Paraf reads is checked.
 */
export const ExecutionTimedOutEvent = z.lazy(() =>
  z
    .object({
      source: z.literal('aws.states'),
      'detail-type': z.literal('Step Functions Execution Status Change'),
      detail: z
        .object({
          executionArn: z.string().min(1),
          status: z.literal('TIMED_OUT'),
          input: z.string().nullable(),
        })
        .loose(),
    })
    .loose(),
);
// askedSince: when this asking of the step began (its reminders keep it); executions started before it existed lack it.
const due = () =>
  z.object({ seconds: z.number(), dueAt: z.string(), round: z.number(), askedSince: z.string().optional() }).nullable();
export const TrackDeadlineEvent = z.lazy(() =>
  z.object({
    ...step(),
    phase: z.enum(['start', 'overdue']),
    purpose: z.enum(['step', 'applicant-correction']),
    due: due(),
  }),
);
export const RequestActionEvent = z.lazy(() =>
  z.object({
    ...step(),
    purpose: z.enum(['step', 'applicant-correction']),
    taskToken: z.string().min(1),
    due: due(),
    previousDecision: DecisionSchema.nullable(),
  }),
);

export type Decision = z.infer<typeof DecisionSchema>;

/** Parses an event; a malformed one is a programming error between machine and handler, named as such. */
export function parseEvent<T extends z.ZodType>(schema: T, event: unknown, handler: string): z.infer<T> {
  const parsed = schema.safeParse(event);
  if (!parsed.success)
    throw new ParafError(
      'malformed-event',
      `${handler}: masukan dari mesin SOP tidak sah (malformed event): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
