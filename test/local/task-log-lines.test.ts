import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { machineHandler } from '#handlers/machine-handler.ts';
import { capturedOutput } from '../support/captured-output.ts';

describe("a machine task's log lines on the local runtime", () => {
  it('name its own case while another case runs on the same thread (the worker pool runs several at once)', async () => {
    const { written } = await capturedOutput(async () => {
      let letCaseAGoOn = () => {};
      const caseAGoesOn = new Promise<void>((resolve) => {
        letCaseAGoOn = resolve;
      });
      const task = machineHandler('uji-baris-log', z.object({ caseId: z.string() }), async ({ caseId }) => {
        // Case A is still at work when case B's task begins and ends.
        if (caseId === 'kasus-a') await caseAGoesOn;
        throw new Error(`gagal pada ${caseId}`);
      });
      const first = task({ caseId: 'kasus-a', sop: 'SOP-UJI', step: 3 }).catch(() => undefined);
      await task({ caseId: 'kasus-b', sop: 'SOP-UJI', step: 4 }).catch(() => undefined);
      letCaseAGoOn();
      await first;
    });
    const failures = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('uji-baris-log: failed'))
      .map((line) => JSON.parse(line) as { caseId?: string; step?: number; error?: { message?: string } });
    expect(failures).toHaveLength(2);
    for (const line of failures) {
      const failedCase = /gagal pada (\S+)/.exec(line.error?.message ?? '')?.[1];
      expect(line.caseId, JSON.stringify(line)).toBe(failedCase);
      expect(line.step).toBe(failedCase === 'kasus-a' ? 3 : 4);
    }
  });
});
