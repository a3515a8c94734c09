/**
 * The shape of a {@link Template} as an effect Schema, and `decodeTemplate`: shape first (types, closed
 * literals, no unknown keys so a misspelt `requried` is caught), then the semantic checks of
 * `template.checks.ts` (geometry, unique keys, patterns, dates, issuer code, id).
 */
import { Schema, SchemaIssue, Result as EffectResult } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { Template } from "./template.ts";
import { templateError, type TemplateError, type TemplateIssue } from "./template.errors.ts";
import { checkTemplate, formatPath } from "./template.checks.ts";

/** {@link Region} in normalised page coordinates (range checks are semantic: see `checkTemplate`). */
export const RegionSchema = Schema.Struct({
  x: Schema.Finite,
  y: Schema.Finite,
  width: Schema.Finite,
  height: Schema.Finite,
});

/** Bilingual label or name. */
export const LabelSchema = Schema.Struct({ ja: Schema.String, en: Schema.String });

/** {@link DocumentKind}. */
export const DocumentKindSchema = Schema.Literals([
  "tenshutsu-shomeisho",
  "tenshutsu-kakunin",
  "zairyu-card",
  "tokubetsu-eijusha",
  "unten-menkyo",
  "mynumber-card",
  "koseki-zenbu",
  "koseki-fuhyo",
]);

/** {@link FieldType}. */
export const FieldTypeSchema = Schema.Literals([
  "text",
  "name",
  "kana",
  "roman-name",
  "date-wareki",
  "date-seireki",
  "date",
  "address",
  "number",
  "enum",
  "code",
]);

/** {@link TintMethod}. */
export const TintMethodSchema = Schema.Literals(["v-otsu", "gray-otsu", "none"]);

/** {@link CheckDigit}. */
export const CheckDigitSchema = Schema.Literals(["mynumber", "juminhyo-code", "none"]);

/** {@link TemplateField}. */
export const TemplateFieldSchema = Schema.Struct({
  key: Schema.String,
  label: LabelSchema,
  region: RegionSchema,
  type: FieldTypeSchema,
  hints: Schema.Struct({
    psm: Schema.optionalKey(Schema.Literals([6, 7, 8, 13])),
    whitelist: Schema.optionalKey(Schema.String),
  }),
  post: Schema.Struct({
    pattern: Schema.optionalKey(Schema.String),
    checkDigit: Schema.optionalKey(CheckDigitSchema),
    values: Schema.optionalKey(Schema.Array(Schema.String)),
    vocabulary: Schema.optionalKey(Schema.String),
    minDate: Schema.optionalKey(Schema.String),
    maxDate: Schema.optionalKey(Schema.String),
  }),
  review: Schema.Struct({ minConfidence: Schema.Finite, always: Schema.Boolean }),
  required: Schema.Boolean,
});

/** {@link RepeatGroup}. */
export const RepeatGroupSchema = Schema.Struct({
  key: Schema.String,
  step: Schema.Struct({ dx: Schema.Finite, dy: Schema.Finite }),
  maxCount: Schema.Int,
  fields: Schema.Array(TemplateFieldSchema),
  presenceField: Schema.String,
});

/** {@link Template} (shape only). */
export const TemplateSchema = Schema.Struct({
  id: Schema.String,
  kind: DocumentKindSchema,
  issuer: Schema.String,
  version: Schema.Int,
  name: LabelSchema,
  page: Schema.Struct({ widthMm: Schema.Finite, heightMm: Schema.Finite, dpi: Schema.Finite }),
  referenceImage: Schema.NullOr(Schema.String),
  tint: TintMethodSchema,
  anchors: Schema.Array(Schema.Struct({ text: Schema.String, region: RegionSchema })),
  fields: Schema.Array(TemplateFieldSchema),
  repeatGroups: Schema.Array(RepeatGroupSchema),
});

// The schema must stay a faithful mirror of the hand-written contract in template.ts: both directions.
type Decoded = typeof TemplateSchema.Type;
const _toContract = (t: Decoded): Template => t;
const _fromContract = (t: Template): Decoded => t;
void _toContract;
void _fromContract;

const decodeShape = Schema.decodeUnknownResult(TemplateSchema);
const toStandard = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Validates unknown JSON as a {@link Template}: every problem at once, each with a readable path.
 * `source` (e.g. the file name) only prefixes the error message.
 */
export const decodeTemplate = (json: unknown, source?: string): Result<Template, TemplateError> => {
  const shape = decodeShape(json, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isFailure(shape)) {
    const issues: TemplateIssue[] = toStandard(shape.failure.issue).issues.map((i) => ({
      path: formatPath((i.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p)), json),
      message: i.message,
    }));
    return err(templateError(issues, source));
  }
  const template: Template = shape.success;
  const issues = checkTemplate(template);
  return issues.length === 0 ? ok(template) : err(templateError(issues, source ?? template.id));
};
