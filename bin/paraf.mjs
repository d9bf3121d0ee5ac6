#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader lets `npx paraf` run it without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../functions/cli/main.ts');
