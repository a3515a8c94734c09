import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applicationOfPaymentKey,
  IdempotencyKey,
  jstDay,
  matchSettlement,
  parseCardFeeRate,
  settlementReport,
  yen,
  type LedgerEntry,
  type SettlementRecord,
} from "../../src/index.ts";

/** One movement of money, as both sides would book it if nothing went wrong. */
interface Movement {
  readonly applicationId: string;
  readonly authorizationId: string;
  readonly kind: "capture" | "refund";
  readonly amount: number;
  readonly at: Date;
}

const PERIOD = { from: "2026-11-01", to: "2026-11-03" } as const;
// From 2026-10-31 00:00 JST to 2026-11-04 23:59 JST: a day either side of the period, to test the filter.
const START = Date.parse("2026-10-30T15:00:00Z");
const END = Date.parse("2026-11-04T14:59:59Z");

const movementArb: fc.Arbitrary<Movement> = fc.record({
  applicationId: fc.constantFrom("app-1", "app-2", "app-3", "app-4"),
  authorizationId: fc.constantFrom("auth_a", "auth_b", "auth_c", "auth_d", "auth_e", "auth_f"),
  kind: fc.constantFrom("capture" as const, "refund" as const),
  amount: fc.integer({ min: 1, max: 100_000 }),
  at: fc.integer({ min: START, max: END }).map((t) => new Date(t)),
});
/** Movements where one authorisation always belongs to one application (as in our books). */
const movementsArb = fc.array(movementArb, { maxLength: 25 }).map((ms) => ms.map((m) => ({ ...m, applicationId: `app-of-${m.authorizationId}` })));

const ourEntry = (m: Movement): LedgerEntry => ({
  applicationId: m.applicationId,
  procedureId: "juminhyo",
  event: { kind: m.kind === "capture" ? "captured" : "refunded", authorizationId: m.authorizationId, amount: yen(m.amount), at: m.at },
});
const gatewayRecord = (m: Movement, i: number): SettlementRecord => ({
  id: `bt_${i}`,
  authorizationId: m.authorizationId,
  kind: m.kind,
  amount: yen(m.amount),
  at: m.at,
  brand: "visa",
  idempotencyKey: IdempotencyKey(`auth-${m.authorizationId}-0123456789abcdef`),
});
const inPeriod = (m: Movement) => jstDay(m.at) >= PERIOD.from && jstDay(m.at) <= PERIOD.to;

