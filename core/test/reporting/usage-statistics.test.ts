import { describe, expect, it } from "vitest";
import { isReportMonth, procedureUsage, reportMonthOf, reportMonthRange, type Application, type ApplicationStatus } from "../../src/index.ts";
import { submittedApplication } from "../application-fixtures.ts";

const at = (iso: string, procedureId: string, status: ApplicationStatus, fee = 410): Application => {
  const a = submittedApplication();
  return { ...a, procedureId: procedureId as Application["procedureId"], status, submittedAt: new Date(iso), fee: { ...a.fee, total: fee as Application["fee"]["total"] } };
};

describe("S8: the monthly usage report per procedure", () => {
  it("takes months in Japan: November 2026 runs from 31 Oct 15:00 UTC to 30 Nov 15:00 UTC", () => {
    expect(reportMonthRange("2026-11")).toEqual({ from: new Date("2026-10-31T15:00:00Z"), to: new Date("2026-11-30T15:00:00Z") });
    expect(reportMonthRange("2026-12").to).toEqual(new Date("2026-12-31T15:00:00Z"));
    expect(reportMonthOf(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12");
    expect(reportMonthOf(new Date("2026-11-30T14:59:59Z"))).toBe("2026-11");
    expect(["2026-11", "2026-00", "2026-13", "26-11", "2026-1", "2026-11-01"].map(isReportMonth)).toEqual([true, false, false, false, false, false]);
  });

  it("counts the month's applications per procedure by the status they have now, with a line for every procedure", () => {
    const apps = [
      at("2026-10-31T15:00:00Z", "juminhyo", "submitted"), // 1 Nov 00:00 JST: in
      at("2026-11-10T03:00:00Z", "juminhyo", "completed", 720),
      at("2026-11-12T03:00:00Z", "juminhyo", "withdrawn"),
      at("2026-11-20T03:00:00Z", "koseki", "rejected", 450),
      at("2026-11-30T14:59:59Z", "koseki", "returned", 450), // 30 Nov 23:59:59 JST: in
      at("2026-11-30T15:00:00Z", "koseki", "completed"), // 1 Dec JST: out
      at("2026-10-31T14:59:59Z", "juminhyo", "completed"), // 31 Oct JST: out
    ];
    expect(procedureUsage(apps, ["juminhyo", "koseki", "inkan"], "2026-11")).toEqual([
      { procedureId: "juminhyo", submitted: 3, open: 1, completed: 1, rejected: 0, withdrawn: 1, feeTotal: 410 + 720 + 410 },
      { procedureId: "koseki", submitted: 2, open: 1, completed: 0, rejected: 1, withdrawn: 0, feeTotal: 900 },
      { procedureId: "inkan", submitted: 0, open: 0, completed: 0, rejected: 0, withdrawn: 0, feeTotal: 0 },
    ]);
  });
});
