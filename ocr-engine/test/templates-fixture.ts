/** A small valid template for validation tests: one top field, one repeat group of two fields. */
import type { Template, TemplateField } from "../src/templates/template.ts";

export const field = (key: string, x: number, y: number, extra: Partial<TemplateField> = {}): TemplateField => ({
  key,
  label: { ja: "氏名", en: "Name" },
  region: { x, y, width: 0.2, height: 0.05 },
  type: "text",
  hints: { psm: 7 },
  post: {},
  review: { minConfidence: 80, always: false },
  required: true,
  ...extra,
});

export const validTemplate = (): Template => ({
  id: "tenshutsu-shomeisho/131016/v2",
  kind: "tenshutsu-shomeisho",
  issuer: "131016",
  version: 2,
  name: { ja: "転出証明書", en: "Moving-out certificate" },
  page: { widthMm: 210, heightMm: 297, dpi: 300 },
  referenceImage: null,
  tint: "v-otsu",
  anchors: [{ text: "世帯主", region: { x: 0.05, y: 0.1, width: 0.1, height: 0.05 } }],
  fields: [field("household.head", 0.2, 0.1, { type: "name", review: { minConfidence: 80, always: true } })],
  repeatGroups: [
    {
      key: "members",
      step: { dx: 0, dy: 0.06 },
      maxCount: 5,
      presenceField: "members[].name",
      fields: [
        field("members[].name", 0.05, 0.3, { type: "name" }),
        field("members[].birthDate", 0.3, 0.3, { type: "date-wareki", post: { minDate: "1900-01-01", maxDate: "2099-12-31" } }),
      ],
    },
  ],
});
