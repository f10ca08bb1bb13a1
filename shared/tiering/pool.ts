// A pool of at most `concurrency` tasks at once over a list (the month close's and the what-if's pages).

/** Runs `task` over `items` with at most `concurrency` at once. */
export const inPool = async <T>(items: T[], concurrency: number, task: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
};
