/**
 * Registers a scan to a template's reference raster: ORB features on the downscaled V channel
 * (max of R,G,B: the tint is bright there, so features come from ink and ruled lines), brute-force
 * Hamming matching with Lowe's ratio test, a RANSAC homography (or, when it is rejected, an affine fit
 * of the same matches), then a perspective warp of the full-resolution scan into the reference geometry.
 * ECC is not used: a blank reference and a filled scan differ too much for it (measured, see OCR.md).
 *
 * Weak fits are rejected with the reason, so that the caller can fall back to clicked corners rather
 * than read fields from the wrong place.
 */
import { err, ok, type Result } from "neverthrow";
import { loadOpenCv, type Cv } from "./opencv.ts";
import { ocrError, type OcrError } from "./ocr-error.ts";
import { histogram, otsuThreshold } from "./otsu.ts";
import { valueChannel, type GreyRaster, type RgbaRaster } from "./raster.ts";
import { binarize } from "./remove-tint.ts";

/** Tuning of {@link alignToReference}; the defaults are those measured in OCR.md. */
export interface AlignOptions {
  /** Longest side of the images the features are computed on, in pixels; default 1000. */
  readonly workingSize: number;
  /** ORB features per image; default 3000. */
  readonly features: number;
  /** Lowe's ratio test; default 0.75. */
  readonly ratio: number;
  /** RANSAC reprojection threshold at working size, in pixels; default 3. */
  readonly ransacThreshold: number;
  /** Fewest RANSAC inliers to accept a fit; default 25. */
  readonly minInliers: number;
  /**
   * Accepted range of the scale of scan → reference (each axis), **relative to the images' sizes**: a
   * scan framing the same page at another resolution (a 200 dpi scan of a 600 dpi card reference) has
   * relative scale 1, so the bounds do not depend on the scanner's dpi; default 0.8–1.25. A document
   * that fills only part of the scan (a card on an A4 flatbed) falls outside: crop it first.
   */
  readonly minScale: number;
  readonly maxScale: number;
  /** Largest |cos| of the angle between the mapped axes (0 = no shear); default 0.1 (≈ 5.7°). */
  readonly maxShear: number;
  /** Largest perspective term × reference size (how far from affine); default 0.05. */
  readonly maxPerspective: number;
  /** ORB pyramid levels (scale step 1.2); default 4. */
  readonly levels: number;
  /** Otsu-binarise the V channel before feature detection; default true. */
  readonly binarize: boolean;
  /** The model RANSAC fits: `auto` (default) the homography, and the affine fit when the homography is rejected. */
  readonly model: FitModel | "auto";
}

/** Default {@link AlignOptions}. */
export const DEFAULT_ALIGN_OPTIONS: AlignOptions = {
  workingSize: 1000,
  features: 3000,
  ratio: 0.75,
  ransacThreshold: 3,
  minInliers: 25,
  minScale: 0.8,
  maxScale: 1.25,
  maxShear: 0.1,
  maxPerspective: 0.05,
  binarize: true,
  levels: 4,
  model: "auto",
};

/** Why a fit was rejected (carried in the error message and in {@link AlignmentRejection}). */
export type AlignmentRejectionReason = "too_few_features" | "too_few_matches" | "no_homography" | "too_few_inliers" | "scale_out_of_range" | "shear" | "perspective";

/** Diagnostics of an alignment, accepted or not. */
export interface AlignmentFit {
  /** The model fitted: an affine fit's homography has a last row of 0 0 1. */
  readonly model: FitModel;
  /** Row-major 3×3 homography mapping full-resolution scan pixels to reference pixels. */
  readonly homography: readonly number[];
  readonly matches: number;
  readonly inliers: number;
  /** Scale of each mapped axis, and |cos| of the angle between them. */
  readonly scaleX: number;
  readonly scaleY: number;
  readonly shear: number;
}

/** A rejected fit: the `alignment_failed` error and, when a homography was found, its diagnostics. */
export interface AlignmentRejection {
  readonly rejection: AlignmentRejectionReason;
  readonly fit: AlignmentFit | null;
}

/** An accepted alignment: the scan warped into the reference geometry, and the fit. */
export interface Alignment {
  readonly image: RgbaRaster;
  readonly fit: AlignmentFit;
}

/** The alignment error: `alignment_failed` with the rejection attached. */
export type AlignError = OcrError & { readonly rejection?: AlignmentRejection };

const fail = (rejection: AlignmentRejectionReason, fit: AlignmentFit | null, detail: string): AlignError => ({
  ...ocrError("alignment_failed", "align", `alignment rejected (${rejection}): ${detail}`),
  rejection: { rejection, fit },
});

