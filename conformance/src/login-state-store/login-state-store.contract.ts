import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LOGIN_STATE_STORE_CONTRACT,
  TotpSecret,
  type LoginStateFacet,
  type LoginStateFacets,
  type LoginStateKey,
  type LoginStateStore,
} from "@madoguchi/core";
import { okValue, withStore } from "../shared/store-harness.ts";
import { loginStateAuditCases } from "./login-state-audit.cases.ts";
import type { LoginStateStoreCase, LoginStateStoreContractOptions, MakeLoginStateStore } from "./login-state-harness.ts";

const T0 = Date.UTC(2026, 0, 1);
const dateArb = fc.integer({ min: 0, max: 365 * 86_400_000 }).map((ms) => new Date(T0 + ms));
const hexArb = fc.stringMatching(/^[0-9a-f]{64}$/);
const keyArb: fc.Arbitrary<LoginStateKey> = fc.record({ kind: fc.constantFrom("staff" as const, "resident" as const), accountId: fc.constantFrom("a1", "a2", "日本-3") });

/** A value of every facet, as core makes them. */
export const facetValueArbs: { readonly [F in LoginStateFacet]: fc.Arbitrary<LoginStateFacets[F]> } = {
  lockout: fc.record({ consecutiveFailures: fc.nat(50), lastFailureAt: fc.option(dateArb, { nil: null }), lockedUntil: fc.option(dateArb, { nil: null }) }),
  totp: fc.record({
    secret: fc.stringMatching(/^[A-Z2-7]{32}$/).map(TotpSecret),
    lastUsedStep: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: null }),
    confirmedAt: fc.option(dateArb, { nil: null }),
  }),
  recovery_codes: fc.array(fc.record({ hash: fc.stringMatching(/^\$argon2id\$[A-Za-z0-9+/$=,]{20,60}$/), usedAt: fc.option(dateArb, { nil: null }) }), { maxLength: 10 }),
  password_reset: fc.record({
    accountId: fc.constantFrom("a1", "a2"),
    tokenHash: hexArb,
    requestedBy: fc.constantFrom("self" as const, "administrator" as const),
    issuedAt: dateArb,
    expiresAt: dateArb,
    usedAt: fc.option(dateArb, { nil: null }),
  }),
  email_challenge: fc.record({ attemptId: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), codeHash: hexArb, expiresAt: dateArb, failedTries: fc.nat(5), consumedAt: fc.option(dateArb, { nil: null }) }),
  last_login: fc.record({ at: dateArb, sourceIp: fc.option(fc.oneof(fc.ipV4(), fc.ipV6()), { nil: null }) }),
  last_logout: fc.record({ at: dateArb }),
  disabled: fc.record({ at: dateArb, by: fc.constantFrom("st_admin", "st_other") }),
};

const facetArb = fc.constantFrom(...(Object.keys(facetValueArbs) as LoginStateFacet[]));
const facetAndValueArb = facetArb.chain((facet) => (facetValueArbs[facet] as fc.Arbitrary<unknown>).map((value) => ({ facet, value: value as never })));

