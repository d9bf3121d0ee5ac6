import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where the kernel starts handing out ports for port 0 and for outgoing connections. */
function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32_768;
  }
}

const LOWEST_PORT = 10_000;
/** Ports this test process handed out (other test files run in processes of their own). */
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below the ephemeral range, for a process a test starts and restarts on the same port.
 * One taken from the ephemeral range (listen on port 0) was free when chosen, but the suite's servers on
 * port 0 and its thousands of loopback connections draw from that same range, and one took it before
 * `npm start` bound it (CI, 2026-12-07). Below the range, only a test (this or another file's, in its
 * own process) choosing the same one of some 22,000 ports at the same moment could take it.
 */
export async function freePort(): Promise<number> {
  const highest = ephemeralRangeStart() - 1;
  if (highest - LOWEST_PORT < 1000)
    throw new Error(`the ephemeral port range starts at ${highest + 1}: too few ports below it for the tests`);
  for (let tries = 0; tries < 200; tries += 1) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT + 1));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${LOWEST_PORT} and ${highest} after 200 tries`);
}

/** `npm start` as its own process (the same command line, without npm in between), so a test can kill -9 it. */
export class ParafProcess {
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
    /** The checkout it runs from (a copy whose catalog a test edits); this repository by default. */
    readonly root: string = repositoryRoot,
    /** More of the environment (PARAF_CALENDAR ...). */
    readonly env: Readonly<Record<string, string>> = {},
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts and waits for the "running" line; rejects with the output if the process exits first. */
  start(): Promise<{ code: number | null; output: string } | { url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      cwd: this.root,
      env: { ...process.env, ...this.env, PARAF_DATA: this.dataDir, PORT: String(this.port), PARAF_PUBLIC_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    return new Promise((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        this.output += chunk.toString();
        if (output.includes('Tekan Ctrl+C')) resolve({ url: this.url });
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => resolve({ code, output }));
    });
  }

  /** kill -9: no cleanup, no lock removed, whatever was being written is cut off. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** Ctrl+C: the runtime stops its stand-ins and lets go of the data folder. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** Ctrl+C in the terminal (SIGINT), and how the process ended. */
  async interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) throw new Error('not started');
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    return { code: child.exitCode, signal: child.signalCode };
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
