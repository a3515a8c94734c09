import type { Logger } from "pino";

/** A background job the server runs on a timer and tests run at once. */
export interface PeriodicJob<T> {
  /** Runs now; a call while a run is under way shares that run (no two runs overlap). */
  runOnce(): Promise<T>;
  /** Runs every `intervalMs` until the returned stop function is called, which waits for a run under way. */
  start(intervalMs: number): () => Promise<void>;
}

/**
 * Wraps one run of a background job (outbox relay, payment sweep, staff reminders): runs never overlap, and a run
 * that throws on the timer is logged as `<event>` (the error's name only, never its message, which may hold data)
 * instead of becoming an unhandled rejection that would stop the process.
 */
export const periodicJob = <T>(run: () => Promise<T>, logger: Logger, event: string): PeriodicJob<T> => {
  let running: Promise<T> | null = null;
  const runOnce = (): Promise<T> => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    runOnce,
    start(intervalMs) {
      const timer = setInterval(() => void runOnce().catch((e: unknown) => logger.error({ event, err: e instanceof Error ? e.name : "unknown" }, "background job failed")), intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
};
