/**
 * Identification benchmark: index the shipped templates and L generated 転出証明書 layouts by their blank
 * forms, then identify N degraded synthetic scans of filled forms drawn across them, as `engine.identify`
 * does (decode straight to identification size, then `identifyPage`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { err, ok, type Result } from "neverthrow";
import { createFileIndexCache } from "../identify/index-cache.ts";
import { buildTemplateIndex } from "../identify/template-index.ts";
import { identifyPage } from "../identify/identify-page.ts";
import { decodeReduced, IDENTIFY_SIZE } from "../identify/reduce-page.ts";
import { generateTenshutsuLayouts } from "../synthetic/layout-families.ts";
import { renderDocument } from "../synthetic/render-document.ts";
import { synthesizeScan } from "../synthetic/synthesize-scan.ts";
import type { Template } from "../templates/template.ts";
import type { TemplateIndex } from "../identify/template-index.ts";
import { benchmarkError, type BenchmarkError } from "./benchmark.errors.ts";
import type { BenchmarkProgress } from "./benchmark-progress.ts";
import { percentile } from "./stats.ts";

/** Scans are rendered at 200 dpi, the low end of a counter scanner's range (identification works at 1000 px). */
export const IDENTIFY_SCAN_DPI = 200;

/** What the identification benchmark measured. */
export interface IdentifyBench {
  readonly templates: number;
  readonly scans: number;
  readonly correct: number;
  /** Identified as another template (the worst outcome: read with the wrong layout). */
  readonly wrong: readonly { readonly expected: string; readonly got: string; readonly score: number }[];
  /** Not identified (staff pick the template by hand): reasons. */
  readonly unidentified: readonly { readonly expected: string; readonly message: string }[];
  /** Building the index on first use (every reference decoded and fingerprinted; entries stored in a fresh cache). */
  readonly indexSeconds: number;
  /** Loading the same index again from that cache, as the next process does. */
  readonly indexCachedSeconds: number;
  readonly indexBytes: number;
  /** RSS growth while the index was built, MiB (includes the encoded references the caller holds). */
  readonly indexRssMiB: number;
  readonly secondsPerIdentification: { readonly median: number; readonly p95: number };
  /** Decision scores (coverage and layout, see `CandidateScore.score`): the lowest of a right winner, the highest runner-up. */
  readonly winnerScore: { readonly min: number };
  readonly runnerUpScore: { readonly max: number };
}

/** The templates indexed: the shipped ones, then `layouts` generated ones whose ids differ from theirs. */
export const identificationTemplates = (shipped: readonly Template[], seed: number, layouts: number): Template[] => {
  // A generated issuer code can coincide with a shipped template's: those layouts are left out.
  const shippedIds = new Set(shipped.map((t) => t.id));
  const generated = generateTenshutsuLayouts(seed + 1000, layouts + shipped.length)
    .filter((t) => !shippedIds.has(t.id))
    .slice(0, layouts);
  return [...shipped, ...generated];
};

/**
 * Renders the references at the identification size (1000 px on the longest side), so that a 500-layout
 * index renders in minutes; every scan is a fresh filled form with scanner degradation. Errors:
 * `synthesis_failed` (a blank form or a scan), `index_failed`.
 */
