import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The layout of the data folder this release writes (upgrade-data-folder.ts brings older ones to it). */
export const DATA_LAYOUT = 2;
/** Where a folder records its layout: written by whoever first opens it. */
export const LAYOUT_FILE = 'susunan-data.json';

/**
 * Whether a folder is a Paraf data folder: one that records its layout, or an earlier release's with
 * its table. Kept apart from the upgrade (and its SDK client) for the CLI, which asks at every command.
 */
export function isDataFolder(dataDir: string): boolean {
  return (
    statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === true &&
    (existsSync(join(dataDir, LAYOUT_FILE)) || existsSync(join(dataDir, 'dynamodb')))
  );
}
