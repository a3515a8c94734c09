import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossCheck } from "../src/postprocess/cross-checks.ts";
import type { DocumentResult, FieldResult, ReviewReason } from "../src/result/field-result.ts";
import { makeDocumentResult } from "../src/result/field-result.ts";

const TODAY = "2026-11-23";
const region = { x: 0, y: 0, width: 0.1, height: 0.1 };
const fr = (key: string, value: string | null, reasons: readonly ReviewReason[] = []): FieldResult => ({
  key, value, raw: value ?? "", confidence: 95, region, needsReview: reasons.length > 0, reasons,
});
const member = (name: string | null, relationship: string | null, birthDate: string | null) => [
  fr("member.name", name, ["name_always_confirmed"]),
  fr("member.relationship", relationship),
  fr("member.birthDate", birthDate),
];
const doc = (head: string | null, members: readonly (readonly FieldResult[])[] | undefined, extra: readonly FieldResult[] = []): DocumentResult =>
  makeDocumentResult({
    templateId: "tenshutsu-shomeisho/131016/v1",
    fields: [fr("household.head", head, ["name_always_confirmed"]), ...extra],
    groups: members === undefined ? {} : { members },
  });

const CROSS: readonly ReviewReason[] = ["head_not_a_member", "relationship_inconsistent", "date_in_future", "age_implausible"];
const crossReasons = (d: DocumentResult) => d.reasons.filter((r) => CROSS.includes(r));
const reasonsOf = (d: DocumentResult, key: string, row?: number) =>
  (row === undefined ? d.fields : (d.groups["members"]?.[row] ?? [])).find((f) => f.key === key)?.reasons ?? [];

const family = () => [
  member("山田 太郎", "世帯主", "1970-04-01"),
  member("山田 花子", "妻", "1972-05-02"),
  member("山田 一郎", "長男", "2000-06-03"),
  member("山田 春子", "母", "1945-07-04"),
];

