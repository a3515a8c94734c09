import { describe, expect, it } from "vitest";
import { decodeProcedureCatalog } from "../../src/index.ts";
import { shippedCatalogJson } from "../fixtures.ts";

type Json = Record<string, any>;
const withOffices = (offices: unknown, officeIds: unknown): Json => {
  const json = structuredClone(shippedCatalogJson()) as Json;
  json["offices"] = offices;
  json["procedures"][0]["officeIds"] = officeIds;
  return json;
};
const issuesOf = (json: unknown) =>
  decodeProcedureCatalog(json).match(
    () => [],
    (e) => e.issues.map((i) => `${i.path}: ${i.message}`),
  );

describe("offices in the procedure catalog (staff groups per 区役所)", () => {
  const chuo = { id: "chuo", name: { ja: "中央区役所", en: "Chuo Ward Office" } };
  const kita = { id: "kita", name: { ja: "北区役所", en: "Kita Ward Office" } };

  it("decodes offices and the offices that handle a procedure", () => {
    const decoded = decodeProcedureCatalog(withOffices([chuo, kita], ["kita"]))._unsafeUnwrap();
    expect(decoded.offices?.map((o) => o.id)).toEqual(["chuo", "kita"]);
    expect(decoded.procedures[0]?.officeIds).toEqual(["kita"]);
    expect(decoded.procedures[1]?.officeIds).toBeUndefined();
  });

  it("a catalog without offices stays valid (offices are optional)", () => {
    expect(issuesOf(shippedCatalogJson())).toEqual([]);
  });

  it("rejects an unknown or repeated office, naming the entry", () => {
    const issues = issuesOf(withOffices([chuo, chuo], ["kita", "chuo", "chuo"]));
    expect(issues.some((i) => /^offices\[1\] \("chuo"\)\.id: duplicate office id/.test(i))).toBe(true);
    expect(issues.some((i) => /officeIds\[0\]: unknown office "kita"/.test(i))).toBe(true);
    expect(issues.some((i) => /officeIds\[2\]: duplicate office id "chuo"/.test(i))).toBe(true);
  });

  it("rejects an office id that is not a slug", () => {
    expect(issuesOf(withOffices([{ ...chuo, id: "Chuo Ku" }], [])).length).toBeGreaterThan(0);
  });
});
