#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader lets `npx paraf` run it without a build step.
import { register } from 'tsx/esm/api';

register();
// Read by a pager or `head` that stops early (`npx paraf sop api-u | head`): the reader has what it
// wanted, so the CLI ends quietly instead of with Node's EPIPE stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
const { runCli } = await import('../functions/cli/main.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
