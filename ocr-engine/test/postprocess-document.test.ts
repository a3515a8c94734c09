import { describe, expect, it } from "vitest";
import { makeDocumentPostProcessor, postProcessDocument } from "../src/postprocess/post-process-document.ts";
import type { Template, TemplateField } from "../src/templates/template.ts";

const f = (key: string, type: TemplateField["type"], y: number, extra: Partial<TemplateField> = {}): TemplateField => ({
  key,
  label: { ja: key, en: key },
  region: { x: 0.1, y, width: 0.3, height: 0.04 },
  type,
  hints: {},
  post: {},
  review: { minConfidence: 60, always: false },
  required: true,
  ...extra,
});

const template: Template = {
  id: "tenshutsu-shomeisho/999999/v1",
  kind: "tenshutsu-shomeisho",
  issuer: "999999",
  version: 1,
  name: { ja: "転出証明書", en: "Moving-out certificate" },
  page: { widthMm: 210, heightMm: 297, dpi: 300 },
  referenceImage: null,
  tint: "v-otsu",
  anchors: [],
  fields: [f("household.head", "name", 0.1), f("destination.address", "address", 0.15)],
  repeatGroups: [
    {
      key: "members",
      step: { dx: 0, dy: 0.05 },
      maxCount: 2,
      presenceField: "member.name",
      fields: [
        f("member.name", "name", 0.3),
        f("member.relationship", "enum", 0.3, { post: { values: ["世帯主", "妻", "子"] } }),
        f("member.birthDate", "date-wareki", 0.3),
      ],
    },
  ],
};

const r = (raw: string, confidence = 95) => ({ raw, confidence });

describe("postProcessDocument", () => {
  it("post-processes fields and rows, places rows by the group's step, and runs the cross-field checks", () => {
    const d = postProcessDocument(
      template,
      {
        fields: { "household.head": r("山田　太郎"), "destination.address": r("大阪市北区中之島一丁目三番二十号") },
        groups: {
          members: [
            { "member.name": r("山田 太郎"), "member.relationship": r("世帯主"), "member.birthDate": r("昭和45年4月1日") },
            { "member.name": r("山田 一郎"), "member.relationship": r("子"), "member.birthDate": r("昭和40年6月3日") },
            { "member.name": r("山田 三郎"), "member.relationship": r("子"), "member.birthDate": r("平成12年6月3日") },
          ],
        },
      },
      { today: "2026-11-23" },
    );
    expect(d.fields.map((x) => x.value)).toEqual(["山田 太郎", "大阪市北区中之島1丁目3番20号"]);
    const rows = d.groups["members"] ?? [];
    expect(rows).toHaveLength(2); // maxCount
    expect(rows[1]?.[2]?.value).toBe("1965-06-03");
    expect(rows[1]?.[0]?.region.y).toBeCloseTo(0.35);
    // The 子 born before the 世帯主 is caught by the cross-field checks.
    expect(rows[1]?.[2]?.reasons).toContain("age_implausible");
    expect(d.reasons).toEqual(expect.arrayContaining(["name_always_confirmed", "age_implausible"]));
    expect(d.needsReview).toBe(true);
  });

  it("a field with no reading is empty: required fields are flagged", () => {
    const d = postProcessDocument(template, { fields: { "household.head": r("山田 太郎") }, groups: {} }, { today: "2026-11-23" });
    expect(d.fields[1]).toMatchObject({ key: "destination.address", value: null, reasons: ["required_missing"] });
  });

  it("the label-anchored fallback flags every field", () => {
    const d = postProcessDocument(
      template,
      { fields: { "household.head": r("山田 太郎"), "destination.address": r("東京都") }, groups: {} },
      { today: "2026-11-23", labelAnchored: true },
    );
    expect(d.fields.every((x) => x.needsReview && x.reasons.includes("label_anchored_fallback"))).toBe(true);
  });

  it("makeDocumentPostProcessor reads the engine's readings and asks for today on every page", () => {
    let calls = 0;
    const post = makeDocumentPostProcessor({ today: () => (calls++ === 0 ? "2026-11-23" : "1990-01-01") });
    const raw = {
      readings: {
        fields: { "household.head": r("山田 太郎"), "destination.address": r("東京都") },
        groups: { members: [{ "member.name": r("山田 太郎"), "member.relationship": r("世帯主"), "member.birthDate": r("昭和45年4月1日") }] },
      },
    };
    expect(post(raw, template).reasons).not.toContain("date_in_future");
    // On the second page "today" is 1990: the same 1970 birth date is fine, a 2000 one is in the future.
    const later = { readings: { ...raw.readings, groups: { members: [{ ...raw.readings.groups.members[0], "member.birthDate": r("平成12年1月1日") }] } } };
    expect(post(later, template).reasons).toContain("date_in_future");
    expect(calls).toBe(2);
  });
});

describe("dots that may be a filled ring, on the page", () => {
  // Bench seed 75, a 戸籍附票: one row's readings differed by さんぷる/さんぶる, another row's all read さんぶる荘.
  const dotted = { raw: "大阪市北区本町1-2-3さんぶる荘", confidence: 90, secondRaw: "大阪市北区本町1-2-3さんぶる荘" };
  const withMember = (member: { raw: string; confidence: number; secondRaw: string }) =>
    postProcessDocument(template, { fields: { "household.head": r("山田 太郎"), "destination.address": dotted }, groups: { members: [{ "member.name": member }] } }, { today: "2026-11-24" });
  it("flags dots in an address that every reading agreed on, when another crop of the page took a ring for dots", () => {
    expect(withMember({ raw: "さんぷる 花子", confidence: 90, secondRaw: "さんぶる 花子" }).fields[1]?.reasons).toContain("weak_character");
  });
  it("leaves them when no crop of the page did", () => {
    expect(withMember({ raw: "山田 花子", confidence: 90, secondRaw: "山田 花子" }).fields[1]?.reasons).toEqual([]);
  });
});