/** Downscaled grey Mat of at most `size` px on its longest side; returns the Mat and the factor used. */
const workingMat = (cv: Cv, grey: GreyRaster, size: number, track: (m: unknown) => void): { mat: Cv; factor: number } => {
  const full = new cv.Mat(grey.height, grey.width, cv.CV_8UC1);
  track(full);
  full.data.set(grey.data);
  const factor = Math.min(1, size / Math.max(grey.width, grey.height));
  if (factor === 1) return { mat: full, factor };
  const small = new cv.Mat();
  track(small);
  cv.resize(full, small, new cv.Size(Math.round(grey.width * factor), Math.round(grey.height * factor)), 0, 0, cv.INTER_AREA);
  return { mat: small, factor };
};

/**
 * The image features are taken from: V channel, optionally Otsu-binarised, so that keypoints come
 * from ink and ruled lines rather than from the tint pattern (which repeats and matches ambiguously)
 * or JPEG noise.
 */
const featureImage = (image: RgbaRaster, binarized: boolean): GreyRaster => {
  const v = valueChannel(image);
  return binarized ? binarize(v, otsuThreshold(histogram(v))) : v;
};

/** Multiplies two row-major 3×3 matrices. */
const mul3 = (a: readonly number[], b: readonly number[]): number[] => {
  const out: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return out;
};

/** Diagonal scaling matrix diag(f, f, 1). */
const scaling = (f: number): number[] => [f, 0, 0, 0, f, 0, 0, 0, 1];

/** Applies a row-major homography to a point. */
export const applyHomography = (h: readonly number[], x: number, y: number): { x: number; y: number } => {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return { x: (h[0]! * x + h[1]! * y + h[2]!) / w, y: (h[3]! * x + h[4]! * y + h[5]!) / w };
};

/** The models RANSAC fits (`auto`: the homography, or the affine fit when it is rejected; {@link homographyElseAffine}). */
export type FitModel = "homography" | "affine";

/** Checks a fit: enough inliers, a scale in range relative to the page sizes, little shear and perspective. */
const judgeFit = (
  found: { readonly model: FitModel; readonly homography: readonly number[]; readonly matches: number; readonly inliers: number },
  scan: RgbaRaster,
  reference: RgbaRaster,
  o: AlignOptions,
): Result<AlignmentFit, AlignError> => {
  const h = found.homography;
  const scaleX = Math.hypot(h[0]!, h[3]!);
  const scaleY = Math.hypot(h[1]!, h[4]!);
  const shear = Math.abs(h[0]! * h[1]! + h[3]! * h[4]!) / (scaleX * scaleY);
  const fit: AlignmentFit = { ...found, scaleX, scaleY, shear };
  if (fit.inliers < o.minInliers) return err(fail("too_few_inliers", fit, `${fit.inliers} inliers, at least ${o.minInliers} needed`));
  // Relative to the sizes: the scan's resolution is unknown (JPEG density tags are unreliable), its frame is not.
  const frame = Math.max(scan.width, scan.height) / Math.max(reference.width, reference.height);
  for (const s of [scaleX * frame, scaleY * frame]) {
    if (!(s >= o.minScale && s <= o.maxScale)) return err(fail("scale_out_of_range", fit, `scale ${s.toFixed(3)} relative to the page size outside ${o.minScale}–${o.maxScale}`));
  }
  if (shear > o.maxShear) return err(fail("shear", fit, `shear ${shear.toFixed(3)} above ${o.maxShear}`));
  const perspective = Math.abs(h[6]!) * reference.width + Math.abs(h[7]!) * reference.height;
  if (perspective > o.maxPerspective) return err(fail("perspective", fit, `perspective ${perspective.toFixed(3)} above ${o.maxPerspective}`));
  return ok(fit);
};

/**
 * The homography of the matches, or — when it is rejected — their affine fit. RANSAC now and then settles on a
 * homography with a perspective no flatbed makes: on a 戸籍附票, whose many blank ruled rows match ambiguously, two
 * pages of 15 bench seeds were rejected so (perspective 0.27; the whole page lost) and the affine fit of the same
 * matches reads them. A flatbed scan is affine, and measured against the generator's known transform the accepted
 * homographies were off by 5–7 px at the corners of 200 dpi residence cards and 20–49 px at the foot of some 戸籍附票
 * (affine: 0.4–1.1 and 1–13 px); yet preferring the affine fit read *worse* on 2,880 values of fresh pages
 * (5 fewer exact, 34 more false alarms: sub-pixel shifts flip tesseract's readings, and no cause was found), so the
 * homography stays first. `model` forces one.
 */
const homographyElseAffine = (fitOn: (model: FitModel) => Result<AlignmentFit, AlignError>): Result<AlignmentFit, AlignError> => {
  const homography = fitOn("homography");
  if (homography.isOk()) return homography;
  const affine = fitOn("affine");
  return affine.isOk() ? affine : homography;
};

