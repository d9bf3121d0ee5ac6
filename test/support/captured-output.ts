import { vi } from 'vitest';

/**
 * What this process writes while `act` runs (stdout, stderr, and the console, which a logger may
 * reach directly), chunk by chunk, kept from the terminal; restored after, whatever `act` does.
 */
export async function capturedOutput<T>(act: () => Promise<T>): Promise<{ result: T; written: string[] }> {
  const written: string[] = [];
  const keep = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void keep(args.join(' '))),
    ),
  ];
  try {
    return { result: await act(), written };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
