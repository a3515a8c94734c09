import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PASSKEY_STORE_CONTRACT, type Passkey, type PasskeyOwner, type PasskeyStore, type StorageError } from "@madoguchi/core";
import { okValue, withStore, type StoreHarness } from "../shared/store-harness.ts";

/** A fresh, empty store for one test or one generated case, and how to dispose of it. */
export type PasskeyStoreHarness = StoreHarness<PasskeyStore>;

/** Builds a {@link PasskeyStoreHarness} on an empty database. */
export type MakePasskeyStore = () => Promise<PasskeyStoreHarness>;

/** Tuning of {@link describePasskeyStoreContract}. */
export interface PasskeyStoreContractOptions {
  /** fast-check runs of the model-based property (default 30). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

const STAFF: PasskeyOwner = { kind: "staff", accountId: "st_0001" };
const RESIDENT: PasskeyOwner = { kind: "resident", accountId: "st_0001" }; // same id, other kind: another owner

const passkey = (credentialId: string, createdAt: number, extra: Partial<Passkey> = {}): Passkey => ({
  credentialId,
  publicKey: `pQECAyYgASFYI${credentialId}`,
  signCount: 0,
  transports: ["internal", "hybrid"],
  backupEligible: true,
  label: "iPhone（職場）",
  createdAt: new Date(Date.UTC(2026, 10, 23, 3, 0, createdAt)),
  lastUsedAt: null,
  ...extra,
});

/**
 * The contract every {@link PasskeyStore} adapter passes: what is added comes back exactly, per owner
 * (kind and id), credential ids are unique across owners, uses are recorded only against the counter
 * the caller saw, and removal is scoped to the owner. A model-based property checks random sequences
 * against an in-memory model.
 */
export const describePasskeyStoreContract = (name: string, make: MakePasskeyStore, options: PasskeyStoreContractOptions = {}): void => {
  const timeout = options.testTimeout ?? 20_000;

  describe(`${PASSKEY_STORE_CONTRACT} contract: ${name}`, () => {
    it("gives back exactly what was added, per owner, oldest first; another kind with the same id is another owner", async () => {
      await withStore(make, async (store) => {
        const b = passkey("Y3JlZC1i", 20, { signCount: 4, lastUsedAt: new Date(Date.UTC(2026, 10, 23, 4)) });
        const a = passkey("Y3JlZC1h", 10);
        await okValue(store.add(STAFF, b));
        await okValue(store.add(STAFF, a));
        await okValue(store.add(RESIDENT, passkey("Y3JlZC1j", 5, { transports: [], backupEligible: false, label: "" })));
        expect(await okValue(store.list(STAFF))).toEqual([a, b]);
        expect((await okValue(store.list(RESIDENT))).map((p) => p.credentialId)).toEqual(["Y3JlZC1j"]);
        expect(await okValue(store.list({ kind: "staff", accountId: "nobody" }))).toEqual([]);
        expect(await okValue(store.findByCredentialId("Y3JlZC1i"))).toEqual({ owner: STAFF, passkey: b });
        expect(await okValue(store.findByCredentialId("bm9uZQ"))).toBeNull();
      });
    }, timeout);

    it("refuses a credential id registered already, to anyone (conflict), and keeps the first", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(STAFF, passkey("ZHVw", 1)));
        const again = await store.add(RESIDENT, passkey("ZHVw", 2, { label: "other" }));
        expect(again.isErr() && again.error.reason).toBe("conflict");
        expect((await okValue(store.findByCredentialId("ZHVw")))?.owner).toEqual(STAFF);
      });
    }, timeout);

    it("records a use only against the counter the caller saw: of two racing logins with one assertion, one wins", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(STAFF, passkey("cmFjZQ", 1, { signCount: 3 })));
        const usedAt = new Date(Date.UTC(2026, 10, 23, 5));
        const [first, second] = await Promise.all([
          okValue(store.recordUse("cmFjZQ", 3, { signCount: 4, usedAt })),
          okValue(store.recordUse("cmFjZQ", 3, { signCount: 4, usedAt })),
        ]);
        expect([first, second].filter(Boolean)).toHaveLength(1);
        expect((await okValue(store.findByCredentialId("cmFjZQ")))?.passkey).toMatchObject({ signCount: 4, lastUsedAt: usedAt });
        expect(await okValue(store.recordUse("bm9uZQ", 0, { signCount: 1, usedAt }))).toBe(false);
      });
    }, timeout);

    it("removes only the owner's passkey", async () => {
      await withStore(make, async (store) => {
        await okValue(store.add(STAFF, passkey("bWluZQ", 1)));
        expect(await okValue(store.remove(RESIDENT, "bWluZQ"))).toBe(false);
        expect(await okValue(store.remove(STAFF, "bWluZQ"))).toBe(true);
        expect(await okValue(store.remove(STAFF, "bWluZQ"))).toBe(false);
        expect(await okValue(store.findByCredentialId("bWluZQ"))).toBeNull();
      });
    }, timeout);

    it("behaves like the model over random sequences of add, use and remove", async () => {
      const owners = [STAFF, RESIDENT, { kind: "staff", accountId: "st_0002" } as const];
      const command = fc.oneof(
        fc.record({ op: fc.constant("add" as const), owner: fc.nat(2), id: fc.nat(4) }),
        fc.record({ op: fc.constant("use" as const), id: fc.nat(4), expected: fc.nat(3), next: fc.nat(6) }),
        fc.record({ op: fc.constant("remove" as const), owner: fc.nat(2), id: fc.nat(4) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(command, { maxLength: 12 }), async (commands) => {
          await withStore(make, async (store) => {
            const model = new Map<string, { owner: PasskeyOwner; signCount: number }>();
            for (const [i, c] of commands.entries()) {
              const id = `Y3JlZC0${c.id}`;
              if (c.op === "add") {
                const r = await store.add(owners[c.owner]!, passkey(id, i));
                expect(r.isOk()).toBe(!model.has(id));
                if (!model.has(id)) model.set(id, { owner: owners[c.owner]!, signCount: 0 });
              } else if (c.op === "use") {
                const expected = model.get(id)?.signCount === c.expected;
                expect(await okValue(store.recordUse(id, c.expected, { signCount: c.next, usedAt: new Date(i * 1000) }))).toBe(expected);
                if (expected) model.get(id)!.signCount = c.next;
              } else {
                const row = model.get(id);
                const owner = owners[c.owner]!;
                const mine = row !== undefined && row.owner.kind === owner.kind && row.owner.accountId === owner.accountId;
                expect(await okValue(store.remove(owner, id))).toBe(mine);
                if (mine) model.delete(id);
              }
            }
            for (const owner of owners) {
              const listed = (await okValue(store.list(owner))).map((p) => [p.credentialId, p.signCount]);
              const expected = [...model.entries()].filter(([, v]) => v.owner.kind === owner.kind && v.owner.accountId === owner.accountId).map(([k, v]) => [k, v.signCount]);
              expect(listed.sort()).toEqual(expected.sort());
            }
          });
        }),
        { numRuns: options.numRuns ?? 30 },
      );
    }, timeout * 6);
  });
};