export const loginStateStoreCases: readonly LoginStateStoreCase[] = [
  {
    name: "declares the login-state-store@2 contract",
    run: (make) => withStore(make, async (store) => expect(store.meta.contract).toBe(LOGIN_STATE_STORE_CONTRACT)),
  },
  {
    name: "keeps every facet's value exactly (dates included), versioned from 1",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(keyArb, fc.uniqueArray(facetAndValueArb, { selector: (x) => x.facet, minLength: 1 }), async (key, writes) =>
          withStore(make, async (store) => {
            for (const w of writes) {
              expect(await okValue(store.get(key, w.facet))).toBeNull();
              expect(await okValue(store.put(key, w.facet, w.value, null))).toBe(1);
            }
            for (const w of writes) expect(await okValue(store.get(key, w.facet))).toEqual({ value: w.value, version: 1 });
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "writes only at the expected version (compare-and-set): a stale write changes nothing",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(keyArb, facetArb, fc.array(fc.nat(4), { minLength: 1, maxLength: 8 }), async (key, facet, guesses) =>
          withStore(make, async (store) => {
            const arb = facetValueArbs[facet] as fc.Arbitrary<never>;
            const [first, ...values] = fc.sample(arb, guesses.length + 1);
            let version = await okValue(store.put(key, facet, first as never, null));
            let stored: unknown = first;
            expect(await okValue(store.put(key, facet, first as never, null))).toBeNull();
            for (const [i, guess] of guesses.entries()) {
              const expected = guess === 0 ? null : guess;
              const written = await okValue(store.put(key, facet, values[i] as never, expected));
              if (expected === version) {
                expect(written).toBe((version ?? 0) + 1);
                version = written;
                stored = values[i];
              } else expect(written).toBeNull();
              expect(await okValue(store.get(key, facet))).toEqual({ value: stored, version });
            }
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "of two concurrent writes at the same version exactly one wins",
    run: (make) =>
      withStore(make, async (store) => {
        const key: LoginStateKey = { kind: "staff", accountId: "race" };
        const [a, b] = fc.sample(facetValueArbs.totp, 2) as [LoginStateFacets["totp"], LoginStateFacets["totp"]];
        await okValue(store.put(key, "totp", a, null));
        const results = await Promise.all([store.put(key, "totp", b, 1), store.put(key, "totp", { ...b, lastUsedStep: 7 }, 1)]);
        const versions = await Promise.all(results.map((r) => okValue(Promise.resolve(r))));
        expect(versions.filter((v) => v === 2)).toHaveLength(1);
        expect(versions.filter((v) => v === null)).toHaveLength(1);
      }),
  },
  {
    name: "keeps staff and resident accounts apart, and deletes one facet or one account only",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(facetAndValueArb, facetAndValueArb, async (x, y) =>
          withStore(make, async (store) => {
            const staff: LoginStateKey = { kind: "staff", accountId: "same" };
            const resident: LoginStateKey = { kind: "resident", accountId: "same" };
            await okValue(store.put(staff, x.facet, x.value, null));
            expect(await okValue(store.get(resident, x.facet))).toBeNull();
            await okValue(store.put(resident, x.facet, x.value, null));
            if (y.facet !== x.facet) await okValue(store.put(staff, y.facet, y.value, null));
            expect(await okValue(store.delete(staff, x.facet))).toBe(true);
            expect(await okValue(store.delete(staff, x.facet))).toBe(false);
            expect(await okValue(store.get(staff, x.facet))).toBeNull();
            expect(await okValue(store.get(resident, x.facet))).toEqual({ value: x.value, version: 1 });
            // A deleted facet starts again from "not stored".
            expect(await okValue(store.put(staff, x.facet, x.value, null))).toBe(1);
            expect(await okValue(store.deleteAccount(staff))).toBe(y.facet === x.facet ? 1 : 2);
            expect(await okValue(store.get(staff, x.facet))).toBeNull();
            expect(await okValue(store.get(resident, x.facet))).not.toBeNull();
          }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "keeps throttle buckets by key (fractional tokens exactly), the last write winning",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ key: fc.constantFrom("global", "ip4:192.0.2.1", "ip6:2001:db8::/64"), tokens: fc.double({ min: 0, max: 2000, noNaN: true }), updatedAt: dateArb }), { maxLength: 10 }),
          async (writes) =>
            withStore(make, async (store) => {
              const model = new Map<string, { tokens: number; updatedAt: Date }>();
              for (const w of writes) {
                await okValue(store.saveThrottle(w.key, { tokens: w.tokens, updatedAt: w.updatedAt }));
                model.set(w.key, { tokens: w.tokens, updatedAt: w.updatedAt });
              }
              for (const k of ["global", "ip4:192.0.2.1", "ip6:2001:db8::/64"]) expect(await okValue(store.loadThrottle(k))).toEqual(model.get(k) ?? null);
            }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
  {
    name: "answers a health check",
    run: (make) => withStore(make, async (store) => void (await okValue(store.healthCheck()))),
  },
  ...loginStateAuditCases,
];

/**
 * The `login-state-store@2` contract: every adapter of {@link LoginStateStore} runs it on an empty store
 * (and an empty audit log) per generated case. Major 2 adds the audit entries of a write, appended in
 * its transaction only when it changed something, and rolled back with it when the append fails.
 */
export const describeLoginStateStoreContract = (name: string, make: MakeLoginStateStore, options: LoginStateStoreContractOptions = {}): void => {
  describe(`LoginStateStore contract (${LOGIN_STATE_STORE_CONTRACT}): ${name}`, () => {
    for (const c of loginStateStoreCases) it(c.name, () => c.run(make, options), options.testTimeout ?? 60_000);
  });
};
