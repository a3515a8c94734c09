import fc from "fast-check";
import { expect } from "vitest";
import { sealAuditEntries, type AuditEntry, type AuditEntryDraft, type AuditLogStore, type LoginStateFacets, type LoginStateKey } from "@madoguchi/core";
import { referenceHasher } from "../audit-log/audit-log.harness.ts";
import { okValue, storageErrorOf, withHarness } from "../shared/store-harness.ts";
import type { LoginStateStoreCase } from "./login-state-harness.ts";

const T0 = Date.UTC(2026, 10, 1);

/** A login step's entry, with a distinct time per `n` so that every stored entry can be told apart. */
const attempt = (n: number, outcome = "wrong_password"): AuditEntryDraft => ({
  at: new Date(T0 + n * 1_000),
  actor: { kind: "staff", id: "st_a1" },
  action: "staff.login",
  target: null,
  result: outcome === "success" ? "success" : "failure",
  sourceIp: "192.0.2.10",
  details: { step: "password", outcome, n },
});

/** An entry appended directly, between the writes: the store's entries must chain with it. */
const direct = (n: number): AuditEntryDraft => ({
  at: new Date(T0 + n * 1_000),
  actor: { kind: "system", id: null },
  action: "audit.checkpointed",
  target: { kind: "audit_log", id: "audit-log" },
  result: "success",
  sourceIp: null,
  details: { n },
});

/** An entry whose time is not a date cannot be sealed into the chain: the append fails inside the write. */
const unsealable = (): AuditEntryDraft => ({ ...attempt(0), at: new Date(Number.NaN) });

const lockout = (failures: number): LoginStateFacets["lockout"] => ({ consecutiveFailures: failures, lastFailureAt: new Date(T0 + failures), lockedUntil: null });

const allEntries = (auditLog: AuditLogStore): Promise<readonly AuditEntry[]> => okValue(auditLog.read({ afterSeq: 0, limit: 1_000 }));

const A: LoginStateKey = { kind: "staff", accountId: "a1" };
const B: LoginStateKey = { kind: "resident", accountId: "a1" };

/** The cases of `login-state-store@2` about the audit entries a write carries. */
export const loginStateAuditCases: readonly LoginStateStoreCase[] = [
  {
    name: "a write that changes state appends its audit entries with it, chained with direct appends; one that changes nothing appends nothing",
    run: (make) =>
      withHarness(make, async ({ store, auditLog }) => {
        await okValue(auditLog.append([direct(1)]));
        expect(await okValue(store.put(A, "lockout", lockout(1), null, [attempt(2)]))).toBe(1);
        // Lost compare-and-sets: "not stored yet" although it is, and a stale version.
        expect(await okValue(store.put(A, "lockout", lockout(9), null, [attempt(90)]))).toBeNull();
        expect(await okValue(store.put(A, "lockout", lockout(9), 7, [attempt(91)]))).toBeNull();
        expect(await okValue(store.put(A, "lockout", lockout(2), 1, [attempt(3), attempt(4, "success")]))).toBe(2);
        await okValue(store.put(B, "disabled", { at: new Date(T0), by: "st_admin" }, null));
        expect(await okValue(store.delete(B, "disabled", [attempt(5)]))).toBe(true);
        expect(await okValue(store.delete(B, "disabled", [attempt(92)]))).toBe(false);
        await okValue(store.put(B, "last_login", { at: new Date(T0), sourceIp: null }, null));
        expect(await okValue(store.deleteAccount(B, [attempt(6)]))).toBe(1);
        expect(await okValue(store.deleteAccount(B, [attempt(93)]))).toBe(0);
        // Without drafts a write appends nothing, as in @1.
        expect(await okValue(store.put(A, "lockout", lockout(3), 2))).toBe(3);
        await okValue(auditLog.append([direct(7)]));
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [direct(1), attempt(2), attempt(3), attempt(4, "success"), attempt(5), attempt(6), direct(7)]));
        expect(await okValue(store.get(A, "lockout"))).toEqual({ value: lockout(3), version: 3 });
      }),
  },
  {
    name: "when the audit entries cannot be appended, the write is rolled back: neither the change nor any entry",
    run: (make) =>
      withHarness(make, async ({ store, auditLog }) => {
        await okValue(store.put(A, "lockout", lockout(1), null, [attempt(1)]));
        await okValue(store.put(A, "disabled", { at: new Date(T0), by: "st_admin" }, null));
        await storageErrorOf(store.put(A, "lockout", lockout(2), 1, [attempt(2), unsealable()]));
        await storageErrorOf(store.put(A, "last_login", { at: new Date(T0), sourceIp: "192.0.2.1" }, null, [unsealable()]));
        await storageErrorOf(store.delete(A, "disabled", [unsealable()]));
        await storageErrorOf(store.deleteAccount(A, [unsealable()]));
        expect(await okValue(store.get(A, "lockout"))).toEqual({ value: lockout(1), version: 1 });
        expect(await okValue(store.get(A, "last_login"))).toBeNull();
        expect(await okValue(store.get(A, "disabled"))).not.toBeNull();
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [attempt(1)]));
        // And the store still works afterwards (the failed transactions left nothing locked).
        expect(await okValue(store.put(A, "lockout", lockout(2), 1, [attempt(3)]))).toBe(2);
        expect(await okValue(store.delete(A, "disabled", [attempt(4)]))).toBe(true);
        expect((await allEntries(auditLog)).map((e) => e.details["n"])).toEqual([1, 3, 4]);
      }),
  },
  {
    name: "of concurrent writes at one version, each with its entry, exactly one wins and exactly its entry is appended",
    run: (make) =>
      withHarness(make, async ({ store, auditLog }) => {
        await okValue(store.put(A, "lockout", lockout(0), null));
        const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.put(A, "lockout", lockout(n), 1, [attempt(n)])));
        const versions = await Promise.all(results.map((r) => okValue(Promise.resolve(r))));
        const winners = versions.flatMap((v, i) => (v === 2 ? [i + 1] : []));
        expect(winners).toHaveLength(1);
        expect(versions.filter((v) => v === null)).toHaveLength(4);
        expect(await okValue(store.get(A, "lockout"))).toEqual({ value: lockout(winners[0]!), version: 2 });
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [attempt(winners[0]!)]));
      }),
  },
  {
    name: "model: any sequence of puts and deletes, fresh or stale, appends exactly the entries of the writes that changed something, in order",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ del: fc.boolean(), stale: fc.boolean(), audited: fc.boolean() }), { minLength: 1, maxLength: 8 }),
          async (steps) =>
            withHarness(make, async ({ store, auditLog }) => {
              let version: number | null = null;
              const expected: AuditEntryDraft[] = [];
              for (const [i, step] of steps.entries()) {
                const drafts = step.audited ? [attempt(i + 1)] : [];
                if (step.del) {
                  const existed = await okValue(store.delete(A, "lockout", drafts));
                  expect(existed).toBe(version !== null);
                  if (existed) expected.push(...drafts);
                  version = null;
                  continue;
                }
                const guess: number | null = step.stale ? (version ?? 0) + 5 : version;
                const written: number | null = await okValue(store.put(A, "lockout", lockout(i), guess, drafts));
                if (step.stale) expect(written).toBeNull();
                else {
                  expect(written).toBe((version ?? 0) + 1);
                  version = written;
                  expected.push(...drafts);
                }
              }
              expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, expected));
            }),
        ),
        { numRuns: o.numRuns ?? 30 },
      ),
  },
];
