import type { DocumentResult, FieldResult, ReviewReason } from "../result/field-result.ts";
import { makeDocumentResult, withReasons } from "../result/field-result.ts";
import type { Region, Template, TemplateField } from "../templates/template.ts";
import { rowRegion } from "../templates/template-regions.ts";
import { crossCheck } from "./cross-checks.ts";
import { sharedFamilyKana, spaceAfterFamily } from "./household-kana.ts";
import { cropFillsRings, postProcess } from "./post-process.ts";
import type { Vocabularies } from "./vocabularies.ts";

/** What the recogniser returned for one crop. */
export interface FieldReading {
  readonly raw: string;
  /** 0..100 */
  readonly confidence: number;
  /** The lowest confidence of any recognised character, when the recogniser reports characters. */
  readonly weakestSymbol?: number;
  /** A second reading of the crop (another scale), for field types the engine reads twice. */
  readonly secondRaw?: string;
  /** The second reading's confidence, 0..100. */
  readonly secondConfidence?: number;
  /** Further readings of the crop (other scales), when the engine took them: they vote with the first two. */
  readonly moreRaw?: readonly string[];
  /** How high the text is in the scan's own pixels, when the engine measured it (a one-line crop). */
  readonly textHeight?: number;
  /** The legacy recogniser's reading of a small address line, when the engine took one. */
  readonly legacyRaw?: string;
}

/**
 * Everything recognised on one page, by field key. A field with no reading counts as empty (raw `""`,
 * confidence 0), so a crop the pipeline skipped can never make a required field pass.
 */
export interface DocumentReadings {
  readonly fields: { readonly [fieldKey: string]: FieldReading | undefined };
  /** Rows of each repeat group, in page order (the pipeline stops at the first empty presence field). */
  readonly groups: { readonly [groupKey: string]: readonly { readonly [fieldKey: string]: FieldReading | undefined }[] };
}

/** How the page was read and the day the checks run. */
export interface PostProcessDocumentOptions {
  /** ISO `YYYY-MM-DD`: dates of birth after it are flagged. */
  readonly today: string;
  /** True when the page was read by the label-anchored fallback: every field is then flagged. */
  readonly labelAnchored?: boolean;
  /** A character below this confidence flags its field `weak_character`; default `DEFAULT_WEAK_SYMBOL_CONFIDENCE`. */
  readonly weakSymbolConfidence?: number;
  /** An address whose text is less high than this in the scan's pixels is `text_too_small`; default `DEFAULT_MIN_TEXT_HEIGHT`. */
  readonly minTextHeight?: number;
  /** The deployment's place names and named lists (see `Vocabularies`); default none. */
  readonly vocabularies?: Vocabularies;
}

/** Kana fields of a group flagged `spacing_uncertain` re-spaced after the household's shared family name. */
const respaceKana = (fields: readonly TemplateField[], rows: readonly (readonly FieldResult[])[]): readonly (readonly FieldResult[])[] => {
  let out = rows;
  for (const f of fields.filter((x) => x.type === "kana")) {
    const family = sharedFamilyKana(out.flatMap((row) => row.filter((r) => r.key === f.key && r.value !== null).map((r) => r.value as string)));
    if (family === null) continue;
    out = out.map((row) =>
      row.map((r) => (r.key === f.key && r.value !== null && r.reasons.includes("spacing_uncertain") ? { ...r, value: spaceAfterFamily(r.value, family) } : r)),
    );
  }
  return out;
};

/**
 * Post-processes every field of a template from the recogniser's readings, then runs `crossCheck`.
 * Group rows beyond the template's `maxCount` are ignored: they cannot come from this layout.
 */
export const postProcessDocument = (template: Template, readings: DocumentReadings, options: PostProcessDocumentOptions): DocumentResult => {
  const extra: readonly ReviewReason[] = options.labelAnchored === true ? ["label_anchored_fallback"] : [];
  // One crop whose readings differ by dots against a ring says the page's binarisation fills rings (bench seed 75:
  // さんぷる荘 read with dots by every reading of one 戸籍附票 row, while another row's readings differed there).
  const everyReading = [...Object.values(readings.fields), ...Object.values(readings.groups).flatMap((rows) => rows.flatMap((row) => Object.values(row)))];
  const pageFillsRings = everyReading.some((r) => r !== undefined && cropFillsRings([r.raw, ...(r.secondRaw === undefined ? [] : [r.secondRaw]), ...(r.moreRaw ?? [])]));
  // The document's thresholds, the same for every field.
  const thresholds = {
    ...(options.weakSymbolConfidence === undefined ? {} : { weakSymbolConfidence: options.weakSymbolConfidence }),
    ...(options.minTextHeight === undefined ? {} : { minTextHeight: options.minTextHeight }),
  };
  const one = (field: TemplateField, reading: FieldReading | undefined, region: Region): FieldResult => {
    // Everything a reading holds besides its text and confidence is evidence (see FieldReading and ReadingEvidence).
    const { raw = "", confidence = 0, ...evidence } = reading ?? {};
    return withReasons(postProcess(field, raw, confidence, region, { ...evidence, ...thresholds, pageFillsRings }, options.vocabularies), ...extra);
  };

  const fields = template.fields.map((f) => one(f, readings.fields[f.key], f.region));
  const groups: { [groupKey: string]: readonly (readonly FieldResult[])[] } = {};
  for (const group of template.repeatGroups) {
    const rows = (readings.groups[group.key] ?? []).slice(0, group.maxCount);
    groups[group.key] = respaceKana(
      group.fields,
      rows.map((row, i) => group.fields.map((f) => one(f, row[f.key], rowRegion(group, f, i)))),
    );
  }
  return crossCheck(makeDocumentResult({ templateId: template.id, fields, groups }), { today: options.today });
};

/**
 * The `postProcess` option of `createOcrEngine`: takes the engine's raw recognition (anything with
 * `readings`) and its template, and returns the checked `DocumentResult`. `today` is asked on every page,
 * so a long-running engine never checks dates of birth against the day it started.
 */
export const makeDocumentPostProcessor =
  (options: { readonly today: () => string; readonly labelAnchored?: boolean; readonly vocabularies?: Vocabularies }) =>
  (raw: { readonly readings: DocumentReadings }, template: Template): DocumentResult =>
    postProcessDocument(template, raw.readings, {
      today: options.today(),
      ...(options.labelAnchored === undefined ? {} : { labelAnchored: options.labelAnchored }),
      ...(options.vocabularies === undefined ? {} : { vocabularies: options.vocabularies }),
    });
