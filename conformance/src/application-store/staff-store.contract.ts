import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sealAuditEntries, STAFF_STORE_CONTRACT, StaffId, type AuditEntry, type AuditEntryDraft, type AuditLogStore, type StaffAccount, type StaffStore } from "@madoguchi/core";
import { referenceHasher } from "../audit-log/audit-log.harness.ts";
import { staffAccountArb } from "./application.arbitraries.ts";
import { errValue, expectStorageError, okValue } from "./application-store.harness.ts";

/** What `describeStaffStoreContract` tests: the staff store and the audit log its writes append to (an empty one). */
export interface StaffStoreUnderTest {
  readonly staff: StaffStore;
  readonly auditLog: AuditLogStore;
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

const withHarness = async (make: MakeStaffStore, fn: (under: StaffStoreUnderTest) => Promise<void>): Promise<void> => {
  const under = await make();
  try {
    await fn(under);
  } finally {
    await under.close();
  }
};

const T0 = Date.UTC(2026, 10, 1);
/** An administration entry, with a distinct time per `n` so that every stored entry can be told apart. */
const entry = (n: number, action: AuditEntryDraft["action"] = "staff.account_issued"): AuditEntryDraft => ({
  at: new Date(T0 + n * 1_000),
  actor: { kind: "staff", id: "st_admin" },
  action,
  target: { kind: "staff_account", id: `st_${n}` },
  result: "success",
  sourceIp: "192.0.2.20",
  details: { n },
});
const direct = (n: number): AuditEntryDraft => ({ ...entry(n, "audit.checkpointed"), actor: { kind: "system", id: null }, target: { kind: "audit_log", id: "audit-log" }, sourceIp: null });
/** An entry whose time is not a date cannot be sealed into the chain: the append fails inside the write. */
const unsealable = (): AuditEntryDraft => ({ ...entry(0), at: new Date(Number.NaN) });
const allEntries = (auditLog: AuditLogStore): Promise<readonly AuditEntry[]> => okValue(auditLog.read({ afterSeq: 0, limit: 1_000 }));
const NEW_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$bmV3";

/** The cases of the staff-store contract (`staff-store@3`). */
export const staffStoreCases: readonly StaffStoreCase[] = [
  {
    name: "declares the staff-store@3 contract and is healthy",
    run: (make) =>
      withStaffStore(make, async (store) => {
        expect(store.meta.contract).toBe(STAFF_STORE_CONTRACT);
        await okValue(store.healthCheck());
      }),
  },
  {
    name: "a write appends its audit entries with it, chained with direct appends; a conflicting insert or an update of no account appends nothing",
    run: (make) =>
      withHarness(make, async ({ staff, auditLog }) => {
        const [a, b] = fc.sample(twoAccounts, { numRuns: 1, seed: 11 })[0] as [StaffAccount, StaffAccount];
        await okValue(auditLog.append([direct(1)]));
        await okValue(staff.insert(a, [entry(2)]));
        expectStorageError(await errValue(staff.insert({ ...b, loginId: a.loginId }, [entry(90)])), "conflict");
        expectStorageError(await errValue(staff.insert({ ...b, id: a.id }, [entry(91)])), "conflict");
        expect(await okValue(staff.updatePasswordHash(a.id, NEW_HASH, [entry(3, "staff.password_set")]))).toBe(true);
        expect(await okValue(staff.updatePasswordHash(StaffId("no-such-staff"), NEW_HASH, [entry(92, "staff.password_set")]))).toBe(false);
        // Without drafts a write appends nothing (the bootstrap's demo account, a rehash at login).
        await okValue(staff.insert(b));
        await okValue(auditLog.append([direct(4)]));
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [direct(1), entry(2), entry(3, "staff.password_set"), direct(4)]));
        expect(await okValue(staff.findById(a.id))).toStrictEqual({ ...a, passwordHash: NEW_HASH });
      }),
  },
  {
    name: "when the audit entries cannot be appended, the write is rolled back: no account, no new hash, no entry",
    run: (make) =>
      withHarness(make, async ({ staff, auditLog }) => {
        const [a, b] = fc.sample(twoAccounts, { numRuns: 1, seed: 13 })[0] as [StaffAccount, StaffAccount];
        await okValue(staff.insert(a, [entry(1)]));
        expect((await staff.insert(b, [entry(2), unsealable()])).isErr()).toBe(true);
        expect((await staff.updatePasswordHash(a.id, NEW_HASH, [unsealable()])).isErr()).toBe(true);
        expect(await okValue(staff.findByLoginId(b.loginId))).toBeNull();
        expect(await okValue(staff.count())).toBe(1);
        expect(await okValue(staff.findById(a.id))).toStrictEqual(a);
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [entry(1)]));
        // And the store still works afterwards (the failed transactions left nothing locked).
        await okValue(staff.insert(b, [entry(3)]));
        expect((await allEntries(auditLog)).map((e) => e.details["n"])).toEqual([1, 3]);
      }),
  },
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
    name: "keeps the notification address: as inserted, null when none was given; updateNotificationEmail replaces or clears it (its audit only when the account exists)",
    run: (make) =>
      withHarness(make, async ({ staff, auditLog }) => {
        const [a, b] = fc.sample(twoAccounts, { numRuns: 1, seed: 17 })[0] as [StaffAccount, StaffAccount];
        const { notificationEmail: _dropped, ...withoutAddress } = b;
        await okValue(staff.insert({ ...a, notificationEmail: "kakari@example.lg.jp" }));
        await okValue(staff.insert(withoutAddress));
        expect((await okValue(staff.findById(a.id)))?.notificationEmail).toBe("kakari@example.lg.jp");
        expect((await okValue(staff.findByLoginId(b.loginId)))?.notificationEmail).toBeNull();
        expect(await okValue(staff.updateNotificationEmail(a.id, "new@example.lg.jp", [entry(5, "staff.password_reset_started")]))).toBe(true);
        expect((await okValue(staff.findByLoginId(a.loginId)))?.notificationEmail).toBe("new@example.lg.jp");
        expect((await okValue(staff.findById(b.id)))?.notificationEmail).toBeNull();
        expect(await okValue(staff.updateNotificationEmail(a.id, null))).toBe(true);
        expect((await okValue(staff.findById(a.id)))?.notificationEmail).toBeNull();
        expect(await okValue(staff.updateNotificationEmail(StaffId("st_nobody"), "x@example.lg.jp", [entry(6)]))).toBe(false);
        expect((await allEntries(auditLog)).map((e) => e.details["n"])).toEqual([5]);
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
 * Registers the staff-store contract (`staff-store@3`) as vitest tests. Major 2: the writes append their
 * audit drafts in their transaction (only when they wrote), so the harness now gives the audit log too.
 * Major 3: the notification address is kept (nullable) and replaced by `updateNotificationEmail`.
 *
 * @param makeAdapter - returns a FRESH, empty staff store on every call
 */
export const describeStaffStoreContract = (
  name: string,
  makeAdapter: MakeStaffStore,
  options: { readonly numRuns?: number; readonly testTimeout?: number } = {},
): void => {
  describe(`staff-store contract (${STAFF_STORE_CONTRACT}): ${name}`, () => {
    for (const c of staffStoreCases) it(c.name, () => c.run(makeAdapter, options), options.testTimeout);
  });
};
