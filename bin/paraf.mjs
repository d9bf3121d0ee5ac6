#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader lets `npx paraf` run it without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../functions/cli/main.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
