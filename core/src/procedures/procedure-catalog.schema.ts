import { Result as EffectResult, Schema, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import { ProcedureId } from "../shared/ids.ts";
import { OfficeId } from "./office.ts";
import { yen } from "../shared/yen.ts";
import type { ApplicantField, ProcedureCatalog } from "./procedure.ts";
import { catalogError, type CatalogError, type CatalogIssue } from "./procedure-catalog.errors.ts";

const Text = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(2000));
const LocalizedSchema = Schema.Struct({ ja: Text, en: Text });
const Slug = Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/));
const YenAmount = Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0));
/**
 * The highest fee per copy a catalog may set: no certificate costs a million yen, so a slipped key (30000 for 300,
 * typed in the back-office editor or the file) is refused before residents are charged it.
 */
export const MAX_FEE_PER_COPY = 1_000_000;
const FeePerCopy = YenAmount.check(Schema.isLessThanOrEqualTo(MAX_FEE_PER_COPY));

/** The applicant fields a municipality may mark required (see `ApplicantField`). */
export const APPLICANT_FIELDS: readonly ApplicantField[] = [
  "name",
  "nameKana",
  "postalCode",
  "address",
  "dateOfBirth",
  "phone",
  "email",
];
const ApplicantFieldSchema = Schema.Literals(APPLICANT_FIELDS);

// Starts with a letter: the key becomes a form field name and an object key (never `__proto__`).
const ExtraFieldKey = Schema.String.check(Schema.isPattern(/^[A-Za-z][A-Za-z0-9_]{0,63}$/));

/** Longest `maxLength` a text question may declare: one line (a 提出先, a company name), not a letter. */
export const MAX_TEXT_EXTRA_FIELD_LENGTH = 200;

const SelectExtraFieldSchema = Schema.Struct({
  key: ExtraFieldKey,
  label: LocalizedSchema,
  kind: Schema.Literal("select"),
  options: Schema.Array(
    Schema.Struct({ value: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(64)), label: LocalizedSchema }),
  ).check(Schema.isMinLength(1)),
  required: Schema.Boolean,
  help: Schema.optionalKey(LocalizedSchema),
});

const TextExtraFieldSchema = Schema.Struct({
  key: ExtraFieldKey,
  label: LocalizedSchema,
  kind: Schema.Literal("text"),
  /** In characters (code points), as answers are counted. */
  maxLength: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(MAX_TEXT_EXTRA_FIELD_LENGTH)),
  required: Schema.Boolean,
  help: Schema.optionalKey(LocalizedSchema),
});

const DateExtraFieldSchema = Schema.Struct({
  key: ExtraFieldKey,
  label: LocalizedSchema,
  kind: Schema.Literal("date"),
  range: Schema.Literals(["past", "future", "any"]),
  required: Schema.Boolean,
  help: Schema.optionalKey(LocalizedSchema),
});

/** Bounds a number question may declare: whole numbers a resident types, never amounts of money or identifiers. */
export const EXTRA_NUMBER_LIMIT = 1_000_000;
const Bound = Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(-EXTRA_NUMBER_LIMIT), Schema.isLessThanOrEqualTo(EXTRA_NUMBER_LIMIT));

const NumberExtraFieldSchema = Schema.Struct({
  key: ExtraFieldKey,
  label: LocalizedSchema,
  kind: Schema.Literal("number"),
  min: Bound,
  max: Bound,
  required: Schema.Boolean,
  help: Schema.optionalKey(LocalizedSchema),
});

/** A select, a one-line text, a date or a number question (`kind` tells which). */
const ExtraFieldSchema = Schema.Union([SelectExtraFieldSchema, TextExtraFieldSchema, DateExtraFieldSchema, NumberExtraFieldSchema]).annotate({
  // Without it an unknown kind reads `Expected { readonly "kind": "select", ... } | { … }`.
  expected: 'an extra field of kind "select", "text", "date" or "number"',
});

