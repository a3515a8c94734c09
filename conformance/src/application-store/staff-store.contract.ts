import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffId, type StaffAccount, type StaffStore } from "@madoguchi/core";
import { staffAccountArb } from "./application.arbitraries.ts";
import { errValue, expectStorageError, okValue } from "./application-store.harness.ts";

/** What `describeStaffStoreContract` tests. */
export interface StaffStoreUnderTest {
  readonly staff: StaffStore;
  close(): Promise<void>;
}

/** Returns a FRESH, empty staff store on every call. */
export type MakeStaffStore = () => Promise<StaffStoreUnderTest>;

/** One named check of the staff-store contract. */
export interface StaffStoreCase {
  readonly name: string;
  readonly run: (make: MakeStaffStore, options: { readonly numRuns?: number }) => Promise<void>;
}

const withStaffStore = async (make: MakeStaffStore, fn: (store: StaffStore) => Promise<void>): Promise<void> => {
  const under = await make();
  try {
    await fn(under.staff);
  } finally {
    await under.close();
  }
};

const twoAccounts = fc.uniqueArray(staffAccountArb, { minLength: 2, maxLength: 2, selector: (a) => a.loginId }).filter(([a, b]) => a?.id !== b?.id);

/** The cases of the staff-store contract (`staff-store@1`). */
export const staffStoreCases: readonly StaffStoreCase[] = [
  {
    name: "insert then findByLoginId returns a deep-equal account; absent login ids are null",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(twoAccounts, async ([account, other]) =>
          withStaffStore(make, async (store) => {
            const a = account as StaffAccount;
            await okValue(store.insert(a));
            expect(await okValue(store.findByLoginId(a.loginId))).toStrictEqual(a);
            expect(await okValue(store.findByLoginId((other as StaffAccount).loginId))).toBeNull();
          }),
        ),
        { numRuns: options.numRuns ?? 25 },
      ),
  },
  {
    name: "a duplicate login id or id is a conflict and writes nothing",
    run: (make) =>
      withStaffStore(make, async (store) => {
        const [a, b] = fc.sample(twoAccounts, { numRuns: 1, seed: 5 })[0] as [StaffAccount, StaffAccount];
        await okValue(store.insert(a));
        expectStorageError(await errValue(store.insert({ ...b, loginId: a.loginId })), "conflict");
        expectStorageError(await errValue(store.insert({ ...b, id: a.id })), "conflict");
        expect(await okValue(store.count())).toBe(1);
        expect(await okValue(store.findByLoginId(a.loginId))).toStrictEqual(a);
        expect(await okValue(store.findByLoginId(b.loginId))).toBeNull();
      }),
  },
  {
    name: "findById finds the account by id; updatePasswordHash replaces only that account's hash",
    run: (make) =>
      withStaffStore(make, async (store) => {
        const [a, b] = fc.sample(twoAccounts, { numRuns: 1, seed: 7 })[0] as [StaffAccount, StaffAccount];
        await okValue(store.insert(a));
        await okValue(store.insert(b));
        expect(await okValue(store.findById(a.id))).toStrictEqual(a);
        expect(await okValue(store.updatePasswordHash(a.id, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"))).toBe(true);
        expect(await okValue(store.findById(a.id))).toStrictEqual({ ...a, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" });
        expect(await okValue(store.findById(b.id))).toStrictEqual(b);
        await okValue(store.updatePasswordHash(b.id, b.passwordHash));
        expect(await okValue(store.updatePasswordHash(StaffId("no-such-staff"), "x"))).toBe(false);
        expect(await okValue(store.findById(StaffId("no-such-staff")))).toBeNull();
      }),
  },
  {
    name: "count counts the accounts",
    run: (make) =>
      withStaffStore(make, async (store) => {
        expect(await okValue(store.count())).toBe(0);
        const accounts = fc.sample(staffAccountArb, { numRuns: 5, seed: 3 }).map((a, i) => ({ ...a, loginId: `${a.loginId}-${i}` }));
        for (const a of accounts) await okValue(store.insert(a));
        expect(await okValue(store.count())).toBe(accounts.length);
      }),
  },
];

/**
 * Registers the staff-store contract (`staff-store@1`) as vitest tests.
 *
 * @param makeAdapter - returns a FRESH, empty staff store on every call
 */
export const describeStaffStoreContract = (
  name: string,
  makeAdapter: MakeStaffStore,
  options: { readonly numRuns?: number; readonly testTimeout?: number } = {},
): void => {
  describe(`staff-store contract: ${name}`, () => {
    for (const c of staffStoreCases) it(c.name, () => c.run(makeAdapter, options), options.testTimeout);
  });
};
