/** When one request was in flight, in `performance.now()` milliseconds. */
export interface InFlight {
  readonly from: number;
  readonly to: number;
}

/**
 * The largest number of requests in flight at the same moment. A peak phase reports it because
 * "200 at once" is only true if the requests really overlapped: a serial step upstream (the one test
 * card signs for everybody) spreads them out.
 */
export const maxInFlight = (windows: readonly InFlight[]): number => {
  // An end sorts before a start at the same instant: touching windows do not overlap.
  const events = windows.flatMap((w) => [{ at: w.from, delta: 1 }, { at: w.to, delta: -1 }]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const e of events) {
    current += e.delta;
    max = Math.max(max, current);
  }
  return max;
};
