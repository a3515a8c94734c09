import { err, ok, type Result } from "neverthrow";
import type { FormLayout, FormPrintError, PrintableForm } from "@madoguchi/core";

/** One piece of text to draw, with the key that names it in an error. */
export interface PlacedText {
  /** `fields` key, `group[row].key` for a row value, `texts[i]` for a layout text, `footer`. */
  readonly key: string;
  readonly text: string;
  readonly xMm: number;
  /** Baseline, from the top of the page. */
  readonly yMm: number;
  readonly sizePt: number;
  /** Values are shrunk to this width; layout texts are drawn as the layout author sized them (null). */
  readonly widthMm: number | null;
}

/** The layout's name on every copy, so that a paper form can be traced to the layout file that drew it. */
const FOOTER = { xMm: 8, bottomMm: 5, sizePt: 6 } as const;

/**
 * Everything a form puts on paper, or why it cannot be printed. A value with no place on the layout is an
 * error rather than left out: staff confirmed it, so it must reach the paper the resident signs.
 */
export const placedTexts = (layout: FormLayout, form: PrintableForm): Result<PlacedText[], FormPrintError> => {
  if (form.layoutId !== layout.id) {
    return err({ code: "form.layout_mismatch", layoutId: form.layoutId, message: `the form is for layout ${form.layoutId}, not ${layout.id}` });
  }
  const placed: PlacedText[] = layout.texts.map((t, i) => ({ key: `texts[${i}]`, text: t.text, xMm: t.xMm, yMm: t.yMm, sizePt: t.sizePt, widthMm: null }));
  const fields = new Map(layout.fields.map((f) => [f.key, f]));
  for (const [key, text] of Object.entries(form.values)) {
    const field = fields.get(key);
    if (field === undefined) return err({ code: "form.unknown_field", key });
    placed.push({ key, text, xMm: field.xMm, yMm: field.yMm, sizePt: field.sizePt, widthMm: field.widthMm });
  }
  const groups = new Map(layout.groups.map((g) => [g.key, g]));
  for (const [groupKey, rows] of Object.entries(form.rows)) {
    const group = groups.get(groupKey);
    if (group === undefined) return err({ code: "form.unknown_field", key: groupKey });
    if (rows.length > group.maxRows) return err({ code: "form.too_many_rows", group: groupKey, rows: rows.length, maxRows: group.maxRows });
    const rowFields = new Map(group.fields.map((f) => [f.key, f]));
    for (const [index, row] of rows.entries()) {
      for (const [key, text] of Object.entries(row)) {
        const field = rowFields.get(key);
        if (field === undefined) return err({ code: "form.unknown_field", key: `${groupKey}[${index}].${key}` });
        const yMm = field.yMm + group.stepMm * index;
        placed.push({ key: `${groupKey}[${index}].${key}`, text, xMm: field.xMm, yMm, sizePt: field.sizePt, widthMm: field.widthMm });
      }
    }
  }
  const footer = `${layout.id} v${layout.version}`;
  placed.push({ key: "footer", text: footer, xMm: FOOTER.xMm, yMm: layout.page.heightMm - FOOTER.bottomMm, sizePt: FOOTER.sizePt, widthMm: null });
  // A blank value is a box the resident fills in by hand: nothing to draw, nothing to check.
  return ok(placed.filter((p) => p.text !== ""));
};