/** One procedure as the catalog file writes it, and as staff save it in the back office (S6). */
export const ProcedureDefinitionSchema = Schema.Struct({
  id: Slug,
  name: LocalizedSchema,
  description: LocalizedSchema,
  feePerCopy: FeePerCopy,
  maxCopies: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(1000)),
  deliveryMethodIds: Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  /** Optional in the file: no extra questions. */
  extraFields: Schema.optionalKey(Schema.Array(ExtraFieldSchema)),
  requiredFields: Schema.Array(ApplicantFieldSchema),
  /** Optional in the file: no help texts. */
  fieldHelp: Schema.optionalKey(
    Schema.Struct(Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, Schema.optionalKey(LocalizedSchema)])) as {
      readonly [K in ApplicantField]: Schema.optionalKey<typeof LocalizedSchema>;
    }),
  ),
  requiresSignature: Schema.Boolean,
  /** Optional in the file: enabled. */
  enabled: Schema.optionalKey(Schema.Boolean),
  /** Optional in the file: the offices (ids of `offices`) that handle this procedure's applications. */
  officeIds: Schema.optionalKey(Schema.Array(Slug)),
  /** Optional in the file: both. `["account"]` requires a resident account, `["email_only"]` needs none. */
  residentEntry: Schema.optionalKey(Schema.Array(Schema.Literals(["account", "email_only"])).check(Schema.isMinLength(1))),
  /** Optional in the file: `at_submission`. `after_assessment` (事後決済): staff fix the amount, then the resident pays. */
  paymentTiming: Schema.optionalKey(Schema.Literals(["at_submission", "after_assessment"])),
  /** Optional in the file: ids of `categories` (R12). */
  categoryIds: Schema.optionalKey(Schema.Array(Slug)),
  /** Optional in the file: ids of `lifeEvents` (R12). */
  lifeEventIds: Schema.optionalKey(Schema.Array(Slug)),
  /** Optional in the file: more search words (R12), each 1–50 characters. */
  keywords: Schema.optionalKey(Schema.Array(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50)))),
});

/** A category or a life event (R12): an id procedures refer to, and its name. */
export const CatalogTagSchema = Schema.Struct({ id: Slug, name: LocalizedSchema });

/** A delivery method: an id procedures refer to, its name and its postage in yen (per application). */
export const DeliveryMethodSchema = Schema.Struct({ id: Slug, name: LocalizedSchema, postage: YenAmount });

/**
 * The JSON shape of a procedure catalog file (`config/procedures.json`): {@link ProcedureCatalog}
 * with `extraFields`, `fieldHelp` and `enabled` optional. Unknown keys are errors (they are typos).
 * Cross-entry rules (unique ids, references) are checked by {@link decodeProcedureCatalog}.
 */
export const ProcedureCatalogSchema = Schema.Struct({
  municipality: Schema.Struct({
    /** 全国地方公共団体コード: six digits including the check digit. */
    code: Schema.String.check(Schema.isPattern(/^\d{6}$/)),
    name: LocalizedSchema,
  }),
  deliveryMethods: Schema.Array(DeliveryMethodSchema).check(Schema.isMinLength(1)),
  procedures: Schema.Array(ProcedureDefinitionSchema),
  /** Optional in the file: the municipality's offices (区役所・支所), for staff groups scoped by office. */
  offices: Schema.optionalKey(Schema.Array(Schema.Struct({ id: Slug, name: LocalizedSchema }))),
  /** Optional in the file: the categories procedures are filed under (R12). */
  categories: Schema.optionalKey(Schema.Array(CatalogTagSchema)),
  /** Optional in the file: the life events residents look procedures up by (R12). */
  lifeEvents: Schema.optionalKey(Schema.Array(CatalogTagSchema)),
});

/** The decoded JSON shape of a catalog file, before defaults and cross-entry checks. */
export type ProcedureCatalogJson = typeof ProcedureCatalogSchema.Type;

const decodeShape = Schema.decodeUnknownResult(ProcedureCatalogSchema);
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Decodes and checks a procedure catalog: its shape, then the rules across entries — unique
 * procedure, delivery method and extra field ids, referenced delivery methods exist, unique option
 * values. Every problem is reported, each with the entry it is in.
 */
export const decodeProcedureCatalog = (json: unknown): Result<ProcedureCatalog, CatalogError> => {
  const decoded = decodeShape(json, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isFailure(decoded)) {
    const { issues } = formatIssues(decoded.failure.issue);
    return err(
      catalogError(
        issues.map((i) => ({
          path: describePath((i.path ?? []).map((p) => (typeof p === "object" ? p.key : p)), json),
          message: i.message,
        })),
      ),
    );
  }
  const file = decoded.success;
  const issues = crossEntryIssues(file);
  return issues.length > 0 ? err(catalogError(issues)) : ok(toCatalog(file));
};

