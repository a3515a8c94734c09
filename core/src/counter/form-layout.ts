import { Result as EffectResult, Schema, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { Localized } from "../shared/localized.ts";

/**
 * A paper form's layout as data (C10): the page, what is printed on every copy (labels, boxes, lines) and
 * where each value goes. Layouts are versioned files, so a municipality that changes its 住民異動届 or its
 * paper size edits a file, not code. Positions are millimetres from the page's top-left corner, as on a
 * ruler laid on the printed form.
 */
export interface FormLayout {
  /** Stable id, e.g. `juminido-todoke`: what a form asks to be printed with. */
  readonly id: string;
  /** Raised on every change, printed in the footer so that a paper copy names its layout. */
  readonly version: number;
  readonly name: Localized;
  readonly page: { readonly widthMm: number; readonly heightMm: number };
  /** Printed on every copy: headings, labels, notes. */
  readonly texts: readonly FormText[];
  /** Printed on every copy: the form's boxes (cells) and rules. */
  readonly boxes: readonly FormBox[];
  /** Where single values go, by key. */
  readonly fields: readonly FormFieldPlacement[];
  /** Repeated rows (the persons of a household): the first row's placements and the step to the next. */
  readonly groups: readonly FormGroupPlacement[];
}

export interface FormText {
  readonly text: string;
  readonly xMm: number;
  /** The text's baseline. */
  readonly yMm: number;
  readonly sizePt: number;
}

export interface FormBox {
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

export interface FormFieldPlacement {
  readonly key: string;
  readonly xMm: number;
  /** The value's baseline. */
  readonly yMm: number;
  /** The value is shrunk (never cut) to fit this width. */
  readonly widthMm: number;
  readonly sizePt: number;
}

export interface FormGroupPlacement {
  readonly key: string;
  readonly maxRows: number;
  /** Distance from one row to the next, downwards. */
  readonly stepMm: number;
  readonly fields: readonly FormFieldPlacement[];
}

/**
 * The values of one form to print: single values by field key, and the rows of each group. Values are
 * already the text to print (a date in 和暦 as the paper form wants it), so the printer decides nothing.
 */
export interface PrintableForm {
  readonly layoutId: string;
  readonly values: Readonly<Record<string, string>>;
  readonly rows: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
}

const Mm = Schema.Number.check(Schema.isFinite(), Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1000));
const Pt = Schema.Number.check(Schema.isFinite(), Schema.isGreaterThanOrEqualTo(4), Schema.isLessThanOrEqualTo(72));
const Key = Schema.String.check(Schema.isPattern(/^[a-zA-Z][a-zA-Z0-9.]{0,63}$/));
const Placement = Schema.Struct({ key: Key, xMm: Mm, yMm: Mm, widthMm: Mm, sizePt: Pt });

/** Schema of a layout file: what `decodeFormLayout` checks before a layout is used. */
export const FormLayoutSchema = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/)),
  version: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
  name: Schema.Struct({ ja: Schema.NonEmptyString, en: Schema.NonEmptyString }),
  page: Schema.Struct({ widthMm: Mm, heightMm: Mm }),
  texts: Schema.Array(Schema.Struct({ text: Schema.NonEmptyString, xMm: Mm, yMm: Mm, sizePt: Pt })),
  boxes: Schema.Array(Schema.Struct({ xMm: Mm, yMm: Mm, widthMm: Mm, heightMm: Mm })),
  fields: Schema.Array(Placement),
  groups: Schema.Array(
    Schema.Struct({
      key: Key,
      maxRows: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(50)),
      stepMm: Mm,
      fields: Schema.Array(Placement),
    }),
  ),
});

/** What is wrong with a layout file, each problem with where it is. */
export interface FormLayoutError {
  readonly code: "invalid_form_layout";
  readonly issues: readonly string[];
}

const decodeShape = Schema.decodeUnknownResult(FormLayoutSchema);
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Checks a parsed layout file: the schema (unknown keys are typos, so errors), then what a schema cannot
 * say — every placement and box lies on the page (with its group's last row), and no key is placed twice.
 */
export const decodeFormLayout = (input: unknown): Result<FormLayout, FormLayoutError> => {
  const decoded = decodeShape(input, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isFailure(decoded)) {
    const { issues } = formatIssues(decoded.failure.issue);
    return err({ code: "invalid_form_layout", issues: issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === "object" ? p.key : p)).join(".")}: ${i.message}`) });
  }
  const layout: FormLayout = decoded.success;
  const issues = layoutGeometryIssues(layout);
  return issues.length === 0 ? ok(layout) : err({ code: "invalid_form_layout", issues });
};

const layoutGeometryIssues = (layout: FormLayout): string[] => {
  const { widthMm, heightMm } = layout.page;
  const issues: string[] = [];
  const onPage = (where: string, x: number, y: number, w: number) => {
    if (x + w > widthMm || y > heightMm) issues.push(`${where}: outside the ${widthMm}×${heightMm} mm page`);
  };
  layout.boxes.forEach((b, i) => onPage(`boxes[${i}]`, b.xMm, b.yMm + b.heightMm, b.widthMm));
  layout.texts.forEach((t, i) => onPage(`texts[${i}]`, t.xMm, t.yMm, 0));
  layout.fields.forEach((f) => onPage(`fields.${f.key}`, f.xMm, f.yMm, f.widthMm));
  for (const g of layout.groups) {
    for (const f of g.fields) onPage(`groups.${g.key}.${f.key} (row ${g.maxRows})`, f.xMm, f.yMm + g.stepMm * (g.maxRows - 1), f.widthMm);
  }
  const keys = [...layout.fields.map((f) => f.key), ...layout.groups.map((g) => g.key)];
  for (const k of new Set(keys)) if (keys.filter((x) => x === k).length > 1) issues.push(`${k}: placed more than once`);
  for (const g of layout.groups) {
    const inner = g.fields.map((f) => f.key);
    for (const k of new Set(inner)) if (inner.filter((x) => x === k).length > 1) issues.push(`${g.key}.${k}: placed more than once`);
  }
  return issues;
};
