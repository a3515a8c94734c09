/**
 * The OCR engine's accuracy benchmark (issue 3): synthetic degraded scans of every shipped template and K
 * generated 転出証明書 layouts, read by the engine one page at a time and scored against their truth
 * (exact non-name fields, character accuracy, silent errors, false alarms, names flagged), timed, with
 * the peak RSS, Debian's tesseract CLI on the same crops as the engine-speed reference, and template
 * identification top-1 among the shipped templates and L generated layouts. It measures; it never fails
 * on a target. `scripts/bench-ocr.ts` and `madoguchi ocr bench` are its command lines.
 */
import { cpus } from "node:os";
import { err, ok, ResultAsync, type Result } from "neverthrow";
import { createOcrEngine } from "../engine/create-ocr-engine.ts";
import { cropRegion } from "../pipeline/crop.ts";
import { decodeImage } from "../pipeline/decode-image.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import { thresholdChannel, tintChannel } from "../pipeline/remove-tint.ts";
import { downscaleGrey } from "../pipeline/resize-grey.ts";
import { postProcessDocument } from "../postprocess/post-process-document.ts";
import { syntheticVocabularies } from "../synthetic/synthetic-vocabularies.ts";
import { generateTenshutsuLayouts } from "../synthetic/layout-families.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../templates/load-templates.ts";
import type { Template } from "../templates/template.ts";
import { synthesizeBenchPages, type BenchPage } from "./bench-pages.ts";
import { resolveBenchmarkOptions, type AccuracyBenchmarkOptions } from "./benchmark-options.ts";
import type { BenchmarkHooks, BenchmarkProgress } from "./benchmark-progress.ts";
import { accuracyRows, identificationNotes, perDpiNote, perTemplateNote, identificationRows, type AccuracyReport, type BenchmarkFailure, type BenchmarkReport, type EngineReference, type IdentificationReport } from "./benchmark-report.ts";
import { benchmarkError, type BenchmarkError } from "./benchmark.errors.ts";
import { benchIdentification, identificationTemplates, type IdentifyBench } from "./identify-bench.ts";
import { addScores, EMPTY_SCORE, scorePage, type FalseAlarm, type Mismatch, type PageScore } from "./score-page.ts";
import { percentile, rate, sampleRss } from "./stats.ts";
import { compareWithCli } from "./tesseract-cli.ts";

/** Field crops of clean renders, binarised as the engine does, for the CLI comparison. */
const cropsOf = async (pages: readonly BenchPage[]): Promise<GreyRaster[]> => {
  const crops: GreyRaster[] = [];
  for (const page of pages) {
    const raster = await decodeImage(new Uint8Array(page.clean));
    if (raster.isErr()) continue;
    const bin = thresholdChannel(tintChannel(raster.value, page.template.tint), page.template.tint).image;
    for (const f of page.template.fields) {
      if ((page.truth.fields[f.key] ?? "") === "") continue;
      const c = cropRegion(bin, f.region);
      if (c.isOk()) crops.push(downscaleGrey(c.value.crop, 64));
    }
  }
  return crops;
};

/** The shipped templates of the run: all, or those the options name (an unknown id is an error listing the known ones). */
const shippedOf = async (options: AccuracyBenchmarkOptions): Promise<Result<Template[], BenchmarkError>> => {
  const loaded = await loadTemplates(SHIPPED_TEMPLATES_DIR);
  if (loaded.isErr()) return err(benchmarkError("templates_invalid", `the shipped templates do not load: ${loaded.error.message}`, loaded.error));
  if (options.shippedTemplates === null) return ok(loaded.value);
  const known = loaded.value.map((t) => t.id);
  const unknown = options.shippedTemplates.filter((id) => !known.includes(id));
  if (unknown.length > 0) return err(benchmarkError("invalid_options", `not shipped templates: ${unknown.join(", ")} (shipped: ${known.join(", ")})`));
  return ok(loaded.value.filter((t) => options.shippedTemplates!.includes(t.id)));
};

