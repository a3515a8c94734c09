import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldMoneyEvents,
  freshReportBehindBooks,
  IdempotencyKey,
  initialMoneyState,
  mergeAuthorizationState,
  missingMoneyEvents,
  yen,
  type Authorization,
  type MoneyEvent,
  type MoneyState,
} from "../../src/index.ts";

const at = new Date("2026-11-23T01:00:00Z");
const must = <T>(r: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }): T => {
  if (!r.isOk()) throw new Error(`expected ok: ${JSON.stringify(r._unsafeUnwrapErr())}`);
  return r._unsafeUnwrap();
};

const snapshot = (over: Partial<Authorization> = {}): Authorization => ({
  id: "au-1",
  amount: yen(1000),
  capturedAmount: yen(0),
  refundedAmount: yen(0),
  status: "authorized",
  brand: "visa",
  last4: "4242",
  idempotencyKey: IdempotencyKey("auth-k"),
  challenge: null,
  ...over,
});

/** Books holding au-1 (1000 yen) after `events`, beside another application's-worth authorisation au-2. */
const books = (events: readonly MoneyEvent[] = []): MoneyState =>
  must(
    foldMoneyEvents(initialMoneyState(yen(1500), true), [
      { kind: "authorized", authorizationId: "au-1", amount: yen(1000), at },
      { kind: "authorized", authorizationId: "au-2", amount: yen(500), at },
      ...events,
    ]),
  );

/** The books after appending what they miss of `report`. */
const apply = (state: MoneyState, report: Authorization): MoneyState => must(foldMoneyEvents(state, must(missingMoneyEvents(state, report, at))));

describe("missingMoneyEvents: what the books miss of the gateway's report", () => {
  it("a capture whose answer was lost, then a refund made at the gateway's dashboard", () => {
    const held = books();
    expect(must(missingMoneyEvents(held, snapshot({ status: "captured", capturedAmount: yen(800) }), at))).toEqual([
      { kind: "captured", authorizationId: "au-1", amount: 800, at },
    ]);
    const captured = apply(held, snapshot({ status: "captured", capturedAmount: yen(800) }));
    expect(must(missingMoneyEvents(captured, snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(300) }), at))).toEqual([
      { kind: "refunded", authorizationId: "au-1", amount: 300, at },
    ]);
    // Captured and refunded in one report (the capture's webhook came late): both, in order.
    expect(must(missingMoneyEvents(held, snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(300) }), at))).toEqual([
      { kind: "captured", authorizationId: "au-1", amount: 800, at },
      { kind: "refunded", authorizationId: "au-1", amount: 300, at },
    ]);
    // Refunds add up: the books had 100 refunded, the gateway says 300 in all.
    const partly = books([{ kind: "captured", authorizationId: "au-1", amount: yen(800), at }, { kind: "refunded", authorizationId: "au-1", amount: yen(100), at }]);
    expect(must(missingMoneyEvents(partly, snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(300) }), at))).toEqual([
      { kind: "refunded", authorizationId: "au-1", amount: 200, at },
    ]);
  });

  it("a void whose answer was lost", () => {
    expect(must(missingMoneyEvents(books(), snapshot({ status: "voided" }), at))).toEqual([{ kind: "voided", authorizationId: "au-1", at }]);
  });

  it("adds nothing for a report the books are at or past (duplicates, late and older snapshots)", () => {
    const refunded = books([{ kind: "captured", authorizationId: "au-1", amount: yen(800), at }, { kind: "refunded", authorizationId: "au-1", amount: yen(300), at }]);
    for (const old of [
      snapshot({ status: "challenge_required", challenge: { url: "https://gw.example/3ds" } }),
      snapshot(),
      snapshot({ status: "captured", capturedAmount: yen(800) }),
      snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(100) }),
      snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(300) }),
    ]) {
      expect(must(missingMoneyEvents(refunded, old, at))).toEqual([]);
    }
    expect(must(missingMoneyEvents(books([{ kind: "voided", authorizationId: "au-1", at }]), snapshot({ status: "voided" }), at))).toEqual([]);
    expect(must(missingMoneyEvents(books(), snapshot(), at))).toEqual([]);
  });

  it("refuses, appending nothing, when the books and the gateway cannot both be right", () => {
    const captured = books([{ kind: "captured", authorizationId: "au-1", amount: yen(800), at }]);
    const voided = books([{ kind: "voided", authorizationId: "au-1", at }]);
    const detail = (state: MoneyState, report: Authorization) => missingMoneyEvents(state, report, at)._unsafeUnwrapErr();
    expect(detail(books(), snapshot({ id: "au-9" }))).toEqual({ _tag: "MoneyDisagreement", code: "money.gateway_disagrees", authorizationId: "au-9", detail: "not_in_books" });
    expect(detail(books(), snapshot({ amount: yen(1200) })).detail).toBe("amount_differs");
    expect(detail(captured, snapshot({ status: "captured", capturedAmount: yen(700) })).detail).toBe("captured_differs");
    expect(detail(captured, snapshot({ status: "voided" })).detail).toBe("voided_but_captured");
    expect(detail(voided, snapshot({ status: "captured", capturedAmount: yen(800) })).detail).toBe("captured_but_voided");
    // A report breaking the port's invariant: never a refund above the capture, never a capture above the amount.
    expect(detail(captured, snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(900) })).detail).toBe("invalid_snapshot");
    expect(detail(books(), snapshot({ status: "captured", capturedAmount: yen(800), refundedAmount: yen(801) })).detail).toBe("invalid_snapshot");
    expect(detail(books(), snapshot({ status: "captured", capturedAmount: yen(1001) })).detail).toBe("invalid_snapshot");
  });
});

