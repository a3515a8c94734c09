import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeProcedureCatalog, searchForm, searchProcedures } from "../../src/index.ts";
import { shippedCatalog, shippedCatalogJson } from "../fixtures.ts";

const ids = (text: string, filters: { categoryId?: string; lifeEventId?: string } = {}) => searchProcedures(shippedCatalog().procedures, { text, ...filters }).map((p) => p.id);

describe("R12: procedure search by keyword, category and life event", () => {
  it("finds by words of the name or description, in Japanese or English, in catalog order", () => {
    expect(ids("住民票")).toEqual(["juminhyo"]);
    expect(ids("戸籍")).toEqual(["koseki", "koseki-fuhyo", "koseki-joseki"]);
    expect(ids("Family register")).toEqual(["koseki", "koseki-fuhyo", "koseki-joseki"]);
    expect(ids("tax")).toEqual(["shotoku-kazei", "nozei"]);
  });

  it("finds by reading and everyday names (keywords), whatever the width and kana", () => {
    expect(ids("じゅうみんひょう")).toEqual(["juminhyo"]);
    expect(ids("ジュウミンヒョウ")).toEqual(["juminhyo"]);
    expect(ids("ｼﾞｭｳﾐﾝﾋｮｳ")).toEqual(["juminhyo"]);
    expect(ids("課税証明")).toEqual(["shotoku-kazei"]);
    expect(ids("ＴＡＸ")).toEqual(["shotoku-kazei", "nozei"]);
    expect(ids("実印")).toEqual(["inkan"]);
  });

  it("needs every word (AND), ignores spaces, middle dots and brackets, and finds everything for no words", () => {
    expect(ids("戸籍 相続")).toEqual(["koseki-joseki"]);
    expect(ids("戸籍　附票")).toEqual(["koseki-fuhyo"]);
    expect(ids("個人事項証明書")).toEqual(["koseki"]);
    expect(ids("全部事項・個人事項")).toEqual(["koseki"]);
    expect(ids("")).toHaveLength(shippedCatalog().procedures.length);
    expect(ids("   ")).toHaveLength(shippedCatalog().procedures.length);
    expect(ids("存在しない手続き")).toEqual([]);
  });

  it("filters by category and by life event, with or without words", () => {
    expect(ids("", { categoryId: "zeimu" })).toEqual(["shotoku-kazei", "nozei"]);
    expect(ids("", { lifeEventId: "kekkon" })).toEqual(["juminhyo", "koseki", "dokushin"]);
    expect(ids("", { lifeEventId: "souzoku", categoryId: "koseki" })).toEqual(["koseki", "koseki-fuhyo", "koseki-joseki"]);
    expect(ids("除籍", { lifeEventId: "souzoku" })).toEqual(["koseki-joseki"]);
    expect(ids("住民票", { categoryId: "zeimu" })).toEqual([]);
  });

  it("property: a result is always a subset of the catalog in its order, and narrowing never adds", () => {
    const procedures = shippedCatalog().procedures;
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 4 }), (a, b) => {
        const one = searchProcedures(procedures, { text: a });
        const both = searchProcedures(procedures, { text: `${a} ${b}` });
        expect(both.every((p) => one.includes(p))).toBe(true);
        const order = one.map((p) => procedures.indexOf(p));
        expect([...order].sort((x, y) => x - y)).toEqual(order);
      }),
    );
  });

  it("normalises as it compares: NFKC, katakana for hiragana, lower case, no spaces or name punctuation", () => {
    expect(searchForm("じゅうみん ひょう")).toBe("ジュウミンヒョウ");
    expect(searchForm("戸籍全部事項証明書・個人事項証明書（ＡＢＣ）")).toBe("戸籍全部事項証明書個人事項証明書abc");
  });
});

describe("R12: the catalog's categories and life events are checked", () => {
  const file = () => shippedCatalogJson() as Record<string, any>;
  const issuesOf = (json: unknown) =>
    decodeProcedureCatalog(json).match(
      () => [],
      (e) => e.issues.map((i) => `${i.path}: ${i.message}`),
    );

  it("decodes them from the shipped catalog", () => {
    const catalog = shippedCatalog();
    expect(catalog.categories?.map((c) => c.name.ja)).toEqual(["住民票・印鑑登録", "戸籍", "税の証明", "身分の証明"]);
    expect(catalog.lifeEvents?.map((e) => e.id)).toContain("hikkoshi");
    expect(catalog.procedures.every((p) => (p.categoryIds ?? []).length > 0)).toBe(true);
  });

  it("refuses a procedure naming an unknown category or life event, and duplicates", () => {
    const json = file();
    json.procedures[0].categoryIds = ["nope"];
    json.procedures[1].lifeEventIds = ["kekkon", "kekkon"];
    json.categories.push({ ...json.categories[0] });
    expect(issuesOf(json)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('procedures[0] ("juminhyo").categoryIds[0]: unknown category "nope"'),
        expect.stringContaining('procedures[1] ("inkan").lifeEventIds[1]'),
        expect.stringContaining("categories[4]"),
      ]),
    );
  });

  it("leaves them out of a catalog without them", () => {
    const json = file();
    delete json.categories;
    delete json.lifeEvents;
    for (const p of json.procedures) {
      delete p.categoryIds;
      delete p.lifeEventIds;
      delete p.keywords;
    }
    const catalog = decodeProcedureCatalog(json)._unsafeUnwrap();
    expect(catalog.categories).toBeUndefined();
    expect(searchProcedures(catalog.procedures, { categoryId: "zeimu" })).toEqual([]);
    expect(searchProcedures(catalog.procedures, { text: "住民票" }).map((p) => p.id)).toEqual(["juminhyo"]);
  });
});
