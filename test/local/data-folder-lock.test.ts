import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '#local/data-folder-lock.ts';
import { removeDir, tempDataDir } from '../../scripts/clerk.ts';
import { ParafProcess, freePort } from '../support/paraf-process.ts';

const dirs: string[] = [];
const folder = () => {
  const dir = tempDataDir('paraf-lock-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach(removeDir));

const startTicks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** A process that runs while the test looks at it. */
async function sleeper() {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}

describe('the data-folder lock', () => {
  it('refuses while its holder runs, naming the PID, and is released by its holder', () => {
    const dir = folder();
    const unlock = lockDataFolder(dir);
    const lock = JSON.parse(readFileSync(join(dir, 'paraf.pid'), 'utf8'));
    expect(lock).toEqual({ pid: process.pid, bootId: bootId(), startTicks: startTicks(process.pid) });
    unlock();
    const again = lockDataFolder(dir);
    again();
  });

  it('is refused for a running holder that is another process', async () => {
    const dir = folder();
    const child = await sleeper();
    try {
      writeFileSync(
        join(dir, 'paraf.pid'),
        JSON.stringify({ pid: child.pid, bootId: bootId(), startTicks: startTicks(child.pid!) }),
      );
      expect(() => lockDataFolder(dir)).toThrow(expect.objectContaining({ code: 'folder-in-use' }));
      expect(() => lockDataFolder(dir)).toThrow(`(PID ${child.pid})`);
      // What to do instead, never "run it on another folder" (that made accounts no Paraf reads).
      const said = (() => {
        try {
          lockDataFolder(dir);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(said).not.toContain('PARAF_DATA');
      expect(said).toContain('Bila itu Paraf yang sedang berjalan, pakai Paraf itu, atau hentikan dahulu');
      expect(said).toContain('Jangan beralih ke folder data lain: data kantor ada di folder ini.');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock whose PID now belongs to another program (other start time, or another boot)', async () => {
    const child = await sleeper();
    try {
      for (const holder of [
        { pid: child.pid, bootId: bootId(), startTicks: String(Number(startTicks(child.pid!)) - 1) },
        { pid: child.pid, bootId: '00000000-0000-0000-0000-000000000000', startTicks: startTicks(child.pid!) },
      ]) {
        const dir = folder();
        writeFileSync(join(dir, 'paraf.pid'), JSON.stringify(holder));
        const unlock = lockDataFolder(dir);
        expect(JSON.parse(readFileSync(join(dir, 'paraf.pid'), 'utf8')).pid).toBe(process.pid);
        unlock();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock held by a zombie (killed with -9, not yet reaped)', async () => {
    // perl forks a child that exits at once and never waits for it. (A shell was used before, but dash
    // may reap its background job before it execs, and then there is no zombie to find.)
    const parent = spawn('perl', ['-e', '$| = 1; my $pid = fork; exit 0 unless $pid; print "$pid\n"; sleep 300'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const zombie = Number(
        await new Promise<string>((resolve) =>
          parent.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
        ),
      );
      // Polled until the kernel shows it exited and unreaped, with a ceiling far above what that takes.
      for (const until = Date.now() + 30_000; !readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z '); ) {
        if (Date.now() > until) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toContain(') Z ');
      const dir = folder();
      writeFileSync(
        join(dir, 'paraf.pid'),
        JSON.stringify({ pid: zombie, bootId: bootId(), startTicks: startTicks(zombie) }),
      );
      const unlock = lockDataFolder(dir);
      unlock();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('takes over a lock of an earlier release (a bare PID) whose process is gone', () => {
    const dir = folder();
    writeFileSync(join(dir, 'paraf.pid'), '4194304');
    lockDataFolder(dir)();
  });

  it('lets npm start stop cleanly with Ctrl+C after its lock file was removed while it ran, and start again', async () => {
    const dir = folder();
    const first = new ParafProcess(dir, await freePort());
    expect(await first.start()).toEqual({ url: first.url });
    const lock = join(dir, 'paraf.pid');
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBeGreaterThan(0);
    rmSync(lock);
    // An answer first: main.ts prints its "Tekan Ctrl+C" line just before it installs its signal handlers.
    expect((await fetch(`${first.url}/cek-status`)).status).toBe(200);
    expect(await first.interrupt()).toEqual({ code: 0, signal: null });
    expect(first.output).not.toMatch(/Error|ENOENT|at .*\.ts:\d+/);
    expect(existsSync(lock)).toBe(false);

    // A lock file now naming someone else is theirs: Ctrl+C leaves it where it is.
    const second = new ParafProcess(dir, await freePort());
    expect(await second.start()).toEqual({ url: second.url });
    const others = JSON.stringify({ pid: 999_999, bootId: bootId(), startTicks: '1' });
    writeFileSync(lock, others);
    // An answer first: main.ts prints its "Tekan Ctrl+C" line just before it installs its signal handlers.
    expect((await fetch(`${second.url}/cek-status`)).status).toBe(200);
    expect(await second.interrupt()).toEqual({ code: 0, signal: null });
    expect(second.output).not.toMatch(/Error|ENOENT|at .*\.ts:\d+/);
    expect(readFileSync(lock, 'utf8')).toBe(others);

    // That holder is gone: the next start takes the folder over, and serves.
    const third = new ParafProcess(dir, await freePort());
    expect(await third.start()).toEqual({ url: third.url });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).not.toBe(999_999);
    expect((await fetch(`${third.url}/cek-status`)).status).toBe(200);
    expect(await third.interrupt()).toEqual({ code: 0, signal: null });
    expect(existsSync(lock)).toBe(false);
  }, 120_000);
});
