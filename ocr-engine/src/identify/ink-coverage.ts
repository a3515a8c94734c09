/**
 * Verification score: how much of a reference's printed ink (rules, labels, title) is found on the
 * scan where the fitted homography puts it. A filled form contains everything its blank reference
 * prints, so the right template covers nearly all of it; a wrong layout that RANSAC happened to fit
 * on a few shared label words does not (its other rules and labels land on paper).
 */
import type { GreyRaster } from "../pipeline/raster.ts";
import type { PackedInk } from "./packed-ink.ts";

/** Ink dilated by `radius` pixels (square), as a 0/1 mask: tolerance for blur and the fit's residual. */
export const dilateInk = (ink: GreyRaster, radius: number): Uint8Array => {
  const { width, height, data } = ink;
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let last = -Infinity;
    // Forward pass marks pixels within `radius` after an ink pixel, backward pass those before.
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) last = x;
      if (x - last <= radius) rows[y * width + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (data[y * width + x] === 0) last = x;
      if (last - x <= radius) rows[y * width + x] = 1;
    }
  }
  const out = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (rows[y * width + x] === 1) last = y;
      if (y - last <= radius) out[y * width + x] = 1;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (rows[y * width + x] === 1) last = y;
      if (last - y <= radius) out[y * width + x] = 1;
    }
  }
  return out;
};

/** Inverse of a row-major 3×3 matrix, or null when singular. */
const invert3 = (m: readonly number[]): number[] | null => {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) return null;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
};

/** Most reference ink pixels tested: enough for a stable fraction, cheap for several candidates. */
const SAMPLES = 6000;

/**
 * Fraction (0..1) of the reference's ink pixels that land on scan ink. `homography` maps scan pixels
 * to reference pixels (as `estimateAlignment` returns it); `scanMask` is the scan's dilated ink.
 */
export const inkCoverage = (reference: PackedInk, homography: readonly number[], scanMask: Uint8Array, scanSize: { readonly width: number; readonly height: number }): number => {
  const inv = invert3(homography);
  if (inv === null) return 0;
  const n = reference.width * reference.height;
  let ink = 0;
  for (let i = 0; i < reference.bits.length; i++) {
    let v = reference.bits[i]!;
    while (v !== 0) {
      v &= v - 1;
      ink++;
    }
  }
  if (ink === 0) return 0;
  const stride = Math.max(1, Math.floor(ink / SAMPLES));
  let seen = 0;
  let tested = 0;
  let hit = 0;
  for (let p = 0; p < n; p++) {
    if (((reference.bits[p >> 3]! >> (p & 7)) & 1) === 0) continue;
    if (seen++ % stride !== 0) continue;
    const x = p % reference.width;
    const y = (p - x) / reference.width;
    const w = inv[6]! * x + inv[7]! * y + inv[8]!;
    const sx = Math.round((inv[0]! * x + inv[1]! * y + inv[2]!) / w);
    const sy = Math.round((inv[3]! * x + inv[4]! * y + inv[5]!) / w);
    tested++;
    if (sx >= 0 && sx < scanSize.width && sy >= 0 && sy < scanSize.height && scanMask[sy * scanSize.width + sx] === 1) hit++;
  }
  return tested === 0 ? 0 : hit / tested;
};
