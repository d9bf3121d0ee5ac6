/**
 * A process that stops its engine while a handler is under way and then has nothing left to do: it
 * must exit by itself, as `npm run demo` does after its last case (local-step-functions.test.ts runs
 * it as a child process). The handler held is the first scheduling (trackDeadline), which then fails
 * as on stores closed under it, or the first asking of a person (requestAction), which then succeeds
 * with its wait already stopped. It prints how the stop went as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Json, LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { fillPlaceholders, placeholdersOf } from '#sop/fill-placeholders.ts';
import { LAMBDA_PLACEHOLDERS } from '#sop/lambda-placeholders.ts';
import { STATE_MACHINES_DIR } from '#sop/state-machine-files.ts';

const [dataDir, held = 'local:trackDeadline', sopId = 'SOP-DALAK-067-013'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: stop-during-task.ts <data folder> [held function] [SOP id]');
const localNames = Object.fromEntries(
  Object.entries(LAMBDA_PLACEHOLDERS).map(([role, placeholder]) => [placeholder, `local:${role}`]),
);
const asl = JSON.parse(readFileSync(join(STATE_MACHINES_DIR, `${sopId}.asl.json`), 'utf8')) as AslDefinition;
const definition = fillPlaceholders(asl, Object.fromEntries(placeholdersOf(asl).map((n) => [n, localNames[n]!])));

let called = 0;
let finished = false;
let fail!: () => void;
const gate = new Promise<void>((resolve) => {
  fail = resolve;
});
const invoke = async (fn: string): Promise<Json> => {
  const answer: Json =
    fn === 'local:trackDeadline'
      ? { seconds: 3600, dueAt: '2026-11-24T08:00:00Z', round: 0, askedSince: '2026-11-24T07:00:00Z' }
      : { ok: true };
  if (fn !== held) return answer;
  called += 1;
  await gate;
  finished = true;
  if (fn === 'local:trackDeadline')
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'Paraf.ServiceUnavailable' });
  return answer;
};
const engine = new LocalStepFunctions(dataDir, new Map([[sopId, definition]]), invoke);
engine.startExecution(sopId, { caseId: 'stopped' }, 'stopped');
while (called === 0) await new Promise((resolve) => setTimeout(resolve, 10));
const closing = engine.close();
setTimeout(fail, 300);
await closing;
console.log(JSON.stringify({ called, finishedBeforeClose: finished }));