describe("settlement matching: our books against the gateway's own records (ADR 29)", () => {
  it("the same movements on both sides match: every authorisation matched, every day agrees, totals equal the report's", () => {
    fc.assert(
      fc.property(movementsArb, (ms) => {
        const m = matchSettlement(ms.map(ourEntry), ms.map(gatewayRecord), PERIOD);
        expect(m.agrees).toBe(true);
        expect(m.authorizations.every((a) => a.status === "matched")).toBe(true);
        expect(new Set(m.authorizations.map((a) => a.authorizationId))).toEqual(new Set(ms.filter(inPeriod).map((x) => x.authorizationId)));
        const report = settlementReport(ms.map(ourEntry), parseCardFeeRate("3.5")._unsafeUnwrap(), PERIOD);
        expect(m.totals.ours).toEqual({ captured: report.totals.captured, refunded: report.totals.refunded });
        expect(m.totals.theirs).toEqual(m.totals.ours);
        expect(m.days.map((d) => d.day)).toEqual([...new Set(report.rows.map((r) => r.day))]);
      }),
    );
  });

  it("a record the gateway lacks is only in our books (or differs), and its day disagrees", () => {
    fc.assert(
      fc.property(movementsArb.filter((ms) => ms.some(inPeriod)), fc.nat(), (ms, pick) => {
        const candidates = ms.filter(inPeriod);
        const dropped = candidates[pick % candidates.length]!;
        const m = matchSettlement(
          ms.map(ourEntry),
          ms.filter((x) => x !== dropped).map(gatewayRecord),
          PERIOD,
        );
        expect(m.agrees).toBe(false);
        const a = m.authorizations.find((x) => x.authorizationId === dropped.authorizationId)!;
        const stillAtGateway = ms.some((x) => x !== dropped && x.authorizationId === dropped.authorizationId && inPeriod(x));
        expect(a.status).toBe(stillAtGateway ? "amount_differs" : "only_ours");
        expect(a.applicationId).toBe(dropped.applicationId);
        expect(m.days.find((d) => d.day === jstDay(dropped.at))?.agrees).toBe(false);
        // Every other authorisation still matches.
        expect(m.authorizations.filter((x) => x.authorizationId !== dropped.authorizationId).every((x) => x.status === "matched")).toBe(true);
      }),
    );
  });

  it("a movement our books lack (a capture whose answer was lost) is only at the gateway, named by its key", () => {
    fc.assert(
      fc.property(movementsArb, movementArb.filter(inPeriod), (ms, extra) => {
        const lost = { ...extra, authorizationId: "auth_lost", applicationId: "app-of-auth_lost" };
        const m = matchSettlement(ms.map(ourEntry), [...ms, lost].map(gatewayRecord), PERIOD);
        expect(m.agrees).toBe(false);
        const a = m.authorizations[0]!;
        expect(a).toMatchObject({ authorizationId: "auth_lost", status: "only_gateway", applicationId: null, ours: null, idempotencyKey: "auth-auth_lost-0123456789abcdef" });
        expect(a.theirs).toEqual(lost.kind === "capture" ? { captured: lost.amount, refunded: 0 } : { captured: 0, refunded: lost.amount });
      }),
    );
  });

  it("a changed amount is amount_differs with both sides' numbers", () => {
    fc.assert(
      fc.property(movementsArb.filter((ms) => ms.some(inPeriod)), fc.nat(), fc.integer({ min: 1, max: 500 }), (ms, pick, delta) => {
        const candidates = ms.filter(inPeriod);
        const changed = candidates[pick % candidates.length]!;
        const m = matchSettlement(
          ms.map(ourEntry),
          ms.map((x, i) => (x === changed ? gatewayRecord({ ...x, amount: x.amount + delta }, i) : gatewayRecord(x, i))),
          PERIOD,
        );
        const a = m.authorizations.find((x) => x.authorizationId === changed.authorizationId)!;
        expect(a.status).toBe("amount_differs");
        const field = changed.kind === "capture" ? "captured" : "refunded";
        expect(a.theirs![field] - a.ours![field]).toBe(delta);
        expect(m.agrees).toBe(false);
      }),
    );
  });

  it("ignores order, and movements outside the period on either side", () => {
    fc.assert(
      fc.property(movementsArb, fc.array(movementArb.filter((x) => !inPeriod(x)), { maxLength: 5 }), (ms, outside) => {
        const base = matchSettlement(ms.map(ourEntry), ms.map(gatewayRecord), PERIOD);
        const shuffled = matchSettlement([...ms].reverse().map(ourEntry), [...ms, ...outside].map(gatewayRecord).reverse(), PERIOD);
        expect(shuffled).toEqual(base);
      }),
    );
  });

  it("a movement booked just before midnight by us and just after by the gateway matches by authorisation, but the two days disagree", () => {
    const ours = [ourEntry({ applicationId: "app-1", authorizationId: "auth_a", kind: "capture", amount: 1450, at: new Date("2026-11-01T14:59:59.900Z") })];
    const theirs = [gatewayRecord({ applicationId: "app-1", authorizationId: "auth_a", kind: "capture", amount: 1450, at: new Date("2026-11-01T15:00:00.200Z") }, 0)];
    const m = matchSettlement(ours, theirs, PERIOD);
    expect(m.authorizations).toEqual([expect.objectContaining({ status: "matched" })]);
    expect(m.days.map((d) => [d.day, d.agrees])).toEqual([
      ["2026-11-01", false],
      ["2026-11-02", false],
    ]);
    expect(m.agrees).toBe(false);
  });

  it("an empty period agrees", () => {
    expect(matchSettlement([], [], PERIOD)).toEqual({ agrees: true, authorizations: [], days: [], totals: { ours: { captured: 0, refunded: 0 }, theirs: { captured: 0, refunded: 0 } } });
  });

  it("reads the application out of madoguchi's own idempotency keys, and nothing out of others", () => {
    expect(applicationOfPaymentKey("auth-3f1c2b9e-6a0e-4c5e-9c38-2b7f7c1b1a11-0123456789abcdef")).toEqual({ kind: "submission", submissionKey: "3f1c2b9e-6a0e-4c5e-9c38-2b7f7c1b1a11" });
    expect(applicationOfPaymentKey("diff-app-0042-3-fedcba9876543210")).toEqual({ kind: "application", applicationId: "app-0042" });
    for (const other of ["capture-app-1-2-auth_x", "auth-short-123", "pi_123", ""]) expect(applicationOfPaymentKey(other)).toBeNull();
  });
});