const identifyOnly = async (options: AccuracyBenchmarkOptions, shipped: readonly Template[], hooks: BenchmarkHooks, startedAt: string): Promise<Result<IdentificationReport, BenchmarkError>> => {
  const progress = (e: BenchmarkProgress) => hooks.onProgress?.(e);
  hooks.onPlan?.({ shippedTemplates: shipped.map((t) => t.id), generatedTemplates: 0, pages: 0, identification: { scans: options.identify, generatedTemplates: options.identifyLayouts } });
  const identification = await benchIdentification(shipped, { seed: options.seed, layouts: options.identifyLayouts, scans: options.identify }, progress);
  if (identification.isErr()) return err(identification.error);
  return ok({
    kind: "identification",
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    cpus: cpus().length,
    shippedTemplates: shipped.map((t) => t.id),
    identification: identification.value,
    rows: identificationRows(identification.value),
    notes: identificationNotes(identification.value),
  });
};

const accuracy = async (options: AccuracyBenchmarkOptions, shipped: readonly Template[], hooks: BenchmarkHooks, startedAt: string): Promise<Result<AccuracyReport, BenchmarkError>> => {
  const progress = (e: BenchmarkProgress) => hooks.onProgress?.(e);
  const generated = generateTenshutsuLayouts(options.seed, options.layouts);
  const bases = [...shipped, ...generated];
  hooks.onPlan?.({
    shippedTemplates: shipped.map((t) => t.id),
    generatedTemplates: generated.length,
    pages: bases.length * options.seeds,
    identification: options.identify === 0 ? null : { scans: options.identify, generatedTemplates: identificationTemplates(shipped, options.seed, options.identifyLayouts).length - shipped.length },
  });
  const synthesised = await synthesizeBenchPages(bases, { seed: options.seed, seeds: options.seeds }, progress);
  if (synthesised.isErr()) return err(synthesised.error);
  const { templates, references, pages } = synthesised.value;
  if (pages.length === 0) return err(benchmarkError("invalid_options", "no page to read: no shipped template and no generated layout"));

  // The engine returns raw readings: each page is post-processed with the synthetic world's vocabularies (as a
  // deployment reads with its own) and, for comparison, without them — the same readings, so the difference is
  // the vocabularies' alone.
  const vocabularies = syntheticVocabularies();
  const started = await createOcrEngine({ templates, references, workers: options.workers });
  if (started.isErr()) return err(benchmarkError("engine_failed", `the engine does not start: ${started.error.reason}: ${started.error.message}`, started.error));
  const engine = started.value;
  const shippedIds = new Set(shipped.map((t) => t.id));
  const rss = sampleRss();
  const seconds: number[] = [];
  const failures: BenchmarkFailure[] = [];
  const mismatches: Mismatch[] = [];
  const falseAlarms: FalseAlarm[] = [];
  let score: PageScore = EMPTY_SCORE;
  let generatedScore: PageScore = EMPTY_SCORE;
  const byShippedTemplate: Record<string, PageScore> = Object.fromEntries(shipped.map((t) => [t.id, EMPTY_SCORE]));
  const byDpi: Record<string, PageScore> = {};
  let plainScore: PageScore = EMPTY_SCORE;
  try {
    // One warm-up page: worker start and model load are not a page's time.
    progress({ phase: "warm-up", done: 0, total: 1, templateId: pages[0]!.template.id, dpi: pages[0]!.dpi });
    await engine.recognize(pages[0]!.scan, { templateId: pages[0]!.template.id });
    progress({ phase: "warm-up", done: 1, total: 1, templateId: null, dpi: null });
    for (const [i, page] of pages.entries()) {
      progress({ phase: "recognition", done: i, total: pages.length, templateId: page.template.id, dpi: page.dpi });
      const t0 = performance.now();
      const result = (await engine.recognize(page.scan, { templateId: page.template.id })).map(({ readings }) => ({
        readings,
        document: postProcessDocument(page.template, readings, { today: options.today, vocabularies }),
      }));
      seconds.push((performance.now() - t0) / 1000);
      // A page the engine could not read still had fields to read: scored with no document, every field wrong and
      // flagged (the error tells staff), through the same path as a page it read.
      if (result.isErr()) failures.push({ templateId: page.template.id, seed: page.seed, reason: result.error.reason });
      const read = result.isOk() ? result.value : null;
      hooks.onPageRead?.({ template: page.template, seed: page.seed, dpi: page.dpi, truth: page.truth, readings: read?.readings ?? null });
      const s = scorePage(page.template, page.truth, read?.document ?? null, options.today, mismatches, falseAlarms);
      const plain = read === null ? s : scorePage(page.template, page.truth, postProcessDocument(page.template, read.readings, { today: options.today }), options.today);
      score = addScores(score, s);
      plainScore = addScores(plainScore, plain);
      byDpi[page.dpi] = addScores(byDpi[page.dpi] ?? EMPTY_SCORE, s);
      if (shippedIds.has(page.template.id)) byShippedTemplate[page.template.id] = addScores(byShippedTemplate[page.template.id]!, s);
      else generatedScore = addScores(generatedScore, s);
    }
    progress({ phase: "recognition", done: pages.length, total: pages.length, templateId: null, dpi: null });
  } finally {
    await engine.close();
  }
  const peakRssMiB = rss.stop();

  let cli: EngineReference = "not measured";
  if (options.engineReference) {
    progress({ phase: "engine-reference", done: 0, total: 1, templateId: null, dpi: null });
    cli = (await compareWithCli(await cropsOf(pages.slice(0, 3)))) ?? "not installed";
    progress({ phase: "engine-reference", done: 1, total: 1, templateId: null, dpi: null });
  }
  let identification: IdentifyBench | null = null;
  if (options.identify > 0) {
    const measured = await benchIdentification(shipped, { seed: options.seed, layouts: options.identifyLayouts, scans: options.identify }, progress);
    if (measured.isErr()) return err(measured.error);
    identification = measured.value;
  }

  const total = seconds.reduce((a, b) => a + b, 0);
  const measured = {
    startedAt,
    options,
    cpus: cpus().length,
    pages: pages.length,
    templates: { shipped: shipped.map((t) => t.id), generated: generated.length },
    score,
    generatedScore,
    byShippedTemplate,
    byDpi,
    withoutVocabularies: plainScore,
    rates: {
      exactNonName: rate(score.exact, score.fields),
      silentErrors: rate(score.silentErrors, score.fields),
      falseAlarms: rate(score.falseAlarms, score.fields),
      namesFlagged: rate(score.namesFlagged, score.names),
      charAccuracy: 1 - rate(score.editDistance, score.truthChars),
    },
    identification,
    secondsPerPage: { median: percentile(seconds, 50), p95: percentile(seconds, 95), all: seconds },
    pagesPerMinute: total > 0 ? (seconds.length / total) * 60 : null,
    peakRssMiB,
    tesseractCli: cli,
    failures,
    mismatches,
    falseAlarms,
  };
  return ok({
    kind: "accuracy",
    ...measured,
    finishedAt: new Date().toISOString(),
    rows: accuracyRows(measured),
    notes: [
      ...failures.map((f) => `failed: ${f.templateId} seed ${f.seed}: ${f.reason}`),
      ...(shipped.length > 0 ? [perTemplateNote(byShippedTemplate)] : []),
      perDpiNote(byDpi),
      ...identificationNotes(identification),
    ],
  });
};

/**
 * Runs the benchmark: `options` are validated (see `AccuracyBenchmarkInputSchema`; defaults by mode),
 * `hooks` hear the plan and every step. Returns the typed report; errors are `BenchmarkError`s
 * (`invalid_options`, `templates_invalid`, `synthesis_failed`, `engine_failed`, `index_failed`) — a
 * target missed is in the report, never an error. Takes minutes: synthesis dominates (3–5 s per A4 page).
 */
export const runAccuracyBenchmark = (options: unknown = {}, hooks: BenchmarkHooks = {}): ResultAsync<BenchmarkReport, BenchmarkError> => {
  const startedAt = new Date().toISOString();
  return new ResultAsync(
    (async (): Promise<Result<BenchmarkReport, BenchmarkError>> => {
      const resolved = resolveBenchmarkOptions(options);
      if (resolved.isErr()) return err(resolved.error);
      const shipped = await shippedOf(resolved.value);
      if (shipped.isErr()) return err(shipped.error);
      return resolved.value.identifyOnly ? identifyOnly(resolved.value, shipped.value, hooks, startedAt) : accuracy(resolved.value, shipped.value, hooks, startedAt);
    })(),
  );
};
