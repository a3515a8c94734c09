import { describe, expect, it } from "vitest";
import type { Template } from "../src/templates/template.ts";
import { decodeTemplate } from "../src/templates/template.schema.ts";
import { isLocalGovernmentCode, localGovernmentCheckDigit } from "../src/templates/issuer-code.ts";
import { isIsoDate, formatPath } from "../src/templates/template.checks.ts";
import { regionsOverlap, rowRegion } from "../src/templates/template-regions.ts";
import { field, validTemplate } from "./templates-fixture.ts";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
/** A deep, writable copy so a case can break one thing. */
const edit = (change: (t: Mutable<Template>) => void): unknown => {
  const t = structuredClone(validTemplate()) as Mutable<Template>;
  change(t);
  return t;
};
const member = (t: Mutable<Template>, i: number) => t.repeatGroups[0]!.fields[i]!;

const cases: readonly { name: string; input: unknown; path: string; message: RegExp }[] = [
  { name: "not an object", input: "hello", path: "", message: /Expected/ },
  { name: "unknown kind", input: edit((t) => ((t as { kind: string }).kind = "passport")), path: "kind", message: /Expected/ },
  { name: "misspelt key", input: edit((t) => Object.assign(t.fields[0]!, { requried: true })), path: 'fields[0] ("household.head").requried', message: /excess/ },
  { name: "missing key", input: edit((t) => delete (t as Partial<Mutable<Template>>).tint), path: "tint", message: /Missing/ },
  { name: "psm outside the closed list", input: edit((t) => ((t.fields[0]!.hints as { psm: number }).psm = 3)), path: 'fields[0] ("household.head").hints.psm', message: /Expected/ },
  { name: "non-integer maxCount", input: edit((t) => (t.repeatGroups[0]!.maxCount = 2.5)), path: 'repeatGroups[0] ("members").maxCount', message: /integer/ },
  { name: "region left of the page", input: edit((t) => (t.fields[0]!.region.x = -0.01)), path: 'fields[0] ("household.head").region.x', message: /0 or more/ },
  { name: "region above the page", input: edit((t) => (t.anchors[0]!.region.y = -0.2)), path: "anchors[0].region.y", message: /0 or more/ },
  { name: "region past the right edge", input: edit((t) => (t.fields[0]!.region.x = 0.9)), path: 'fields[0] ("household.head").region.width', message: /at most 1/ },
  { name: "region past the bottom edge", input: edit((t) => (member(t, 1).region.y = 0.97)), path: 'repeatGroups[0] ("members").fields[1] ("members[].birthDate").region.height', message: /at most 1/ },
  { name: "zero width", input: edit((t) => (t.fields[0]!.region.width = 0)), path: 'fields[0] ("household.head").region.width', message: /positive/ },
  { name: "negative height", input: edit((t) => (t.fields[0]!.region.height = -0.1)), path: 'fields[0] ("household.head").region.height', message: /positive/ },
  { name: "last repeat row off the page", input: edit((t) => ((t.repeatGroups[0]!.maxCount = 12), (member(t, 1).region.height = 0.01))), path: 'repeatGroups[0] ("members").fields[0] ("members[].name").region.height', message: /row 12/ },
  { name: "rows that do not move", input: edit((t) => (t.repeatGroups[0]!.step = { dx: 0, dy: 0 })), path: 'repeatGroups[0] ("members").step', message: /same place/ },
  { name: "duplicate field key", input: edit((t) => t.fields.push(field("household.head", 0.5, 0.1))), path: 'fields[1] ("household.head").key', message: /duplicate.*fields\[0\]/ },
  { name: "field key equal to a group key", input: edit((t) => t.fields.push(field("members", 0.5, 0.1))), path: 'repeatGroups[0] ("members").key', message: /duplicate/ },
  { name: "duplicate key inside a group", input: edit((t) => (member(t, 1).key = "members[].name")), path: 'repeatGroups[0] ("members").fields[1] ("members[].name").key', message: /duplicate/ },
  { name: "group field without the group prefix", input: edit((t) => (member(t, 1).key = "birthDate")), path: 'repeatGroups[0] ("members").fields[1] ("birthDate").key', message: /members\[\]\./ },
  { name: "malformed field key", input: edit((t) => (t.fields[0]!.key = "Household head")), path: 'fields[0] ("Household head").key', message: /dotted/ },
  { name: "presenceField not in the group", input: edit((t) => (t.repeatGroups[0]!.presenceField = "household.head")), path: 'repeatGroups[0] ("members").presenceField', message: /group's fields/ },
  { name: "pattern that does not compile", input: edit((t) => (t.fields[0]!.post = { pattern: "^(\\d{11}$" })), path: 'fields[0] ("household.head").post.pattern', message: /regular expression/ },
  { name: "enum without values", input: edit((t) => (t.fields[0]!.type = "enum")), path: 'fields[0] ("household.head").post.values', message: /needs its values/ },
  { name: "enum with empty values", input: edit((t) => Object.assign(t.fields[0]!, { type: "enum", post: { values: [] } })), path: 'fields[0] ("household.head").post.values', message: /needs its values/ },
  { name: "enum with repeated values", input: edit((t) => Object.assign(t.fields[0]!, { type: "enum", post: { values: ["男", "男"] } })), path: 'fields[0] ("household.head").post.values', message: /unique/ },
  { name: "values on a non-enum", input: edit((t) => (t.fields[0]!.post = { values: ["男"] })), path: 'fields[0] ("household.head").post.values', message: /enum fields only/ },
  { name: "vocabulary on a non-text field", input: edit((t) => Object.assign(t.fields[0]!, { type: "address", post: { vocabulary: "nationality" } })), path: 'fields[0] ("household.head").post.vocabulary', message: /text fields only/ },
  { name: "malformed vocabulary name", input: edit((t) => Object.assign(t.fields[0]!, { type: "text", post: { vocabulary: "国籍" } })), path: 'fields[0] ("household.head").post.vocabulary', message: /lower-case name/ },
  { name: "impossible date bound", input: edit((t) => (member(t, 1).post = { minDate: "1900-02-30" })), path: 'repeatGroups[0] ("members").fields[1] ("members[].birthDate").post.minDate', message: /ISO date/ },
  { name: "non-ISO date bound", input: edit((t) => (member(t, 1).post = { maxDate: "令和7年1月1日" })), path: 'repeatGroups[0] ("members").fields[1] ("members[].birthDate").post.maxDate', message: /ISO date/ },
  { name: "bounds in the wrong order", input: edit((t) => (member(t, 1).post = { minDate: "2000-01-01", maxDate: "1999-12-31" })), path: 'repeatGroups[0] ("members").fields[1] ("members[].birthDate").post.maxDate', message: /before minDate/ },
  { name: "date bounds on a text field", input: edit((t) => (t.fields[0]!.post = { minDate: "2000-01-01" })), path: 'fields[0] ("household.head").post.minDate', message: /date fields only/ },
  { name: "confidence above 100", input: edit((t) => (t.fields[0]!.review.minConfidence = 101)), path: 'fields[0] ("household.head").review.minConfidence', message: /0 and 100/ },
  { name: "issuer not 6 digits", input: edit((t) => Object.assign(t, { issuer: "13101", id: "tenshutsu-shomeisho/13101/v2" })), path: "issuer", message: /6-digit/ },
  { name: "issuer with a wrong check digit", input: edit((t) => Object.assign(t, { issuer: "131017", id: "tenshutsu-shomeisho/131017/v2" })), path: "issuer", message: /check digit/ },
  { name: "id not <kind>/<issuer>/v<version>", input: edit((t) => (t.id = "tenshutsu-shomeisho/131016/v1")), path: "id", message: /v2/ },
  { name: "version 0", input: edit((t) => Object.assign(t, { version: 0, id: "tenshutsu-shomeisho/131016/v0" })), path: "version", message: /1 or more/ },
  { name: "zero page width", input: edit((t) => (t.page.widthMm = 0)), path: "page.widthMm", message: /positive/ },
  { name: "empty anchor text", input: edit((t) => (t.anchors[0]!.text = " ")), path: "anchors[0].text", message: /empty/ },
];

describe("decodeTemplate", () => {
  it("accepts the valid fixture and returns it unchanged", () => {
    const result = decodeTemplate(validTemplate());
    expect(result.isOk() && result.value).toEqual(validTemplate());
  });

  it("accepts a nationwide issuer", () => {
    const t = { ...validTemplate(), issuer: "*", id: "tenshutsu-shomeisho/*/v2" };
    expect(decodeTemplate(t).isOk()).toBe(true);
  });

  it.each(cases)("rejects $name with exactly one issue at its path", ({ input, path, message }) => {
    const result = decodeTemplate(input);
    expect(result.isErr()).toBe(true);
    if (!result.isErr()) return;
    expect(result.error._tag).toBe("TemplateError");
    expect(result.error.code).toBe("template.invalid");
    expect(result.error.issues.map((i) => i.path)).toEqual([path]);
    expect(result.error.issues[0]?.message).toMatch(message);
    expect(result.error.message).toContain(path);
  });

  it("reports every problem at once", () => {
    const input = edit((t) => {
      t.fields[0]!.region.x = -1;
      t.repeatGroups[0]!.presenceField = "nope";
      t.id = "x";
    });
    const result = decodeTemplate(input);
    expect(result.isErr() && result.error.issues.map((i) => i.path).sort()).toEqual(
      ["id", 'fields[0] ("household.head").region.x', 'repeatGroups[0] ("members").presenceField'].sort(),
    );
  });
});

describe("全国地方公共団体コード", () => {
  it.each([
    ["131016", true], // 千代田区
    ["011002", true], // 札幌市
    ["271004", true], // 大阪市
    ["131121", true], // 世田谷区
    ["131017", false],
    ["13101", false],
    ["13101a", false],
  ] as const)("%s valid: %s", (code, valid) => {
    expect(isLocalGovernmentCode(code)).toBe(valid);
  });

  it("maps remainders 0 and 1 to check digits 1 and 0", () => {
    // sum 0 → 11 − 0 = 11 → 1; sum 12 (2·6) → 12 mod 11 = 1 → 11 − 1 = 10 → 0.
    expect(localGovernmentCheckDigit("00000")).toBe(1);
    expect(localGovernmentCheckDigit("00006")).toBe(0);
  });
});

describe("helpers", () => {
  it("isIsoDate knows leap years", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-2-9")).toBe(false);
  });

  it("formatPath quotes the key of indexed elements", () => {
    expect(formatPath(["fields", 0, "region", "x"], { fields: [{ key: "a.b" }] })).toBe('fields[0] ("a.b").region.x');
    expect(formatPath(["anchors", 1, "text"], { anchors: [{}, { text: "x" }] })).toBe("anchors[1].text");
  });

  it("regionsOverlap: shared area overlaps, touching edges do not", () => {
    const a = { x: 0.1, y: 0.1, width: 0.2, height: 0.1 };
    expect(regionsOverlap(a, { x: 0.25, y: 0.15, width: 0.1, height: 0.1 })).toBe(true);
    expect(regionsOverlap(a, { x: 0.3, y: 0.1, width: 0.1, height: 0.1 })).toBe(false);
    expect(regionsOverlap(a, { x: 0.1, y: 0.2, width: 0.2, height: 0.1 })).toBe(false);
  });

  it("rowRegion places row i at origin + i × step", () => {
    const t = validTemplate();
    const g = t.repeatGroups[0]!;
    expect(rowRegion(g, g.fields[0]!, 3)).toEqual({ ...g.fields[0]!.region, y: 0.3 + 3 * 0.06 });
  });
});
