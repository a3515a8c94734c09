import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PAYMENT_LEDGER_STORE_CONTRACT,
  paymentDueMessage,
  sealAuditEntries,
  yen,
  type Application,
  type ApplicationStore,
  type AuditEntryDraft,
  type AuditLogStore,
  type LedgerRecord,
  type MoneyEvent,
  type OutboxStore,
  type PaymentLedgerStore,
} from "@madoguchi/core";
import { applicationArb } from "../application-store/application.arbitraries.ts";
import { referenceHasher } from "../audit-log/audit-log.harness.ts";
import { okValue, storageErrorOf, withHarness } from "../shared/store-harness.ts";

/**
 * What the suite tests: the ledger, the audit log and the outbox sharing its storage (and its transactions),
 * and the application store, since an outbox message belongs to a stored application.
 */
export interface PaymentLedgerStoreUnderTest {
  readonly ledger: PaymentLedgerStore;
  readonly auditLog: AuditLogStore;
  readonly outbox: OutboxStore;
  readonly applications: ApplicationStore;
  close(): Promise<void>;
}

/** Returns a FRESH, empty store on every call (per test and per generated case). */
export type MakePaymentLedgerStore = () => Promise<PaymentLedgerStoreUnderTest>;

/** Tuning of {@link describePaymentLedgerStoreContract}. */
export interface PaymentLedgerStoreContractOptions {
  /** fast-check runs of the model-based property (default 15: every run opens a fresh store). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the contract. */
export interface PaymentLedgerStoreCase {
  readonly name: string;
  readonly run: (make: MakePaymentLedgerStore, options: PaymentLedgerStoreContractOptions) => Promise<void>;
}

const with_ = withHarness<PaymentLedgerStoreUnderTest>;
const T0 = Date.UTC(2026, 10, 23, 0, 30, 0, 123);
const at = (ms: number) => new Date(T0 + ms);
const record = (applicationId: string, seq: number, event: MoneyEvent, procedureId = "juminhyo"): LedgerRecord => ({ applicationId, procedureId, seq, event, feeChange: null });
const authorized = (app: string, seq: number, ms: number, amount = 1010) => record(app, seq, { kind: "authorized", authorizationId: `au-${app}-${seq}`, amount: yen(amount), at: at(ms) });
const captured = (app: string, seq: number, ms: number, amount = 1010) => record(app, seq, { kind: "captured", authorizationId: `au-${app}-1`, amount: yen(amount), at: at(ms) });
const feeFixed = (app: string, seq: number, ms: number): LedgerRecord => ({
  applicationId: app,
  procedureId: "koseki",
  seq,
  event: { kind: "fee_fixed", due: yen(1810), at: at(ms) },
  feeChange: {
    fee: {
      lines: [
        { kind: "certificate", label: { ja: "戸籍全部事項証明書", en: "Family register" }, unitPrice: yen(450), quantity: 3, amount: yen(1350) },
        { kind: "certificate", label: { ja: "住民票の写し", en: "Residence" }, unitPrice: yen(300), quantity: 1, amount: yen(0), exemption: { reason: { ja: "公用請求", en: "Official request" } } },
        { kind: "postage", label: { ja: "郵送料（簡易書留）", en: "Postage" }, unitPrice: yen(460), quantity: 1, amount: yen(460) },
      ],
      total: yen(1810),
    },
    reason: "枚数が3枚と判明（改行\nも保つ）",
    staffId: "st-alice",
    approvalId: "ap-1",
  },
});
const draft = (ms: number, id: string): AuditEntryDraft => ({
  at: at(ms),
  actor: { kind: "staff", id: "st-alice" },
  action: "fee.changed",
  target: { kind: "application", id },
  result: "success",
  sourceIp: "192.0.2.30",
  details: { from: 1010, to: 1810 },
});
const allEntries = (auditLog: AuditLogStore) => okValue(auditLog.read({ afterSeq: 0, limit: 1000 }));
const dueMail = (app: Application, seq: number, ms: number, reason: "fee_fixed" | "difference" = "fee_fixed") => paymentDueMessage(app.id, { amount: 1810, reason, seq }, at(ms));
const dueMessages = async (outbox: OutboxStore) => (await okValue(outbox.due(at(1_000_000), 100))).map((e) => e.message);

/** The cases of the payment-ledger-store contract, for adapters that register them themselves. */
export const paymentLedgerStoreCases: readonly PaymentLedgerStoreCase[] = [
  {
    name: "records are read back exactly, in seq order (every event kind, a fee change with its breakdown, exemption and reason); unknown books are empty",
    run: (make) =>
      with_(make, async ({ ledger }) => {
        expect(await okValue(ledger.listForApplication("nope"))).toEqual([]);
        const records = [
          authorized("app-1", 1, 0),
          feeFixed("app-1", 2, 1000),
          record("app-1", 3, { kind: "authorized", authorizationId: "au-2", amount: yen(800), at: at(2000) }),
          captured("app-1", 4, 3000, 1010),
          record("app-1", 5, { kind: "captured", authorizationId: "au-2", amount: yen(800), at: at(3000) }),
          record("app-1", 6, { kind: "refunded", authorizationId: "au-2", amount: yen(1), at: at(4000) }),
          record("app-1", 7, { kind: "voided", authorizationId: "au-3", at: at(5000) }),
        ];
        await okValue(ledger.append("app-1", 0, records.slice(0, 2)));
        await okValue(ledger.append("app-1", 2, records.slice(2)));
        expect(await okValue(ledger.listForApplication("app-1"))).toEqual(records);
      }),
  },
  {
    name: "an append from a stale count, or numbered wrongly, or for another application, is a conflict: nothing written, nothing appended to the audit log",
    run: (make) =>
      with_(make, async ({ ledger, auditLog }) => {
        await okValue(ledger.append("app-1", 0, [authorized("app-1", 1, 0)], [draft(0, "app-1")]));
        // Two staff members read the books at count 1; the first wins, the second conflicts.
        await okValue(ledger.append("app-1", 1, [feeFixed("app-1", 2, 10)], [draft(10, "app-1")]));
        expect(await storageErrorOf(ledger.append("app-1", 1, [feeFixed("app-1", 2, 20)], [draft(20, "app-1")]))).toMatchObject({ _tag: "StorageError", reason: "conflict" });
        expect(await storageErrorOf(ledger.append("app-1", 2, [captured("app-1", 4, 30)], [draft(30, "app-1")]))).toMatchObject({ reason: "conflict" });
        expect(await storageErrorOf(ledger.append("app-1", 2, [captured("app-2", 3, 30)], [draft(30, "app-1")]))).toMatchObject({ reason: "conflict" });
        expect(await storageErrorOf(ledger.append("app-1", 5, [captured("app-1", 6, 30)], []))).toMatchObject({ reason: "conflict" });
        expect((await okValue(ledger.listForApplication("app-1"))).map((r) => r.seq)).toEqual([1, 2]);
        expect((await allEntries(auditLog)).map((e) => e.at.getTime() - T0)).toEqual([0, 10]);
      }),
  },
  {
    name: "an append's outbox messages (the payment-due mail) are written with it and read back exactly; a stale append, a taken message id or a message for an application not stored writes nothing at all",
    run: (make) =>
      with_(make, async ({ ledger, auditLog, outbox, applications }) => {
        const [app, unstored] = fc.sample(applicationArb(), { numRuns: 2, seed: 26 }) as [Application, Application];
        await okValue(applications.insert(app, []));
        const id = app.id;
        await okValue(ledger.append(id, 0, [feeFixed(id, 1, 0)], [draft(0, id)], [dueMail(app, 1, 0)]));
        expect(await okValue(outbox.due(at(0), 10))).toEqual([{ message: dueMail(app, 1, 0), attempts: 0, nextAttemptAt: at(0), sentAt: null, lastError: null }]);
        // Not due before it was written: the relay reads it from its creation on.
        expect(await okValue(outbox.due(at(-1), 10))).toEqual([]);
        // Two staff members fixing from the same books: the loser's mail is not queued.
        expect(await storageErrorOf(ledger.append(id, 0, [feeFixed(id, 1, 10)], [draft(10, id)], [dueMail(app, 1, 10, "difference")]))).toMatchObject({ reason: "conflict" });
        // A message id already queued, or a message for an application not stored, fails the whole append.
        expect(await storageErrorOf(ledger.append(id, 1, [feeFixed(id, 2, 20)], [draft(20, id)], [dueMail(app, 1, 20)]))).toMatchObject({ reason: "conflict" });
        expect(await storageErrorOf(ledger.append(id, 1, [feeFixed(id, 2, 20)], [draft(20, id)], [dueMail(unstored, 2, 20)]))).toMatchObject({ reason: "conflict" });
        expect((await okValue(ledger.listForApplication(id))).map((r) => r.seq)).toEqual([1]);
        expect((await allEntries(auditLog)).map((e) => e.at.getTime() - T0)).toEqual([0]);
        expect(await dueMessages(outbox)).toEqual([dueMail(app, 1, 0)]);
        // Delivered: it is no longer due; an append without messages queues none.
        await okValue(outbox.markSent(dueMail(app, 1, 0).id, at(30)));
        await okValue(ledger.append(id, 1, [captured(id, 2, 40)]));
        expect(await dueMessages(outbox)).toEqual([]);
      }),
  },
  {
    name: "each append's audit entries are chained with direct appends in one log",
    run: (make) =>
      with_(make, async ({ ledger, auditLog }) => {
        const drafts = [draft(0, "x"), draft(1, "app-1"), draft(2, "y"), draft(3, "app-2")];
        await okValue(auditLog.append([drafts[0]!]));
        await okValue(ledger.append("app-1", 0, [authorized("app-1", 1, 1)], [drafts[1]!]));
        await okValue(auditLog.append([drafts[2]!]));
        await okValue(ledger.append("app-2", 0, [authorized("app-2", 1, 3)], [drafts[3]!]));
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, drafts));
      }),
  },
  {
    name: "listBetween gives the records whose event is in [from, to), by time, application, seq",
    run: (make) =>
      with_(make, async ({ ledger }) => {
        await okValue(ledger.append("app-b", 0, [authorized("app-b", 1, 0), captured("app-b", 2, 5000)]));
        await okValue(ledger.append("app-a", 0, [authorized("app-a", 1, 5000), captured("app-a", 2, 5000), captured("app-a", 3, 9999)]));
        const got = await okValue(ledger.listBetween(at(1), at(9999)));
        expect(got.map((r) => [r.applicationId, r.seq])).toEqual([
          ["app-a", 1],
          ["app-a", 2],
          ["app-b", 2],
        ]);
        expect(await okValue(ledger.listBetween(at(0), at(1)))).toEqual([authorized("app-b", 1, 0)]);
      }),
  },
  {
    name: "model run: random appends from fresh and stale counts over a few applications; only fresh ones are kept, in order",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ app: fc.constantFrom("a1", "a2", "a3"), stale: fc.boolean(), n: fc.integer({ min: 1, max: 3 }), ms: fc.integer({ min: 0, max: 100_000 }) }), { maxLength: 20 }),
          (steps) =>
            with_(make, async ({ ledger, auditLog }) => {
              const model = new Map<string, LedgerRecord[]>();
              const drafts: AuditEntryDraft[] = [];
              for (const s of steps) {
                const current = model.get(s.app) ?? [];
                const count = s.stale && current.length > 0 ? current.length - 1 : current.length;
                const records = Array.from({ length: s.n }, (_, i) => authorized(s.app, count + 1 + i, s.ms + i));
                const d = draft(s.ms, s.app);
                const written = await ledger.append(s.app, count, records, [d]);
                if (count === current.length) {
                  expect(written.isOk()).toBe(true);
                  model.set(s.app, [...current, ...records]);
                  drafts.push(d);
                } else {
                  expect(written.isErr() && written.error.reason).toBe("conflict");
                }
              }
              for (const [app, records] of model) expect(await okValue(ledger.listForApplication(app))).toEqual(records);
              const all = [...model.values()].flat().sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0) || a.seq - b.seq);
              expect(await okValue(ledger.listBetween(at(0), at(1_000_000)))).toEqual(all);
              expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, drafts));
            }),
        ),
        { numRuns: o.numRuns ?? 15 },
      ),
  },
];

/**
 * Registers the payment-ledger-store contract: every adapter of `PaymentLedgerStore` (the memory reference
 * first, then each database) runs it, against a fresh store per test and per generated case.
 */
export const describePaymentLedgerStoreContract = (name: string, make: MakePaymentLedgerStore, options: PaymentLedgerStoreContractOptions = {}): void => {
  describe(`PaymentLedgerStore contract (${PAYMENT_LEDGER_STORE_CONTRACT}): ${name}`, () => {
    for (const c of paymentLedgerStoreCases) it(c.name, () => c.run(make, options), options.testTimeout ?? 60_000);
  });
};
