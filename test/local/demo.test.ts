import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParafProcess } from '../support/paraf-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run demo', () => {
  it('runs one case of each licensing SOP to its archived, numbered copies and prints where they are', async () => {
    // Run without blocking the test's thread, so the timeout can stop it, and show what it printed if it fails.
    const { output, errors } = await new Promise<{ output: string; errors: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts'],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, PARAF_PUBLIC_URL: '' },
          timeout: 600_000,
          maxBuffer: 64 << 20,
        },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${error.message}\n${stdout.slice(-20_000)}\n${stderr.slice(-20_000)}`))
            : resolve({ output: stdout, errors: stderr }),
      );
    });
    const dataDir = /Folder data demo: (\S+)/.exec(output)?.[1];
    try {
      expect(output.match(/nomor registrasi 503\/\d{3}\//g), errors.slice(-20_000)).toHaveLength(4); // API-U, IMTA (no cover letter: its seed names none), EO and its cover letter
      for (const id of ['SOP-LP2N-PPK-01', 'SOP-LP2N-TKT-02', 'SOP-LP2N-PAR-05']) expect(output).toContain(`${id} (`);
      const copies = [...output.matchAll(/rangkap \d: (\S+)/g)].map((m) => m[1]!);
      // Three copies each of API-U, IMTA and the EO recommendation; EO's cover letter (copies: 1) is one sheet.
      expect(copies).toHaveLength(10);
      for (const file of copies) expect(existsSync(file), file).toBe(true);

      // The printed addresses are dead once the demo ends; the last line says how to open them again.
      const reopen = /\n {2}PARAF_DATA=(\S+) PORT=(\d+) npm start\n/.exec(output);
      expect(reopen?.[1]).toBe(dataDir);
      const verification = /verifikasi: (http:\/\/127\.0\.0\.1:(\d+)\/verifikasi\/\S+)/.exec(output);
      expect(verification?.[2]).toBe(reopen?.[2]);
      const again = new ParafProcess(dataDir!, Number(reopen?.[2]));
      try {
        expect(await again.start()).toEqual({ url: again.url });
        const answer = await fetch(verification![1]!);
        expect(answer.status).toBe(200);
        expect(await answer.text()).toContain('SAH dan berlaku');
      } finally {
        await again.stop();
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 620_000);
});
