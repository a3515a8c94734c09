/**
 * `node scripts/bench-ocr.ts [--quick] [--layouts K] [--seeds S] [--seed N] [--workers W] [--identify N]
 * [--identify-layouts L] [--identify-only]`: the OCR engine's accuracy and speed on synthetic degraded scans of every
 * shipped template and K generated 転出証明書 layouts, and template identification of N scans among
 * the shipped templates and L generated layouts, against issue 3's targets. It reports; it never fails on a target (exit 0), only
 * when it cannot run. See bench/README.md ("OCR engine").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createOcrEngine,
  cropRegion,
  decodeImage,
  downscaleGrey,
  generateTenshutsuLayouts,
  loadTemplates,
  makeDocumentPostProcessor,
  renderDocument,
  SHIPPED_TEMPLATES_DIR,
  synthesizeScan,
  thresholdChannel,
  tintChannel,
  type DocumentValues,
  type GreyRaster,
  type Template,
} from "@madoguchi/ocr-engine";
import { machineInfo } from "./bench/machine-info.ts";
import { addScores, EMPTY_SCORE, scorePage, type FalseAlarm, type Mismatch, type PageScore } from "./bench-ocr/score-page.ts";
import { percentile, rate, sampleRss } from "./bench-ocr/stats.ts";
import { compareWithCli, type CliReference } from "./bench-ocr/tesseract-cli.ts";
import { benchIdentification, IDENTIFY_SCAN_DPI, type IdentifyBench } from "./bench-ocr/identify-bench.ts";

const RESULTS_DIR = fileURLToPath(new URL("../bench/results", import.meta.url));
/** The blank form rendered by the generator stands in for the reference image a municipality would register. */
const REFERENCE_NAME = "bench-blank-reference.png";
const DPIS = [200, 250, 300] as const;
const TODAY = new Date().toISOString().slice(0, 10);

const begun = performance.now();
const progress = (text: string) => process.stderr.write(`bench-ocr [${((performance.now() - begun) / 1000).toFixed(1)} s]: ${text}\n`);

const USAGE = `usage: node scripts/bench-ocr.ts [--quick] [--layouts K] [--seeds S] [--seed N] [--workers W] [--identify N] [--identify-layouts L] [--identify-only]
  default: 15 generated layouts, 1 seed per template, seed 1, 2 workers; identification of 100 scans among
  the shipped templates + 500 generated layouts; --quick: 5 layouts, 1 seed, 10 scans among 50 layouts;
  --identify 0 skips identification; --identify-only runs identification alone (no OCR)`;

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
  readonly ignored: readonly string[];
}

const parseOptions = (argv: readonly string[]): Options | string | null => {
  // Not strict: `npm run bench -- …` hands the N1 bench's options (--residents …) to this script too.
  const { values, tokens } = parseArgs({
    args: [...argv],
    strict: false,
    tokens: true,
    options: { quick: { type: "boolean" }, help: { type: "boolean" }, layouts: { type: "string" }, seeds: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, identify: { type: "string" }, "identify-layouts": { type: "string" }, "identify-only": { type: "boolean" } },
  });
  if (values["help"] === true) return null;
  const known = new Set(["quick", "help", "layouts", "seeds", "seed", "workers", "identify", "identify-layouts", "identify-only"]);
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
    identify: identify as number, identifyLayouts: identifyLayouts as number, identifyOnly: values["identify-only"] === true, ignored,
  };
};

interface Page {
  readonly template: Template;
  readonly seed: number;
  readonly dpi: number;
  readonly scan: Uint8Array;
  readonly clean: Buffer;
  readonly truth: DocumentValues;
}

