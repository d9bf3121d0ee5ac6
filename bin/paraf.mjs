#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader lets `npx paraf` run it without a build step.
import { register } from 'tsx/esm/api';

register();
// Read by a pager or `head` that stops early (`npx paraf sop api-u | head`): the rest of the output
// goes nowhere instead of ending in Node's EPIPE stack trace, and the command still finishes its work
// and sets its exit code (`paraf doctor | head` keeps doctor's 1 for a problem found).
let readerGone = false;
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  readerGone = true;
});
const { runCli } = await import('../functions/cli/main.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  (text) => readerGone || process.stdout.write(text),
  (text) => process.stderr.write(text),
);
