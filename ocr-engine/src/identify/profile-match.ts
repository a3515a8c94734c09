/**
 * Similarity of two profiles that tolerates a shift: the scan may sit a little off the reference on
 * the scanner glass. Profiles are smoothed (rules drift by a pixel or two after blur and resampling),
 * centred and scaled to unit length once; the similarity is then the best normalised
 * cross-correlation over shifts of up to `maxShift` bins.
 */

/** A profile prepared for {@link shiftedCorrelation}: smoothed, zero mean, unit length (or all zero). */
export type PreparedProfile = Float64Array;

/** Gaussian smoothing width, in bins. */
const SIGMA = 1.5;

const kernel = (() => {
  const r = Math.ceil(3 * SIGMA);
  const k: number[] = [];
  for (let i = -r; i <= r; i++) k.push(Math.exp(-(i * i) / (2 * SIGMA * SIGMA)));
  const s = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / s);
})();

/** Smooths, centres and normalises a raw profile. A flat profile (no rules) becomes all zeros. */
export const prepareProfile = (raw: Float64Array): PreparedProfile => {
  const n = raw.length;
  const r = (kernel.length - 1) / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < kernel.length; k++) {
      const j = i + k - r;
      if (j >= 0 && j < n) s += raw[j]! * kernel[k]!;
    }
    out[i] = s;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += out[i]!;
  mean /= n;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    out[i]! -= mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm);
  if (norm < 1e-12) return new Float64Array(n);
  for (let i = 0; i < n; i++) out[i]! /= norm;
  return out;
};

/** Best correlation of `a` and `b` shifted by −maxShift..maxShift bins, in −1..1, and the shift. */
export const shiftedCorrelation = (a: PreparedProfile, b: PreparedProfile, maxShift: number): { readonly score: number; readonly shift: number } => {
  const n = Math.min(a.length, b.length);
  let best = -Infinity;
  let bestShift = 0;
  for (let s = -maxShift; s <= maxShift; s++) {
    let dot = 0;
    const from = Math.max(0, -s);
    const to = Math.min(n, n - s);
    for (let i = from; i < to; i++) dot += a[i]! * b[i + s]!;
    if (dot > best) {
      best = dot;
      bestShift = s;
    }
  }
  return { score: best, shift: bestShift };
};
