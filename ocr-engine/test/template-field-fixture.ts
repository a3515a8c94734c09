/**
 * A template field for the tests of reading and post-processing: key `test.<type>`, a region in the page's upper
 * half, threshold 60, required; any of it overridden.
 */
import type { FieldType, TemplateField } from "../src/templates/template.ts";

export type FieldOverrides = Partial<Omit<TemplateField, "post" | "review" | "hints">> & {
  readonly post?: TemplateField["post"];
  readonly review?: Partial<TemplateField["review"]>;
  readonly hints?: TemplateField["hints"];
};

export const testField = (type: FieldType, o: FieldOverrides = {}): TemplateField => ({
  key: o.key ?? `test.${type}`,
  label: o.label ?? { ja: "項目", en: "Field" },
  region: o.region ?? { x: 0.1, y: 0.2, width: 0.3, height: 0.05 },
  type,
  hints: o.hints ?? {},
  post: o.post ?? {},
  review: { minConfidence: 60, always: false, ...o.review },
  required: o.required ?? true,
});
