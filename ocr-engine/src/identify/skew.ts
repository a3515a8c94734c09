/**
 * Skew of a binarised page: scanners rotate pages by a few degrees, which smears ruled lines across
 * several rows of a projection profile. The skew is the angle that makes the horizontal projection of
 * the ink sharpest (largest sum of squares), searched coarse-to-fine within ±`maxDeg`.
 */
import type { GreyRaster } from "../pipeline/raster.ts";

/** Largest skew searched, in degrees (scanners: ±3°, with some slack). */
export const MAX_SKEW_DEG = 4;

/** Pixel coordinates of ink (value 0) in a binary raster, every `stride`-th one. */
const inkPoints = (image: GreyRaster, stride: number): { xs: Float32Array; ys: Float32Array } => {
  const xs: number[] = [];
  const ys: number[] = [];
  let k = 0;
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) {
      if (image.data[row + x] === 0 && k++ % stride === 0) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys) };
};

/** Sum of squares of the projection of the points rotated by −`deg` onto the y axis. */
const sharpness = (xs: Float32Array, ys: Float32Array, deg: number, height: number, width: number): number => {
  const t = (deg * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const offset = Math.ceil(width * Math.abs(sin)) + 1;
  const bins = new Float64Array(height + 2 * offset + 2);
  for (let i = 0; i < xs.length; i++) {
    const y = Math.round(ys[i]! * cos - xs[i]! * sin) + offset;
    if (y >= 0 && y < bins.length) bins[y]! += 1;
  }
  let sum = 0;
  for (let i = 0; i < bins.length; i++) sum += bins[i]! * bins[i]!;
  return sum;
};

/**
 * The clockwise skew of the page content in degrees (positive when lines descend to the right), or 0
 * when the page has too little ink to tell.
 */
export const estimateSkew = (image: GreyRaster, maxDeg: number = MAX_SKEW_DEG): number => {
  // 60 000 points are plenty for a sharp profile and keep a dense page fast.
  let ink = 0;
  for (let i = 0; i < image.data.length; i++) if (image.data[i] === 0) ink++;
  if (ink < 50) return 0;
  const fine = inkPoints(image, Math.max(1, Math.ceil(ink / 60_000)));
  // The coarse pass only has to land within a step of the peak: a quarter of the points find it as
  // well and cost a quarter (it was most of an index build's time: 33 of 44 evaluations).
  const coarsePoints = everyNth(fine, COARSE_SUBSAMPLE);
  const search = (points: { xs: Float32Array; ys: Float32Array }, from: number, to: number, step: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let k = 0; from + k * step <= to + 1e-9; k++) {
      const d = from + k * step;
      const s = sharpness(points.xs, points.ys, d, image.height, image.width);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(coarsePoints.xs.length >= 1000 ? coarsePoints : fine, -maxDeg, maxDeg, 0.25);
  const found = search(fine, coarse - 0.25, coarse + 0.25, 0.05);
  // On the 0.05° grid: float steps leave −1e-17 for a straight page, which would rotate it for nothing.
  const snapped = Math.round(found / 0.05) * 0.05;
  return Math.abs(snapped) < 1e-9 ? 0 : snapped;
};

/** Points kept by the coarse pass of {@link estimateSkew}: one in this many. */
const COARSE_SUBSAMPLE = 4;

const everyNth = (points: { xs: Float32Array; ys: Float32Array }, n: number): { xs: Float32Array; ys: Float32Array } => {
  const count = Math.ceil(points.xs.length / n);
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  for (let i = 0, j = 0; i < points.xs.length; i += n, j++) {
    xs[j] = points.xs[i]!;
    ys[j] = points.ys[i]!;
  }
  return { xs, ys };
};

/**
 * The binary raster rotated by −`deg` about its centre (nearest neighbour, paper outside), so that
 * a page skewed by `deg` comes out straight.
 */
export const deskew = (image: GreyRaster, deg: number): GreyRaster => {
  if (deg === 0) return image;
  const t = (deg * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const { width, height } = image;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // The output point rotated back by +deg lands on its source pixel.
      const sx = Math.round(cx + dx * cos - dy * sin);
      const sy = Math.round(cy + dx * sin + dy * cos);
      if (sx >= 0 && sx < width && sy >= 0 && sy < height) out[y * width + x] = image.data[sy * width + sx]!;
    }
  }
  return { width, height, data: out };
};
