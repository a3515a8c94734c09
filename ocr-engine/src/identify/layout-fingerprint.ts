/**
 * A layout fingerprint: what identification compares first, for every registered template. It is
 * the page's aspect ratio (cards, A4 and A5 differ) and its ruled-line profiles, taken on the
 * binarised V channel (max of R, G, B: the tint 地紋 and red seals are bright there, so only black
 * ink remains) after straightening the page.
 */
import { histogram, lightMean, otsuThreshold } from "../pipeline/otsu.ts";
import { valueChannel, type GreyRaster, type RgbaRaster } from "../pipeline/raster.ts";
import { binarize } from "../pipeline/remove-tint.ts";
import { lineProfiles } from "./line-profiles.ts";
import { prepareProfile, type PreparedProfile } from "./profile-match.ts";
import { deskew, estimateSkew } from "./skew.ts";

/** The fingerprint of one page. */
export interface LayoutFingerprint {
  /** Height over width. */
  readonly aspect: number;
  /** The skew that was removed, in degrees. */
  readonly skewDeg: number;
  /** Horizontal-rule profile down the page, prepared for correlation. */
  readonly rows: PreparedProfile;
  /** Vertical-rule profile across the page, prepared for correlation. */
  readonly cols: PreparedProfile;
  /** Fraction of the page covered by rules (0 for cards and blank paper). */
  readonly ruleInk: number;
  /** Fraction of the page that is ink at all. */
  readonly ink: number;
}

/**
 * Highest level counted as ink. Tints are pale in V (≥ 215 on the synthetic papers, and pale by design
 * on real ones): a page with no ink at all must not have its tint split off as ink by Otsu.
 */
const MAX_INK_LEVEL = 200;
/** Threshold bias towards the paper, as in tint removal: thin rules are grey after reduction. */
const INK_BIAS = 0.3;

/** The binarised V channel of a reduced page (0 = ink, 255 = paper). */
export const inkOf = (page: RgbaRaster): GreyRaster => {
  const v = valueChannel(page);
  const hist = histogram(v);
  const otsu = otsuThreshold(hist);
  const level = Math.min(MAX_INK_LEVEL, Math.round(otsu + INK_BIAS * (lightMean(hist, otsu) - otsu)));
  return binarize(v, level);
};

/** The fingerprint of a reduced page (see `reducePage`). */
export const pageFingerprint = (page: RgbaRaster): LayoutFingerprint => fingerprintOfInk(inkOf(page));

/** The fingerprint of a page already binarised by {@link inkOf}. */
export const fingerprintOfInk = (ink: GreyRaster): LayoutFingerprint => {
  const skewDeg = estimateSkew(ink);
  const profiles = lineProfiles(deskew(ink, skewDeg));
  let dark = 0;
  for (let i = 0; i < ink.data.length; i++) if (ink.data[i] === 0) dark++;
  return {
    aspect: ink.height / ink.width,
    skewDeg,
    rows: prepareProfile(profiles.rows),
    cols: prepareProfile(profiles.cols),
    ruleInk: profiles.ruleInk,
    ink: dark / ink.data.length,
  };
};
