import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyMoneyEvent,
  decideFeeChange,
  foldMoneyEvents,
  initialMoneyState,
  moneyActionKey,
  moneyTotals,
  planCancellation,
  planCompletion,
  yen,
  type MoneyAction,
  type MoneyEvent,
  type MoneyState,
} from "../../src/index.ts";

const at = new Date("2026-11-23T01:00:00Z");
const must = <T>(r: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }): T => {
  if (!r.isOk()) throw new Error(`expected ok: ${JSON.stringify(r._unsafeUnwrapErr())}`);
  return r._unsafeUnwrap();
};

/** Carries out the planned calls as a gateway that always succeeds would, and records its answers. */
const carryOut = (state: MoneyState, actions: readonly MoneyAction[], newAuthId: () => string): MoneyState =>
  actions.reduce((s, a): MoneyState => {
    const event: MoneyEvent =
      a.kind === "request_payment"
        ? { kind: "authorized", authorizationId: newAuthId(), amount: a.amount, at }
        : a.kind === "void"
          ? { kind: "voided", authorizationId: a.authorizationId, at }
          : { kind: a.kind === "capture" ? "captured" : "refunded", authorizationId: a.authorizationId, amount: a.amount, at };
    return must(applyMoneyEvent(s, event));
  }, state);

const paidAtSubmission = (due: number): MoneyState =>
  must(applyMoneyEvent(initialMoneyState(yen(due), true), { kind: "authorized", authorizationId: "a1", amount: yen(due), at }));

describe("money state: the books of one application", () => {
  it("sums authorised, captured, refunded, held, net and the difference still owed", () => {
    const s = must(
      foldMoneyEvents(initialMoneyState(yen(1010), true), [
        { kind: "authorized", authorizationId: "a1", amount: yen(1010), at },
        { kind: "captured", authorizationId: "a1", amount: yen(1010), at },
        { kind: "refunded", authorizationId: "a1", amount: yen(300), at },
        { kind: "fee_fixed", due: yen(1200), at },
      ]),
    );
    expect(moneyTotals(s)).toEqual({ authorized: 1010, captured: 1010, refunded: 300, held: 0, net: 710, pendingDifference: 490, excess: 0 });
  });

  it("refuses what would break the books: capture above the authorisation, refund above the capture, twice the same, unknown ids", () => {
    const s = paidAtSubmission(1000);
    const detail = (e: MoneyEvent, from = s) => applyMoneyEvent(from, e)._unsafeUnwrapErr().detail;
    expect(detail({ kind: "captured", authorizationId: "a1", amount: yen(1001), at })).toBe("capture_exceeds_authorized");
    expect(detail({ kind: "refunded", authorizationId: "a1", amount: yen(1), at })).toBe("not_refundable");
    expect(detail({ kind: "authorized", authorizationId: "a1", amount: yen(5), at })).toBe("duplicate_authorization");
    expect(detail({ kind: "voided", authorizationId: "zz", at })).toBe("unknown_authorization");
    const captured = must(applyMoneyEvent(s, { kind: "captured", authorizationId: "a1", amount: yen(600), at }));
    expect(detail({ kind: "refunded", authorizationId: "a1", amount: yen(601), at }, captured)).toBe("refund_exceeds_captured");
    expect(detail({ kind: "captured", authorizationId: "a1", amount: yen(1), at }, captured)).toBe("not_capturable");
    expect(detail({ kind: "voided", authorizationId: "a1", at }, captured)).toBe("not_voidable");
  });
});

