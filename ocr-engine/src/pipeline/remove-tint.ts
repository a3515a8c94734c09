/**
 * Tint (地紋) removal: anti-copy paper is printed in pale colours, which are bright in the V channel
 * (max of R, G, B) while black ink is dark in every channel. A global Otsu split on V keeps the ink and
 * drops the tint and red seals. Adaptive thresholds are deliberately not used: the tint is locally
 * dark and survives them (measured, see OCR.md).
 */
import type { TintMethod } from "../templates/template.ts";
import { histogram, lightMean, otsuThreshold } from "./otsu.ts";
import { greyChannel, valueChannel, type GreyRaster, type RgbaRaster } from "./raster.ts";

/** The binarised page and the threshold used, for diagnostics. */
export interface TintRemoval {
  /** 0 for ink, 255 for paper (or the grey page unchanged for method `none`). */
  readonly image: GreyRaster;
  /** The Otsu level on the chosen channel; null for `none`. */
  readonly threshold: number | null;
}

/** Binarises a channel at `threshold`: `<= threshold` → 0 (ink), otherwise 255. */
export const binarize = (image: GreyRaster, threshold: number): GreyRaster => {
  const out = new Uint8Array(image.data.length);
  const d = image.data;
  for (let i = 0; i < d.length; i++) out[i] = d[i]! <= threshold ? 0 : 255;
  return { width: image.width, height: image.height, data: out };
};

/**
 * How far the threshold moves from Otsu's level towards the mean of the paper class (0 = plain Otsu).
 * Otsu splits halfway between ink and paper, which drops the thin anti-aliased horizontal strokes of
 * 明朝 type (目 read as 日, 帯 as 淀 in our tests); the tint sits just below the paper level, far above
 * this. Measured on rendered tinted pages: plain Otsu 162 lost strokes, 180–200 read every line.
 */
export const DEFAULT_INK_BIAS = 0.3;

/**
 * Removes the tint with the template's method: `v-otsu` (Otsu on max(R,G,B)), `gray-otsu` (Otsu on
 * luma: for dark or grey tints that V cannot separate), or `none` (luma, not binarised).
 */
export const removeTint = (image: RgbaRaster, method: TintMethod, inkBias: number = DEFAULT_INK_BIAS): TintRemoval =>
  thresholdChannel(tintChannel(image, method), method, inkBias);

/** The channel a tint method works on: V = max(R,G,B) for `v-otsu`, luma otherwise. */
export const tintChannel = (image: RgbaRaster, method: TintMethod): GreyRaster => (method === "v-otsu" ? valueChannel(image) : greyChannel(image));

/**
 * The second half of {@link removeTint}, on a channel already extracted by {@link tintChannel} (and
 * possibly warped): Otsu with the ink bias, or the channel unchanged for `none`.
 */
export const thresholdChannel = (channel: GreyRaster, method: TintMethod, inkBias: number = DEFAULT_INK_BIAS): TintRemoval => {
  if (method === "none") return { image: channel, threshold: null };
  const threshold = biasedThresholds(channel, [inkBias])[0]!;
  return { image: binarize(channel, threshold), threshold };
};

/** Otsu's level on `channel` moved by each bias towards the paper class's mean (one histogram for all). */
export const biasedThresholds = (channel: GreyRaster, inkBiases: readonly number[]): number[] => {
  const hist = histogram(channel);
  const otsu = otsuThreshold(hist);
  const light = lightMean(hist, otsu);
  return inkBiases.map((bias) => Math.round(otsu + bias * (light - otsu)));
};
