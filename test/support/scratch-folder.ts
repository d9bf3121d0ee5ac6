import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A folder in the system's temporary folder for the files a test file hands to tools (openssl,
 * pdfsig, the CLI) and reads back, removed once its tests have run.
 */
export function scratchFolder(prefix: string): { dir: string; file(name: string, bytes: Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    /** `bytes` written to `name` in the folder; its path. */
    file(name: string, bytes: Uint8Array): string {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}
