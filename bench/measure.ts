/** Timing helpers shared by the benchmark sections: medians and percentiles of repeated runs. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
export const ms = (value: number) => `${value.toFixed(value < 100 ? 2 : 0)} ms`;
export const spread = (values: number[]) =>
  `median ${ms(median(values))}   p10 ${ms(percentile(values, 0.1))}   p90 ${ms(percentile(values, 0.9))}`;

export async function timeRuns(runs: number, warmUp: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}