/**
 * Aligns `scan` to `reference` and warps it into the reference's size. Both are RGBA; the features
 * come from their V channels. Errors: `alignment_failed` with a {@link AlignmentRejection}.
 */
export const alignToReference = (scan: RgbaRaster, reference: RgbaRaster, options: Partial<AlignOptions> = {}): Result<Alignment, AlignError> =>
  estimateAlignment(scan, reference, options).andThen((fit) =>
    warpRgba(scan, fit, reference).map((image) => ({ image, fit })),
  );

/** ORB features of a reference at working size, kept out of the wasm heap (plain arrays). */
interface ReferenceFeatures {
  /** Keypoint coordinates at working size, x and y interleaved. */
  readonly points: Float32Array;
  /** Descriptors, `count` rows of `descriptorBytes`. */
  readonly descriptors: Uint8Array;
  readonly count: number;
  readonly descriptorBytes: number;
  /** Working size ÷ full size. */
  readonly factor: number;
}

// A template's reference is aligned to on every page: its features are computed once per raster and
// per feature settings (a WeakMap, so a reference that is dropped takes its features with it). Measured
// on the bench's pages: ~0.2 s of the ~0.9 s alignment was the reference's own ORB.
const referenceCache = new WeakMap<RgbaRaster, Map<string, ReferenceFeatures>>();

const referenceFeatures = (cv: Cv, reference: RgbaRaster, o: AlignOptions): ReferenceFeatures => {
  const key = `${o.workingSize}|${o.features}|${o.levels}|${o.binarize}`;
  let byOptions = referenceCache.get(reference);
  const cached = byOptions?.get(key);
  if (cached !== undefined) return cached;
  const mats: Cv[] = [];
  const track = (m: unknown) => void mats.push(m);
  try {
    const b = workingMat(cv, featureImage(reference, o.binarize), o.workingSize, track);
    const orb = new cv.ORB(o.features, 1.2, o.levels);
    const kp = new cv.KeyPointVector();
    const desc = new cv.Mat();
    const none = new cv.Mat();
    [orb, kp, desc, none].forEach(track);
    orb.detectAndCompute(b.mat, none, kp, desc);
    const count = Math.min(kp.size(), desc.rows);
    const points = new Float32Array(2 * count);
    for (let i = 0; i < count; i++) {
      const pt = kp.get(i).pt;
      points[2 * i] = pt.x;
      points[2 * i + 1] = pt.y;
    }
    const features: ReferenceFeatures = { points, descriptors: new Uint8Array(desc.data as Uint8Array).slice(0, count * desc.cols), count, descriptorBytes: desc.cols, factor: b.factor };
    if (byOptions === undefined) {
      byOptions = new Map();
      referenceCache.set(reference, byOptions);
    }
    byOptions.set(key, features);
    return features;
  } finally {
    for (const m of mats) (m as { delete(): void }).delete();
  }
};

/**
 * Estimates the transform of `scan` onto `reference` (a homography, or an affine fit when that is rejected: see
 * {@link homographyElseAffine}; returned as a homography) and checks it, without warping: the engine then warps
 * only the one channel it binarises (4× less data than RGBA, measured ~0.4 s per A4 page at 300 dpi for the RGBA
 * warp). Errors: `alignment_failed` with a {@link AlignmentRejection}.
 */
