import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { OCR_BENCH_BOOLEAN_FLAGS, OCR_BENCH_STRING_FLAGS } from "./ocr-bench-flags.ts";

/**
 * `madoguchi ocr bench [--quick] [--seed N] [--layouts K] [--identify N] …`: the OCR engine's accuracy
 * benchmark (issue 3) on synthetic degraded scans — exact fields, silent errors, identification top-1,
 * seconds per page — with a progress bar, the result table, and the JSON result in `bench/results/`.
 * A measurement: it exits 0 whatever the figures, 1 only when it cannot run.
 */
export const ocrBenchCommand = defineCommand({
  words: ["ocr", "bench"],
  summary: { ja: "OCR の精度ベンチマークを合成スキャンで測る", en: "run the OCR accuracy benchmark on synthetic scans" },
  positionals: [],
  strings: OCR_BENCH_STRING_FLAGS,
  booleans: OCR_BENCH_BOOLEAN_FLAGS,
  run: (input, context) => lazy(() => import("./ocr-bench-run.ts")).andThen((m) => m.runOcrBench(input, context)),
});