const fmtPct = (x: number) => (Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(2)} %`);
const fmtS = (x: number) => (Number.isNaN(x) ? "n/a" : `${x.toFixed(2)} s`);

/** Field crops of clean renders, binarised as the engine does, for the CLI comparison. */
const cropsOf = async (pages: readonly Page[]): Promise<GreyRaster[]> => {
  const crops: GreyRaster[] = [];
  for (const page of pages) {
    const raster = (await decodeImage(new Uint8Array(page.clean)))._unsafeUnwrap();
    const bin = thresholdChannel(tintChannel(raster, page.template.tint), page.template.tint).image;
    for (const f of page.template.fields) {
      if ((page.truth.fields[f.key] ?? "") === "") continue;
      const c = cropRegion(bin, f.region);
      if (c.isOk()) crops.push(downscaleGrey(c.value.crop, 64));
    }
  }
  return crops;
};

/** The identification rows of the result table: top-1 against the target, then speed, margins and the index. */
const identificationRows = (identification: IdentifyBench | null): [string, string, string, string][] => {
  if (identification === null) return [["template identification top-1", "not measured (--identify 0)", "≥ 99 %", "n/a"]];
  const idRate = rate(identification.correct, identification.scans);
  return [
    [
      `template identification top-1 (${identification.scans} scans, ${identification.templates} templates)`,
      `${fmtPct(idRate)} (${identification.correct}/${identification.scans}; ${identification.wrong.length} wrong, ${identification.unidentified.length} unidentified)`,
      "≥ 99 %",
      Number.isNaN(idRate) ? "n/a" : idRate >= 0.99 ? "yes" : "NO",
    ],
    ["  … median (p95) per identification", `${fmtS(identification.secondsPerIdentification.median)} (${fmtS(identification.secondsPerIdentification.p95)})`, "", ""],
    ["  … score: lowest right winner, highest runner-up", `${identification.winnerScore.min.toFixed(3)}, ${identification.runnerUpScore.max.toFixed(3)}`, "", ""],
    [
      "  … index build (references at 1000 px)",
      `${fmtS(identification.indexSeconds)}, ${(identification.indexBytes / 2 ** 20).toFixed(1)} MiB held, RSS +${identification.indexRssMiB} MiB`,
      "",
      "",
    ],
  ];
};

/** Notes printed under the table: every wrong or failed identification, and how the scans were made. */
const identificationNotes = (identification: IdentifyBench | null): string[] =>
  identification === null
    ? []
    : [
        ...identification.wrong.map((w) => `identified wrongly: ${w.expected} as ${w.got} (score ${w.score.toFixed(3)})`),
        ...identification.unidentified.map((u) => `unidentified: ${u.expected}: ${u.message}`),
        `identification scans: ${IDENTIFY_SCAN_DPI} dpi (cards 600 dpi), degraded like a counter scanner`,
      ];

/** `--identify-only`: the identification benchmark alone (no OCR), its own table and result file. */
const identifyOnly = async (options: Options, shipped: readonly Template[]): Promise<number> => {
  const startedAt = new Date().toISOString();
  const identification = await benchIdentification(shipped, { seed: options.seed, layouts: options.identifyLayouts, scans: options.identify }, progress);
  const rows = identificationRows(identification);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[["metric", "value", "target", "met?"], ...rows].map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
  process.stdout.write(
    [
      `OCR bench — identification only: seed ${options.seed}, ${shipped.length} shipped + ${options.identifyLayouts} generated templates, ${options.identify} scans; ${machineInfo().cpus} CPUs`,
      line(["metric", "value", "target", "met?"]),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      ...identificationNotes(identification),
      "",
    ].join("\n"),
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify({ schema: "madoguchi-bench-ocr-identify@1", startedAt, finishedAt: new Date().toISOString(), options, machine: machineInfo(), identification }, null, 2)}\n`;
  writeFileSync(`${RESULTS_DIR}/ocr-identify-${startedAt.replace(/:/g, "-")}.json`, json);
  writeFileSync(`${RESULTS_DIR}/ocr-identify-latest.json`, json);
  progress("done; wrote bench/results/ocr-identify-latest.json");
  return 0;
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
  const startedAt = new Date().toISOString();
  const shipped = (await loadTemplates(SHIPPED_TEMPLATES_DIR)).match(
    (t) => t,
    (e) => {
      throw new Error(`bench-ocr: shipped templates do not load: ${e.message}`);
    },
  );
  if (options.identifyOnly) return identifyOnly(options, shipped);
  const generated = generateTenshutsuLayouts(options.seed, options.layouts);
  const templates: Template[] = [];
  const references: Record<string, Uint8Array> = {};
  const pages: Page[] = [];
  progress(`synthesising ${shipped.length} shipped + ${generated.length} generated templates × ${options.seeds} seeds (seed ${options.seed})`);
  for (const [ti, base] of [...shipped, ...generated].entries()) {
    const dpi = DPIS[ti % DPIS.length]!;
    const template: Template = { ...base, referenceImage: REFERENCE_NAME };
    const blank = renderDocument(base, { fields: {}, groups: {} }, { dpi, seed: options.seed });
    if (blank.isErr()) throw new Error(`bench-ocr: cannot render the blank form of ${base.id}: ${blank.error.message}`);
    if (ti % 5 === 0) progress(`synthesising template ${ti + 1}/${shipped.length + generated.length} (${base.id}, ${dpi} dpi)`);
    templates.push(template);
    references[template.id] = new Uint8Array(blank.value.png);
    for (let s = 0; s < options.seeds; s++) {
      const seed = options.seed * 1000 + ti * 50 + s;
      const synth = await synthesizeScan(base, { seed, dpi });
      if (synth.isErr() || synth.value.scan === null) throw new Error(`bench-ocr: cannot synthesise ${base.id} seed ${seed}`);
      pages.push({ template, seed, dpi, scan: new Uint8Array(synth.value.scan.image), clean: synth.value.clean.png, truth: synth.value.clean.truth });
    }
  }

  const engine = (
    await createOcrEngine({ templates, references, workers: options.workers, postProcess: makeDocumentPostProcessor({ today: () => TODAY }) })
  ).match(
    (e) => e,
    (e) => {
      throw new Error(`bench-ocr: the engine does not start: ${e.reason}: ${e.message}`);
    },
  );

  const rss = sampleRss();
  const seconds: number[] = [];
  const failures: { templateId: string; seed: number; reason: string }[] = [];
  const mismatches: Mismatch[] = [];
  const falseAlarms: FalseAlarm[] = [];
  let score: PageScore = EMPTY_SCORE;
  let generatedScore: PageScore = EMPTY_SCORE;
  try {
    // One warm-up page: worker start and model load are not a page's time.
    await engine.recognize(pages[0]!.scan, { templateId: pages[0]!.template.id });
    for (const [i, page] of pages.entries()) {
      if (i % 5 === 0) progress(`page ${i + 1}/${pages.length} (${page.template.id}, ${page.dpi} dpi)`);
      const t0 = performance.now();
      const result = await engine.recognize(page.scan, { templateId: page.template.id });
      seconds.push((performance.now() - t0) / 1000);
      if (result.isErr()) {
        failures.push({ templateId: page.template.id, seed: page.seed, reason: result.error.reason });
        continue;
      }
      const s = scorePage(page.template, page.truth, result.value, TODAY, mismatches, falseAlarms);
      score = addScores(score, s);
      if (!shipped.some((t) => t.id === page.template.id)) generatedScore = addScores(generatedScore, s);
    }
  } finally {
    await engine.close();
  }
  const peakRssMiB = rss.stop();

  progress("engine-speed reference: tesseract CLI");
  const cli: CliReference | "not installed" = (await compareWithCli(await cropsOf(pages.slice(0, 3)))) ?? "not installed";
  const identification: IdentifyBench | null =
    options.identify === 0 ? null : await benchIdentification(shipped, { seed: options.seed, layouts: options.identifyLayouts, scans: options.identify }, progress);

  const median = percentile(seconds, 50);
  const p95 = percentile(seconds, 95);
  const total = seconds.reduce((a, b) => a + b, 0);
  const exactRate = rate(score.exact, score.fields);
  const silentRate = rate(score.silentErrors, score.fields);
  const namesRate = rate(score.namesFlagged, score.names);
  const met = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "yes" : "NO");
  const rows: [string, string, string, string][] = [
    ["pages (failed)", `${pages.length} (${failures.length})`, "", ""],
    ["field exact match, non-name", `${fmtPct(exactRate)} (${score.exact}/${score.fields})`, "≥ 99 %", met(Number.isNaN(exactRate) ? null : exactRate >= 0.99)],
    [
      "  … wrong only by spaces (e.g. kana)",
      `${mismatches.filter((m) => m.got !== null && m.expected !== null && m.got.replace(/\s+/g, "") === m.expected.replace(/\s+/g, "")).length} of ${score.fields - score.exact}`,
      "",
      "",
    ],
    ["  … generated layouts only", `${fmtPct(rate(generatedScore.exact, generatedScore.fields))} (${generatedScore.exact}/${generatedScore.fields})`, "", ""],
    ["character accuracy, all fields", fmtPct(1 - rate(score.editDistance, score.truthChars)), "", ""],
    ["silent errors (wrong, not flagged)", `${fmtPct(silentRate)} (${score.silentErrors}/${score.fields})`, "≤ 0.5 %", met(Number.isNaN(silentRate) ? null : silentRate <= 0.005)],
    // The price of the checks: flagging everything would make silent errors zero, so its cost is shown beside them.
    ["correct values flagged (false alarms)", `${fmtPct(rate(score.falseAlarms, score.fields))} (${score.falseAlarms}/${score.fields})`, "", ""],
    ["names flagged for review", `${fmtPct(namesRate)} (${score.namesFlagged}/${score.names})`, "100 %", met(Number.isNaN(namesRate) ? null : score.namesFlagged === score.names)],
    ...identificationRows(identification),
    [`median per page (${options.workers} workers)`, fmtS(median), "≤ 1.5 s", met(Number.isNaN(median) ? null : median <= 1.5)],
    ["p95 per page", fmtS(p95), "", ""],
    ["pages per minute (one page at a time)", total > 0 ? (seconds.length / total * 60).toFixed(1) : "n/a", "", ""],
    ["peak RSS", `${peakRssMiB} MiB`, "", ""],
    [
      "tesseract CLI ÷ tesseract.js time",
      typeof cli === "string" ? "tesseract CLI not installed" : `${cli.ratio.toFixed(2)} (${cli.crops} crops: CLI ${cli.cliSeconds.toFixed(2)} s, tesseract.js ${cli.tesseractJsSeconds.toFixed(2)} s)`,
      "",
      "",
    ],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[["metric", "value", "target", "met?"], ...rows].map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
  process.stdout.write(
    [
      `OCR bench — ${options.mode}: seed ${options.seed}, ${shipped.length} shipped + ${generated.length} generated templates × ${options.seeds} seeds = ${pages.length} pages, ${score.fields} non-name fields, ${score.names} names; ${machine.cpus} CPUs`,
      line(["metric", "value", "target", "met?"]),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      ...failures.map((f) => `failed: ${f.templateId} seed ${f.seed}: ${f.reason}`),
      ...identificationNotes(identification),
      "",
    ].join("\n"),
  );
  const result = {
    schema: "madoguchi-bench-ocr@1",
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    machine,
    pages: pages.length,
    templates: { shipped: shipped.map((t) => t.id), generated: generated.length },
    score,
    generatedScore,
    rates: { exactNonName: exactRate, silentErrors: silentRate, falseAlarms: rate(score.falseAlarms, score.fields), namesFlagged: namesRate, charAccuracy: 1 - rate(score.editDistance, score.truthChars) },
    identification,
    secondsPerPage: { median, p95, all: seconds },
    pagesPerMinute: total > 0 ? (seconds.length / total) * 60 : null,
    peakRssMiB,
    tesseractCli: cli,
    failures,
    mismatches,
    falseAlarms,
    rows: rows.map(([metric, value, target, met]) => ({ metric, value, target, met })),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(`${RESULTS_DIR}/ocr-${startedAt.replace(/:/g, "-")}.json`, json);
  writeFileSync(`${RESULTS_DIR}/ocr-latest.json`, json);
  progress(`done; wrote bench/results/ocr-latest.json`);
  return 0;
};

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
