/**
 * The identification part of the OCR benchmark: index the shipped templates and K generated 転出証明書
 * layouts from rendered blank forms (the reference images a municipality would register), then
 * identify N degraded synthetic scans of filled forms drawn across them, as `engine.identify` does
 * (decode straight to identification size, then `identifyPage`).
 */
import {
  buildTemplateIndex,
  decodeReduced,
  generateTenshutsuLayouts,
  IDENTIFY_SIZE,
  identifyPage,
  renderDocument,
  synthesizeScan,
  type Template,
} from "@madoguchi/ocr-engine";
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
  readonly indexSeconds: number;
  readonly indexBytes: number;
  /** RSS growth while the index was built, MiB (includes the encoded references the caller holds). */
  readonly indexRssMiB: number;
  readonly secondsPerIdentification: { readonly median: number; readonly p95: number };
  /** Decision scores (coverage and layout, see `CandidateScore.score`): the lowest of a right winner, the highest runner-up. */
  readonly winnerScore: { readonly min: number };
  readonly runnerUpScore: { readonly max: number };
}

/**
 * Renders the references at the identification size (1000 px on the longest side), so that a 500-layout
 * index renders in minutes; every scan is a fresh filled form with scanner degradation.
 */
export const benchIdentification = async (
  shipped: readonly Template[],
  options: { readonly seed: number; readonly layouts: number; readonly scans: number },
  progress: (text: string) => void,
): Promise<IdentifyBench> => {
  // A generated issuer code can coincide with a shipped template's: those layouts are left out.
  const shippedIds = new Set(shipped.map((t) => t.id));
  const generated = generateTenshutsuLayouts(options.seed + 1000, options.layouts + shipped.length)
    .filter((t) => !shippedIds.has(t.id))
    .slice(0, options.layouts);
  const templates = [...shipped, ...generated];
  const sources: { templateId: string; image: Uint8Array }[] = [];
  for (const [i, t] of templates.entries()) {
    if (i % 50 === 0) progress(`identification: rendering reference ${i + 1}/${templates.length}`);
    const dpi = Math.max(60, Math.ceil((IDENTIFY_SIZE * 25.4) / Math.max(t.page.widthMm, t.page.heightMm)));
    const blank = renderDocument(t, { fields: {}, groups: {} }, { dpi, seed: options.seed });
    if (blank.isErr()) throw new Error(`bench-ocr: cannot render the blank form of ${t.id}: ${blank.error.message}`);
    sources.push({ templateId: t.id, image: new Uint8Array(blank.value.png) });
  }
  progress(`identification: indexing ${templates.length} references`);
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const index = (await buildTemplateIndex(sources)).match(
    (ix) => ix,
    (e) => {
      throw new Error(`bench-ocr: the identification index does not build: ${e.message}`);
    },
  );
  const indexSeconds = (performance.now() - t0) / 1000;
  const indexRssMiB = Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20);

  const seconds: number[] = [];
  const wrong: { expected: string; got: string; score: number }[] = [];
  const unidentified: { expected: string; message: string }[] = [];
  let correct = 0;
  let runnerUpMax = 0;
  let winnerMin = 1;
  for (let k = 0; k < options.scans; k++) {
    // Spread across the whole catalogue, shipped templates included.
    const t = templates[Math.floor((k * templates.length) / options.scans)]!;
    if (k % 10 === 0) progress(`identification: scan ${k + 1}/${options.scans} (${t.id})`);
    const dpi = t.page.widthMm < 100 ? 600 : IDENTIFY_SCAN_DPI;
    const synth = await synthesizeScan(t, { seed: options.seed * 7919 + k, dpi });
    if (synth.isErr() || synth.value.scan === null) throw new Error(`bench-ocr: cannot synthesise ${t.id}`);
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
  return {
    templates: templates.length,
    scans: options.scans,
    correct,
    wrong,
    unidentified,
    indexSeconds,
    indexBytes: index.bytes,
    indexRssMiB,
    secondsPerIdentification: { median: percentile(seconds, 50), p95: percentile(seconds, 95) },
    winnerScore: { min: winnerMin },
    runnerUpScore: { max: runnerUpMax },
  };
};
