/**
 * One call for benchmarks: fake values for a template, a clean render, then a scanner-like copy. The
 * clean page and the degradation parameters are both returned, so an evaluation can compare read
 * values with `clean.truth` and alignment with `scan.params`.
 */
import type { ResultAsync } from "neverthrow";
import { errAsync, okAsync } from "neverthrow";
import type { Template } from "../templates/template.ts";
import { degrade, type DegradedScan, type DegradeOptions } from "./degrade.ts";
import { type DocumentValues, fakeValuesFor } from "./fake-values.ts";
import { renderDocument, type RenderedDocument } from "./render-document.ts";
import type { SyntheticError } from "./synthetic.errors.ts";

/** Options of {@link synthesizeScan}. */
export interface SynthesizeOptions {
  /** Seed of the values, the render and (unless `degrade.seed` is given) the degradation. */
  readonly seed: number;
  /** Render resolution; default the template's reference dpi. */
  readonly dpi?: number;
  /** Values to draw instead of generated ones. */
  readonly values?: DocumentValues;
  /** Degradation overrides (the rest drawn from the seed); `false` to skip degradation. */
  readonly degrade?: Partial<DegradeOptions> | false;
}

/** A synthetic scan with its ground truth. */
export interface SyntheticScan {
  readonly clean: RenderedDocument;
  /** The degraded copy, or null when degradation was skipped. */
  readonly scan: DegradedScan | null;
}

/** Renders `template` with fake (or given) values and degrades it like a scanner. */
export const synthesizeScan = (template: Template, options: SynthesizeOptions): ResultAsync<SyntheticScan, SyntheticError> => {
  const values = options.values ?? fakeValuesFor(template, options.seed);
  const rendered = renderDocument(template, values, { dpi: options.dpi ?? template.page.dpi, seed: options.seed });
  if (rendered.isErr()) return errAsync(rendered.error);
  const clean = rendered.value;
  if (options.degrade === false) return okAsync({ clean, scan: null });
  return degrade(clean.png, { seed: options.seed, ...options.degrade }).map((scan) => ({ clean, scan }));
};
