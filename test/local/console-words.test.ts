import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { freePort, ParafProcess } from '../support/paraf-process.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/**
 * What the IT officer's console shows is Bahasa Indonesia: the AWS SDK's English notice about its 2027
 * releases needing Node 22 was printed by `npm start` and every `npx paraf` command on Node 20 (a
 * walk of the running app). On Node 22 and later the SDK never prints it, and these pass either way.
 */
describe('the console speaks Bahasa Indonesia', () => {
  it('prints no English notice from the AWS SDK for a CLI command or `npm start`', async () => {
    const dataDir = tempDataDir('paraf-console-');
    dirs.push(dataDir);
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(process.execPath, ['bin/paraf.mjs', ...args, '--data', dataDir], (error, _out, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        ),
      );
    // The first makes the data folder, and says so in its own words; the second has nothing to say.
    const made = await cli('staf', 'buat', 'kepala');
    expect(made.code).toBe(0);
    expect(made.stderr).not.toMatch(/Warning|AWS SDK/);
    expect(await cli('staf', 'daftar')).toEqual({ code: 0, stderr: '' });

    const paraf = new ParafProcess(dataDir, await freePort());
    try {
      expect(await paraf.start()).toEqual({ url: paraf.url });
      // Each store's client is made by then; a page that reads the table besides.
      expect((await fetch(`${paraf.url}/verifikasi`)).status).toBe(200);
    } finally {
      await paraf.stop();
    }
    expect(paraf.output).not.toMatch(/Warning|AWS SDK/);
  });
});
