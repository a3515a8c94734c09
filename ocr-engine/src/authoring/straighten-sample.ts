/**
 * A sample scan straightened before drafting. The skew is measured on the binarised page (ink
 * profiles, `estimateSkew`), but the rotation is applied to the grey channel with bilinear
 * interpolation and the page is binarised again: rotating the binary image directly (nearest
 * neighbour) leaves jagged strokes that tesseract misreads in small label words (筆頭者, 性別).
 */
import { estimateSkew } from "../identify/skew.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import { thresholdChannel } from "../pipeline/remove-tint.ts";
import type { TintMethod } from "../templates/template.ts";

/**
 * Below this skew (degrees) a sample is drafted as it is: resampling costs a little sharpness, which
 * a fraction of a degree does not repay.
 */
export const MIN_CORRECTED_SKEW_DEG = 0.2;

/** `channel` rotated by −`deg` about its centre, bilinear, paper white outside the scan. */
export const rotateGreyBilinear = (channel: GreyRaster, deg: number): GreyRaster => {
  const { width, height, data } = channel;
  const t = (deg * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const out = new Uint8Array(width * height).fill(255);
  const at = (x: number, y: number) => (x >= 0 && x < width && y >= 0 && y < height ? data[y * width + x]! : 255);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // The output point rotated back by +deg lands between four source pixels.
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < -1 || x0 >= width || y0 < -1 || y0 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
};

/** A binarised sample, straightened when it is askew, and the skew that was corrected (0 if none). */
export interface StraightenedSample {
  readonly page: GreyRaster;
  readonly skewDeg: number;
}

/** Binarises the tint channel of a sample and straightens it (see the module comment). */
export const straightenSample = (channel: GreyRaster, method: TintMethod, inkBias: number): StraightenedSample => {
  const binary = thresholdChannel(channel, method, inkBias).image;
  const skewDeg = estimateSkew(binary);
  if (Math.abs(skewDeg) < MIN_CORRECTED_SKEW_DEG) return { page: binary, skewDeg: 0 };
  return { page: thresholdChannel(rotateGreyBilinear(channel, skewDeg), method, inkBias).image, skewDeg };
};
