/**
 * What the engine returns before post-processing: the recogniser's raw text per field, with where it
 * was read. Post-processing by type (dates, addresses, check digits, review flags) is a separate
 * module plugged in through `createOcrEngine`'s `postProcess` option.
 */
import type { AlignmentFit } from "../pipeline/align.ts";
import type { PixelRect } from "../pipeline/crop.ts";
import type { RecognizedSymbol } from "../pipeline/recognizer-pool.ts";
import type { Region } from "../templates/template.ts";

/** One field as read. */
export interface RawField {
  readonly key: string;
  /** The repeat group and 0-based row for household-member rows; null for page fields. */
  readonly group: string | null;
  readonly row: number | null;
  /** Text as tesseract returned it, trimmed (tesseract's jpn model puts spaces between words: kept). */
  readonly raw: string;
  /** 0..100; 0 for a blank crop. */
  readonly confidence: number;
  /** Where the value was read, normalised to the (aligned) page: the template's region for this row. */
  readonly region: Region;
  /** The crop in pixels of the aligned page, margin included (for display and diagnostics). */
  readonly pixels: PixelRect;
  /** True when the crop held almost no ink and was not sent to the recogniser. */
  readonly blank: boolean;
  /** Each recognised character with its confidence (empty for a blank crop). */
  readonly symbols: readonly RecognizedSymbol[];
  /** The second, independent reading of the crop (another scale), for field types read twice; else absent. */
  readonly second?: SecondReading;
  /** Further readings (other scales), taken when the first two disagree or do not fit the field; else absent. */
  readonly more?: readonly string[];
  /** How high the text of a one-line crop is in the scan's own pixels (its inked band); absent for a block or a blank crop. */
  readonly textHeight?: number;
  /** The legacy recogniser's reading of a small address line (see `OcrEngineOptions.legacyBelowTextHeight`); else absent. */
  readonly legacy?: string;
}

/** A second reading of the same crop, compared with the first in post-processing. */
export interface SecondReading {
  readonly raw: string;
  readonly confidence: number;
}

/** One reading in the shape post-processing takes (`DocumentReadings` of `postprocess/`). */
export interface RawReading {
  readonly raw: string;
  readonly confidence: number;
  /** The lowest confidence of any recognised character; absent when nothing was recognised. */
  readonly weakestSymbol?: number;
  /** The second reading's text, for field types read twice. */
  readonly secondRaw?: string;
  /** The second reading's mean confidence, 0..100. */
  readonly secondConfidence?: number;
  /** The texts of further readings, when there were any. */
  readonly moreRaw?: readonly string[];
  /** How high the text is in the scan's own pixels (see {@link RawField.textHeight}). */
  readonly textHeight?: number;
  /** The legacy recogniser's text (see {@link RawField.legacy}). */
  readonly legacyRaw?: string;
}

/** Everything read on one page. */
export interface RawRecognition {
  readonly templateId: string;
  /** Page fields, then repeat-group fields row by row, in template order. */
  readonly fields: readonly RawField[];
  /**
   * The same readings keyed for post-processing: page fields by key, and per repeat group the rows up
   * to (not including) the first row whose presence field is blank or read as empty.
   */
  readonly readings: {
    readonly fields: { readonly [fieldKey: string]: RawReading };
    readonly groups: { readonly [groupKey: string]: readonly { readonly [fieldKey: string]: RawReading }[] };
  };
  /** The alignment fit, or null when the template has no reference image (the scan is used as is). */
  readonly alignment: AlignmentFit | null;
  /** The Otsu level of tint removal, or null for `tint: "none"`. */
  readonly tintThreshold: number | null;
  /**
   * Size of the page the crops were cut from: the reference's when aligned (the scan's otherwise), times the
   * reading scale when the page was read enlarged (`readingScale`); `pixels` of each field refer to it.
   */
  readonly page: { readonly width: number; readonly height: number };
}
