import { describe, expect, it } from "vitest";
import type { Region, Template } from "../src/templates/template.ts";
import { decodeTemplate } from "../src/templates/template.schema.ts";
import { isValidMunicipalityCode, RELATIONSHIPS } from "../src/synthetic/fake-residents.ts";
import {
  generateTenshutsuLayouts, layoutFingerprint, TENSHUTSU_FIELD_KEYS, TENSHUTSU_MEMBER_KEYS,
} from "../src/synthetic/layout-families.ts";

const layouts = generateTenshutsuLayouts(2026, 520);

/** Every region a page of the template can print on: anchors, fields, and every repeat-group row. */
const placed = (t: Template): { what: string; region: Region; isField: boolean }[] => [
  ...t.anchors.map((a, i) => ({ what: `anchor ${i} ${a.text}`, region: a.region, isField: false })),
  ...t.fields.map((f) => ({ what: f.key, region: f.region, isField: true })),
  ...t.repeatGroups.flatMap((g) =>
    Array.from({ length: g.maxCount }, (_, row) =>
      g.fields.map((f) => ({
        what: `${f.key}#${row}`,
        region: { ...f.region, x: f.region.x + row * g.step.dx, y: f.region.y + row * g.step.dy },
        isField: true,
      })),
    ).flat(),
  ),
];

const overlap = (a: Region, b: Region) =>
  a.x < b.x + b.width - 1e-9 && b.x < a.x + a.width - 1e-9 && a.y < b.y + b.height - 1e-9 && b.y < a.y + a.height - 1e-9;

describe("generateTenshutsuLayouts", () => {
  it("is deterministic: the same seed gives the same templates, another seed others", () => {
    expect(generateTenshutsuLayouts(2026, 520)).toEqual(layouts);
    expect(JSON.stringify(generateTenshutsuLayouts(7, 20))).not.toBe(JSON.stringify(layouts.slice(0, 20)));
  });

  it("makes at least 500 distinct layouts: ids, issuers and geometry fingerprints", () => {
    expect(layouts).toHaveLength(520);
    expect(new Set(layouts.map((t) => t.id)).size).toBe(520);
    expect(new Set(layouts.map((t) => t.issuer)).size).toBe(520);
    expect(new Set(layouts.map(layoutFingerprint)).size).toBe(520);
    // Geometry alone (without label words) is distinct too: the layouts are not one form relabelled.
    const geometry = layouts.map((t) => JSON.stringify(placed(t).map((p) => p.region)));
    expect(new Set(geometry).size).toBe(520);
  });

  it("gives each layout a valid issuer code and an id the template validator accepts", () => {
    for (const t of layouts) {
      expect(isValidMunicipalityCode(t.issuer)).toBe(true);
      expect(t.id).toBe(`tenshutsu-shomeisho/${t.issuer}/v1`);
      const decoded = decodeTemplate(JSON.parse(JSON.stringify(t)), t.id);
      expect(decoded.isOk() ? [] : decoded.error.issues).toEqual([]);
    }
  });

  it("has the agreed field keys and a members group with enum sex and relationship", () => {
    for (const t of layouts) {
      expect(t.kind).toBe("tenshutsu-shomeisho");
      expect(t.fields.map((f) => f.key).sort()).toEqual([...TENSHUTSU_FIELD_KEYS].sort());
      expect(t.repeatGroups).toHaveLength(1);
      const g = t.repeatGroups[0]!;
      expect(g.key).toBe("members");
      expect(g.presenceField).toBe("members[].name");
      expect(g.maxCount).toBeGreaterThanOrEqual(1);
      expect(g.fields.map((f) => f.key).sort()).toEqual([...TENSHUTSU_MEMBER_KEYS].sort());
      const byKey = new Map(g.fields.map((f) => [f.key, f]));
      expect(byKey.get("members[].birthDate")?.type).toBe("date-wareki");
      expect(byKey.get("members[].sex")?.post.values).toEqual(["男", "女"]);
      expect(byKey.get("members[].relationship")?.post.values).toEqual([...RELATIONSHIPS]);
      expect(t.fields.find((f) => f.key === "move.plannedDate")?.type).toBe("date-wareki");
      // Every field's label is printed as an anchor, so the renderer and the template agree.
      const anchorTexts = new Set(t.anchors.map((a) => a.text));
      for (const f of [...t.fields, ...g.fields]) expect(anchorTexts.has(f.label.ja)).toBe(true);
    }
  });

  it("keeps every region inside the page and no two printed regions overlap", () => {
    for (const t of layouts) {
      const all = placed(t);
      for (const p of all) {
        expect(p.region.x, `${t.id} ${p.what}`).toBeGreaterThanOrEqual(0);
        expect(p.region.y, `${t.id} ${p.what}`).toBeGreaterThanOrEqual(0);
        expect(p.region.x + p.region.width, `${t.id} ${p.what}`).toBeLessThanOrEqual(1);
        expect(p.region.y + p.region.height, `${t.id} ${p.what}`).toBeLessThanOrEqual(1);
      }
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          const a = all[i]!;
          const b = all[j]!;
          if (overlap(a.region, b.region)) expect.fail(`${t.id}: ${a.what} overlaps ${b.what}`);
        }
      }
    }
  });

  it("varies wording, member-row style, row count and type size", () => {
    const heads = new Set(layouts.map((t) => t.fields.find((f) => f.key === "household.head")!.label.ja));
    const destinations = new Set(layouts.map((t) => t.fields.find((f) => f.key === "move.destination")!.label.ja));
    expect(heads).toEqual(new Set(["世帯主", "世帯主氏名", "世帯主の氏名"]));
    expect(destinations.size).toBeGreaterThanOrEqual(3);
    // Table style: one label row above the data rows; stacked: the name label repeats in every entry.
    const stacked = layouts.filter((t) => t.anchors.filter((a) => a.text === t.repeatGroups[0]!.fields[0]!.label.ja).length > 1);
    expect(stacked.length).toBeGreaterThan(100);
    expect(layouts.length - stacked.length).toBeGreaterThan(100);
    const counts = new Set(layouts.map((t) => t.repeatGroups[0]!.maxCount));
    expect(counts.size).toBeGreaterThanOrEqual(4);
    const heights = layouts.map((t) => t.fields[0]!.region.height);
    expect(Math.max(...heights) / Math.min(...heights)).toBeGreaterThan(1.3);
  });
});
