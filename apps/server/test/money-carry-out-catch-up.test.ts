import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@madoguchi/adapter-memory";
import { IdempotencyKey, moneyTotals, yen, type Application, type Authorization, type PaymentGateway, type ProcedureCatalog } from "@madoguchi/core";
import { carryOutMoney, ledgerRecord, loadBooks, planForStatus } from "../src/payments/application-money.ts";
import { submittedApplication } from "./support/staff-access-fixtures.ts";

const catalog = { municipality: { code: "000000", name: { ja: "み", en: "m" } }, deliveryMethods: [], procedures: [] } as unknown as ProcedureCatalog;
const clock = { now: () => new Date("2026-11-23T03:00:00Z") };

/** A gateway of one authorisation; `during` runs inside each money call, after the gateway committed it. */
const gatewayOf = (amount: number, during: () => Promise<void>) => {
  const auth = { amount, captured: 0, refunded: 0, status: "authorized" as Authorization["status"] };
  const byKey = new Map<string, Authorization>();
  const calls: string[] = [];
  const snapshot = (): Authorization => ({ id: "au-1", amount: yen(auth.amount), capturedAmount: yen(auth.captured), refundedAmount: yen(auth.refunded), status: auth.status, brand: "visa", last4: "4242", idempotencyKey: IdempotencyKey("auth"), challenge: null });
  const once = (key: string, work: () => void) => {
    calls.push(key);
    if (!byKey.has(key)) {
      work();
      byKey.set(key, snapshot());
    }
    return okAsync(undefined).andThen(() => okAsync(during())).andThen((p) => okAsync(p)).map(() => byKey.get(key)!);
  };
  const gateway = {
    capture: (_id: string, amt: number, key: string) => once(key, () => ((auth.captured = amt), (auth.status = "captured"))),
    void: (_id: string, key: string) => once(key, () => (auth.status = "voided")),
    refund: (_id: string, amt: number, key: string) => once(key, () => (auth.refunded += amt)),
    getAuthorization: () => okAsync(snapshot()),
  } as unknown as PaymentGateway;
  return { gateway, auth, calls };
};

describe("carrying out money when the books move during a call (a webhook or a staff action writes first)", () => {
  it("re-reads the authorisation and records what the books miss instead of failing — and never repeats the call with a new key", async () => {
    const store = createMemoryStore();
    const base = submittedApplication("juminhyo", "窓口 太郎", new Date("2026-11-23T01:00:00Z"));
    const a: Application = { ...base, status: "processing", fee: { lines: base.fee.lines, total: yen(1000) }, payment: { authorizationId: "au-1", idempotencyKey: IdempotencyKey("auth"), amount: 1000, status: "authorized", brand: "visa", last4: "4242" } };
    const deps0 = { paymentLedger: store.paymentLedger, catalog, clock };
    // Captured at 1000 (records: captured), then staff lowered the fee to 600: a 400 refund is owed.
    const g0 = gatewayOf(1000, async () => undefined);
    const completed = { ...a, status: "completed" as const };
    (await carryOutMoney({ ...deps0, gateway: g0.gateway }, completed, planForStatus(completed)))._unsafeUnwrap();
    const books = (await loadBooks({ ...deps0, gateway: g0.gateway }, completed))._unsafeUnwrap();
    (await store.paymentLedger.append(a.id, books.count, [ledgerRecord(a, books, { kind: "fee_fixed", due: yen(600), at: clock.now() }, { fee: a.fee, reason: "r", staffId: "st", approvalId: null })]))._unsafeUnwrap();

    // While the refund is at the gateway, another writer appends to the books (here: the fee fixed again).
    let raced = false;
    const g = gatewayOf(1000, async () => {
      if (raced) return;
      raced = true;
      const now = (await loadBooks({ ...deps0, gateway: g.gateway }, completed))._unsafeUnwrap();
      (await store.paymentLedger.append(a.id, now.count, [ledgerRecord(a, now, { kind: "fee_fixed", due: yen(600), at: clock.now() }, { fee: a.fee, reason: "again", staffId: "st2", approvalId: null })]))._unsafeUnwrap();
    });
    Object.assign(g.auth, { captured: 1000, status: "captured" });
    const done = (await carryOutMoney({ ...deps0, gateway: g.gateway }, completed, planForStatus(completed)))._unsafeUnwrap();
    expect(moneyTotals(done.state)).toMatchObject({ captured: 1000, refunded: 400, net: 600 });
    expect(g.auth.refunded).toBe(400);
    expect(g.calls).toHaveLength(1);
    // The refund is in the books once, recorded from the gateway's report with its audit entry.
    const records = (await store.paymentLedger.listForApplication(a.id))._unsafeUnwrap();
    expect(records.map((r) => r.event.kind)).toEqual(["captured", "fee_fixed", "fee_fixed", "refunded"]);
    const audit = (await store.auditLog.read({ actions: ["payment.reconciled"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(audit.map((e) => [e.target?.id, e.details["via"], e.details["appended"]])).toEqual([[a.id, "carry_out", "refunded:400"]]);
    // Nothing is left to do: another run makes no call.
    (await carryOutMoney({ ...deps0, gateway: g.gateway }, completed, planForStatus(completed)))._unsafeUnwrap();
    expect(g.calls).toHaveLength(1);
  });
});
