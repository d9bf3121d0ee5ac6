import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Prints the plain "N passed, N failed" closing line that CI reads, after vitest's own summary; in a
 * shuffled run (`npm test`) it names the seed, so a failure that depends on the order can be run again
 * in the same order.
 */
export default class SummaryReporter implements Reporter {
  private seed: number | undefined;
  /** The option that replays the order: tests within files shuffled as well, or files only. */
  private replay = '--sequence.shuffle.files';

  onInit(vitest: Vitest): void {
    // `shuffle` is true, or { files, tests } when set per kind.
    // Files shuffled show as the random sequencer; tests within files as `shuffle` (vitest resolves the two apart).
    const { shuffle, seed, sequencer } = vitest.config.sequence as {
      shuffle?: boolean | { files?: boolean; tests?: boolean };
      seed: number;
      sequencer?: { name?: string };
    };
    const shuffled =
      sequencer?.name === 'RandomSequencer' || (typeof shuffle === 'object' ? shuffle.files || shuffle.tests : shuffle);
    this.seed = shuffled ? seed : undefined;
    if (shuffle === true || (typeof shuffle === 'object' && shuffle.tests)) this.replay = '--sequence.shuffle';
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    if (this.seed !== undefined)
      console.log(
        `Shuffled with seed ${this.seed}; the same order again: npx vitest run ${this.replay} --sequence.seed=${this.seed}`,
      );
  }
}
