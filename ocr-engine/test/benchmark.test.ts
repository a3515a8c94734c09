import { describe, expect, it } from "vitest";
import {
  addScores,
  benchmarkResultJson,
  EMPTY_SCORE,
  formatBenchmarkTable,
  lowestShippedTemplate,
  percentile,
  perDpiNote,
  perTemplateNote,
  rate,
  resolveBenchmarkOptions,
  runAccuracyBenchmark,
  scorePage,
  type BenchmarkPlan,
  type BenchmarkProgress,
  type DocumentResult,
  type FieldResult,
} from "../src/index.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/index.ts";

/**
 * The accuracy benchmark as a library (`runAccuracyBenchmark`): its options are validated with their
 * defaults by mode, pages are scored against the post-processed truth, and a tiny identification-only run
 * reports its plan, every phase's progress and a typed report. (The full run, OCR included, is driven by
 * `madoguchi ocr bench` in the CLI's tests.)
 */
describe("benchmark options", () => {
  it("fills the defaults of each mode and keeps what is given", () => {
    const full = resolveBenchmarkOptions({}, () => new Date("2026-04-01T00:00:00Z"))._unsafeUnwrap();
    expect(full).toMatchObject({ mode: "full", layouts: 15, seeds: 1, seed: 1, workers: 2, identify: 100, identifyLayouts: 500, identifyOnly: false, shippedTemplates: null, today: "2026-04-01", engineReference: true });
    const quick = resolveBenchmarkOptions({ mode: "quick", seed: 7, identify: 0 })._unsafeUnwrap();
    expect(quick).toMatchObject({ mode: "quick", layouts: 5, seed: 7, identify: 0, identifyLayouts: 50 });
  });

  it("rejects every wrong option at once, and unknown ones", () => {
    const e = resolveBenchmarkOptions({ layouts: 501, seeds: 0, workers: 1.5, colour: true })._unsafeUnwrapErr();
    expect(e.reason).toBe("invalid_options");
    for (const path of ["layouts", "seeds", "workers", "colour"]) expect(e.message).toContain(path);
  });
});

describe("statistics and scoring", () => {
  it("percentiles are nearest-rank values that happened; a rate of nothing is NaN", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
    expect(rate(1, 0)).toBeNaN();
    expect(rate(1, 4)).toBe(0.25);
  });

  it("scores a page: exact after post-processing, silent errors, names flagged; mismatches listed", async () => {
    const template = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.id === "unten-menkyo/*/v1")!;
    const number = template.fields.find((f) => f.key === "license.number")!;
    const name = template.fields.find((f) => f.key === "person.name")!;
    const birth = template.fields.find((f) => f.key === "person.birthDate")!;
    const field = (key: string, value: string | null, needsReview: boolean): FieldResult =>
      ({ key, value, raw: value ?? "", confidence: 90, region: number.region, needsReview, reasons: needsReview ? ["low_confidence"] : [] }) as unknown as FieldResult;
    const truth = { fields: { [number.key]: "123456789012", [name.key]: "山田 太郎", [birth.key]: "昭和50年3月4日" }, groups: {} };
    const read = { templateId: template.id, fields: [field(number.key, "123456789013", false), field(name.key, "山田 太朗", true), field(birth.key, "1975-03-04", false)], groups: {} } as unknown as DocumentResult;
    const mismatches: { key: string }[] = [];
    const s = scorePage(template, truth, read, "2026-04-01", mismatches as never);
    expect(s).toMatchObject({ fields: 2, exact: 1, silentErrors: 1, names: 1, namesFlagged: 1 });
    expect(mismatches.map((m) => m.key)).toEqual([number.key]);
    expect(addScores(s, EMPTY_SCORE)).toEqual(s);
  });

  it("names the weakest shipped template and lists every template's count, so a weak one is not hidden in the total", () => {
    const score = (fields: number, exact: number, silentErrors = 0) => ({ ...EMPTY_SCORE, fields, exact, silentErrors });
    const byTemplate = { "koseki-zenbu/131016/v1": score(30, 30), "zairyu-card/*/v1": score(9, 7, 1), "mynumber-card/*/v1": score(6, 5), "unread/*/v1": score(0, 0) };
    expect(lowestShippedTemplate(byTemplate)).toEqual({ id: "zairyu-card/*/v1", score: score(9, 7, 1) });
    expect(lowestShippedTemplate({})).toBeNull();
    expect(perTemplateNote(byTemplate)).toBe("per shipped template (exact non-name): koseki-zenbu/131016/v1 30/30, zairyu-card/*/v1 7/9 (silent 1), mynumber-card/*/v1 5/6, unread/*/v1 0/0");
  });

  it("lists the counts per scan resolution, lowest first, so a resolution limit is seen apart from other misses", () => {
    const score = (fields: number, exact: number, silentErrors = 0) => ({ ...EMPTY_SCORE, fields, exact, silentErrors });
    expect(perDpiNote({ "300": score(40, 40), "200": score(50, 46, 1), "250": score(30, 29) })).toBe("per scan resolution (exact non-name): 200 dpi 46/50 (silent 1), 250 dpi 29/30, 300 dpi 40/40");
  });
});

describe("runAccuracyBenchmark", () => {
  it("an identification-only run among one shipped card and two generated layouts reports its plan, progress and a typed report", async () => {
    const plans: BenchmarkPlan[] = [];
    const events: BenchmarkProgress[] = [];
    const report = (
      await runAccuracyBenchmark(
        { identifyOnly: true, identify: 2, identifyLayouts: 2, shippedTemplates: ["unten-menkyo/*/v1"], seed: 3 },
        { onPlan: (p) => plans.push(p), onProgress: (e) => events.push(e) },
      )
    )._unsafeUnwrap();
    expect(plans).toEqual([{ shippedTemplates: ["unten-menkyo/*/v1"], generatedTemplates: 0, pages: 0, identification: { scans: 2, generatedTemplates: 2 } }]);
    expect(report.kind).toBe("identification");
    if (report.kind !== "identification") return;
    expect(report.identification).toMatchObject({ templates: 3, scans: 2 });
    expect(report.identification.correct + report.identification.wrong.length + report.identification.unidentified.length).toBe(2);
    // Every phase of identification ran from its first step to its end.
    for (const phase of ["identify-references", "identify-index", "identify-scans"] as const) {
      const of = events.filter((e) => e.phase === phase);
      expect(of[0]?.done, phase).toBe(0);
      expect(of.at(-1)?.done, phase).toBe(of.at(-1)?.total);
    }
    expect(report.rows[0]!.metric.en).toBe("template identification top-1 (2 scans, 3 templates)");
    expect(formatBenchmarkTable(report)).toContain("OCR bench — identification only: seed 3, 1 shipped + 2 generated templates, 2 scans");
    const json = benchmarkResultJson(report, { machine: { cpus: 2 } });
    expect(Object.keys(json)).toEqual(["schema", "startedAt", "finishedAt", "options", "machine", "identification"]);
    expect(json["schema"]).toBe("madoguchi-bench-ocr-identify@1");
  });

  it("names the shipped templates when asked for one that is not", async () => {
    const e = (await runAccuracyBenchmark({ shippedTemplates: ["nope/*/v1"] }))._unsafeUnwrapErr();
    expect(e.reason).toBe("invalid_options");
    expect(e.message).toContain("unten-menkyo/*/v1");
  });
});
