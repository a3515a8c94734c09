/**
 * Identification of one reduced page against the index, in three steps:
 *
 * 1. **Shortlist** — templates whose page shape (aspect ratio) matches, ranked by how well their
 *    ruled-line profiles correlate with the page's (cheap: a few hundred numbers per template);
 * 2. **Registration** — the best-ranked templates are registered to the page with ORB + RANSAC
 *    (`estimateAlignment`, as for reading) until one fit is accepted. The fit tells where the *page*
 *    lies on the scan, and every reference is a whole page of the same shape, so the same fit places
 *    any shortlisted template on the scan: one registration serves the whole shortlist;
 * 3. **Verification** — for each shortlisted template, the fraction of its reference ink (rules,
 *    labels, title) found on the scan where that placement puts it. A filled form contains everything
 *    its blank form prints; another layout's rules and labels land on paper.
 *
 * The winner must cover enough and be clearly ahead of the runner-up; otherwise the page is
 * `unidentified` and the message says how close the best came, so staff pick the template by hand.
 */
import { err, ok, type Result } from "neverthrow";
import { estimateAlignment, type AlignError, type AlignmentFit, type AlignOptions } from "../pipeline/align.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { RgbaRaster } from "../pipeline/raster.ts";
import { dilateInk, inkCoverage } from "./ink-coverage.ts";
import { fingerprintOfInk, inkOf, type LayoutFingerprint } from "./layout-fingerprint.ts";
import { PROFILE_BINS } from "./line-profiles.ts";
import { unpackInkRgba } from "./packed-ink.ts";
import { shiftedCorrelation } from "./profile-match.ts";
import type { IndexEntry, TemplateIndex } from "./template-index.ts";

/** Tuning of identification. */
export interface IdentifyOptions {
  /** Templates verified, best layout scores first; default 10. */
  readonly shortlist: number;
  /** Most registration attempts (ORB + RANSAC) before giving up; default 3. */
  readonly registrations: number;
  /** Largest shift of the page on the scanner, as a fraction of the page, tolerated by the layout score; default 0.05. */
  readonly maxShift: number;
  /** Largest relative difference of aspect ratio (height / width) between page and template; default 0.08. */
  readonly aspectTolerance: number;
  /** Smallest score of the winner (see {@link CandidateScore.score}); default 0.7. */
  readonly minScore: number;
  /**
   * Smallest lead of the winner's score over the runner-up's; default 0.1 (measured: the 世田谷区
   * 転出証明書 and the 情報確認書, two variants of one family, 0.165 apart at the closest).
   */
  readonly minMargin: number;
  /** Ink fraction below which the page is blank; default 0.002. */
  readonly minInk: number;
  /** Ink fraction above which the page is no printed form (a photo, noise, a dark page); default 0.35. */
  readonly maxInk: number;
  /**
   * Alignment options of the registration; default 1000 ORB features at 700 px (a third of reading's
   * cost) and 15 inliers (coverage, not the inlier count, rejects a wrong fit).
   */
  readonly registration: Partial<AlignOptions>;
  /**
   * Options of one last registration of the best-ranked template when the cheap ones led nowhere
   * (forms of many identical rows match ambiguously with few features: the fit slips by a row);
   * default reading's own (`{}`).
   */
  readonly lastRegistration: Partial<AlignOptions>;
}

/** Default {@link IdentifyOptions}. */
export const DEFAULT_IDENTIFY_OPTIONS: IdentifyOptions = {
  shortlist: 10,
  registrations: 3,
  maxShift: 0.05,
  aspectTolerance: 0.08,
  minScore: 0.7,
  minMargin: 0.1,
  minInk: 0.002,
  maxInk: 0.35,
  registration: { features: 1000, workingSize: 700, minInliers: 15 },
  lastRegistration: {},
};

/** How one shortlisted template fared. */
export interface CandidateScore {
  readonly templateId: string;
  /** Ruled-line profile correlation, −1..1 (0 for pages without rules, such as cards). */
  readonly layoutScore: number;
  /** Fraction (0..1) of the template's reference ink found on the page. */
  readonly coverage: number;
  /**
   * What the decision compares: the mean of coverage and layout score for a template with ruled lines
   * (coverage alone cannot tell a form from a variant that prints a subset of its rules; the profiles
   * are symmetric), coverage alone for one without (cards).
   */
  readonly score: number;
}

/** An identified page. */
export interface Identification {
  readonly templateId: string;
  /** The winner's score (see {@link CandidateScore.score}). */
  readonly score: number;
  /** The winner's coverage (0..1): the fraction of its reference ink found on the page. */
  readonly coverage: number;
  readonly layoutScore: number;
  /** The best of the other shortlisted templates, or null when only one was a candidate. */
  readonly runnerUp: CandidateScore | null;
  /** The template whose registration placed the page, and its RANSAC inliers. */
  readonly registration: { readonly templateId: string; readonly inliers: number };
  /** Every shortlisted template, best coverage first. */
  readonly candidates: readonly CandidateScore[];
}

