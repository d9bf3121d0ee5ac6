import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the files the code reads at run time live (templates, fonts, config/*.json): the repository
 * when it runs from source, the function's own root on Lambda, where the bundle carries them.
 */
const ROOT = process.env.LAMBDA_TASK_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));

export const resourcePath = (...parts: string[]): string => join(ROOT, ...parts);
