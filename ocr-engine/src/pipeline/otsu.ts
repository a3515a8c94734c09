/**
 * Otsu's threshold from a 256-bin histogram: the level that maximises the between-class variance.
 * Own implementation (no opencv) so that tint removal runs without loading the wasm module.
 */
import type { GreyRaster } from "./raster.ts";

/** Histogram of an 8-bit channel. */
export const histogram = (image: GreyRaster): Uint32Array => {
  const h = new Uint32Array(256);
  const d = image.data;
  for (let i = 0; i < d.length; i++) h[d[i]!]!++;
  return h;
};

/**
 * Otsu threshold t: pixels `<= t` are the dark class (ink). Returns 0 for an empty or uniform image
 * (no split exists; the caller then keeps everything white except pure black).
 */
export const otsuThreshold = (hist: Uint32Array): number => {
  let total = 0;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sumAll += i * hist[i]!;
  }
  if (total === 0) return 0;
  let weightDark = 0;
  let sumDark = 0;
  let best = -1;
  let threshold = 0;
  for (let t = 0; t < 256; t++) {
    weightDark += hist[t]!;
    if (weightDark === 0) continue;
    const weightLight = total - weightDark;
    if (weightLight === 0) break;
    sumDark += t * hist[t]!;
    const meanDark = sumDark / weightDark;
    const meanLight = (sumAll - sumDark) / weightLight;
    const between = weightDark * weightLight * (meanDark - meanLight) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
};

/** Mean level of the light class (pixels above `threshold`); 255 when the class is empty. */
export const lightMean = (hist: Uint32Array, threshold: number): number => {
  let n = 0;
  let sum = 0;
  for (let i = threshold + 1; i < 256; i++) {
    n += hist[i]!;
    sum += i * hist[i]!;
  }
  return n === 0 ? 255 : sum / n;
};
