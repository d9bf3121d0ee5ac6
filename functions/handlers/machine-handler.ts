import type * as z from 'zod';
import { isParafError, type ParafErrorCode } from '#errors/paraf-error.ts';
import { parseEvent } from './events.ts';

/**
 * The one map from Paraf's error codes to the error names a machine sees (`Error` in its Catch,
 * the trail's failure line): `Paraf.` and the code in PascalCase, `lane-unstaffed` as
 * `Paraf.LaneUnstaffed`. The Lambda runtime reports an error's name as its type.
 */
export function stepFunctionsErrorName(code: ParafErrorCode): string {
  return `Paraf.${code.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;
}

/**
 * A machine task's handler: parse the event (a malformed one is `malformed-event`), run one use
 * case, answer what it returns; a ParafError leaves named for Step Functions.
 */
export function machineHandler<T extends z.ZodType, R>(
  name: string,
  schema: T,
  run: (input: z.infer<T>) => Promise<R>,
): (event: unknown) => Promise<R> {
  return async (event) => {
    try {
      return await run(parseEvent(schema, event, name));
    } catch (error) {
      if (isParafError(error)) error.name = stepFunctionsErrorName(error.code);
      throw error;
    }
  };
}