/**
 * One authorisation's life at the gateway: the snapshots it goes through (challenge, authorised, then
 * voided, or captured with refunds adding up), and the events our own calls would have recorded at each.
 */
const life = fc
  .record({
    amount: fc.integer({ min: 1, max: 5000 }),
    voided: fc.boolean(),
    captureShare: fc.double({ min: 0, max: 1, noNaN: true }),
    refunds: fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 4 }),
  })
  .map(({ amount, voided, captureShare, refunds }) => {
    const base = snapshot({ amount: yen(amount) });
    const steps: { report: Authorization; events: MoneyEvent[] }[] = [
      { report: { ...base, status: "challenge_required", challenge: { url: "https://gw.example/3ds" } }, events: [] },
      { report: base, events: [] },
    ];
    if (voided) {
      steps.push({ report: { ...base, status: "voided" }, events: [{ kind: "voided", authorizationId: "au-1", at }] });
      return steps;
    }
    const captured = Math.max(1, Math.floor(amount * captureShare));
    steps.push({ report: { ...base, status: "captured", capturedAmount: yen(captured) }, events: [{ kind: "captured", authorizationId: "au-1", amount: yen(captured), at }] });
    let refunded = 0;
    for (const r of refunds) {
      const step = Math.min(r, captured - refunded);
      if (step === 0) break;
      refunded += step;
      steps.push({
        report: { ...base, status: "captured", capturedAmount: yen(captured), refundedAmount: yen(refunded) },
        events: [{ kind: "refunded", authorizationId: "au-1", amount: yen(step), at }],
      });
    }
    return steps;
  });

/** A life, how far our own calls had recorded it (a prefix), and webhook deliveries: any reports, duplicated, shuffled. */
const scenario = life.chain((steps) =>
  fc.record({
    steps: fc.constant(steps),
    recorded: fc.integer({ min: 1, max: steps.length - 1 }),
    deliveries: fc.array(fc.constantFrom(...steps.map((s) => s.report)), { minLength: 1, maxLength: 12 }),
    keys: fc.array(fc.integer(), { minLength: 12, maxLength: 12 }),
  }),
);

