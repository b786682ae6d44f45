// Work over a list with a bounded number of calls in flight: faster than one at a time, and never a burst
// that an open API's rate limit (or the function's memory) would punish.

/** Runs `work` on every item, at most `limit` at once; resolves when all are done, rejects on the first failure. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
