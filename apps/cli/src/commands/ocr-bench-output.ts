import type { BenchmarkPhase, BenchmarkReport } from "@madoguchi/ocr-engine";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";

/** The benchmark's phases as staff read them in the progress display. */
export const PHASE_LABELS: Readonly<Record<BenchmarkPhase, { readonly ja: string; readonly en: string }>> = {
  synthesis: { ja: "合成", en: "synthesis" },
  "warm-up": { ja: "準備", en: "warm-up" },
  recognition: { ja: "読み取り", en: "recognition" },
  "engine-reference": { ja: "tesseract CLI 比較", en: "tesseract CLI reference" },
  "identify-references": { ja: "判定: 参照画像", en: "identification: references" },
  "identify-index": { ja: "判定: 索引", en: "identification: index" },
  "identify-scans": { ja: "判定: スキャン", en: "identification: scans" },
};

const MET_JA: Readonly<Record<string, string>> = { yes: "達成", NO: "未達", "n/a": "測定なし", "": "" };

/** The title of a run in both languages: what was measured, with which seed, on how many CPUs. */
const title = (report: BenchmarkReport): Line => {
  const o = report.options;
  if (report.kind === "identification") {
    const n = report.shippedTemplates.length;
    return {
      ja: `OCR ベンチマーク — 様式の判定のみ: 種 ${o.seed}、同梱 ${n} + 生成 ${o.identifyLayouts} 様式、${o.identify} 枚; CPU ${report.cpus}`,
      en: `OCR bench — identification only: seed ${o.seed}, ${n} shipped + ${o.identifyLayouts} generated templates, ${o.identify} scans; ${report.cpus} CPUs`,
    };
  }
  const t = report.templates;
  return {
    ja: `OCR ベンチマーク — ${o.mode === "quick" ? "簡易" : "標準"}: 種 ${o.seed}、同梱 ${t.shipped.length} + 生成 ${t.generated} 様式 × ${o.seeds} = ${report.pages} ページ、氏名以外 ${report.score.fields} 項目、氏名 ${report.score.names}; CPU ${report.cpus}`,
    en: `OCR bench — ${o.mode}: seed ${o.seed}, ${t.shipped.length} shipped + ${t.generated} generated templates × ${o.seeds} seeds = ${report.pages} pages, ${report.score.fields} non-name fields, ${report.score.names} names; ${report.cpus} CPUs`,
  };
};

/**
 * The result table in each language (metric, value, issue 3's target, met), the notes under it (failed
 * pages, wrong identifications: template ids and numbers only) and where the JSON was written.
 */
export const benchLines = (report: BenchmarkReport, written: string): Line[] => [
  title(report),
  "",
  ...localizedTable({
    ja: [["指標", "値", "目標", "達成"], ...report.rows.map((r) => [r.metric.ja, r.value, r.target, MET_JA[r.met] ?? r.met])],
    en: [["metric", "value", "target", "met?"], ...report.rows.map((r) => [r.metric.en, r.value, r.target, r.met])],
  }),
  ...(report.notes.length === 0 ? [] : ["", ...report.notes]),
  "",
  { ja: `結果を書き出しました: ${written}`, en: `result written to ${written}` },
];