describe("missingMoneyEvents: properties", () => {
  const initial = (amount: number, steps: readonly { events: MoneyEvent[] }[], recorded: number): MoneyState =>
    must(
      foldMoneyEvents(initialMoneyState(yen(amount), true), [
        { kind: "authorized", authorizationId: "au-1", amount: yen(amount), at },
        { kind: "authorized", authorizationId: "au-other", amount: yen(700), at },
        ...steps.slice(0, recorded + 1).flatMap((s) => s.events),
      ]),
    );
  const deliver = (state: MoneyState, reports: readonly Authorization[]): MoneyState =>
    reports.reduce((s, report) => {
      const events = must(missingMoneyEvents(s, report, at));
      const next = must(foldMoneyEvents(s, events));
      for (const a of next.authorizations) {
        expect(a.refunded).toBeLessThanOrEqual(a.captured);
        expect(a.captured).toBeLessThanOrEqual(a.amount);
      }
      return next;
    }, state);

  it("any order and duplication of deliveries gives the same books: those of the most advanced report delivered; never a refund above the capture", () => {
    fc.assert(
      fc.property(scenario, ({ steps, recorded, deliveries, keys }) => {
        const amount = steps[0]!.report.amount;
        const state = initial(amount, steps, recorded);
        const inOrder = deliver(state, deliveries);
        const shuffled = deliver(state, deliveries.map((d, i) => [keys[i] ?? 0, d] as const).sort(([a], [b]) => a - b).map(([, d]) => d));
        const doubled = deliver(state, [...deliveries, ...[...deliveries].reverse()]);
        expect(shuffled).toEqual(inOrder);
        expect(doubled).toEqual(inOrder);
        // The same as being told once of the merged state (ADR 27's merge), whatever the order.
        expect(deliver(state, [deliveries.reduce(mergeAuthorizationState)])).toEqual(inOrder);
        // Other authorisations are never touched.
        expect(inOrder.authorizations.find((a) => a.authorizationId === "au-other")).toEqual(state.authorizations.find((a) => a.authorizationId === "au-other"));
      }),
    );
  });

  it("once the gateway's final report arrives, in any order among others, the books equal the gateway", () => {
    fc.assert(
      fc.property(scenario, ({ steps, recorded, deliveries }) => {
        const final = steps[steps.length - 1]!.report;
        const state = deliver(initial(final.amount, steps, recorded), [...deliveries, final, ...deliveries]);
        const au = state.authorizations.find((a) => a.authorizationId === "au-1")!;
        expect({ status: au.status, captured: au.captured, refunded: au.refunded }).toEqual({
          status: final.status,
          captured: final.capturedAmount,
          refunded: final.refundedAmount,
        });
      }),
    );
  });
});

describe("freshReportBehindBooks (the sweep's fresh re-read)", () => {
  const captured: MoneyEvent = { kind: "captured", authorizationId: "au-1", amount: yen(1000), at };
  const refunded: MoneyEvent = { kind: "refunded", authorizationId: "au-1", amount: yen(300), at };

  it("is a disagreement when the gateway shows less refunded or captured than the books (a refund that failed later)", () => {
    const state = books([captured, refunded]);
    expect(freshReportBehindBooks(state, snapshot({ status: "captured", capturedAmount: yen(1000), refundedAmount: yen(0) }))).toEqual({
      _tag: "MoneyDisagreement",
      code: "money.gateway_disagrees",
      authorizationId: "au-1",
      detail: "gateway_behind_books",
    });
    expect(freshReportBehindBooks(state, snapshot({ status: "authorized" }))?.detail).toBe("gateway_behind_books");
  });

  it("is nothing when the gateway is at or ahead of the books, or the books hold no capture", () => {
    const state = books([captured, refunded]);
    expect(freshReportBehindBooks(state, snapshot({ status: "captured", capturedAmount: yen(1000), refundedAmount: yen(300) }))).toBeNull();
    expect(freshReportBehindBooks(state, snapshot({ status: "captured", capturedAmount: yen(1000), refundedAmount: yen(500) }))).toBeNull();
    expect(freshReportBehindBooks(books(), snapshot({ status: "voided" }))).toBeNull();
    expect(freshReportBehindBooks(books(), snapshot({ id: "au-9" }))).toBeNull();
  });

  it("property: the books brought up to any fresh report are never behind it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (cap, ref) => {
        const refundedAmount = Math.min(ref, cap);
        const report = snapshot({ status: "captured", capturedAmount: yen(cap), refundedAmount: yen(refundedAmount) });
        const events = must(missingMoneyEvents(books(), report, at));
        expect(freshReportBehindBooks(must(foldMoneyEvents(books(), events)), report)).toBeNull();
      }),
    );
  });
});
