/**
 * The pages of an accuracy run, synthesised before anything is timed: per template a filled scan per seed
 * (rendered with tint and seal, then degraded like a counter scanner) at 200, 250 or 300 dpi, and the
 * template's blank form at the same dpi, which stands in for the reference image a municipality would
 * register (the shipped templates' own references carry no tint).
 */
import { err, ok, type Result } from "neverthrow";
import type { DocumentValues } from "../synthetic/fake-values.ts";
import { renderDocument } from "../synthetic/render-document.ts";
import { synthesizeScan } from "../synthetic/synthesize-scan.ts";
import type { Template } from "../templates/template.ts";
import { benchmarkError, type BenchmarkError } from "./benchmark.errors.ts";
import type { BenchmarkProgress } from "./benchmark-progress.ts";

/** The name every template's reference gets in the run (the engine looks references up by template id). */
const REFERENCE_NAME = "bench-blank-reference.png";
/** Resolutions cycled by template: counter scanners are set anywhere in this range. */
export const BENCH_DPIS = [200, 250, 300] as const;

/** One synthetic page with its truth. */
export interface BenchPage {
  readonly template: Template;
  readonly seed: number;
  readonly dpi: number;
  /** The degraded scan (JPEG) the engine reads. */
  readonly scan: Uint8Array;
  /** The clean render (PNG), for the tesseract CLI comparison. */
  readonly clean: Buffer;
  readonly truth: DocumentValues;
}

/** The synthesised run: the templates as the engine gets them, their references, and the pages. */
export interface BenchPages {
  readonly templates: readonly Template[];
  readonly references: Readonly<Record<string, Uint8Array>>;
  readonly pages: readonly BenchPage[];
}

/** Synthesises `seeds` pages per template. Errors: `synthesis_failed` naming the template and seed. */
export const synthesizeBenchPages = async (
  bases: readonly Template[],
  options: { readonly seed: number; readonly seeds: number },
  progress: (event: BenchmarkProgress) => void,
): Promise<Result<BenchPages, BenchmarkError>> => {
  const templates: Template[] = [];
  const references: Record<string, Uint8Array> = {};
  const pages: BenchPage[] = [];
  for (const [ti, base] of bases.entries()) {
    const dpi = BENCH_DPIS[ti % BENCH_DPIS.length]!;
    progress({ phase: "synthesis", done: ti, total: bases.length, templateId: base.id, dpi });
    const template: Template = { ...base, referenceImage: REFERENCE_NAME };
    const blank = renderDocument(base, { fields: {}, groups: {} }, { dpi, seed: options.seed });
    if (blank.isErr()) return err(benchmarkError("synthesis_failed", `cannot render the blank form of ${base.id}: ${blank.error.message}`, blank.error));
    templates.push(template);
    references[template.id] = new Uint8Array(blank.value.png);
    for (let s = 0; s < options.seeds; s++) {
      const seed = options.seed * 1000 + ti * 50 + s;
      const synth = await synthesizeScan(base, { seed, dpi });
      if (synth.isErr()) return err(benchmarkError("synthesis_failed", `cannot synthesise ${base.id} seed ${seed}: ${synth.error.message}`, synth.error));
      if (synth.value.scan === null) return err(benchmarkError("synthesis_failed", `cannot synthesise ${base.id} seed ${seed}: no degraded scan`));
      pages.push({ template, seed, dpi, scan: new Uint8Array(synth.value.scan.image), clean: synth.value.clean.png, truth: synth.value.clean.truth });
    }
  }
  progress({ phase: "synthesis", done: bases.length, total: bases.length, templateId: null, dpi: null });
  return ok({ templates, references, pages });
};
