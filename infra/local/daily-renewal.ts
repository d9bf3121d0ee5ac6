import { witaDateTime } from '#clock/wita.ts';
import { isParafError } from '#errors/paraf-error.ts';
import type { RenewalResult } from '#cases/renew-timestamps.ts';

/** How often the running Paraf looks whether today's renewal ran: a machine asleep at midnight still runs it on waking. */
const LOOK_EVERY_MS = 3_600_000;

export interface DailyRenewal {
  /** Runs the renewal when it has not run on this WITA day yet; answers what it did, or undefined when it had. */
  tick(): Promise<{ before: string; results: RenewalResult[] } | undefined>;
  /** Stops the timer and waits for a run in flight. */
  close(): Promise<void>;
}

/**
 * The local runtime's daily renewal of the archive's document timestamps, what the monthly
 * EventBridge rule does on AWS (handlers/renew-timestamps.ts): so an office on one machine never
 * forgets `paraf archive renew`. The first look is an hour after the start, then each hour; the
 * renewal runs once per WITA day of `now()`. A run that could not list the documents is tried again at the next look.
 */
export function renewEachDay(
  renew: (now: Date) => Promise<{ before: string; results: RenewalResult[] }>,
  now: () => Date = () => new Date(),
  log: (message: string, detail?: unknown) => void = console.error,
): DailyRenewal {
  let lastDay: string | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const at = now();
    const day = witaDateTime(at).date;
    if (day === lastDay) return undefined;
    lastDay = day;
    const run = renew(at);
    running = run.catch(() => undefined);
    try {
      const done = await run;
      for (const result of done.results)
        if (result.outcome === 'failed' || result.stillBefore)
          log(`timestamp renewal (before ${done.before}): ${result.documentId} ${result.outcome}`, result);
      return done;
    } catch (error) {
      // The TSA's certificate would not outlast the margin: nothing was written, and an hour changes
      // nothing (a start replaces the local TSA's certificate), so it is said once a day.
      if (isParafError(error) && error.code === 'tsa-certificate-ending') {
        log(`timestamp renewal refused: ${error.message}`, error);
        return undefined;
      }
      // Nothing was listed (the records unreachable): looked at again in an hour.
      lastDay = undefined;
      log('timestamp renewal failed; tried again in an hour', error);
      return undefined;
    }
  };
  const timer = setInterval(() => void tick(), LOOK_EVERY_MS);
  timer.unref();
  return {
    tick,
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
