/** The OCR accuracy benchmark (issue 3) as a library: run it, read its typed report, print or save it. */
export { runAccuracyBenchmark } from "./run-accuracy-benchmark.ts";
export { resolveBenchmarkOptions, AccuracyBenchmarkInputSchema, BENCHMARK_DEFAULTS, type AccuracyBenchmarkInput, type AccuracyBenchmarkOptions } from "./benchmark-options.ts";
export { BENCHMARK_PHASES, type BenchmarkHooks, type BenchmarkPhase, type BenchmarkPlan, type BenchmarkProgress } from "./benchmark-progress.ts";
export {
  accuracyRows, benchmarkResultJson, benchmarkTitle, formatBenchmarkTable, identificationNotes, identificationRows, lowestShippedTemplate, perDpiNote, perTemplateNote,
  BENCHMARK_RESULT_SCHEMA, IDENTIFICATION_RESULT_SCHEMA,
  type AccuracyReport, type BenchmarkFailure, type BenchmarkReport, type BenchmarkRow, type EngineReference, type IdentificationReport,
} from "./benchmark-report.ts";
export { benchmarkError, type BenchmarkError, type BenchmarkErrorReason } from "./benchmark.errors.ts";
export { benchIdentification, identificationTemplates, IDENTIFY_SCAN_DPI, type IdentifyBench } from "./identify-bench.ts";
export { synthesizeBenchPages, BENCH_DPIS, type BenchPage, type BenchPages } from "./bench-pages.ts";
export { scorePage, addScores, EMPTY_SCORE, type PageScore, type Mismatch, type FalseAlarm } from "./score-page.ts";
export { replayReadings, type ReadPage, type ReadingsDump, type Replay } from "./replay-readings.ts";
export { percentile, rate, sampleRss } from "./stats.ts";
export { compareWithCli, tesseractCliHasJpn, type CliReference } from "./tesseract-cli.ts";
export { machineInfo, type MachineInfo } from "./machine-info.ts";