export const estimateAlignment = (scan: RgbaRaster, reference: RgbaRaster, options: Partial<AlignOptions> = {}): Result<AlignmentFit, AlignError> => {
  const o = { ...DEFAULT_ALIGN_OPTIONS, ...options };
  if (scan.width < 16 || scan.height < 16 || reference.width < 16 || reference.height < 16) {
    return err(ocrError("invalid_input", "align", "scan and reference must be at least 16×16 pixels"));
  }
  const cv = loadOpenCv();
  const mats: Cv[] = [];
  const track = (m: unknown) => void mats.push(m);
  try {
    const a = workingMat(cv, featureImage(scan, o.binarize), o.workingSize, track);
    // Few pyramid levels: scans differ from the reference by at most ±25 % in scale, and keypoints
    // from coarse levels are localised too loosely for field crops.
    const orb = new cv.ORB(o.features, 1.2, o.levels);
    track(orb);
    const kpA = new cv.KeyPointVector();
    const descA = new cv.Mat();
    const none = new cv.Mat();
    [kpA, descA, none].forEach(track);
    orb.detectAndCompute(a.mat, none, kpA, descA);
    const b = referenceFeatures(cv, reference, o);
    if (kpA.size() < 4 || b.count < 4 || descA.rows < 2 || b.count < 2) {
      return err(fail("too_few_features", null, `${kpA.size()} and ${b.count} keypoints`));
    }
    const descB = new cv.Mat(b.count, b.descriptorBytes, cv.CV_8UC1);
    track(descB);
    descB.data.set(b.descriptors);
    const matcher = new cv.BFMatcher(cv.NORM_HAMMING, false);
    const knn = new cv.DMatchVectorVector();
    [matcher, knn].forEach(track);
    matcher.knnMatch(descA, descB, knn, 2);
    const src: number[] = [];
    const dst: number[] = [];
    for (let i = 0; i < knn.size(); i++) {
      const pair = knn.get(i);
      try {
        if (pair.size() < 2) continue;
        const best = pair.get(0);
        const second = pair.get(1);
        if (best.distance >= o.ratio * second.distance) continue;
        const p = kpA.get(best.queryIdx).pt;
        src.push(p.x, p.y);
        dst.push(b.points[2 * best.trainIdx]!, b.points[2 * best.trainIdx + 1]!);
      } finally {
        pair.delete();
      }
    }
    const matches = src.length / 2;
    if (matches < Math.max(4, o.minInliers)) return err(fail("too_few_matches", null, `${matches} matches after the ratio test`));
    const srcMat = cv.matFromArray(matches, 1, cv.CV_32FC2, src);
    const dstMat = cv.matFromArray(matches, 1, cv.CV_32FC2, dst);
    [srcMat, dstMat].forEach(track);
    /** RANSAC fit of `model` to the matches at working size, brought to full resolution and judged. */
    const fitOn = (model: FitModel): Result<AlignmentFit, AlignError> => {
      const mask = new cv.Mat();
      track(mask);
      const found = model === "affine" ? cv.estimateAffine2D(srcMat, dstMat, mask, cv.RANSAC, o.ransacThreshold) : cv.findHomography(srcMat, dstMat, cv.RANSAC, o.ransacThreshold, mask);
      track(found);
      if (found.empty() || found.rows !== (model === "affine" ? 2 : 3)) return err(fail("no_homography", null, "RANSAC found no model"));
      let inliers = 0;
      for (let i = 0; i < mask.rows; i++) if (mask.data[i] !== 0) inliers++;
      // Back to full resolution: H = S_ref⁻¹ · H_small · S_scan, with S = diag(factor, factor, 1).
      const small = [...Array.from(found.data64F as Float64Array), ...(model === "affine" ? [0, 0, 1] : [])];
      const full = mul3(mul3(scaling(1 / b.factor), small), scaling(a.factor));
      return judgeFit({ model, homography: full.map((v) => v / full[8]!), matches, inliers }, scan, reference, o);
    };
    return o.model === "auto" ? homographyElseAffine(fitOn) : fitOn(o.model);
  } catch (cause) {
    // opencv.js throws bare numbers (pointers to C++ exceptions): the one boundary where they become values.
    return err(ocrError("alignment_failed", "align", "OpenCV failed while aligning the scan", { cause }));
  } finally {
    for (const m of mats) (m as { delete(): void }).delete();
  }
};

/** Warps `data` (`channels` bytes per pixel) by the fit's homography into a `size` raster, white outside. */
const warp = (source: { readonly width: number; readonly height: number; readonly data: Uint8Array }, channels: 1 | 4, fit: AlignmentFit, size: { readonly width: number; readonly height: number }): Result<Uint8Array, AlignError> => {
  const cv = loadOpenCv();
  const mats: Cv[] = [];
  try {
    const src = new cv.Mat(source.height, source.width, channels === 4 ? cv.CV_8UC4 : cv.CV_8UC1);
    mats.push(src);
    const out = new cv.Mat();
    mats.push(out);
    const hMat = cv.matFromArray(3, 3, cv.CV_64F, [...fit.homography]);
    mats.push(hMat);
    src.data.set(source.data);
    // White outside the scan: what is not on the page must read as paper, not as ink.
    cv.warpPerspective(src, out, hMat, new cv.Size(size.width, size.height), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(255, 255, 255, 255));
    return ok(new Uint8Array(out.data as Uint8Array)); // copy out of the wasm heap before the Mat is freed
  } catch (cause) {
    return err(ocrError("alignment_failed", "align", "OpenCV failed while warping the scan", { cause }));
  } finally {
    for (const m of mats) (m as { delete(): void }).delete();
  }
};

/** Warps an RGBA scan into the reference geometry (`size`) with an accepted fit. */
export const warpRgba = (scan: RgbaRaster, fit: AlignmentFit, size: { readonly width: number; readonly height: number }): Result<RgbaRaster, AlignError> =>
  warp(scan, 4, fit, size).map((data) => ({ width: size.width, height: size.height, data }));

/** Warps one channel of a scan (e.g. its V channel) into the reference geometry (`size`) with an accepted fit. */
export const warpGrey = (channel: GreyRaster, fit: AlignmentFit, size: { readonly width: number; readonly height: number }): Result<GreyRaster, AlignError> =>
  warp(channel, 1, fit, size).map((data) => ({ width: size.width, height: size.height, data }));

