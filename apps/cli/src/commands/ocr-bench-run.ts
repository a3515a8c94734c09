import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { benchmarkResultJson, machineInfo, runAccuracyBenchmark, type BenchmarkError, type BenchmarkReport } from "@madoguchi/ocr-engine";
import { errAsync, ResultAsync } from "neverthrow";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { createProgressDisplay } from "../output/progress-display.ts";
import { benchLines, PHASE_LABELS } from "./ocr-bench-output.ts";
import { decodeOcrBenchFlags, type OcrBenchInput } from "./ocr-bench-flags.ts";

const OPERATION = "ocr bench";

const fromBenchmarkError = (e: BenchmarkError): CliError => {
  switch (e.reason) {
    case "invalid_options":
      return usageError(OPERATION, "ocr.bench_invalid_options", { ja: `ベンチマークの指定が正しくありません: ${e.message}`, en: `invalid benchmark options: ${e.message}` });
    case "templates_invalid":
      return cliError(OPERATION, "invalid_input", "ocr.templates_invalid", { ja: "同梱のテンプレートを読み込めません", en: "the shipped templates do not load" }, { details: [`  ${e.message}`] });
    case "synthesis_failed":
      return cliError(OPERATION, "unavailable", "ocr.bench_synthesis_failed", { ja: "合成スキャンを作れません（日本語フォントを確認してください）", en: "cannot synthesise the scans (check the Japanese fonts)" }, { details: [`  ${e.message}`] });
    case "engine_failed":
      return cliError(OPERATION, "unavailable", "ocr.bench_engine_failed", { ja: "OCR エンジンを起動できません", en: "the OCR engine does not start" }, { details: [`  ${e.message}`] });
    case "index_failed":
      return cliError(OPERATION, "unavailable", "ocr.bench_index_failed", { ja: "様式判定の索引を作れません", en: "the identification index cannot be built" }, { details: [`  ${e.message}`] });
  }
};

/** Writes `<dir>/<prefix>-<start>.json` and `<dir>/<prefix>-latest.json`, as `npm run bench` does. */
const writeResult = (dir: string, shownDir: string, report: BenchmarkReport, json: string): ResultAsync<string, CliError> => {
  const prefix = report.kind === "identification" ? "ocr-identify" : "ocr";
  const file = `${prefix}-${report.startedAt.replace(/:/g, "-")}.json`;
  return ResultAsync.fromPromise(
    (async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, file), json);
      await writeFile(join(dir, `${prefix}-latest.json`), json);
      return join(shownDir, file);
    })(),
    (e) => {
      const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "error";
      return cliError(OPERATION, "unavailable", "file.unwritable", { ja: `結果を書き込めません（${code}）: ${shownDir}`, en: `cannot write the result (${code}): ${shownDir}` });
    },
  );
};

/**
 * Runs the accuracy benchmark with a progress display on standard error (a bar on a terminal, lines
 * otherwise), writes the JSON result and reports the table. Minutes of CPU: synthesis dominates.
 */
export const runOcrBench = (input: OcrBenchInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const plan = decodeOcrBenchFlags(input);
  if (plan.isErr()) return errAsync(plan.error);
  const { benchmark, out } = plan.value;
  // The day in Japan: the date checks compare dates of birth and expiry with it, as `madoguchi ocr` does.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(context.now());
  const machine = machineInfo(context.cwd);
  const display = createProgressDisplay(context.progress, "madoguchi ocr bench");
  const run = new ResultAsync(
    (async () => {
      try {
        return await runAccuracyBenchmark(
          { ...benchmark, today },
          { onProgress: (e) => display.step({ stage: PHASE_LABELS[e.phase], done: e.done, total: e.total, item: e.templateId }) },
        );
      } finally {
        display.stop();
      }
    })(),
  );
  return run.mapErr(fromBenchmarkError).andThen((report) => {
    const json = benchmarkResultJson(report, { machine });
    return writeResult(resolve(context.cwd, out), out, report, `${JSON.stringify(json, null, 2)}\n`).map(
      (written): CommandReport => ({ human: benchLines(report, written), json: { ...json, file: written } }),
    );
  });
};
