import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESIDENT_JPKI_LINK_STORE_CONTRACT, type ResidentJpkiLink, type ResidentJpkiLinkStore } from "@madoguchi/core";
import { okValue, withStore, type StoreHarness } from "../shared/store-harness.ts";

/** A fresh, empty store for one test or one generated case, and how to dispose of it. */
export type ResidentJpkiLinkStoreHarness = StoreHarness<ResidentJpkiLinkStore>;

/** Builds a {@link ResidentJpkiLinkStoreHarness} on an empty database. */
export type MakeResidentJpkiLinkStore = () => Promise<ResidentJpkiLinkStoreHarness>;

/** Tuning of {@link describeResidentJpkiLinkStoreContract}. */
export interface ResidentJpkiLinkStoreContractOptions {
  /** fast-check runs of the model-based property (default 30). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

const A = "0a1b2c3d-0000-4000-8000-000000000001";
const B = "0a1b2c3d-0000-4000-8000-000000000002";
const key = (n: number) => n.toString(16).padStart(64, "0");
const link = (n: number, method: ResidentJpkiLink["method"] = "digital_auth_app"): ResidentJpkiLink => ({
  key: key(n),
  method,
  linkedAt: new Date(Date.UTC(2026, 10, 23, 3, 0, n)),
});

/**
 * The contract every {@link ResidentJpkiLinkStore} adapter passes: links come back exactly, per
 * account, oldest first; a key is linked to one account at most (conflict, the first stays); removal
 * is scoped to the account. A model-based property checks random sequences against a map.
 */
export const describeResidentJpkiLinkStoreContract = (name: string, make: MakeResidentJpkiLinkStore, options: ResidentJpkiLinkStoreContractOptions = {}): void => {
  const timeout = options.testTimeout ?? 20_000;

  describe(`${RESIDENT_JPKI_LINK_STORE_CONTRACT} contract: ${name}`, () => {
    it("gives back exactly what was linked, per account, oldest first, and finds the account by key", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(A, link(20)));
        await okValue(store.add(A, link(10, "auth_certificate")));
        await okValue(store.add(B, link(5)));
        expect(await okValue(store.list(A))).toEqual([link(10, "auth_certificate"), link(20)]);
        expect(await okValue(store.list(B))).toEqual([link(5)]);
        expect(await okValue(store.list("0a1b2c3d-0000-4000-8000-00000000000f"))).toEqual([]);
        expect(await okValue(store.findByKey(key(20)))).toEqual({ accountId: A, link: link(20) });
        expect(await okValue(store.findByKey(key(99)))).toBeNull();
      });
    }, timeout);

    it("refuses a key linked already, to anyone (conflict), and keeps the first", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(A, link(1)));
        const again = await store.add(B, { ...link(1), method: "auth_certificate" });
        expect(again.isErr() && again.error.reason).toBe("conflict");
        const same = await store.add(A, link(1));
        expect(same.isErr() && same.error.reason).toBe("conflict");
        expect(await okValue(store.findByKey(key(1)))).toEqual({ accountId: A, link: link(1) });
      });
    }, timeout);

    it("removes only the account's own link; removeAll counts and leaves others", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(A, link(1)));
        await okValue(store.add(A, link(2)));
        await okValue(store.add(B, link(3)));
        expect(await okValue(store.remove(B, key(1)))).toBe(false);
        expect(await okValue(store.findByKey(key(1)))).not.toBeNull();
        expect(await okValue(store.remove(A, key(1)))).toBe(true);
        expect(await okValue(store.remove(A, key(1)))).toBe(false);
        expect(await okValue(store.findByKey(key(1)))).toBeNull();
        expect(await okValue(store.removeAll(A))).toBe(1);
        expect(await okValue(store.list(A))).toEqual([]);
        expect(await okValue(store.list(B))).toEqual([link(3)]);
        // A removed key can be linked again, to anyone.
        await okValue(store.add(B, link(1)));
        expect((await okValue(store.findByKey(key(1))))?.accountId).toBe(B);
      });
    }, timeout);

    it("model-based: random adds, removes and removeAlls agree with a map", async () => {
      const accounts = [A, B];
      const op = fc.oneof(
        fc.record({ kind: fc.constant("add" as const), account: fc.constantFrom(...accounts), n: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ kind: fc.constant("remove" as const), account: fc.constantFrom(...accounts), n: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ kind: fc.constant("removeAll" as const), account: fc.constantFrom(...accounts), n: fc.constant(0) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 20 }), async (ops) => {
          await withStore(make, async (store) => {
            const model = new Map<string, string>();
            for (const o of ops) {
              if (o.kind === "add") {
                const added = await store.add(o.account, link(o.n));
                expect(added.isOk()).toBe(!model.has(key(o.n)));
                if (!model.has(key(o.n))) model.set(key(o.n), o.account);
              } else if (o.kind === "remove") {
                const expected = model.get(key(o.n)) === o.account;
                expect(await okValue(store.remove(o.account, key(o.n)))).toBe(expected);
                if (expected) model.delete(key(o.n));
              } else {
                const owned = [...model].filter(([, account]) => account === o.account).map(([k]) => k);
                expect(await okValue(store.removeAll(o.account))).toBe(owned.length);
                for (const k of owned) model.delete(k);
              }
            }
            for (const account of accounts) {
              const keys = [...model].filter(([, a]) => a === account).map(([k]) => k).sort();
              expect((await okValue(store.list(account))).map((l) => l.key).sort()).toEqual(keys);
            }
          });
        }),
        { numRuns: options.numRuns ?? 30 },
      );
    }, timeout * 3);
  });
};
