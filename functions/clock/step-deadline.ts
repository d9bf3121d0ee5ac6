import type { Step } from '#sop/schema.ts';

/**
 * How long a step may wait before its official is reminded. The step's own standard: its longest
 * minutes where it has them, else the end of its last day (H+n). Issue 8 replaces this with the
 * working-day clock (service hours, Friday's short day, holidays); the waiting is at least a minute.
 */
export function stepWaitSeconds(step: Step | undefined, purpose: 'step' | 'applicant-correction'): number {
  if (purpose === 'applicant-correction') return 14 * 86_400;
  const time = step?.time;
  if (time?.dayTo !== undefined) return Math.max(60, (time.dayTo + 1) * 86_400);
  if (time?.maxMinutes !== undefined) return Math.max(60, Math.round(time.maxMinutes * 60));
  return 86_400;
}
