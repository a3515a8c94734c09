/**
 * `node scripts/bench-ocr.ts [--quick] [--layouts K] [--seeds S] [--seed N] [--workers W] [--identify N]
 * [--identify-layouts L] [--identify-only] [--dump-readings FILE]`: the OCR engine's accuracy and speed on synthetic degraded scans of every
 * shipped template and K generated 転出証明書 layouts, and template identification of N scans among
 * the shipped templates and L generated layouts, against issue 3's targets. It reports; it never fails on a target (exit 0), only
 * when it cannot run. See bench/README.md ("OCR engine"). The benchmark itself is `runAccuracyBenchmark` of
 * `@madoguchi/ocr-engine` (also `madoguchi ocr bench`); this script is its command line for `npm run bench`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchmarkResultJson, formatBenchmarkTable, runAccuracyBenchmark, type BenchmarkPlan, type BenchmarkProgress, type ReadPage } from "@madoguchi/ocr-engine";
import { machineInfo } from "@madoguchi/ocr-engine";

const RESULTS_DIR = fileURLToPath(new URL("../bench/results", import.meta.url));

const begun = performance.now();
const progress = (text: string) => process.stderr.write(`bench-ocr [${((performance.now() - begun) / 1000).toFixed(1)} s]: ${text}\n`);

const USAGE = `usage: node scripts/bench-ocr.ts [--quick] [--layouts K] [--seeds S] [--seed N] [--workers W] [--identify N] [--identify-layouts L] [--identify-only] [--dump-readings FILE]
  default: 15 generated layouts, 1 seed per template, seed 1, 2 workers; identification of 100 scans among
  the shipped templates + 500 generated layouts; --quick: 5 layouts, 1 seed, 10 scans among 50 layouts;
  --identify 0 skips identification; --identify-only runs identification alone (no OCR);
  --dump-readings FILE writes every page's readings (before post-processing) as JSON, for scripts/replay-ocr.ts`;

interface Options {
  readonly mode: "full" | "quick";
  readonly layouts: number;
  readonly seeds: number;
  readonly seed: number;
  readonly workers: number;
  /** Scans identified, and generated layouts indexed besides the shipped templates. */
  readonly identify: number;
  readonly identifyLayouts: number;
  /** Only the identification benchmark (no OCR). */
  readonly identifyOnly: boolean;
  /** Where to write the pages' readings, or null. */
  readonly dumpReadings: string | null;
  readonly ignored: readonly string[];
}

const parseOptions = (argv: readonly string[]): Options | string | null => {
  // Not strict: `npm run bench -- …` hands the N1 bench's options (--residents …) to this script too.
  const { values, tokens } = parseArgs({
    args: [...argv],
    strict: false,
    tokens: true,
    options: { quick: { type: "boolean" }, help: { type: "boolean" }, layouts: { type: "string" }, seeds: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, identify: { type: "string" }, "identify-layouts": { type: "string" }, "identify-only": { type: "boolean" }, "dump-readings": { type: "string" } },
  });
  if (values["help"] === true) return null;
  const known = new Set(["quick", "help", "layouts", "seeds", "seed", "workers", "identify", "identify-layouts", "identify-only", "dump-readings"]);
  const ignored = tokens.filter((t) => t.kind === "option" && !known.has(t.name)).map((t) => (t.kind === "option" ? t.rawName : ""));
  const mode = values["quick"] === true ? "quick" : "full";
  const int = (name: string, fallback: number, min: number, max: number): number | string => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    return typeof raw === "string" && Number.isInteger(n) && n >= min && n <= max ? n : `--${name} must be an integer from ${min} to ${max}`;
  };
  const layouts = int("layouts", mode === "quick" ? 5 : 15, 0, 500);
  const seeds = int("seeds", 1, 1, 50);
  const seed = int("seed", 1, 0, 2 ** 31 - 1);
  const workers = int("workers", 2, 1, 16);
  const identify = int("identify", mode === "quick" ? 10 : 100, 0, 5000);
  const identifyLayouts = int("identify-layouts", mode === "quick" ? 50 : 500, 0, 5000);
  for (const v of [layouts, seeds, seed, workers, identify, identifyLayouts]) if (typeof v === "string") return v;
  return {
    mode, layouts: layouts as number, seeds: seeds as number, seed: seed as number, workers: workers as number,
    identify: identify as number, identifyLayouts: identifyLayouts as number, identifyOnly: values["identify-only"] === true,
    dumpReadings: typeof values["dump-readings"] === "string" ? values["dump-readings"] : null, ignored,
  };
};

/** The progress lines this script has always printed: a line every few steps, not one per step. */
const onPlan = (options: Options) => (plan: BenchmarkPlan) => {
  if (!options.identifyOnly) progress(`synthesising ${plan.shippedTemplates.length} shipped + ${plan.generatedTemplates} generated templates × ${options.seeds} seeds (seed ${options.seed})`);
};
const onProgress = (e: BenchmarkProgress) => {
  if (e.done === e.total) return;
  switch (e.phase) {
    case "synthesis":
      if (e.done % 5 === 0) progress(`synthesising template ${e.done + 1}/${e.total} (${e.templateId}, ${e.dpi} dpi)`);
      return;
    case "recognition":
      if (e.done % 5 === 0) progress(`page ${e.done + 1}/${e.total} (${e.templateId}, ${e.dpi} dpi)`);
      return;
    case "engine-reference":
      progress("engine-speed reference: tesseract CLI");
      return;
    case "identify-references":
      if (e.done % 50 === 0) progress(`identification: rendering reference ${e.done + 1}/${e.total}`);
      return;
    case "identify-index":
      if (e.done === 0) progress(`identification: indexing ${e.total} references`);
      return;
    case "identify-scans":
      if (e.done % 10 === 0) progress(`identification: scan ${e.done + 1}/${e.total} (${e.templateId})`);
      return;
    case "warm-up":
      return;
  }
};

const main = async (): Promise<number> => {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof options === "string") {
    process.stderr.write(`${options}\n${USAGE}\n`);
    return 2;
  }
  if (options.ignored.length > 0) progress(`ignoring options of the N1 bench: ${options.ignored.join(" ")}`);
  const machine = machineInfo();
  const { mode, layouts, seeds, seed, workers, identify, identifyLayouts, identifyOnly } = options;
  const read: ReadPage[] = [];
  const onPageRead = options.dumpReadings === null ? undefined : (page: ReadPage) => read.push(page);
  const run = await runAccuracyBenchmark({ mode, layouts, seeds, seed, workers, identify, identifyLayouts, identifyOnly }, { onPlan: onPlan(options), onProgress, ...(onPageRead === undefined ? {} : { onPageRead }) });
  if (run.isErr()) throw new Error(`bench-ocr: ${run.error.message}`);
  const report = run.value;
  if (options.dumpReadings !== null && report.kind === "accuracy") {
    writeFileSync(options.dumpReadings, JSON.stringify({ today: report.options.today, pages: read }));
    progress(`wrote the readings of ${read.length} pages to ${options.dumpReadings}`);
  }
  process.stdout.write(formatBenchmarkTable(report));
  const prefix = report.kind === "identification" ? "ocr-identify" : "ocr";
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(benchmarkResultJson(report, { machine, options }), null, 2)}\n`;
  writeFileSync(`${RESULTS_DIR}/${prefix}-${report.startedAt.replace(/:/g, "-")}.json`, json);
  writeFileSync(`${RESULTS_DIR}/${prefix}-latest.json`, json);
  progress(`done; wrote bench/results/${prefix}-latest.json`);
  return 0;
};

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
