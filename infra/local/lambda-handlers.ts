import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { fillPlaceholders, placeholdersOf } from '#sop/fill-placeholders.ts';
import { LAMBDA_PLACEHOLDERS, type LambdaRole } from '#sop/lambda-placeholders.ts';
import type { Sop } from '#sop/schema.ts';
import type { Invoke } from './step-functions/local-step-functions.ts';
import { STATE_MACHINES_DIR, stateMachineFileName } from '#sop/state-machine-files.ts';

type Handler = (event: unknown) => Promise<unknown>;

/** The Lambda handlers, by role: the same files CDK bundles, loaded in this process. */
const HANDLERS: Record<LambdaRole, () => Promise<Handler>> = {
  requestAction: async () => (await import('#handlers/request-action.ts')).handler,
  trackDeadline: async () => (await import('#handlers/track-deadline.ts')).handler,
  recordIntake: async () => (await import('#handlers/record-intake.ts')).handler,
  renderDocuments: async () => (await import('#handlers/render-documents.ts')).handler,
  signDocuments: async () => (await import('#handlers/sign-documents.ts')).handler,
  assignNumber: async () => (await import('#handlers/assign-number.ts')).handler,
  archiveCase: async () => (await import('#handlers/archive-case.ts')).handler,
  closeCase: async () => (await import('#handlers/close-case.ts')).handler,
  recordFailure: async () => (await import('#handlers/record-failure.ts')).handler,
};

const PREFIX = 'local:';

/** The committed machine of an SOP revision (its file: state-machine-files.ts) with its placeholders filled by local function names, as CDK fills them with ARNs. */
export function localDefinition(sop: Sop): AslDefinition {
  const definition = JSON.parse(
    readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8'),
  ) as AslDefinition;
  const byPlaceholder = Object.fromEntries(
    Object.entries(LAMBDA_PLACEHOLDERS).map(([role, placeholder]) => [placeholder, `${PREFIX}${role}`]),
  );
  return fillPlaceholders(
    definition,
    Object.fromEntries(
      placeholdersOf(definition).map((name) => {
        const functionName = byPlaceholder[name];
        if (!functionName) throw new Error(`${stateMachineFileName(sop)}: no local function for \${${name}}`);
        return [name, functionName];
      }),
    ),
  );
}

/** A local function's handler, imported when first asked for (a worker thread asks for its own at its start). */
export function loadHandler(functionName: string): Promise<Handler> {
  const role = functionName.startsWith(PREFIX) ? (functionName.slice(PREFIX.length) as LambdaRole) : undefined;
  if (!role || !(role in HANDLERS)) throw new Error(`no local function ${functionName}`);
  return HANDLERS[role]();
}

/** Invokes a handler as Lambda would: the event crosses a JSON boundary both ways. */
export const invokeLocal: Invoke = async (functionName, payload) => {
  const handler = await loadHandler(functionName);
  return JSON.parse(JSON.stringify((await handler(JSON.parse(JSON.stringify(payload)))) ?? null));
};
