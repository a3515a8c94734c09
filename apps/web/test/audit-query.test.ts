import { describe, expect, it } from "vitest";
import { auditApiParams, auditPath, endOfDayJst, parseAuditQuery, startOfDayJst } from "../src/pages/staff/audit/audit-query.ts";

describe("the audit viewer's query", () => {
  it("round-trips through the URL", () => {
    const q = { staffId: "st_01", action: "application.viewed,application.listed", from: "2026-11-01", to: "2026-11-30", afterSeq: 200 };
    expect(parseAuditQuery(auditPath(q).split("?")[1] ?? "")).toEqual(q);
    expect(auditPath({ staffId: "", action: "", from: "", to: "", afterSeq: 0 })).toBe("/staff/audit");
  });

  it("drops what is not valid instead of sending it", () => {
    expect(parseAuditQuery("action=DROP%20TABLE&from=2026-02-30&to=yesterday&afterSeq=-5&staffId=" + "x".repeat(101))).toEqual({
      staffId: "",
      action: "",
      from: "",
      to: "",
      afterSeq: 0,
    });
  });

  it("turns Japanese calendar days into the instants the server filters on: [from 00:00 JST, day after to 00:00 JST)", () => {
    expect(startOfDayJst("2026-11-01")).toBe("2026-10-31T15:00:00.000Z");
    expect(endOfDayJst("2026-11-30")).toBe("2026-11-30T15:00:00.000Z");
    expect(auditApiParams({ staffId: "st_01", action: "", from: "2026-11-01", to: "2026-11-30", afterSeq: 0 })).toEqual({
      staffId: "st_01",
      from: "2026-10-31T15:00:00.000Z",
      to: "2026-11-30T15:00:00.000Z",
    });
  });
});
