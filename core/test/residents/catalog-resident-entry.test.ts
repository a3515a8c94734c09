import { describe, expect, it } from "vitest";
import { decodeProcedureCatalog, residentEntriesOf } from "../../src/index.ts";
import { shippedCatalogJson } from "../fixtures.ts";

type Json = Record<string, any>;
const withEntry = (entry: unknown): Json => {
  const json = structuredClone(shippedCatalogJson()) as Json;
  json["procedures"][0]["residentEntry"] = entry;
  return json;
};
const issuesOf = (json: unknown) =>
  decodeProcedureCatalog(json).match(
    () => [],
    (e) => e.issues.map((i) => `${i.path}: ${i.message}`),
  );

describe("which entry each procedure allows (account / email only)", () => {
  it("decodes the configured entries; a procedure that does not say allows both", () => {
    const decoded = decodeProcedureCatalog(withEntry(["account"]))._unsafeUnwrap();
    expect(residentEntriesOf(decoded.procedures[0]!)).toEqual(["account"]);
    expect(residentEntriesOf(decoded.procedures[1]!)).toEqual(["account", "email_only"]);
  });

  it("rejects an empty list, an unknown entry and a repeated one", () => {
    expect(issuesOf(withEntry([])).length).toBeGreaterThan(0);
    expect(issuesOf(withEntry(["passport"])).length).toBeGreaterThan(0);
    expect(issuesOf(withEntry(["account", "account"])).some((i) => /residentEntry\[1\]: duplicate entry "account"/.test(i))).toBe(true);
  });
});
