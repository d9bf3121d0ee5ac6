import { sweepUploads } from '#cases/sweep-uploads.ts';
import type { Runtime } from '#runtime/runtime.ts';

/** An hour: an upload no case took stays at most a day and an hour, as S3's lifecycle rule is not exact either. */
const SWEEP_EVERY_MS = 3_600_000;

export interface UploadSweep {
  /** One sweep at `now()`; answers what it removed, or undefined when the bucket could not be read (tried again next hour). */
  tick(): Promise<{ uploads: number; claims: number } | undefined>;
  /** Stops the timer and waits for a sweep in flight. */
  close(): Promise<void>;
}

/**
 * The local runtime's stand-in for the uploads bucket's lifecycle rule on AWS: sweeps at start, then
 * each hour (cases/sweep-uploads.ts). The clock is given, so a test moves it a day on.
 */
export function sweepUploadsEachHour(
  rt: Runtime,
  now: () => Date = () => new Date(),
  log: (message: string, detail?: unknown) => void = console.error,
): UploadSweep {
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const run = sweepUploads(rt, now());
    running = run.catch(() => undefined);
    try {
      return await run;
    } catch (error) {
      log('uploads sweep failed; tried again in an hour', error);
      return undefined;
    }
  };
  const timer = setInterval(() => void tick(), SWEEP_EVERY_MS);
  timer.unref();
  const first = tick();
  return {
    tick,
    close: async () => {
      clearInterval(timer);
      await first;
      await running;
    },
  };
}
