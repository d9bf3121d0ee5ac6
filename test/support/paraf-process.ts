import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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
