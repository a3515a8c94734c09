/**
 * Percentiles of a set of latencies, by the nearest-rank method: every reported value is a latency
 * that really happened (no interpolation between two requests), which is what an operator compares
 * with the 3-second target of N1.
 */
export interface LatencySummary {
  readonly n: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The value at percentile `p` (0 < p ≤ 100) of an ascending, non-empty list. */
export const nearestRank = (ascending: readonly number[], p: number): number => {
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length));
  const value = ascending[Math.min(rank, ascending.length) - 1];
  if (value === undefined) throw new Error("nearestRank needs a non-empty list");
  return value;
};

/** Summarises latencies in milliseconds; `null` when nothing was measured. */
export const summarizeLatencies = (samples: readonly number[]): LatencySummary | null => {
  if (samples.length === 0) return null;
  const ascending = [...samples].sort((a, b) => a - b);
  const sum = ascending.reduce((s, x) => s + x, 0);
  return {
    n: ascending.length,
    min: nearestRank(ascending, 0),
    mean: sum / ascending.length,
    p50: nearestRank(ascending, 50),
    p95: nearestRank(ascending, 95),
    p99: nearestRank(ascending, 99),
    max: nearestRank(ascending, 100),
  };
};