describe("crossCheck", () => {
  it("a consistent household raises no cross-field reason and keeps the field reasons", () => {
    const d = crossCheck(doc("山田 太郎", family()), { today: TODAY });
    expect(crossReasons(d)).toEqual([]);
    expect(d.reasons).toEqual(["name_always_confirmed"]);
    expect(d.needsReview).toBe(true);
  });

  it("the 世帯主 matches a member through variant kanji and spacing (髙/高, 﨑/崎)", () => {
    const members = [member("髙橋 﨑子", "世帯主", "1970-01-01"), member("高橋 一", "子", "2001-01-01")];
    expect(crossReasons(crossCheck(doc("高橋　崎子", members), { today: TODAY }))).toEqual([]);
  });

  it("rule 1: a 世帯主 who is none of the members is flagged on the head field", () => {
    // Without rule 1 this slips through: every member is consistent among themselves.
    const members = [member("山田 花子", "妻", "1972-05-02"), member("山田 一郎", "子", "2000-06-03")];
    const d = crossCheck(doc("山田 太朗", members), { today: TODAY });
    expect(reasonsOf(d, "household.head")).toContain("head_not_a_member");
    expect(d.reasons).toContain("head_not_a_member");
  });

  it("rule 1 also applies to an empty members group, and not to documents without one (cards)", () => {
    expect(crossCheck(doc("山田 太郎", []), { today: TODAY }).reasons).toContain("head_not_a_member");
    expect(crossReasons(crossCheck(doc("山田 太郎", undefined), { today: TODAY }))).toEqual([]);
  });

  it("rule 2: two members with 続柄 世帯主 are both flagged", () => {
    const members = [member("山田 太郎", "世帯主", "1970-04-01"), member("山田 花子", "世帯主", "1972-05-02")];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "member.relationship", 0)).toContain("relationship_inconsistent");
    expect(reasonsOf(d, "member.relationship", 1)).toContain("relationship_inconsistent");
  });

  it("rule 2: the member named as 世帯主 with another 続柄 is flagged", () => {
    // 太郎 is the head by name but his row says 妻, and 花子's row says 世帯主: rule 1 alone passes this.
    const members = [member("山田 太郎", "妻", "1970-04-01"), member("山田 花子", "世帯主", "1972-05-02")];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "member.relationship", 0)).toContain("relationship_inconsistent");
    expect(reasonsOf(d, "member.relationship", 1)).toContain("relationship_inconsistent");
    expect(reasonsOf(d, "member.name", 1)).toContain("relationship_inconsistent");
    expect(reasonsOf(d, "household.head")).toContain("relationship_inconsistent");
  });

  it("rule 2: no member with 続柄 世帯主 (the head's own row says 夫) is flagged on the head and that row", () => {
    const members = [member("山田 太郎", "夫", "1970-04-01"), member("山田 花子", "妻", "1972-05-02")];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "household.head")).toContain("relationship_inconsistent");
    expect(reasonsOf(d, "member.relationship", 0)).toContain("relationship_inconsistent");
  });

  it("rule 3: a date of birth after today is flagged, in a member row and in a single field", () => {
    const members = [member("山田 太郎", "世帯主", "1970-04-01"), member("山田 一郎", "子", "2027-01-01")];
    const d = crossCheck(doc("山田 太郎", members, [fr("person.birthDate", "2026-11-24")]), { today: TODAY });
    expect(reasonsOf(d, "member.birthDate", 1)).toContain("date_in_future");
    expect(reasonsOf(d, "person.birthDate")).toContain("date_in_future");
    expect(crossReasons(crossCheck(doc("山田 太郎", undefined, [fr("person.birthDate", TODAY)]), { today: TODAY }))).toEqual([]);
  });

  it("rule 4: a date of birth more than 125 years ago is implausible", () => {
    const d = crossCheck(doc(null, undefined, [fr("person.birthDate", "1899-01-01")]), { today: TODAY });
    expect(reasonsOf(d, "person.birthDate")).toContain("age_implausible");
  });

  it("rule 4: a 子 not at least 12 years younger than the 世帯主 is flagged with the head's date", () => {
    // A misread year (1960 for 2000) makes the son older than his father: consistent by name and 続柄 alone.
    const members = [member("山田 太郎", "世帯主", "1970-04-01"), member("山田 一郎", "長男", "1960-06-03")];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "member.birthDate", 1)).toContain("age_implausible");
    expect(reasonsOf(d, "member.relationship", 1)).toContain("age_implausible");
    expect(reasonsOf(d, "member.birthDate", 0)).toContain("age_implausible");
    const ok = [member("山田 太郎", "世帯主", "1970-04-01"), member("山田 一郎", "長男", "1982-04-01")];
    expect(crossReasons(crossCheck(doc("山田 太郎", ok), { today: TODAY }))).toEqual([]);
  });

  it("rule 4: a 母 born after the 世帯主, and a 孫 only 20 years younger, are flagged", () => {
    const members = [member("山田 太郎", "世帯主", "1970-04-01"), member("山田 春子", "母", "1975-01-01"), member("山田 孫", "孫", "1990-01-01")];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "member.birthDate", 1)).toContain("age_implausible");
    expect(reasonsOf(d, "member.birthDate", 2)).toContain("age_implausible");
  });

  it("rule 4: siblings in the wrong order are flagged; twins and free 続柄 are not", () => {
    const members = [
      member("山田 太郎", "世帯主", "1970-04-01"),
      member("山田 次郎", "弟", "1968-01-01"),
      member("山田 一子", "姉", "1970-04-01"),
      member("山田 花子", "妻", "1990-01-01"),
      member("山田 甥", "甥", "1950-01-01"),
    ];
    const d = crossCheck(doc("山田 太郎", members), { today: TODAY });
    expect(reasonsOf(d, "member.birthDate", 1)).toContain("age_implausible");
    expect(reasonsOf(d, "member.birthDate", 2)).not.toContain("age_implausible");
    expect(reasonsOf(d, "member.birthDate", 3)).not.toContain("age_implausible");
    expect(reasonsOf(d, "member.birthDate", 4)).not.toContain("age_implausible");
  });

  it("works with the shipped templates' keys (members[].name, members[].relationship, members[].birthDate)", () => {
    const rows = [
      [fr("members[].name", "山田 太郎"), fr("members[].relationship", "世帯主"), fr("members[].birthDate", "1970-04-01")],
      [fr("members[].name", "山田 一郎"), fr("members[].relationship", "子"), fr("members[].birthDate", "1965-01-01")],
    ];
    const d = crossCheck(doc("山田 次郎", rows), { today: TODAY });
    expect(d.reasons).toEqual(expect.arrayContaining(["head_not_a_member", "relationship_inconsistent", "age_implausible"]));
  });

  it("rejects a malformed today (programmer error)", () => {
    expect(() => crossCheck(doc(null, undefined), { today: "23/11/2026" })).toThrow(TypeError);
  });

  const reasonArb = fc.subarray(["low_confidence", "pattern_mismatch", "name_always_confirmed"] as ReviewReason[]);
  const rowArb = fc.tuple(
    fc.constantFrom("山田 太郎", "山田 花子", "髙橋 﨑子", null),
    fc.constantFrom("世帯主", "妻", "子", "母", "孫", null),
    fc.option(fc.date({ min: new Date("1880-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    reasonArb,
  );

  it("property: crossCheck never removes a reason, keeps values, and needsReview is any reason", () => {
    fc.assert(
      fc.property(fc.constantFrom("山田 太郎", "高橋 崎子", null), fc.array(rowArb, { maxLength: 5 }), (head, rows) => {
        const members = rows.map(([n, r, b, extra]) => member(n, r, b).map((f) => ({ ...f, reasons: [...f.reasons, ...extra], needsReview: f.reasons.length + extra.length > 0 })));
        const before = doc(head, members);
        const after = crossCheck(before, { today: TODAY });
        const all = (d: DocumentResult) => [...d.fields, ...Object.values(d.groups).flat(2)];
        const pairs = all(before).map((f, i) => [f, all(after)[i] as FieldResult] as const);
        return (
          pairs.every(([b, a]) => b.value === a.value && b.reasons.every((r) => a.reasons.includes(r)) && a.needsReview === a.reasons.length > 0) &&
          before.reasons.every((r) => after.reasons.includes(r)) &&
          all(after).every((f) => f.reasons.every((r) => after.reasons.includes(r))) &&
          after.needsReview === after.reasons.length > 0
        );
      }),
    );
  });
});
