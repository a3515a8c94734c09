/**
 * Why the accuracy benchmark could not run, as a value. A benchmark reports what it measured whatever the
 * figures: a target missed is a result, not an error; an error means there is nothing to report.
 */

/** Why the benchmark could not run. Closed. */
export type BenchmarkErrorReason =
  | "invalid_options" // an option is out of range, or names a template that is not shipped
  | "templates_invalid" // the shipped templates do not load
  | "synthesis_failed" // a synthetic page or blank form could not be rendered (a font missing …)
  | "engine_failed" // the OCR engine or its recogniser did not start
  | "index_failed"; // the identification index could not be built

/** A failure of {@link runAccuracyBenchmark}. Messages name templates and options, never a read value. */
export interface BenchmarkError {
  readonly _tag: "BenchmarkError";
  readonly reason: BenchmarkErrorReason;
  readonly retryable: false;
  readonly message: string;
  readonly cause?: unknown;
}

/** Builds a {@link BenchmarkError}. */
export const benchmarkError = (reason: BenchmarkErrorReason, message: string, cause?: unknown): BenchmarkError => ({
  _tag: "BenchmarkError",
  reason,
  retryable: false,
  message,
  ...(cause === undefined ? {} : { cause }),
});
