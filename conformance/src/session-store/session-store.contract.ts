import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SESSION_STORE_CONTRACT, type SessionPrincipal, type SessionRecord, type SessionStore, type StorageError } from "@madoguchi/core";
import { okValue, withStore, type StoreHarness } from "../shared/store-harness.ts";

/** A fresh, empty store for one test or one generated case, and how to dispose of it. */
export type SessionStoreHarness = StoreHarness<SessionStore>;

/** Builds a {@link SessionStoreHarness} on an empty database. */
export type MakeSessionStore = () => Promise<SessionStoreHarness>;

/** Tuning of {@link describeSessionStoreContract}. */
export interface SessionStoreContractOptions {
  /** fast-check runs of each property (default 30). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

const T0 = Date.UTC(2026, 0, 1);
/** Whole milliseconds within a year: every database keeps them exactly. */
const dateArb = fc.integer({ min: 0, max: 365 * 86_400_000 }).map((ms) => new Date(T0 + ms));
const hashArb = fc.stringMatching(/^[0-9a-f]{64}$/);
const principalArb: fc.Arbitrary<SessionPrincipal> = fc.record({
  kind: fc.constantFrom("staff" as const, "resident" as const),
  id: fc.constantFrom("a1", "a2", "b1"),
});

/** A stored session with any field values (the store keeps them as given). */
export const sessionRecordArb = (idHash: fc.Arbitrary<string> = hashArb): fc.Arbitrary<SessionRecord> =>
  fc.record({
    idHash,
    principal: principalArb,
    stage: fc.oneof(
      fc.constant({ kind: "active" as const }),
      fc.record({ kind: fc.constant("pending" as const), due: fc.constantFrom("second_factor" as const, "totp_enrolment" as const) }),
    ),
    csrfToken: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    createdAt: dateArb,
    lastSeenAt: dateArb,
    expiresAt: dateArb,
    stepUpAt: fc.option(dateArb, { nil: null }),
    attemptId: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), { nil: null }),
  });

/** Distinct-hash records. */
const recordsArb = fc.uniqueArray(sessionRecordArb(), { maxLength: 12, selector: (r) => r.idHash });

const byHash = (rs: readonly SessionRecord[]) => [...rs].sort((a, b) => (a.idHash < b.idHash ? -1 : a.idHash > b.idHash ? 1 : 0));

/** One named check of the contract. */
export interface SessionStoreCase {
  readonly name: string;
  readonly run: (make: MakeSessionStore, options: SessionStoreContractOptions) => Promise<void>;
}

export const sessionStoreCases: readonly SessionStoreCase[] = [
  {
    name: "declares the session-store@1 contract",
    run: (make) => withStore(make, async (store) => expect(store.meta.contract).toBe(SESSION_STORE_CONTRACT)),
  },
  {
    name: "keeps every field of a session as given; an unknown hash is null",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(recordsArb, hashArb, async (records, other) =>
          withStore(make, async (store) => {
            for (const r of records) await okValue(store.insert(r));
            for (const r of records) expect(await okValue(store.find(r.idHash))).toEqual(r);
            if (!records.some((r) => r.idHash === other)) expect(await okValue(store.find(other))).toBeNull();
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "refuses a second session under a taken hash (conflict), keeping the first",
    run: (make) =>
      fc.assert(
        fc.asyncProperty(sessionRecordArb(fc.constant("a".repeat(64))), sessionRecordArb(fc.constant("a".repeat(64))), async (first, second) =>
          withStore(make, async (store) => {
            await okValue(store.insert(first));
            const again = await store.insert(second);
            expect(again.isErr() && again.error.reason).toBe("conflict");
            expect(await okValue(store.find(first.idHash))).toEqual(first);
          }),
        ),
        { numRuns: 5 },
      ),
  },
  {
    name: "touch moves lastSeenAt only, and answers false for a session that is gone",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(sessionRecordArb(), dateArb, async (r, at) =>
          withStore(make, async (store) => {
            expect(await okValue(store.touch(r.idHash, at))).toBe(false);
            expect(await okValue(store.find(r.idHash))).toBeNull();
            await okValue(store.insert(r));
            expect(await okValue(store.touch(r.idHash, at))).toBe(true);
            expect(await okValue(store.find(r.idHash))).toEqual({ ...r, lastSeenAt: at });
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "replace swaps the old id for the new one at once, and does nothing when the old one is gone",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(sessionRecordArb(), { minLength: 3, maxLength: 3, selector: (r) => r.idHash }),
          async ([old, next, unrelated]) =>
            withStore(make, async (store) => {
              if (old === undefined || next === undefined || unrelated === undefined) return;
              await okValue(store.insert(old));
              await okValue(store.insert(unrelated));
              expect(await okValue(store.replace(old.idHash, next))).toBe(true);
              expect(await okValue(store.find(old.idHash))).toBeNull();
              expect(await okValue(store.find(next.idHash))).toEqual(next);
              // The rotated id cannot be rotated again (a replayed old cookie gets nothing).
              expect(await okValue(store.replace(old.idHash, { ...next, idHash: "f".repeat(64) }))).toBe(false);
              expect(await okValue(store.find("f".repeat(64)))).toBeNull();
              expect(await okValue(store.find(unrelated.idHash))).toEqual(unrelated);
            }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "delete removes one session; deleteAllOf removes exactly one principal's (kind and id), and listOf lists them oldest first",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(recordsArb, principalArb, async (records, victim) =>
          withStore(make, async (store) => {
            for (const r of records) await okValue(store.insert(r));
            const mine = (r: SessionRecord) => r.principal.kind === victim.kind && r.principal.id === victim.id;
            const listed = await okValue(store.listOf(victim));
            expect(byHash(listed)).toEqual(byHash(records.filter(mine)));
            const times = listed.map((r) => r.createdAt.getTime());
            expect(times).toEqual([...times].sort((a, b) => a - b));
            expect(await okValue(store.deleteAllOf(victim))).toBe(records.filter(mine).length);
            for (const r of records) expect((await okValue(store.find(r.idHash))) !== null).toBe(!mine(r));
            const first = records.find((r) => !mine(r));
            if (first !== undefined) {
              expect(await okValue(store.delete(first.idHash))).toBe(true);
              expect(await okValue(store.delete(first.idHash))).toBe(false);
            }
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "purgeExpired deletes exactly the sessions past their absolute end or idle end of their kind",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(recordsArb, dateArb, dateArb, dateArb, async (records, now, staffIdle, residentIdle) =>
          withStore(make, async (store) => {
            for (const r of records) await okValue(store.insert(r));
            const idle = { staff: staffIdle, resident: residentIdle };
            const over = (r: SessionRecord) => r.expiresAt.getTime() <= now.getTime() || r.lastSeenAt.getTime() <= idle[r.principal.kind].getTime();
            expect(await okValue(store.purgeExpired(now, idle))).toBe(records.filter(over).length);
            for (const r of records) expect((await okValue(store.find(r.idHash))) !== null).toBe(!over(r));
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "answers a health check",
    run: (make) => withStore(make, async (store) => void (await okValue(store.healthCheck()))),
  },
];

/**
 * The `session-store@1` contract: every adapter of {@link SessionStore} runs it on an empty store per
 * generated case.
 */
export const describeSessionStoreContract = (name: string, make: MakeSessionStore, options: SessionStoreContractOptions = {}): void => {
  describe(`SessionStore contract (${SESSION_STORE_CONTRACT}): ${name}`, () => {
    for (const c of sessionStoreCases) it(c.name, () => c.run(make, options), options.testTimeout ?? 60_000);
  });
};
