/** Small statistics for the OCR benchmark. */

/** Nearest-rank percentile (`p` in 0..100) of `values`, so each figure is one that really happened; NaN when empty. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
};

/** `part / whole`, or NaN when `whole` is 0 (a rate of nothing is not 0 % nor 100 %). */
export const rate = (part: number, whole: number): number => (whole === 0 ? Number.NaN : part / whole);

/** Samples `process.memoryUsage().rss` until stopped; returns the peak in MiB. */
export const sampleRss = (everyMs = 100): { readonly stop: () => number } => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 2 ** 20);
    },
  };
};
