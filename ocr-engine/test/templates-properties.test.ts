import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType, Region, RepeatGroup, Template, TemplateField } from "../src/templates/template.ts";
import { decodeTemplate } from "../src/templates/template.schema.ts";
import { localGovernmentCheckDigit } from "../src/templates/issuer-code.ts";

const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** A region inside the page, with room below it for `rows` rows stepping `dy` apart. */
const regionArb = (rows = 1, dy = 0): fc.Arbitrary<Region> =>
  fc.tuple(unit, unit, unit, unit).map(([a, b, c, d]) => {
    const width = 0.01 + a * 0.5;
    const height = 0.01 + b * 0.05;
    return { x: c * (1 - width), y: d * (1 - height - (rows - 1) * dy), width, height };
  });

const TYPES: readonly FieldType[] = ["text", "name", "kana", "roman-name", "date-wareki", "date-seireki", "date", "address", "number", "enum", "code"];
const isoDay = fc.date({ min: new Date("1868-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const fieldArb = (key: string, rows = 1, dy = 0): fc.Arbitrary<TemplateField> =>
  fc
    .record({
      region: regionArb(rows, dy),
      type: fc.constantFrom(...TYPES),
      values: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
      bounds: fc.tuple(isoDay, isoDay).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
      minConfidence: fc.integer({ min: 0, max: 100 }),
      required: fc.boolean(),
    })
    .map(({ region, type, values, bounds, minConfidence, required }) => ({
      key,
      label: { ja: "項目", en: "Item" },
      region,
      type,
      hints: { psm: 7 },
      post: type === "enum" ? { values } : type.startsWith("date") ? { minDate: bounds[0]!, maxDate: bounds[1]! } : type === "number" ? { pattern: "^\\d+$" } : {},
      review: { minConfidence, always: type === "name" },
      required,
    }));

const groupArb: fc.Arbitrary<RepeatGroup> = fc
  .record({ maxCount: fc.integer({ min: 1, max: 8 }), dy: fc.double({ min: 0.005, max: 0.1, noNaN: true }), n: fc.integer({ min: 1, max: 4 }) })
  .chain(({ maxCount, dy, n }) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => fieldArb(`members[].f${i}`, maxCount, dy))).map((fields) => ({
      key: "members",
      step: { dx: 0, dy },
      maxCount,
      fields,
      presenceField: "members[].f0",
    })),
  );

const issuerArb = fc.oneof(
  fc.constant("*"),
  fc.stringMatching(/^\d{5}$/).map((five) => `${five}${localGovernmentCheckDigit(five)}`),
);

const templateArb: fc.Arbitrary<Template> = fc
  .record({
    issuer: issuerArb,
    version: fc.integer({ min: 1, max: 99 }),
    kind: fc.constantFrom("tenshutsu-shomeisho", "koseki-fuhyo", "zairyu-card" as const),
    anchors: fc.array(regionArb(), { maxLength: 4 }),
    fields: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fieldArb(`top.f${i}`)))),
    groups: fc.array(groupArb, { maxLength: 1 }),
  })
  .map(({ issuer, version, kind, anchors, fields, groups }) => ({
    id: `${kind}/${issuer}/v${version}`,
    kind,
    issuer,
    version,
    name: { ja: "様式", en: "Form" },
    page: { widthMm: 210, heightMm: 297, dpi: 300 },
    referenceImage: null,
    tint: "v-otsu",
    anchors: anchors.map((region, i) => ({ text: `ラベル${i}`, region })),
    fields,
    repeatGroups: groups,
  }));

/** Paths (as decode reports them) of every region in a template, with a way to replace it. */
const regionSlots = (t: Template): { path: string; region: Region; set: (t: Template, r: Region) => Template }[] => [
  ...t.anchors.map((a, i) => ({
    path: `anchors[${i}].region`,
    region: a.region,
    set: (u: Template, r: Region) => ({ ...u, anchors: u.anchors.map((a, j) => (j === i ? { ...a, region: r } : a)) }),
  })),
  ...t.fields.map((f, i) => ({
    path: `fields[${i}] ("${f.key}").region`,
    region: f.region,
    set: (u: Template, r: Region) => ({ ...u, fields: u.fields.map((g, j) => (j === i ? { ...g, region: r } : g)) }),
  })),
  ...t.repeatGroups.flatMap((g, gi) =>
    g.fields.map((f, i) => ({
      path: `repeatGroups[${gi}] ("${g.key}").fields[${i}] ("${f.key}").region`,
      region: f.region,
      set: (u: Template, r: Region) => ({
        ...u,
        repeatGroups: u.repeatGroups.map((h, k) => (k === gi ? { ...h, fields: h.fields.map((e, j) => (j === i ? { ...e, region: r } : e)) } : h)),
      }),
    })),
  ),
];

describe("template validation properties", () => {
  it("random valid templates decode to themselves", () => {
    fc.assert(
      fc.property(templateArb, (t) => {
        const result = decodeTemplate(t);
        expect(result.isOk() ? result.value : result.error.issues).toEqual(t);
      }),
      { numRuns: 200 },
    );
  });

  it("a region pushed outside the page is rejected at that region's path", () => {
    const mutation = fc.record({ side: fc.constantFrom("left", "top", "right", "bottom"), by: fc.double({ min: 0.001, max: 0.5, noNaN: true }), pick: fc.nat() });
    fc.assert(
      fc.property(
        templateArb.filter((t) => regionSlots(t).length > 0),
        mutation,
        (t, { side, by, pick }) => {
          const slots = regionSlots(t);
          const slot = slots[pick % slots.length]!;
          const current = slot.region;
          const moved: Region =
            side === "left" ? { ...current, x: -by }
            : side === "top" ? { ...current, y: -by }
            : side === "right" ? { ...current, x: 1 - current.width + by }
            : { ...current, y: 1 - current.height + by };
          const result = decodeTemplate(slot.set(t, moved));
          expect(result.isErr()).toBe(true);
          if (result.isErr()) expect(result.error.issues.some((i) => i.path.startsWith(slot.path))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