const crossEntryIssues = (file: ProcedureCatalogJson): CatalogIssue[] => {
  const issues: CatalogIssue[] = [];
  const duplicates = (values: readonly string[], path: (i: number) => string, what: string) =>
    values.forEach((v, i) => {
      if (values.indexOf(v) !== i) issues.push({ path: path(i), message: `duplicate ${what} "${v}"` });
    });
  const methodIds = file.deliveryMethods.map((m) => m.id);
  duplicates(methodIds, (i) => `deliveryMethods[${i}] ("${methodIds[i]}").id`, "delivery method id");
  duplicates(file.procedures.map((p) => p.id), (i) => `procedures[${i}] ("${file.procedures[i]?.id}").id`, "procedure id");
  const officeIds = (file.offices ?? []).map((o) => o.id);
  duplicates(officeIds, (i) => `offices[${i}] ("${officeIds[i]}").id`, "office id");
  const tagIds = { categoryIds: (file.categories ?? []).map((c) => c.id), lifeEventIds: (file.lifeEvents ?? []).map((e) => e.id) };
  duplicates(tagIds.categoryIds, (i) => `categories[${i}] ("${tagIds.categoryIds[i]}").id`, "category id");
  duplicates(tagIds.lifeEventIds, (i) => `lifeEvents[${i}] ("${tagIds.lifeEventIds[i]}").id`, "life event id");
  file.procedures.forEach((p, pi) => {
    const at = `procedures[${pi}] ("${p.id}")`;
    for (const [field, what, list] of [["categoryIds", "category", "categories"], ["lifeEventIds", "life event", "lifeEvents"]] as const) {
      (p[field] ?? []).forEach((id, i) => {
        if (!tagIds[field].includes(id)) issues.push({ path: `${at}.${field}[${i}]`, message: `unknown ${what} "${id}" (known in ${list}: ${tagIds[field].join(", ") || "none"})` });
      });
      duplicates(p[field] ?? [], (i) => `${at}.${field}[${i}]`, `${what} id`);
    }
    (p.officeIds ?? []).forEach((id, i) => {
      if (!officeIds.includes(id)) issues.push({ path: `${at}.officeIds[${i}]`, message: `unknown office "${id}" (known: ${officeIds.join(", ") || "none"})` });
    });
    duplicates(p.officeIds ?? [], (i) => `${at}.officeIds[${i}]`, "office id");
    duplicates(p.residentEntry ?? [], (i) => `${at}.residentEntry[${i}]`, "entry");
    p.deliveryMethodIds.forEach((id, i) => {
      if (!methodIds.includes(id)) issues.push({ path: `${at}.deliveryMethodIds[${i}]`, message: `unknown delivery method "${id}" (known: ${methodIds.join(", ")})` });
    });
    duplicates(p.deliveryMethodIds, (i) => `${at}.deliveryMethodIds[${i}]`, "delivery method id");
    const extra = p.extraFields ?? [];
    duplicates(extra.map((f) => f.key), (i) => `${at}.extraFields[${i}] ("${extra[i]?.key}").key`, "extra field key");
    extra.forEach((f, fi) => {
      if (f.kind === "select") {
        duplicates(f.options.map((o) => o.value), (i) => `${at}.extraFields[${fi}] ("${f.key}").options[${i}].value`, "option value");
      }
      if (f.kind === "number" && f.min > f.max) issues.push({ path: `${at}.extraFields[${fi}] ("${f.key}").max`, message: `max ${f.max} is below min ${f.min}` });
    });
  });
  return issues;
};

const toCatalog = (file: ProcedureCatalogJson): ProcedureCatalog => ({
  municipality: file.municipality,
  deliveryMethods: file.deliveryMethods.map((m) => ({ ...m, postage: yen(m.postage) })),
  ...(file.offices === undefined ? {} : { offices: file.offices.map((o) => ({ ...o, id: OfficeId(o.id) })) }),
  ...(file.categories === undefined ? {} : { categories: file.categories }),
  ...(file.lifeEvents === undefined ? {} : { lifeEvents: file.lifeEvents }),
  procedures: file.procedures.map(({ officeIds, ...p }) => ({
    ...p,
    id: ProcedureId(p.id),
    feePerCopy: yen(p.feePerCopy),
    extraFields: p.extraFields ?? [],
    fieldHelp: p.fieldHelp ?? {},
    enabled: p.enabled ?? true,
    ...(officeIds === undefined ? {} : { officeIds: officeIds.map(OfficeId) }),
  })),
});

/**
 * `["procedures", 2, "feePerCopy"]` → `procedures[2] ("koseki").feePerCopy`: array elements are
 * named by their `id`, `key` or `value` when the input has one, so the editor finds the entry
 * without counting.
 */
const describePath = (path: readonly PropertyKey[], input: unknown): string => {
  let out = "";
  let node: unknown = input;
  for (const segment of path) {
    if (typeof segment === "number") {
      out += `[${segment}]`;
      node = Array.isArray(node) ? node[segment] : undefined;
      const name = entryName(node);
      if (name !== null) out += ` (${JSON.stringify(name)})`;
    } else {
      const key = String(segment);
      out += out === "" ? key : `.${key}`;
      node = typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out === "" ? "(file)" : out;
};

const entryName = (node: unknown): string | null => {
  if (typeof node !== "object" || node === null) return null;
  for (const k of ["id", "key", "value"]) {
    const v = Object.hasOwn(node, k) ? (node as Record<string, unknown>)[k] : undefined;
    if (typeof v === "string") return v;
  }
  return null;
};
