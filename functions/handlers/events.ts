import * as z from 'zod/mini';
import { indonesianErrors } from '#validation/indonesian-errors.ts';
import type { $ZodType, output } from 'zod/v4/core';
import { ParafError } from '#errors/paraf-error.ts';

/**
 * What the state machines send the handlers (see compile-to-asl.ts), checked at the door. Each schema
 * is built when it first checks an event (z.lazy): a function's bundle holds them all, and its init
 * would otherwise build the nine it never receives.
 */

export const DecisionSchema = z.lazy(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    route: z.string().check(z.minLength(1)),
    note: z._default(z.string(), ''),
    by: z.string().check(z.minLength(1)),
    at: z.string().check(z.minLength(1)),
    documentData: z.optional(z.record(z.string(), z.unknown())),
    survey: z.optional(z.record(z.string(), z.unknown())),
    standsInFor: z.optional(
      z.object({ officialId: z.string().check(z.minLength(1)), as: z.enum(['an', 'plh', 'plt']) }),
    ),
  }),
);

// revision: the SOP revision whose machine sent the event; executions started before revisions were kept lack it.
// execution: the execution's ARN, for the logs; machines compiled before it was sent lack it.
const base = () => ({
  caseId: z.string().check(z.minLength(1)),
  sop: z.string().check(z.minLength(1)),
  revision: z.optional(z.string().check(z.minLength(1))),
  execution: z.optional(z.string().check(z.minLength(1))),
});
const step = () => ({
  ...base(),
  step: z.number().check(z.int(), z.positive()),
  lane: z.string().check(z.minLength(1)),
});

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
    documents: z.array(z.string()).check(z.minLength(1)),
    decision: z.nullable(DecisionSchema),
  }),
);
export const SignDocumentsEvent = z.lazy(() =>
  z.object({
    ...step(),
    mode: z.enum(['paraf', 'signature', 'registration']),
    documents: z.array(z.string()).check(z.minLength(1)),
    decision: DecisionSchema,
  }),
);
export const AssignNumberEvent = z.lazy(() =>
  z.object({
    ...step(),
    documents: z.array(z.string()).check(z.minLength(1)),
    decision: z.nullable(DecisionSchema),
  }),
);
export const ArchiveCaseEvent = z.lazy(() => z.object({ ...step(), decision: z.nullable(DecisionSchema) }));
export const CloseCaseEvent = z.lazy(() =>
  z.object({
    ...base(),
    outcome: z.enum(['completed', 'rejected']),
    decision: z.nullable(DecisionSchema),
  }),
);
export const RecordFailureEvent = z.lazy(() => z.object({ ...base(), error: z.unknown() }));
/**
 * EventBridge's "Step Functions Execution Status Change" for an execution that timed out (the
 * workflow stack's rule): an AWS event, whose envelope and detail carry more than Paraf reads and
 * may gain fields, so those pass; what Paraf reads is checked.
 */
export const ExecutionTimedOutEvent = z.lazy(() =>
  z.looseObject({
    source: z.literal('aws.states'),
    'detail-type': z.literal('Step Functions Execution Status Change'),
    detail: z.looseObject({
      executionArn: z.string().check(z.minLength(1)),
      status: z.literal('TIMED_OUT'),
      input: z.nullable(z.string()),
    }),
  }),
);
// askedSince: when this asking of the step began (its reminders keep it); executions started before it existed lack it.
const due = () =>
  z.nullable(
    z.object({ seconds: z.number(), dueAt: z.string(), round: z.number(), askedSince: z.optional(z.string()) }),
  );
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
    taskToken: z.string().check(z.minLength(1)),
    due: due(),
    previousDecision: z.nullable(DecisionSchema),
  }),
);

export type Decision = z.infer<typeof DecisionSchema>;

/** Parses an event; a malformed one is a programming error between machine and handler, named as such. */
export function parseEvent<T extends $ZodType>(schema: T, event: unknown, handler: string): output<T> {
  // Named here as well as set as the locale (indonesian-errors.ts): the message does not then depend on what set the locale last.
  const parsed = z.safeParse(schema, event, { error: indonesianErrors });
  if (!parsed.success)
    throw new ParafError(
      'malformed-event',
      `${handler}: masukan dari mesin SOP tidak sah: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
