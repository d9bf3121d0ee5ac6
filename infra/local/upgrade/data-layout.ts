import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The layout of the data folder this release writes (upgrade-data-folder.ts brings older ones to it). */
export const DATA_LAYOUT = 2;
/** Where a folder records its layout: written by whoever first opens it. */
export const LAYOUT_FILE = 'susunan-data.json';
/** The journal of an upgrade under way (upgrade-data-folder.ts). */
export const UPGRADE_JOURNAL = 'pemutakhiran.json';

/** The layout a folder is at: none for a new (empty) folder, 1 for one made before layouts were recorded. */
export function layoutOf(dataDir: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(dataDir, LAYOUT_FILE), 'utf8')) as { versi: number }).versi;
  } catch {
    return existsSync(join(dataDir, 'dynamodb')) ? 1 : undefined;
  }
}

/**
 * Whether a folder is a Paraf data folder: one that records its layout, an earlier release's with its
 * table, or one in the middle of an upgrade. Kept apart from the upgrade (and its SDK client) for the CLI, which asks at every command.
 */
export function isDataFolder(dataDir: string): boolean {
  return (
    statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === true &&
    // An upgrade's journal marks a folder a kill caught between the table swap's two renames.
    ['dynamodb', LAYOUT_FILE, UPGRADE_JOURNAL].some((name) => existsSync(join(dataDir, name)))
  );
}
