import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createProgressDisplay, type ProgressStream } from "../src/output/progress-display.ts";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

/**
 * `madoguchi ocr bench`: the OCR accuracy benchmark from the command line. One tiny run (one shipped
 * card, one generated layout; 2 scans identified among 3 templates) checks the report, the progress lines
 * on a non-terminal standard error and the JSON file written; the bar itself is checked on a fake terminal.
 */
const dir = tempDir();
afterAll(() => dir.remove());

type BenchJson = {
  ok: boolean;
  schema: string;
  file: string;
  options: { mode: string; layouts: number; identify: number; identifyLayouts: number; shippedTemplates: string[]; workers: number };
  machine: { cpus: number; node: string };
  pages: number;
  templates: { shipped: string[]; generated: number };
  score: { fields: number; exact: number; names: number; namesFlagged: number };
  rates: { exactNonName: number; namesFlagged: number };
  identification: { templates: number; scans: number; correct: number; wrong: unknown[]; unidentified: unknown[] };
  secondsPerPage: { all: number[] };
  failures: unknown[];
  rows: { metric: string; value: string; target: string; met: string }[];
};

describe("madoguchi ocr bench", () => {
  it("runs a tiny benchmark: report fields, progress of every phase on stderr, the JSON result written", async () => {
    const out = join(dir.path, "results");
    const run = await madoguchi([
      "ocr", "bench", "--template", "unten-menkyo/*/v1", "--layouts", "1", "--identify", "2", "--identify-layouts", "2", "--workers", "1", "--seed", "3", "--out", out, "--json",
    ]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    const json = jsonOf<BenchJson>(run);
    expect(json.ok).toBe(true);
    expect(json.schema).toBe("madoguchi-bench-ocr@1");
    expect(json.options).toMatchObject({ mode: "full", layouts: 1, identify: 2, identifyLayouts: 2, shippedTemplates: ["unten-menkyo/*/v1"], workers: 1 });
    expect(json.machine.cpus).toBeGreaterThan(0);
    expect(json.pages).toBe(2);
    expect(json.templates).toEqual({ shipped: ["unten-menkyo/*/v1"], generated: 1 });
    expect(json.failures).toEqual([]);
    expect(json.secondsPerPage.all).toHaveLength(2);
    // The licence and the certificate print several non-name fields and names; names are always flagged.
    expect(json.score.fields).toBeGreaterThan(5);
    expect(json.score.names).toBeGreaterThan(0);
    expect(json.score.namesFlagged).toBe(json.score.names);
    expect(json.rates.exactNonName).toBeGreaterThan(0.5);
    expect(json.identification).toMatchObject({ templates: 3, scans: 2 });
    expect(json.identification.correct + json.identification.wrong.length + json.identification.unidentified.length).toBe(2);
    expect(json.rows.map((r) => r.metric)).toEqual(expect.arrayContaining(["field exact match, non-name", "silent errors (wrong, not flagged)", "template identification top-1 (2 scans, 3 templates)"]));

    // Progress: plain lines (stderr is a pipe here), from the first to the last step of every phase.
    for (const line of ["合成 / synthesis 0/2", "合成 / synthesis 2/2", "読み取り / recognition 2/2", "tesseract CLI 比較 / tesseract CLI reference 1/1", "判定: 索引 / identification: index 3/3", "判定: スキャン / identification: scans 2/2"]) {
      expect(run.stderr).toContain(line);
    }
    expect(run.stderr).not.toContain("\u001b[");

    // The file named in the output holds the same result, and ocr-latest.json beside it.
    expect(json.file.startsWith(out)).toBe(true);
    const { ok: _ok, command: _command, file: _file, ...written } = json as BenchJson & { command: string };
    expect(JSON.parse(readFileSync(json.file, "utf8"))).toEqual(written);
    expect(existsSync(join(out, "ocr-latest.json"))).toBe(true);
  }, 240_000);

  it("reports every wrong option at once (exit 2), an unknown shipped template with the known ones", async () => {
    const run = await madoguchi(["ocr", "bench", "--layouts", "501", "--workers", "0", "--seed", "x", "--lang", "en"]);
    expect(run.code).toBe(2);
    for (const flag of ["--layouts", "--workers", "--seed"]) expect(run.stderr).toContain(`invalid ${flag}`);
    const unknown = await madoguchi(["ocr", "bench", "--template", "unten-menkyo/*/v9", "--lang", "en"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("not shipped templates: unten-menkyo/*/v9");
    expect(unknown.stderr).toContain("zairyu-card/*/v1");
    expect(unknown.stderr).not.toMatch(STACK_TRACE);
  }, 60_000);
});

describe("the progress display", () => {
  const capture = (isTTY: boolean) => {
    const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    stream.isTTY = isTTY;
    stream.columns = 120;
    let text = "";
    stream.on("data", (d: Buffer) => (text += d.toString("utf8")));
    return { stream: stream as unknown as ProgressStream, text: () => text };
  };
  const steps = (total: number) => Array.from({ length: total + 1 }, (_, done) => ({ stage: { ja: "合成", en: "synthesis" }, done, total, item: done < total ? `t${done}` : null }));

  it("draws a bar on a terminal, one per stage", () => {
    const { stream, text } = capture(true);
    const display = createProgressDisplay(stream, "test");
    for (const s of steps(4)) display.step(s);
    display.step({ stage: { ja: "読み取り", en: "recognition" }, done: 0, total: 2, item: "t0" });
    display.stop();
    expect(text()).toContain("合成 / synthesis");
    expect(text()).toContain("4/4 100%");
    expect(text()).toContain("読み取り / recognition");
    expect(text()).toMatch(/\u2588/); // the bar's filled part
  });

  it("prints the first, the last and one line per tenth of a stage off a terminal", () => {
    const { stream, text } = capture(false);
    const display = createProgressDisplay(stream, "test");
    for (const s of steps(100)) display.step(s);
    display.stop();
    const lines = text().trim().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^test \[\d+\.\d s\] 合成 \/ synthesis 0\/100 \(t0\)$/);
    expect(lines.at(-1)).toMatch(/synthesis 100\/100$/);
  });
});
