import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isParafError } from '#errors/paraf-error.ts';

/** Where a command writes: what it did (stdout), or why it could not (stderr). */
export type Out = (text: string) => void;

/**
 * A command of `npx paraf` beyond the catalog's: its arguments after its name, its two outputs and
 * the environment (read at the CLI's start; a test passes its own). Resolves to the exit code.
 */
export type Command = (args: readonly string[], out: Out, err: Out, env?: NodeJS.ProcessEnv) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's options read by node's parseArgs, nothing positional. An unknown or incomplete one is
 * said on `err` with the command's usage and answers undefined: the command exits 2.
 */
export function readOptions<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
  usage: string,
  err: Out,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: false }>>['values'] | undefined {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false }).values;
  } catch (error) {
    err(`${command}: ${optionProblem(error as Error & { code?: string })}\n${usage}\n`);
    return undefined;
  }
}

/** parseArgs' refusal in the operator's language, by its code; the option or argument is quoted in its message. */
function optionProblem(error: Error & { code?: string }): string {
  const named = /'([^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `pilihan ${named} tidak dikenal`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('argument missing')
        ? `pilihan ${named} memerlukan nilai`
        : `pilihan ${named} tidak memakai nilai`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argumen ${named} tidak dikenal`;
    default:
      return error.message;
  }
}

/** The arguments that are not options, nor the folder after `--data`. */
export const positionals = (args: readonly string[]) =>
  args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--data');

/** The folder `--data` names, if it names one. */
export function givenDataFolder(args: readonly string[]): string | undefined {
  const given = args[args.indexOf('--data') + 1];
  return args.includes('--data') && given ? given : undefined;
}

/**
 * What a person reads of a refusal: a ParafError's message (a locked key, an outdated table, a
 * malformed record among them). Undefined for anything else, a fault the command lets through.
 */
export const refusalMessage = (error: unknown): string | undefined => (isParafError(error) ? error.message : undefined);
