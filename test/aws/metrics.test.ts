import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The EMF lines an invocation's end wrote to standard output. */
async function emfLines(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  await run();
  vi.restoreAllMocks();
  return written
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("an invocation's metrics on Lambda", () => {
  it('are one EMF line in the namespace Paraf when the invocation ends, and none when it counted nothing', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ParafWorkflows-closeCase');
    vi.resetModules();
    const { count, flushMetrics } = await import('#runtime/observability.ts');
    const first = await emfLines(async () => {
      count('CasesClosed');
      count('Signatures', 2);
      count('NumbersIssued', 0);
      await flushMetrics();
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ CasesClosed: 1, Signatures: 2, service: 'paraf' });
    expect(first[0]).not.toHaveProperty('NumbersIssued');
    expect(JSON.stringify(first[0])).toContain('"Namespace":"Paraf"');
    // The next invocation starts from nothing: what was published is not published again.
    expect(await emfLines(() => flushMetrics())).toEqual([]);
    const third = await emfLines(async () => {
      count('CasesOpened');
      await flushMetrics();
    });
    expect(third).toHaveLength(1);
    expect(third[0]).toMatchObject({ CasesOpened: 1 });
    expect(third[0]).not.toHaveProperty('CasesClosed');
  });
});
