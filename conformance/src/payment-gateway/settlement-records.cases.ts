import { expect } from "vitest";
import { yen, type Authorization, type PaymentGateway, type SettlementPeriod, type SettlementRecord } from "@madoguchi/core";
import type { PaymentGatewayCase, PaymentGatewayHarness } from "./payment-gateway.types.ts";
import { authorizeNew, errorOf, freshKey, okValue } from "./payment-gateway.helpers.ts";

/**
 * A period around what a case is about to do, on whole seconds (gateways such as Stripe book to the
 * second) with a second of slack either side: call `close()` after the last movement.
 */
const openPeriod = () => {
  const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
  return { from, close: (): SettlementPeriod => ({ from, to: new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000) }) };
};

/** The records of `authorizations` only: a shared gateway may book other payments in the same seconds. */
const recordsOf = (records: readonly SettlementRecord[], authorizations: readonly Authorization[]): SettlementRecord[] => {
  const ids = new Set(authorizations.map((a) => a.id));
  return records.filter((r) => ids.has(r.authorizationId));
};

/** What a record says moved, comparable as a multiset (sorted). */
const movements = (records: readonly SettlementRecord[]): string[] => records.map((r) => `${r.authorizationId} ${r.kind} ${r.amount}`).sort();

/** Every record well formed, in the period, once, oldest first. */
const expectWellFormedList = (records: readonly SettlementRecord[], period: SettlementPeriod): void => {
  expect(new Set(records.map((r) => r.id)).size, "record ids are unique").toBe(records.length);
  for (const r of records) {
    expect(r.id.length).toBeGreaterThan(0);
    expect(["capture", "refund"]).toContain(r.kind);
    expect(Number.isSafeInteger(r.amount) && r.amount > 0, `amount ${r.amount}`).toBe(true);
    expect(r.at.getTime(), "booked inside the period").toBeGreaterThanOrEqual(period.from.getTime());
    expect(r.at.getTime(), "booked inside the period").toBeLessThan(period.to.getTime());
  }
  for (let i = 1; i < records.length; i++) expect(records[i]!.at.getTime(), "oldest first").toBeGreaterThanOrEqual(records[i - 1]!.at.getTime());
};

/** Waits until the wall clock is in the next second (a gateway booking to the second then books later). */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));

const pageSizeOf = (harness: PaymentGatewayHarness | undefined): number => {
  const size = harness?.settlement?.pageSize;
  if (size === undefined) throw new Error("settlementRecords needs harness.settlement.pageSize (the adapter's page size, small in tests)");
  return size;
};

const captureNew = async (gateway: PaymentGateway, tokens: Parameters<typeof authorizeNew>[1], amount: number): Promise<Authorization> => {
  const a = await authorizeNew(gateway, tokens, amount);
  return okValue(gateway.capture(a.id, yen(amount), freshKey()));
};

/** payment-gateway@3: the gateway's own records of a period (ADR 0029). */
export const settlementRecordCases: readonly PaymentGatewayCase[] = [
  {
    name: "without settlementRecords, listing settlement records answers unsupported",
    run: async ({ makeGateway }) => {
      const gateway = await makeGateway();
      if (gateway.meta.capabilities.has("settlementRecords")) return;
      const error = await errorOf(gateway.listSettlementRecords({ from: new Date(0), to: new Date() }));
      expect([error.reason, error.retryable]).toEqual(["unsupported", false]);
    },
  },
  {
    name: "after authorise, capture and refunds through the adapter, the records of the period list exactly those captures and refunds, with brand and key",
    capability: "settlementRecords",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const has = (c: Parameters<typeof gateway.meta.capabilities.has>[0]) => gateway.meta.capabilities.has(c);
      const period = openPeriod();
      const full = await captureNew(gateway, tokens, 1450);
      const expected = [`${full.id} capture 1450`];
      if (has("partialRefund")) {
        await okValue(gateway.refund(full.id, yen(300), freshKey()));
        await okValue(gateway.refund(full.id, yen(200), freshKey()));
        expected.push(`${full.id} refund 300`, `${full.id} refund 200`);
      } else if (has("refund")) {
        await okValue(gateway.refund(full.id, yen(1450), freshKey()));
        expected.push(`${full.id} refund 1450`);
      }
      // A partial capture books what was captured, not what was authorised (the rest is released, not refunded).
      const partial = await authorizeNew(gateway, tokens, 1000);
      const captured = has("partialCapture") ? 600 : 1000;
      await okValue(gateway.capture(partial.id, yen(captured), freshKey()));
      expected.push(`${partial.id} capture ${captured}`);
      // A capture retried with its key is booked once.
      const retried = await authorizeNew(gateway, tokens, 700);
      const key = freshKey();
      await okValue(gateway.capture(retried.id, yen(700), key));
      await okValue(gateway.capture(retried.id, yen(700), key));
      expected.push(`${retried.id} capture 700`);
      // Holds and voids move no money: no record.
      const held = await authorizeNew(gateway, tokens, 500);
      const voided = await authorizeNew(gateway, tokens, 400);
      await okValue(gateway.void(voided.id, freshKey()));

      const range = period.close();
      const records = await okValue(gateway.listSettlementRecords(range));
      expectWellFormedList(records, range);
      const ours = recordsOf(records, [full, partial, retried, held, voided]);
      expect(movements(ours)).toEqual([...expected].sort());
      for (const r of ours) {
        const a = [full, partial, retried].find((x) => x.id === r.authorizationId)!;
        expect(r.brand).toBe(a.brand);
        if (r.idempotencyKey !== null) expect(r.idempotencyKey).toBe(a.idempotencyKey);
      }
    },
  },
  {
    name: "a period lists only what was booked in it: a capture before it and one after it are excluded",
    capability: "settlementRecords",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const period = openPeriod();
      const first = await captureNew(gateway, tokens, 810);
      await nextSecond();
      const second = await captureNew(gateway, tokens, 920);
      const all = recordsOf(await okValue(gateway.listSettlementRecords(period.close())), [first, second]);
      expect(movements(all)).toEqual([`${first.id} capture 810`, `${second.id} capture 920`].sort());
      // Cut at the gateway's own time of the second capture (its clock, not ours).
      const cut = all.find((r) => r.authorizationId === second.id)!.at;
      const before = recordsOf(await okValue(gateway.listSettlementRecords({ from: period.from, to: cut })), [first, second]);
      const after = recordsOf(await okValue(gateway.listSettlementRecords({ from: cut, to: period.close().to })), [first, second]);
      expect(movements(before)).toEqual([`${first.id} capture 810`]);
      expect(movements(after)).toEqual([`${second.id} capture 920`]);
      // An empty period lists nothing.
      expect(await okValue(gateway.listSettlementRecords({ from: cut, to: cut }))).toEqual([]);
    },
  },
  {
    name: "follows the gateway's pages: more records than a page are all listed, each once",
    capability: "settlementRecords",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      const pageSize = pageSizeOf(harness);
      const period = openPeriod();
      const made: Authorization[] = [];
      for (let i = 0; i < pageSize * 2 + 1; i++) made.push(await captureNew(gateway, tokens, 100 + i));
      const range = period.close();
      const records = await okValue(gateway.listSettlementRecords(range));
      expectWellFormedList(records, range);
      expect(movements(recordsOf(records, made))).toEqual(made.map((a, i) => `${a.id} capture ${100 + i}`).sort());
    },
  },
];
