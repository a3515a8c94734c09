import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardFee, jstDay, parseCardFeeRate, settlementReport, yen, type CardFeeRateBasisPoints, type LedgerEntry } from "../../src/index.ts";

const rate = parseCardFeeRate("3.5")._unsafeUnwrap();
const e = (procedureId: string, iso: string, kind: "captured" | "refunded" | "authorized", amount: number): LedgerEntry => ({
  applicationId: `app-${iso}`,
  procedureId,
  event: { kind, authorizationId: "a", amount: yen(amount), at: new Date(iso) },
});

describe("settlement report", () => {
  it("reads the card fee rate as a percent with two decimals into basis points", () => {
    expect(parseCardFeeRate("3.5")._unsafeUnwrap()).toBe(350);
    expect(parseCardFeeRate("3.24")._unsafeUnwrap()).toBe(324);
    expect(parseCardFeeRate("0")._unsafeUnwrap()).toBe(0);
    for (const bad of ["0.035%", "3.245", "-1", "101", "abc", ""]) expect(parseCardFeeRate(bad).isErr()).toBe(true);
  });

  it("rounds the card fee down to the yen: 3.5 % of 1,010 = 35.35 → 35; of 999 = 34.965 → 34", () => {
    expect(cardFee(1010, rate)).toBe(35);
    expect(cardFee(999, rate)).toBe(34);
  });

  it("groups by Japanese day and procedure: 23:30 UTC is the next day in Japan; authorisations do not count", () => {
    const report = settlementReport(
      [
        e("juminhyo", "2026-11-22T23:30:00Z", "captured", 1010),
        e("juminhyo", "2026-11-23T05:00:00Z", "captured", 710),
        e("juminhyo", "2026-11-23T06:00:00Z", "refunded", 300),
        e("koseki", "2026-11-23T06:00:00Z", "captured", 1810),
        e("koseki", "2026-11-23T06:00:00Z", "authorized", 9999),
        e("koseki", "2026-11-24T15:00:00Z", "captured", 100),
      ],
      rate,
      { from: "2026-11-23", to: "2026-11-24" },
    );
    expect(jstDay(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
    expect(report.rows).toEqual([
      { day: "2026-11-23", procedureId: "juminhyo", count: 2, captured: 1720, refunded: 300, cardFee: 60, net: 1360 },
      { day: "2026-11-23", procedureId: "koseki", count: 1, captured: 1810, refunded: 0, cardFee: 63, net: 1747 },
      // 15:00 UTC on the 24th is the 25th in Japan: outside the period.
    ]);
    expect(report.totals).toEqual({ count: 3, captured: 3530, refunded: 300, cardFee: 123, net: 3107 });
  });

  it("adds up: the totals are the sums of the captures and refunds in the period, whatever the order (property)", () => {
    const entry = fc.record({
      procedureId: fc.constantFrom("juminhyo", "koseki", "inkan"),
      ms: fc.integer({ min: Date.UTC(2026, 10, 20), max: Date.UTC(2026, 10, 27) }),
      kind: fc.constantFrom("captured" as const, "refunded" as const, "authorized" as const),
      amount: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (raw, bp) => {
        const entries = raw.map((r) => e(r.procedureId, new Date(r.ms).toISOString(), r.kind, r.amount));
        const period = { from: "2026-11-21", to: "2026-11-25" };
        const r = settlementReport(entries, bp as CardFeeRateBasisPoints, period);
        const inPeriod = entries.filter((x) => jstDay(x.event.at) >= period.from && jstDay(x.event.at) <= period.to);
        const total = (kind: string) => inPeriod.filter((x) => x.event.kind === kind).reduce((s, x) => s + ("amount" in x.event ? x.event.amount : 0), 0);
        expect(r.totals.captured).toBe(total("captured"));
        expect(r.totals.refunded).toBe(total("refunded"));
        expect(r.totals.count).toBe(inPeriod.filter((x) => x.event.kind === "captured").length);
        expect(r.totals.net).toBe(r.totals.captured - r.totals.refunded - r.totals.cardFee);
        for (const row of r.rows) expect(row.cardFee).toBe(Math.floor((row.captured * bp) / 10_000));
      }),
    );
  });
});
