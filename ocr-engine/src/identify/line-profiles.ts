/**
 * Ruled-line profiles of a straightened binary page: where the form's horizontal rules lie down the
 * page and where its vertical rules lie across it. Rules are the part of a form that a blank reference
 * and a filled scan share exactly (values are written inside the cells), and they differ from one
 * municipality's layout to the next; text is filtered out by keeping only long ink runs.
 */
import type { GreyRaster } from "../pipeline/raster.ts";

/** Bins of a profile along each axis (normalised to the page, so any resolution compares). */
export const PROFILE_BINS = 256;

/** Shortest horizontal run kept as a rule, as a fraction of the page width. */
const MIN_H_RUN = 0.04;
/** Shortest vertical run kept as a rule, as a fraction of the page height (taller than a value's characters). */
const MIN_V_RUN = 0.03;

/** The two profiles: rule pixels per bin of y (`rows`) and of x (`cols`), as fractions of the page. */
export interface LineProfiles {
  readonly rows: Float64Array;
  readonly cols: Float64Array;
  /** Rule pixels over all pixels: near 0 for a page without ruled lines (cards, blank paper). */
  readonly ruleInk: number;
}

/**
 * Adds runs of ink at least `minRun` long along rows (`horizontal`) or columns into `profile`, binned
 * along the other axis. A pixel counts as ink when it or its neighbour across the run is ink, so a
 * rule that a residual skew of a fraction of a degree moves by one pixel still makes one run.
 */
const addRuns = (image: GreyRaster, horizontal: boolean, minRun: number, profile: Float64Array): number => {
  const { width, height, data } = image;
  const along = horizontal ? width : height;
  const across = horizontal ? height : width;
  // Pixel index = c * cStride + a * aStride; the neighbour across is one cStride further.
  const aStride = horizontal ? 1 : width;
  const cStride = horizontal ? width : 1;
  let total = 0;
  for (let c = 0; c < across; c++) {
    const bin = Math.min(PROFILE_BINS - 1, Math.floor((c / across) * PROFILE_BINS));
    const next = c + 1 < across ? cStride : 0;
    let run = 0;
    let sum = 0;
    let p = c * cStride;
    for (let a = 0; a < along; a++, p += aStride) {
      if (data[p] === 0 || data[p + next] === 0) {
        run++;
      } else {
        if (run >= minRun) sum += run;
        run = 0;
      }
    }
    if (run >= minRun) sum += run;
    profile[bin]! += sum;
    total += sum;
  }
  return total;
};

/** Ruled-line profiles of a straightened binary page (0 = ink). */
export const lineProfiles = (image: GreyRaster): LineProfiles => {
  const rows = new Float64Array(PROFILE_BINS);
  const cols = new Float64Array(PROFILE_BINS);
  const h = addRuns(image, true, Math.max(8, Math.round(MIN_H_RUN * image.width)), rows);
  const v = addRuns(image, false, Math.max(8, Math.round(MIN_V_RUN * image.height)), cols);
  const area = image.width * image.height;
  for (let i = 0; i < PROFILE_BINS; i++) {
    rows[i]! /= area;
    cols[i]! /= area;
  }
  return { rows, cols, ruleInk: (h + v) / area };
};
