import { join } from 'node:path';
import { readResourceRoot } from './read-config.ts';

/**
 * Where the files the code reads at run time live (templates, fonts, config/*.json): the repository
 * when it runs from source, the function's own root on Lambda, where the bundle carries them.
 */
const ROOT = readResourceRoot();

export const resourcePath = (...parts: string[]): string => join(ROOT, ...parts);
