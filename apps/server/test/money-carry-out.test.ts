import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@madoguchi/adapter-memory";
import { decideFeeChange, IdempotencyKey, moneyTotals, yen, type Application, type Authorization, type PaymentError, type PaymentGateway, type ProcedureCatalog } from "@madoguchi/core";
import { carryOutMoney, ledgerRecord, loadBooks, planForStatus } from "../src/payments/application-money.ts";
import { submittedApplication } from "./support/staff-access-fixtures.ts";

/**
 * A gateway that keeps one authorisation and answers each idempotency key with its first result. With
 * `timeoutsAfterCommit`, the next calls do their work and then answer `timeout`, as a gateway whose answer
 * was lost on the way back would: the money moved, the caller does not know.
 */
const flakyGateway = (amount: number) => {
  const auth = { id: "au-1", amount, captured: 0, refunded: 0, status: "authorized" as Authorization["status"] };
  const byKey = new Map<string, Authorization>();
  const calls: string[] = [];
  let timeoutsAfterCommit = 0;
  const snapshot = (): Authorization => ({ id: auth.id, amount: yen(auth.amount), capturedAmount: yen(auth.captured), refundedAmount: yen(auth.refunded), status: auth.status, brand: "visa", last4: "4242", idempotencyKey: IdempotencyKey("auth"), challenge: null }) as Authorization;
  const once = (key: string, work: () => void) => {
    calls.push(key);
    const first = byKey.get(key);
    if (first === undefined) {
      work();
      byKey.set(key, snapshot());
    }
    if (timeoutsAfterCommit > 0) {
      timeoutsAfterCommit -= 1;
      return errAsync<Authorization, PaymentError>({ _tag: "PaymentError", reason: "timeout", operation: "test", retryable: true, message: "timeout after commit" });
    }
    return okAsync(first ?? snapshot());
  };
  const gateway = {
    capture: (_id: string, amt: number, key: string) => once(key, () => ((auth.captured = amt), (auth.status = "captured"))),
    void: (_id: string, key: string) => once(key, () => (auth.status = "voided")),
    refund: (_id: string, amt: number, key: string) => once(key, () => (auth.refunded += amt)),
  } as unknown as PaymentGateway;
  return { gateway, auth, calls, failNext: (n: number) => (timeoutsAfterCommit = n) };
};

const catalog = { municipality: { code: "000000", name: { ja: "み", en: "m" } }, deliveryMethods: [], procedures: [] } as unknown as ProcedureCatalog;
const clock = { now: () => new Date("2026-11-23T03:00:00Z") };

describe("carrying out money decisions under lost answers (timeouts after commit)", () => {
  it("capture then refund: each call retried with the same key moves the money exactly once, and the books end equal to the gateway", async () => {
    const store = createMemoryStore();
    const base = submittedApplication("juminhyo", "窓口 太郎", new Date("2026-11-23T01:00:00Z"));
    const paid: Application = { ...base, status: "completed", fee: { lines: base.fee.lines, total: yen(1000) }, payment: { authorizationId: "au-1", idempotencyKey: IdempotencyKey("auth"), amount: 1000, status: "authorized", brand: "visa", last4: "4242" } };
    const g = flakyGateway(1000);
    const deps = { paymentLedger: store.paymentLedger, gateway: g.gateway, catalog, clock };

    // Completion: the capture's answer is lost; the books still owe it, so the retry sends the same key.
    g.failNext(1);
    expect((await carryOutMoney(deps, paid, planForStatus(paid)))._unsafeUnwrapErr()).toMatchObject({ reason: "timeout" });
    expect(g.auth.captured).toBe(1000);
    const retried = (await carryOutMoney(deps, paid, planForStatus(paid)))._unsafeUnwrap();
    expect(moneyTotals(retried.state)).toMatchObject({ captured: 1000, held: 0 });
    expect(g.calls).toEqual(["capture-" + paid.id + "-0-au-1", "capture-" + paid.id + "-0-au-1"]);

    // Staff lower the fee to 600 after capture: a 400 refund, whose answer is lost twice.
    const books = (await loadBooks(deps, paid))._unsafeUnwrap();
    const decided = decideFeeChange(books.state, yen(600), clock.now())._unsafeUnwrap();
    expect(decided.actions).toEqual([{ kind: "refund", authorizationId: "au-1", amount: 400 }]);
    (await store.paymentLedger.append(paid.id, books.count, [ledgerRecord(paid, books, { kind: "fee_fixed", due: yen(600), at: clock.now() }, { fee: paid.fee, reason: "r", staffId: "st", approvalId: null })]))._unsafeUnwrap();
    g.failNext(2);
    expect((await carryOutMoney(deps, paid, planForStatus(paid))).isErr()).toBe(true);
    expect((await carryOutMoney(deps, paid, planForStatus(paid))).isErr()).toBe(true);
    const done = (await carryOutMoney(deps, paid, planForStatus(paid)))._unsafeUnwrap();
    expect(g.auth).toMatchObject({ captured: 1000, refunded: 400 });
    expect(moneyTotals(done.state)).toMatchObject({ captured: 1000, refunded: 400, net: 600 });
    // Nothing more to do: a further run makes no call.
    const before = g.calls.length;
    (await carryOutMoney(deps, paid, planForStatus(paid)))._unsafeUnwrap();
    expect(g.calls.length).toBe(before);
  });
});