export const benchIdentification = async (
  shipped: readonly Template[],
  options: { readonly seed: number; readonly layouts: number; readonly scans: number },
  progress: (event: BenchmarkProgress) => void = () => {},
): Promise<Result<IdentifyBench, BenchmarkError>> => {
  const templates = identificationTemplates(shipped, options.seed, options.layouts);
  const sources: { templateId: string; image: Uint8Array }[] = [];
  for (const [i, t] of templates.entries()) {
    progress({ phase: "identify-references", done: i, total: templates.length, templateId: t.id, dpi: null });
    const dpi = Math.max(60, Math.ceil((IDENTIFY_SIZE * 25.4) / Math.max(t.page.widthMm, t.page.heightMm)));
    const blank = renderDocument(t, { fields: {}, groups: {} }, { dpi, seed: options.seed });
    if (blank.isErr()) return err(benchmarkError("synthesis_failed", `cannot render the blank form of ${t.id}: ${blank.error.message}`, blank.error));
    sources.push({ templateId: t.id, image: new Uint8Array(blank.value.png) });
  }
  progress({ phase: "identify-references", done: templates.length, total: templates.length, templateId: null, dpi: null });
  progress({ phase: "identify-index", done: 0, total: templates.length, templateId: null, dpi: null });
  const rssBefore = process.memoryUsage().rss;
  const cacheDir = mkdtempSync(join(tmpdir(), "bench-ocr-index-"));
  let indexSeconds: number;
  let indexCachedSeconds: number;
  let indexRssMiB: number;
  let index: TemplateIndex;
  try {
    const cache = createFileIndexCache(cacheDir);
    const t0 = performance.now();
    const built = await buildTemplateIndex(sources, undefined, {
      cache,
      onProgress: (done, total) => progress({ phase: "identify-index", done, total, templateId: null, dpi: null }),
    });
    if (built.isErr()) return err(benchmarkError("index_failed", `the identification index does not build: ${built.error.message}`, built.error));
    indexSeconds = (performance.now() - t0) / 1000;
    indexRssMiB = Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20);
    const t1 = performance.now();
    const loaded = await buildTemplateIndex(sources, undefined, { cache });
    if (loaded.isErr()) return err(benchmarkError("index_failed", `the identification index does not load from its cache: ${loaded.error.message}`, loaded.error));
    indexCachedSeconds = (performance.now() - t1) / 1000;
    // The loaded index is the one identified with: what the cache serves is what is measured.
    index = loaded.value;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const seconds: number[] = [];
  const wrong: { expected: string; got: string; score: number }[] = [];
  const unidentified: { expected: string; message: string }[] = [];
  let correct = 0;
  let runnerUpMax = 0;
  let winnerMin = 1;
  for (let k = 0; k < options.scans; k++) {
    // Spread across the whole catalogue, shipped templates included.
    const t = templates[Math.floor((k * templates.length) / options.scans)]!;
    const dpi = t.page.widthMm < 100 ? 600 : IDENTIFY_SCAN_DPI;
    progress({ phase: "identify-scans", done: k, total: options.scans, templateId: t.id, dpi });
    const synth = await synthesizeScan(t, { seed: options.seed * 7919 + k, dpi });
    if (synth.isErr()) return err(benchmarkError("synthesis_failed", `cannot synthesise ${t.id}: ${synth.error.message}`, synth.error));
    if (synth.value.scan === null) return err(benchmarkError("synthesis_failed", `cannot synthesise ${t.id}: no degraded scan`));
    const bytes = new Uint8Array(synth.value.scan.image);
    const a = performance.now();
    const result = (await decodeReduced(bytes)).andThen((page) => identifyPage(index, page));
    seconds.push((performance.now() - a) / 1000);
    if (result.isErr()) {
      unidentified.push({ expected: t.id, message: result.error.message });
      continue;
    }
    if (result.value.templateId === t.id) {
      correct++;
      winnerMin = Math.min(winnerMin, result.value.score);
      runnerUpMax = Math.max(runnerUpMax, result.value.runnerUp?.score ?? 0);
    } else {
      wrong.push({ expected: t.id, got: result.value.templateId, score: result.value.score });
    }
  }
  progress({ phase: "identify-scans", done: options.scans, total: options.scans, templateId: null, dpi: null });
  return ok({
    templates: templates.length,
    scans: options.scans,
    correct,
    wrong,
    unidentified,
    indexSeconds,
    indexCachedSeconds,
    indexBytes: index.bytes,
    indexRssMiB,
    secondsPerIdentification: { median: percentile(seconds, 50), p95: percentile(seconds, 95) },
    winnerScore: { min: winnerMin },
    runnerUpScore: { max: runnerUpMax },
  });
};
