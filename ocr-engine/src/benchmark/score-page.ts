/**
 * Scores one recognised page against its synthetic ground truth. The truth text is run through the same
 * post-processing as the reading (raw = truth, confidence 100), so an ISO date read from 昭和五十年三月四日
 * is compared with the ISO date of the truth, not with the printed text.
 */
import { editDistance } from "../postprocess/closest-value.ts";
import { postProcessDocument } from "../postprocess/post-process-document.ts";
import type { DocumentResult, FieldResult, ReviewReason } from "../result/field-result.ts";
import type { DocumentValues } from "../synthetic/fake-values.ts";
import type { Template, TemplateField } from "../templates/template.ts";

/** Counts of one page (or of a whole run, once added up with {@link addScores}). */
export interface PageScore {
  /** Non-name fields with a value in the truth. */
  readonly fields: number;
  /** … whose read value equals the truth's normalised value. */
  readonly exact: number;
  /** … whose value is wrong (or missing) although `needsReview` is false. */
  readonly silentErrors: number;
  /**
   * … whose value is right but flagged for review although the truth itself, post-processed, is not
   * (false alarms: the price of the checks; flagging everything would cut silent errors to zero).
   */
  readonly falseAlarms: number;
  /** Name fields with a value in the truth. */
  readonly names: number;
  /** … flagged for review. */
  readonly namesFlagged: number;
  /** Characters of truth text (all fields, names included) and the edit distance of the raw text to it. */
  readonly truthChars: number;
  readonly editDistance: number;
}

/** The zero score. */
export const EMPTY_SCORE: PageScore = { fields: 0, exact: 0, silentErrors: 0, falseAlarms: 0, names: 0, namesFlagged: 0, truthChars: 0, editDistance: 0 };

/** Adds two scores field by field. */
export const addScores = (a: PageScore, b: PageScore): PageScore => ({
  fields: a.fields + b.fields,
  exact: a.exact + b.exact,
  silentErrors: a.silentErrors + b.silentErrors,
  falseAlarms: a.falseAlarms + b.falseAlarms,
  names: a.names + b.names,
  namesFlagged: a.namesFlagged + b.namesFlagged,
  truthChars: a.truthChars + b.truthChars,
  editDistance: a.editDistance + b.editDistance,
});

const asReadings = (truth: DocumentValues) => ({
  fields: Object.fromEntries(Object.entries(truth.fields).map(([k, v]) => [k, { raw: v, confidence: 100 }])),
  groups: Object.fromEntries(
    Object.entries(truth.groups).map(([g, rows]) => [g, rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, { raw: v, confidence: 100 }])))]),
  ),
});

interface Pair {
  readonly field: TemplateField;
  readonly text: string;
  readonly expected: FieldResult | undefined;
  readonly actual: FieldResult | undefined;
}

const pairsOf = (template: Template, truth: DocumentValues, expected: DocumentResult, actual: DocumentResult | null): Pair[] => {
  const pairs: Pair[] = [];
  const find = (fields: readonly FieldResult[] | undefined, key: string) => fields?.find((f) => f.key === key);
  for (const field of template.fields) {
    const text = truth.fields[field.key];
    if (text === undefined || text === "") continue;
    pairs.push({ field, text, expected: find(expected.fields, field.key), actual: find(actual?.fields, field.key) });
  }
  for (const group of template.repeatGroups) {
    const rows = truth.groups[group.key] ?? [];
    rows.forEach((row, i) => {
      for (const field of group.fields) {
        const text = row[field.key];
        if (text === undefined || text === "") continue;
        pairs.push({ field, text, expected: find(expected.groups[group.key]?.[i], field.key), actual: find(actual?.groups[group.key]?.[i], field.key) });
      }
    });
  }
  return pairs;
};

/** A non-name field read wrong, for the result file (synthetic values only: no personal data). */
export interface Mismatch {
  readonly templateId: string;
  readonly key: string;
  readonly expected: string | null;
  readonly got: string | null;
  readonly raw: string;
  readonly flagged: boolean;
}

/** A non-name field read right but flagged, with the reasons that flagged it (synthetic values only). */
export interface FalseAlarm {
  readonly templateId: string;
  readonly key: string;
  readonly value: string;
  readonly reasons: readonly ReviewReason[];
}

/**
 * Scores `actual` (the engine's post-processed result) against `truth`. A truth field the engine did not
 * return at all (a member row it missed) counts as wrong and unflagged: nothing would prompt staff.
 * `actual` null is a page the engine could not read at all (an alignment it rejected): every field of the
 * truth counts as wrong, and as flagged, since the engine's error tells staff to rescan or type it.
 * Wrong non-name fields are appended to `mismatches`, right but flagged ones (false alarms) to `falseAlarms`.
 */
export const scorePage = (
  template: Template,
  truth: DocumentValues,
  actual: DocumentResult | null,
  today: string,
  mismatches: Mismatch[] = [],
  falseAlarms?: FalseAlarm[],
): PageScore => {
  const expected = postProcessDocument(template, asReadings(truth), { today });
  const unread = actual === null;
  let score = EMPTY_SCORE;
  for (const { field, text, expected: e, actual: a } of pairsOf(template, truth, expected, actual)) {
    const raw = (a?.raw ?? "").replace(/\s+/g, "");
    const chars = { truthChars: [...text.replace(/\s+/g, "")].length, editDistance: editDistance(text.replace(/\s+/g, ""), raw) };
    if (field.type === "name") {
      score = addScores(score, { ...EMPTY_SCORE, ...chars, names: 1, namesFlagged: a?.needsReview === true || unread ? 1 : 0 });
      continue;
    }
    const right = a !== undefined && a.value !== null && a.value === (e?.value ?? text);
    const silent = !right && a?.needsReview !== true && !unread;
    if (!right) mismatches.push({ templateId: template.id, key: field.key, expected: e?.value ?? text, got: a?.value ?? null, raw: a?.raw ?? "", flagged: !silent });
    const falseAlarm = right && a.needsReview && e?.needsReview !== true;
    if (falseAlarm) falseAlarms?.push({ templateId: template.id, key: field.key, value: a.value ?? "", reasons: a.reasons });
    score = addScores(score, { ...EMPTY_SCORE, ...chars, fields: 1, exact: right ? 1 : 0, silentErrors: silent ? 1 : 0, falseAlarms: falseAlarm ? 1 : 0 });
  }
  return score;
};
