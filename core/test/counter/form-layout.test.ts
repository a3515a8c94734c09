import { describe, expect, it } from "vitest";
import { decodeFormLayout } from "../../src/index.ts";

const layout = {
  id: "juminido-todoke",
  version: 2,
  name: { ja: "住民異動届", en: "Residence change notification" },
  page: { widthMm: 210, heightMm: 297 },
  texts: [{ text: "住民異動届", xMm: 90, yMm: 20, sizePt: 16 }],
  boxes: [{ xMm: 10, yMm: 30, widthMm: 190, heightMm: 12 }],
  fields: [{ key: "address.new", xMm: 40, yMm: 38, widthMm: 155, sizePt: 11 }],
  groups: [{ key: "persons", maxRows: 8, stepMm: 14, fields: [{ key: "name", xMm: 12, yMm: 150, widthMm: 50, sizePt: 11 }] }],
};

describe("a form layout file (C10: layouts change without code)", () => {
  it("is decoded when its shape and geometry hold", () => {
    expect(decodeFormLayout(layout)._unsafeUnwrap()).toEqual(layout);
  });

  it("is refused, each problem named, when something lies off the page or a key is placed twice", () => {
    const off = { ...layout, fields: [...layout.fields, { key: "address.new", xMm: 100, yMm: 38, widthMm: 150, sizePt: 11 }], groups: [{ ...layout.groups[0]!, stepMm: 25 }] };
    expect(decodeFormLayout(off)._unsafeUnwrapErr().issues).toEqual([
      "fields.address.new: outside the 210×297 mm page",
      "groups.persons.name (row 8): outside the 210×297 mm page",
      "address.new: placed more than once",
    ]);
  });

  it("is refused for unknown keys (typos), bad ids and impossible sizes", () => {
    expect(decodeFormLayout({ ...layout, colour: "red" }).isErr()).toBe(true);
    expect(decodeFormLayout({ ...layout, id: "Juminido Todoke" }).isErr()).toBe(true);
    expect(decodeFormLayout({ ...layout, texts: [{ text: "x", xMm: 1, yMm: 1, sizePt: 200 }] }).isErr()).toBe(true);
    expect(decodeFormLayout({ ...layout, version: 0 }).isErr()).toBe(true);
  });
});
