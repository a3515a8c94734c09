/**
 * Options of the accuracy benchmark, validated at its boundary (a CLI, a script or an embedder may call
 * it), and the defaults of its two sizes: `full` is issue 3's measurement, `quick` a look in about a
 * minute and a half on two cores.
 */
import { Schema, Result as EffectResult, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import { benchmarkError, type BenchmarkError } from "./benchmark.errors.ts";

const int = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }));

/** What a caller may set; everything is optional (see {@link resolveBenchmarkOptions} for the defaults). */
export const AccuracyBenchmarkInputSchema = Schema.Struct({
  /** `full` (default) or `quick`: the defaults of the sizes below. */
  mode: Schema.optional(Schema.Literals(["full", "quick"])),
  /** Generated 転出証明書 layouts read besides the shipped templates (full 15, quick 5). */
  layouts: Schema.optional(int(0, 500)),
  /** Synthetic pages per template (default 1). */
  seeds: Schema.optional(int(1, 50)),
  /** Seed of the layouts, the fake values and the degradation (default 1): the same seed gives the same pages. */
  seed: Schema.optional(int(0, 2 ** 31 - 1)),
  /** Recogniser workers of the engine (default 2). */
  workers: Schema.optional(int(1, 16)),
  /** Scans identified (full 100, quick 10; 0 skips identification). */
  identify: Schema.optional(int(0, 5000)),
  /** Generated layouts indexed for identification besides the shipped templates (full 500, quick 50). */
  identifyLayouts: Schema.optional(int(0, 5000)),
  /** Identification alone, no OCR (default false). */
  identifyOnly: Schema.optional(Schema.Boolean),
  /** Only these shipped templates (ids); default all of them. */
  shippedTemplates: Schema.optional(Schema.Array(Schema.String.check(Schema.isMinLength(1))).check(Schema.isMinLength(1))),
  /** The day the date checks compare with, `YYYY-MM-DD`; default today (UTC). */
  today: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/))),
  /** Time the same crops with Debian's `tesseract` CLI when it is installed (default true). */
  engineReference: Schema.optional(Schema.Boolean),
});

/** What a caller may set. */
export type AccuracyBenchmarkInput = typeof AccuracyBenchmarkInputSchema.Type;

/** The options a run used, every one resolved. */
export interface AccuracyBenchmarkOptions {
  readonly mode: "full" | "quick";
  readonly layouts: number;
  readonly seeds: number;
  readonly seed: number;
  readonly workers: number;
  readonly identify: number;
  readonly identifyLayouts: number;
  readonly identifyOnly: boolean;
  /** null: every shipped template. */
  readonly shippedTemplates: readonly string[] | null;
  readonly today: string;
  readonly engineReference: boolean;
}

/** The sizes of each mode. */
export const BENCHMARK_DEFAULTS = {
  full: { layouts: 15, seeds: 1, seed: 1, workers: 2, identify: 100, identifyLayouts: 500 },
  quick: { layouts: 5, seeds: 1, seed: 1, workers: 2, identify: 10, identifyLayouts: 50 },
} as const;

const decode = Schema.decodeUnknownResult(AccuracyBenchmarkInputSchema);
const toStandard = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Validates `input` and fills in the defaults of its mode. `now` gives the default `today`. Errors:
 * `invalid_options` listing every wrong option with its path.
 */
export const resolveBenchmarkOptions = (input: unknown, now: () => Date = () => new Date()): Result<AccuracyBenchmarkOptions, BenchmarkError> => {
  const decoded = decode(input, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isFailure(decoded)) {
    const issues = toStandard(decoded.failure.issue).issues.map((i) => `${(i.path ?? []).map((p) => String(typeof p === "object" && p !== null ? p.key : p)).join(".") || "options"}: ${i.message}`);
    return err(benchmarkError("invalid_options", `benchmark options: ${issues.join("; ")}`));
  }
  const o = decoded.success;
  const mode = o.mode ?? "full";
  const d = BENCHMARK_DEFAULTS[mode];
  return ok({
    mode,
    layouts: o.layouts ?? d.layouts,
    seeds: o.seeds ?? d.seeds,
    seed: o.seed ?? d.seed,
    workers: o.workers ?? d.workers,
    identify: o.identify ?? d.identify,
    identifyLayouts: o.identifyLayouts ?? d.identifyLayouts,
    identifyOnly: o.identifyOnly ?? false,
    shippedTemplates: o.shippedTemplates ?? null,
    today: o.today ?? now().toISOString().slice(0, 10),
    engineReference: o.engineReference ?? true,
  });
};
