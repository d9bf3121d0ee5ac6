import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AslDefinition } from '#sop/compile-to-asl.ts';
import { LAMBDA_PLACEHOLDERS } from '#sop/lambda-placeholders.ts';
import { loadCatalog } from '#sop/load-catalog.ts';
import { STATE_MACHINES_DIR, stateMachineFileName } from '#sop/state-machine-files.ts';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  MaxAttempts: number;
  BackoffRate: number;
  MaxDelaySeconds: number;
  JitterStrategy?: string;
}

/** Every task that signs or archives, in every committed machine, by state name, with its retriers in order. */
export function signingTaskRetries(): { name: string; retry: Retrier[] }[] {
  return loadCatalog().flatMap((sop) => {
    const definition = JSON.parse(
      readFileSync(join(STATE_MACHINES_DIR, stateMachineFileName(sop)), 'utf8'),
    ) as AslDefinition;
    return Object.entries(definition.States).flatMap(([name, state]) => {
      const fn = String((state.Parameters as { FunctionName?: string } | undefined)?.FunctionName ?? '');
      const signs = fn.includes(LAMBDA_PLACEHOLDERS.signDocuments) || fn.includes(LAMBDA_PLACEHOLDERS.archiveCase);
      return signs ? [{ name: `${sop.id} ${name}`, retry: state.Retry as Retrier[] }] : [];
    });
  });
}