/** Layout score of a template for a page fingerprint: the mean of the row and column profile correlations. */
export const layoutScore = (page: LayoutFingerprint, template: LayoutFingerprint, maxShift: number): number => {
  const bins = Math.round(maxShift * PROFILE_BINS);
  return (shiftedCorrelation(page.rows, template.rows, bins).score + shiftedCorrelation(page.cols, template.cols, bins).score) / 2;
};

/** Scan ink is dilated by this many pixels (at identification size) before coverage is measured. */
const COVERAGE_RADIUS = 2;

/**
 * Rule pixels over the page below which a template has no ruled lines to compare. Measured on the
 * rendered references: forms 0.045–0.073, cards 0.003–0.007 (borders and long strokes only).
 */
const MIN_RULE_INK = 0.02;

const unidentified = (why: string): OcrError => ocrError("unidentified", "identify", why);

/**
 * A homography onto one reference, re-targeted to another reference of the same page: scan pixels →
 * normalised page (÷ the first reference's size) → the other reference's pixels.
 */
const retarget = (h: readonly number[], from: { readonly width: number; readonly height: number }, to: { readonly width: number; readonly height: number }): number[] => {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  return [h[0]! * sx, h[1]! * sx, h[2]! * sx, h[3]! * sy, h[4]! * sy, h[5]! * sy, h[6]!, h[7]!, h[8]!];
};

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/**
 * Identifies a reduced page (see `reducePage`). Errors: `unidentified` with the reason and the numbers
 * (blank page, no template of this page shape, no registration, or a winner that covers too little or
 * is too close to the runner-up).
 */
export const identifyPage = (index: TemplateIndex, page: RgbaRaster, options: Partial<IdentifyOptions> = {}): Result<Identification, OcrError> => {
  const o = { ...DEFAULT_IDENTIFY_OPTIONS, ...options };
  if (index.entries.length === 0) return err(unidentified("no template with a reference image is registered"));
  const ink = inkOf(page);
  const print = fingerprintOfInk(ink);
  if (print.ink < o.minInk) return err(unidentified(`the page is blank (ink ${(print.ink * 100).toFixed(2)} % of the page)`));
  if (print.ink > o.maxInk) return err(unidentified(`the page is too dark to be a printed form (ink ${(print.ink * 100).toFixed(0)} % of the page)`));
  const shaped = index.entries.filter((e) => Math.abs(e.fingerprint.aspect / print.aspect - 1) <= o.aspectTolerance);
  if (shaped.length === 0) {
    return err(unidentified(`no registered template has this page shape (height/width ${print.aspect.toFixed(3)})`));
  }
  const shortlist: { entry: IndexEntry; layout: number }[] = shaped
    .map((entry) => ({ entry, layout: layoutScore(print, entry.fingerprint, o.maxShift) }))
    .sort((a, b) => b.layout - a.layout)
    .slice(0, Math.max(1, o.shortlist));
  const mask = dilateInk(ink, COVERAGE_RADIUS);
  const attempts: string[] = [];
  let closest: CandidateScore | null = null;
  const plan = [...shortlist.slice(0, Math.max(1, o.registrations)).map(({ entry }) => ({ entry, align: o.registration })), { entry: shortlist[0]!.entry, align: o.lastRegistration }];
  for (const { entry, align } of plan) {
    const estimated = estimateAlignment(page, unpackInkRgba(entry.ink), align);
    if (estimated.isErr()) {
      const fit: AlignmentFit | null = (estimated.error as AlignError).rejection?.fit ?? null;
      attempts.push(`${entry.templateId} not registered (${fit?.inliers ?? 0} inliers)`);
      continue;
    }
    const fit = estimated.value;
    const candidates = shortlist
      .map(({ entry: other, layout }): CandidateScore => {
        const coverage = inkCoverage(other.ink, retarget(fit.homography, entry.ink, other.ink), mask, page);
        const ruled = other.fingerprint.ruleInk >= MIN_RULE_INK;
        return { templateId: other.templateId, layoutScore: layout, coverage, score: ruled ? (coverage + layout) / 2 : coverage };
      })
      .sort((a, b) => b.score - a.score);
    const best = candidates[0]!;
    const runnerUp = candidates[1] ?? null;
    const scored = (c: CandidateScore) => `${c.templateId} ${c.score.toFixed(2)} (coverage ${pct(c.coverage)}, layout ${c.layoutScore.toFixed(2)})`;
    if (best.score < o.minScore) {
      attempts.push(`placed by ${entry.templateId} (${fit.inliers} inliers), best ${scored(best)}`);
      closest ??= best;
      continue;
    }
    if (runnerUp !== null && best.score - runnerUp.score < o.minMargin) {
      return err(unidentified(`ambiguous: ${scored(best)}, runner-up ${scored(runnerUp)}; a lead of ${o.minMargin} is needed`));
    }
    return ok({
      templateId: best.templateId, score: best.score, coverage: best.coverage, layoutScore: best.layoutScore, runnerUp,
      registration: { templateId: entry.templateId, inliers: fit.inliers }, candidates,
    });
  }
  const why = closest === null ? "no shortlisted template could be registered to the page" : `no template scores ${o.minScore}`;
  return err(unidentified(`${why}: ${attempts.join("; ")}`));
};
