import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fakeValuesFor, generateTenshutsuLayouts, synthesizeScan } from "../src/synthetic/index.ts";
import type { Template } from "../src/templates/template.ts";

const [layout] = generateTenshutsuLayouts(99, 1);
if (layout === undefined) throw new Error("no layout");

describe("synthesizeScan", () => {
  it("renders fake values and degrades them, reproducibly, with both ground truths", async () => {
    const a = (await synthesizeScan(layout, { seed: 5, dpi: 100 }))._unsafeUnwrap();
    const b = (await synthesizeScan(layout, { seed: 5, dpi: 100 }))._unsafeUnwrap();
    expect(a.clean.truth).toEqual(fakeValuesFor(layout, 5));
    expect(a.scan).not.toBeNull();
    expect(Buffer.compare(a.scan!.image, b.scan!.image)).toBe(0);
    expect(a.scan!.width).toBe(Math.round(a.clean.width * a.scan!.params.scale));
    expect((await sharp(a.scan!.image).metadata()).format).toBe("jpeg");
  });

  it("takes given values and degradation overrides, or skips degradation", async () => {
    const values = { fields: { "household.head": "見本　花子" }, groups: { members: [{ "members[].name": "見本　花子" }] } };
    const r = (await synthesizeScan(layout, { seed: 1, dpi: 80, values, degrade: { rotationDeg: 0, jpegQuality: null } }))._unsafeUnwrap();
    expect(r.clean.truth).toEqual(values);
    expect(r.scan?.format).toBe("png");
    expect(r.scan?.params.rotationDeg).toBe(0);
    const clean = (await synthesizeScan(layout, { seed: 1, dpi: 80, degrade: false }))._unsafeUnwrap();
    expect(clean.scan).toBeNull();
  });

  it("fills fields of any template by type, matching their patterns", () => {
    const base = { label: { ja: "x", en: "x" }, region: { x: 0.1, y: 0.1, width: 0.5, height: 0.05 }, hints: {}, review: { minConfidence: 80, always: false }, required: true } as const;
    const t: Template = {
      id: "zairyu-card/*/v9", kind: "zairyu-card", issuer: "*", version: 9, name: { ja: "x", en: "x" },
      page: { widthMm: 85.6, heightMm: 54, dpi: 300 }, referenceImage: null, tint: "v-otsu", anchors: [], repeatGroups: [],
      fields: [
        { ...base, key: "card.number", type: "code", post: { pattern: "^[A-Z]{2}\\d{8}[A-Z]{2}$" } },
        { ...base, key: "person.myNumber", type: "number", post: { checkDigit: "mynumber" } },
        { ...base, key: "person.roman", type: "roman-name", post: {} },
        { ...base, key: "person.kana", type: "kana", post: {} },
        { ...base, key: "person.birthDate", type: "date-seireki", post: {} },
        { ...base, key: "person.sex", type: "enum", post: { values: ["男", "女"] } },
      ],
    };
    for (let seed = 0; seed < 30; seed++) {
      const v = fakeValuesFor(t, seed).fields;
      expect(v["card.number"]).toMatch(/^[A-Z]{2}\d{8}[A-Z]{2}$/);
      expect(v["person.myNumber"]).toMatch(/^\d{12}$/);
      expect(v["person.roman"]).toMatch(/^[A-Z]+ [A-Z]+$/);
      expect(v["person.kana"]).toMatch(/^[ァ-ヶー]+　[ァ-ヶー]+$/);
      expect(v["person.birthDate"]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(["男", "女"]).toContain(v["person.sex"]);
    }
  });

  it("gives member rows of a shipped-style group 11-digit 住民票コード, distinct per member, the 世帯主 first", () => {
    const g = layout.repeatGroups[0]!;
    const code = { ...g.fields[0]!, key: "members[].residentCode", type: "number" as const, post: { pattern: "^\\d{11}$" } };
    const t: Template = { ...layout, repeatGroups: [{ ...g, maxCount: 8, fields: [...g.fields, code] }] };
    const rows = fakeValuesFor(t, 21).groups["members"] ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!["members[].relationship"]).toBe("世帯主");
    for (const row of rows) expect(row["members[].residentCode"]).toMatch(/^\d{11}$/);
    expect(new Set(rows.map((r) => r["members[].residentCode"])).size).toBe(rows.length);
  });
});
