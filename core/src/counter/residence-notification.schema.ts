import { Result as EffectResult, Schema, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import { OCR_REVIEW_REASONS } from "./ocr-engine.port.ts";
import { MAX_COUNTER_MEMO_LENGTH, MAX_NOTIFICATION_PERSONS, NOTIFICATION_FIELD_KEYS, NOTIFICATION_KINDS, PERSON_FIELD_KEYS, type ResidenceNotificationDraft } from "./residence-notification.ts";

/** C6 窓口メモ: at most {@link MAX_COUNTER_MEMO_LENGTH} characters (code points: 𠮷 is one); in a draft and when changed on a kept record. */
export const CounterMemoSchema = Schema.String.check(Schema.makeFilter((s: string) => [...s].length <= MAX_COUNTER_MEMO_LENGTH));

const Text = Schema.String.check(Schema.isMaxLength(1000));
const Fraction = Schema.Number.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1));
const Reason = Schema.Literals([...OCR_REVIEW_REASONS, "taken_from_destination", "taken_from_planned_date", "assumed_same_head", "taken_from_card_address"]);

const DraftValueSchema = Schema.Struct({
  value: Text,
  source: Schema.Union([
    Schema.Struct({
      by: Schema.Literal("scan"),
      templateId: Schema.String.check(Schema.isMaxLength(200)),
      scanIndex: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(50)),
      region: Schema.NullOr(Schema.Struct({ x: Fraction, y: Fraction, width: Fraction, height: Fraction })),
      raw: Text,
    }),
    Schema.Struct({ by: Schema.Literal("records"), line: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(2), Schema.isLessThanOrEqualTo(100_000)) }),
    Schema.Struct({ by: Schema.Literal("staff") }),
  ]),
  reasons: Schema.Array(Reason).check(Schema.isMaxLength(OCR_REVIEW_REASONS.length + 4)),
  confirmed: Schema.Boolean,
});

const recordOf = (keys: readonly string[]) => Schema.Struct(Object.fromEntries(keys.map((k) => [k, Schema.optionalKey(DraftValueSchema)])));

/**
 * A draft as the counter screen sends it back (to be printed): the boundary check. Unknown keys are refused,
 * texts are bounded; what makes a draft printable is {@link draftIssues}, not this schema.
 */
export const ResidenceNotificationDraftSchema = Schema.Struct({
  kind: Schema.Literals(NOTIFICATION_KINDS),
  fields: recordOf(NOTIFICATION_FIELD_KEYS),
  persons: Schema.Array(recordOf(PERSON_FIELD_KEYS)).check(Schema.isMaxLength(MAX_NOTIFICATION_PERSONS)),
  scans: Schema.Array(
    Schema.Struct({
      templateId: Schema.String.check(Schema.isMaxLength(200)),
      kind: Schema.String.check(Schema.isMaxLength(50)),
      reasons: Schema.Array(Reason).check(Schema.isMaxLength(OCR_REVIEW_REASONS.length)),
      personsLeftOut: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1000)),
      acknowledged: Schema.Boolean,
    }),
  ).check(Schema.isMaxLength(20)),
  startedAt: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(40))),
  // Counted in code points, as the screen counts them (𠮷 is one); the body's size limit bounds the work.
  memo: Schema.optionalKey(CounterMemoSchema),
});

const decodeShape = Schema.decodeUnknownResult(ResidenceNotificationDraftSchema);
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/** Decodes a draft from an HTTP body; the issues name the path of each problem (never its value: it is personal data). */
export const decodeResidenceNotificationDraft = (input: unknown): Result<ResidenceNotificationDraft, readonly string[]> => {
  const decoded = decodeShape(input, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isSuccess(decoded)) return ok(decoded.success as ResidenceNotificationDraft);
  const { issues } = formatIssues(decoded.failure.issue);
  return err(issues.map((i) => (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".") || "(root)"));
};
