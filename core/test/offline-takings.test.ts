import { describe, expect, it } from "vitest";
import { offlineTakings, ProcedureId, StaffId, yen, type Application, type Intake } from "../src/index.ts";

const entered = (day: string, procedureId: string, payment: Intake["payment"], total: number, status: Application["status"] = "submitted"): Application =>
  ({
    procedureId: ProcedureId(procedureId),
    // 10:00 in Japan on `day`.
    submittedAt: new Date(`${day}T01:00:00Z`),
    status,
    fee: { total: yen(total) },
    intake: { channel: "mail", receivedOn: day, payment, note: "", enteredBy: StaffId("s") },
  }) as unknown as Application;

/** An application the resident submitted online: no intake record. */
const online = (): Application => {
  const { intake: _intake, ...rest } = entered("2026-11-24", "juminhyo", "cash", 300);
  return rest as Application;
};

describe("offlineTakings (S5: fees paid outside the card books)", () => {
  it("sums by entry day, procedure and way of payment; refused and withdrawn requests' money is to be returned", () => {
    const report = offlineTakings(
      [
        entered("2026-11-24", "koseki", "postal_money_order", 450),
        entered("2026-11-24", "juminhyo", "postal_money_order", 410, "rejected"),
        entered("2026-11-24", "juminhyo", "postal_money_order", 710, "completed"),
        entered("2026-11-23", "juminhyo", "cash", 300, "withdrawn"),
        entered("2026-11-24", "juminhyo", "not_required", 0),
        entered("2026-11-25", "juminhyo", "cash", 300),
        online(),
      ],
      { from: "2026-11-23", to: "2026-11-24" },
    );
    expect(report.rows.map((r) => [r.day, r.procedureId, r.kind, r.count, r.taken, r.toReturn, r.kept])).toStrictEqual([
      ["2026-11-23", "juminhyo", "cash", 1, 300, 300, 0],
      ["2026-11-24", "juminhyo", "postal_money_order", 2, 1120, 410, 710],
      ["2026-11-24", "koseki", "postal_money_order", 1, 450, 0, 450],
    ]);
    expect(report.totals).toStrictEqual({ count: 4, taken: 1870, toReturn: 710, kept: 1160 });
  });

  it("counts an application on its day in Japan: entered at 23:30 JST on the 24th is the 24th", () => {
    const late = { ...entered("2026-11-24", "juminhyo", "cash", 300), submittedAt: new Date("2026-11-24T14:30:00Z") } as Application;
    expect(offlineTakings([late], { from: "2026-11-24", to: "2026-11-24" }).totals.count).toBe(1);
    expect(offlineTakings([late], { from: "2026-11-25", to: "2026-11-25" }).totals.count).toBe(0);
  });
});