describe("staff fee changes decide the money", () => {
  it("before capture, a lower fee is captured less at completion (nothing moves now), then exactly the new fee is captured", () => {
    const d = must(decideFeeChange(paidAtSubmission(1010), yen(710), at));
    expect(d.effect).toBe("capture_less");
    expect(d.actions).toEqual([]);
    expect(must(planCompletion(d.next))).toEqual([{ kind: "capture", authorizationId: "a1", amount: 710 }]);
  });

  it("after capture, a lower fee is refunded now", () => {
    const captured = must(applyMoneyEvent(paidAtSubmission(1010), { kind: "captured", authorizationId: "a1", amount: yen(1010), at }));
    const d = must(decideFeeChange(captured, yen(410), at));
    expect(d.effect).toBe("refund");
    expect(d.actions).toEqual([{ kind: "refund", authorizationId: "a1", amount: 600 }]);
  });

  it("a higher fee asks the resident for the difference, and completion is refused until it is paid", () => {
    const d = must(decideFeeChange(paidAtSubmission(750), yen(1200), at));
    expect(d.effect).toBe("request_payment");
    expect(d.actions).toEqual([{ kind: "request_payment", amount: 450 }]);
    expect(planCompletion(d.next)._unsafeUnwrapErr()).toMatchObject({ code: "money.difference_unpaid", pendingDifference: 450 });
    const paid = must(applyMoneyEvent(d.next, { kind: "authorized", authorizationId: "a2", amount: yen(450), at }));
    expect(must(planCompletion(paid))).toEqual([
      { kind: "capture", authorizationId: "a1", amount: 750 },
      { kind: "capture", authorizationId: "a2", amount: 450 },
    ]);
  });

  it("事後決済: nothing is owed and nothing can be captured until staff fix the amount; then the resident pays it", () => {
    const s = initialMoneyState(yen(750), false);
    expect(moneyTotals(s).pendingDifference).toBe(0);
    expect(planCompletion(s)._unsafeUnwrapErr().code).toBe("money.fee_not_fixed");
    const d = must(decideFeeChange(s, yen(1350), at));
    expect(d.actions).toEqual([{ kind: "request_payment", amount: 1350 }]);
  });

  it("rejection or withdrawal voids what is held and refunds what was captured", () => {
    const s = must(
      foldMoneyEvents(paidAtSubmission(750), [
        { kind: "captured", authorizationId: "a1", amount: yen(750), at },
        { kind: "refunded", authorizationId: "a1", amount: yen(50), at },
        { kind: "authorized", authorizationId: "a2", amount: yen(300), at },
      ]),
    );
    expect(planCancellation(s)).toEqual([
      { kind: "void", authorizationId: "a2" },
      { kind: "refund", authorizationId: "a1", amount: 700 },
    ]);
  });

  it("an idempotency key names the application, the books' length and the call, so a retry resends it", () => {
    expect(moneyActionKey("app-1", 3, { kind: "refund", authorizationId: "a1", amount: yen(5) })).toBe("refund-app-1-3-a1");
    expect(moneyActionKey("app-1", 4, { kind: "refund", authorizationId: "a1", amount: yen(5) })).not.toBe("refund-app-1-3-a1");
  });
});

/** A step of a random history: staff change the fee, the resident pays what is asked, staff complete. */
type Step = { readonly kind: "change"; readonly due: number } | { readonly kind: "pay" } | { readonly kind: "complete" } | { readonly kind: "cancel" };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 50_000 }).map((due): Step => ({ kind: "change", due })) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: "pay" }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: "complete" }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: "cancel" }) },
);

const invariantsHold = (s: MoneyState): void => {
  const t = moneyTotals(s);
  expect(t.authorized).toBeGreaterThanOrEqual(t.captured);
  expect(t.captured).toBeGreaterThanOrEqual(t.refunded);
  for (const a of s.authorizations) {
    expect(a.amount).toBeGreaterThanOrEqual(a.captured);
    expect(a.captured).toBeGreaterThanOrEqual(a.refunded);
  }
};

describe("properties over any sequence of staff fee changes", () => {
  it("authorised ≥ captured ≥ refunded, refunds never exceed captures, and completion takes exactly the fee", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.boolean(), fc.array(step, { maxLength: 25 }), (initial, atSubmission, steps) => {
        let n = 0;
        const newId = () => `a${++n}`;
        let s = atSubmission && initial > 0 ? carryOut(initialMoneyState(yen(initial), true), [{ kind: "request_payment", amount: yen(initial) }], newId) : initialMoneyState(yen(initial), atSubmission);
        let closed = false;
        for (const st of steps) {
          if (closed) break;
          if (st.kind === "change") s = carryOut(s, must(decideFeeChange(s, yen(st.due), at)).actions.filter((a) => a.kind !== "request_payment"), newId);
          else if (st.kind === "pay") {
            const owed = moneyTotals(s).pendingDifference;
            if (owed > 0) s = carryOut(s, [{ kind: "request_payment", amount: owed }], newId);
          } else if (st.kind === "complete") {
            const plan = planCompletion(s);
            if (plan.isOk()) {
              s = carryOut(s, plan.value, newId);
              const t = moneyTotals(s);
              expect(t.net).toBe(s.due);
              expect(t.held).toBe(0);
              // Not closed: staff may still change the fee after completion (a refund, or a difference to pay).
            }
          } else {
            s = carryOut(s, planCancellation(s), newId);
            const t = moneyTotals(s);
            expect(t.net).toBe(0);
            expect(t.held).toBe(0);
            closed = true;
          }
          invariantsHold(s);
          // After any fee change is carried out, the books hold no more captured money than is owed.
          if (!closed) expect(moneyTotals(s).net).toBeLessThanOrEqual(Math.max(s.due, 0));
        }
      }),
      { numRuns: 500 },
    );
  });
});
