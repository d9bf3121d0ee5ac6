/**
 * Runs `work` once, when a test first needs it: each test awaits the parts of its file's story it
 * checks, so the tests pass in any order and alone.
 */
export function once<T>(work: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= work());
}
