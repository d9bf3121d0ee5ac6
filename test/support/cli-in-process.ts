import { runCli } from '#cli/main.ts';

/** `npx paraf <args>` run in this process (runCli), with what it wrote to stdout and to stderr. */
export async function cliInProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    (text) => {
      out += text;
    },
    (text) => {
      err += text;
    },
  );
  return { code, out, err };
}
