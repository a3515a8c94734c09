import { parseArgs } from "node:util";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";

/** How big a run is. */
export interface BenchOptions {
  readonly mode: "full" | "quick";
  /** Sequential requests per kind in phase 1 (procedures, prepare, submit). */
  readonly requests: number;
  /** Residents submitting at once in phase 2 (N1: 200). */
  readonly residents: number;
  /** Sequential staff list requests in phase 3. */
  readonly staffRequests: number;
  /** Untimed complete flows and reads before phase 1, so that JIT compilation and lazy loading are not measured. */
  readonly warmup: number;
}

/** The command line could not be understood; the message names the option, and the usage follows. */
export interface BenchOptionsError {
  readonly _tag: "BenchOptionsError";
  readonly message: string;
}

/** Sizes of a full run (N1's 200 residents) and of `--quick`. */
export const DEFAULTS = {
  full: { requests: 200, residents: 200, staffRequests: 100, warmup: 20 },
  quick: { requests: 30, residents: 50, staffRequests: 20, warmup: 5 },
} as const satisfies Record<BenchOptions["mode"], Omit<BenchOptions, "mode">>;

/** `npm run bench -- --help`. */
export const USAGE = [
  "usage: npm run bench [-- [--quick] [--requests N] [--residents N] [--staff-requests N]]",
  `  --quick             a smaller run (${DEFAULTS.quick.requests} requests, ${DEFAULTS.quick.residents} residents at once)`,
  `  --requests N        sequential requests per kind in phase 1 (default ${DEFAULTS.full.requests})`,
  `  --residents N       residents submitting at once in phase 2 (default ${DEFAULTS.full.residents}, requirement N1)`,
  `  --staff-requests N  sequential staff list requests in phase 3 (default ${DEFAULTS.full.staffRequests})`,
].join("\n");

const Count = Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 2000 })));

const ArgsSchema = Schema.Struct({
  quick: Schema.optional(Schema.Boolean),
  help: Schema.optional(Schema.Boolean),
  requests: Schema.optional(Count),
  residents: Schema.optional(Count),
  "staff-requests": Schema.optional(Count),
});

const optionsError = (message: string): BenchOptionsError => ({ _tag: "BenchOptionsError", message });

/**
 * Reads the command line. `null` means `--help` was asked for. Unknown options are an error rather
 * than ignored: a mistyped `--residents` must not silently run the default.
 */
export const parseBenchOptions = (argv: readonly string[]): Result<BenchOptions | null, BenchOptionsError> => {
  let values: unknown;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        requests: { type: "string" },
        residents: { type: "string" },
        "staff-requests": { type: "string" },
      },
    }).values;
  } catch (e) {
    return err(optionsError(e instanceof Error ? e.message : "invalid command line"));
  }
  const decoded = Schema.decodeUnknownResult(ArgsSchema)(values, { errors: "all" });
  if (EffectResult.isFailure(decoded)) {
    return err(optionsError(`invalid option (counts are whole numbers from 1 to 2000): ${String(decoded.failure)}`));
  }
  const a = decoded.success;
  if (a.help === true) return ok(null);
  const mode = a.quick === true ? "quick" : "full";
  const d = DEFAULTS[mode];
  return ok({
    mode,
    requests: a.requests ?? d.requests,
    residents: a.residents ?? d.residents,
    staffRequests: a["staff-requests"] ?? d.staffRequests,
    warmup: d.warmup,
  });
};
