/**
 * What the benchmark tells its caller while it runs (minutes on two cores): the plan once the sizes are
 * known, then one event per step, so that a CLI can draw a progress bar and a script can print lines.
 */
import type { ReadPage } from "./replay-readings.ts";

/** The phases of a run, in order. An identification-only run has the `identify-*` phases alone. */
export type BenchmarkPhase =
  | "synthesis" // a filled scan (and its blank reference) synthesised per template and seed
  | "warm-up" // one untimed page: worker start and model load are not a page's time
  | "recognition" // every page read by the engine, timed
  | "engine-reference" // the same crops through Debian's tesseract CLI
  | "identify-references" // a blank form rendered per indexed template
  | "identify-index" // the identification index built from them
  | "identify-scans"; // degraded filled scans identified among them

/** Every phase, in the order a full run goes through them. */
export const BENCHMARK_PHASES: readonly BenchmarkPhase[] = ["synthesis", "warm-up", "recognition", "engine-reference", "identify-references", "identify-index", "identify-scans"];

/** One step of a phase. */
export interface BenchmarkProgress {
  readonly phase: BenchmarkPhase;
  /** Items of the phase finished before this event; `done === total` closes the phase. */
  readonly done: number;
  readonly total: number;
  /** The template of the item about to be processed; null when the event closes a phase or is about the whole phase. */
  readonly templateId: string | null;
  /** The resolution of that item's scan, when it has one. */
  readonly dpi: number | null;
}

/** The sizes of a run, known before the first step. */
export interface BenchmarkPlan {
  /** Shipped template ids in the run (all of them unless the options name some). */
  readonly shippedTemplates: readonly string[];
  /** Generated 転出証明書 layouts read (0 in an identification-only run). */
  readonly generatedTemplates: number;
  /** Pages read by the engine (0 in an identification-only run). */
  readonly pages: number;
  /** Scans identified and templates indexed, or null when identification is not measured. */
  readonly identification: { readonly scans: number; readonly generatedTemplates: number } | null;
}

/** Callbacks of {@link runAccuracyBenchmark}; all optional, all called synchronously from the run. */
export interface BenchmarkHooks {
  readonly onPlan?: (plan: BenchmarkPlan) => void;
  readonly onProgress?: (event: BenchmarkProgress) => void;
  /** Each page the engine read, with its readings before post-processing (see `replayReadings`). */
  readonly onPageRead?: (page: ReadPage) => void;
}
