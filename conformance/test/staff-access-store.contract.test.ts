import { createHash } from "node:crypto";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  STAFF_ACCESS_STORE_CONTRACT,
  checkAccessInvariant,
  sealAuditEntries,
  storageError,
  type AccessInvariant,
  type AccessWriteError,
  type AuditEntry,
  type AuditEntryDraft,
  type GroupMembership,
  type RoleAssignment,
  type StaffAccessSnapshot,
  type StaffAccessStore,
  type StaffGroup,
} from "@madoguchi/core";
import { describeStaffAccessStoreContract, staffAccessCases, type StaffAccessHarness } from "@madoguchi/conformance/staff-access-store";

interface Flaws {
  /** Deleting a group leaves its members and roles behind (they would come back with a new group of that id). */
  readonly noCascade?: boolean;
  /** Members of groups that do not exist are accepted. */
  readonly noGroupCheck?: boolean;
  /** Every assignment answers "changed", even a repeated one. */
  readonly alwaysChanged?: boolean;
  /** Saving a group keeps the old scope (only the name is updated). */
  readonly keepsScope?: boolean;
  /** Appends the audit drafts even when the write changed nothing (a `@1` route's habit moved into the store). */
  readonly auditsUnchanged?: boolean;
  /** Appends the audit drafts of a write the invariant refused. */
  readonly auditsRefused?: boolean;
  /** Checks the invariant on a snapshot, yields, then writes: check-then-act, as the `@1` routes did. */
  readonly racyInvariant?: boolean;
}

const sha256 = { sha256Hex: (data: string) => createHash("sha256").update(data, "utf8").digest("hex") };

/** A small map-based store with its audit log; each flaw breaks one promise of the contract. */
const fixtureStore = (flaws: Flaws = {}): StaffAccessHarness => {
  const groups = new Map<string, StaffGroup>();
  const members = new Map<string, GroupMembership>();
  const roles = new Map<string, RoleAssignment>();
  const entries: AuditEntry[] = [];
  const append = (drafts: readonly AuditEntryDraft[]) => {
    const last = entries.at(-1);
    const sealed = sealAuditEntries(sha256, last === undefined ? null : { seq: last.seq, segment: last.segment, hash: last.hash }, drafts);
    entries.push(...structuredClone(sealed));
    return sealed;
  };
  const key = (a: RoleAssignment) => `${a.roleId}|${a.holder.kind}|${a.holder.kind === "staff" ? a.holder.staffId : a.holder.groupId}`;
  const conflict = () => errAsync(storageError("fixture", "conflict", "no such group"));
  const snapshot = (): StaffAccessSnapshot => structuredClone({ groups: [...groups.values()], memberships: [...members.values()], assignments: [...roles.values()] });
  const restore = (s: StaffAccessSnapshot) => {
    groups.clear();
    members.clear();
    roles.clear();
    for (const g of s.groups) groups.set(g.id, g);
    for (const m of s.memberships) members.set(`${m.groupId}|${m.staffId}`, m);
    for (const a of s.assignments) roles.set(key(a), a);
  };
  /** Applies `change` (its answer and whether it changed anything), checks the invariant, audits. */
  const write = (
    method: string,
    change: () => { answer: boolean; changed: boolean },
    audit: (answer: boolean) => readonly AuditEntryDraft[],
    invariant: AccessInvariant | undefined,
  ): ResultAsync<boolean, AccessWriteError> => {
    const apply = () => {
      const before = snapshot();
      const done = change();
      if (!done.changed) {
        if (flaws.auditsUnchanged === true) append(audit(done.answer));
        return okAsync(done.answer);
      }
      const violated = checkAccessInvariant(invariant, `staff-access-store.${method}`, before, snapshot());
      if (violated !== null) {
        restore(before);
        if (flaws.auditsRefused === true) append(audit(done.answer));
        return errAsync(violated);
      }
      append(audit(done.answer));
      return okAsync(done.answer);
    };
    if (flaws.racyInvariant !== true || invariant === undefined) return apply();
    // Check on the configuration as it is now, then write after other callers have had their turn.
    const before = snapshot();
    return ResultAsync.fromSafePromise(new Promise<void>((r) => setTimeout(r, 1))).andThen(() => {
      const done = change();
      if (!done.changed) return okAsync(done.answer);
      const violated = checkAccessInvariant(invariant, `staff-access-store.${method}`, before, snapshot());
      if (violated !== null) return errAsync(violated);
      append(audit(done.answer));
      return okAsync(done.answer);
    });
  };
  const store: StaffAccessStore = {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: "fixture", capabilities: new Set() },
    saveGroup: (g, w = {}) =>
      write(
        "saveGroup",
        () => {
          const old = groups.get(g.id);
          groups.set(g.id, flaws.keepsScope === true && old !== undefined ? { ...g, scope: old.scope } : structuredClone(g));
          return { answer: old === undefined, changed: true };
        },
        (created) => w.audit?.(created) ?? [],
        w.invariant,
      ),
    deleteGroup: (id, w = {}) =>
      write(
        "deleteGroup",
        () => {
          if (!groups.delete(id)) return { answer: false, changed: false };
          if (flaws.noCascade !== true) {
            for (const [k, m] of members) if (m.groupId === id) members.delete(k);
            for (const [k, a] of roles) if (a.holder.kind === "group" && a.holder.groupId === id) roles.delete(k);
          }
          return { answer: true, changed: true };
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    addMember: (groupId, staffId, w = {}) => {
      if (flaws.noGroupCheck !== true && !groups.has(groupId)) return conflict();
      return write(
        "addMember",
        () => {
          const k = `${groupId}|${staffId}`;
          const had = members.has(k);
          members.set(k, { groupId, staffId });
          return { answer: !had, changed: !had };
        },
        () => w.audit ?? [],
        w.invariant,
      );
    },
    removeMember: (groupId, staffId, w = {}) =>
      write(
        "removeMember",
        () => {
          const had = members.delete(`${groupId}|${staffId}`);
          return { answer: had, changed: had };
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    assignRole: (a, w = {}) => {
      if (a.holder.kind === "group" && !groups.has(a.holder.groupId)) return conflict();
      return write(
        "assignRole",
        () => {
          const had = roles.has(key(a));
          roles.set(key(a), structuredClone(a));
          return { answer: flaws.alwaysChanged === true || !had, changed: !had };
        },
        () => w.audit ?? [],
        w.invariant,
      );
    },
    revokeRole: (a, w = {}) =>
      write(
        "revokeRole",
        () => {
          const had = roles.delete(key(a));
          return { answer: had, changed: had };
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    snapshot: () => okAsync(snapshot()),
    healthCheck: () => okAsync(undefined),
  };
  return {
    store,
    auditLog: {
      append: (drafts) => okAsync(append(drafts)),
      read: (q) => okAsync(structuredClone(entries.filter((e) => e.seq > q.afterSeq).slice(0, q.limit))),
    },
    close: async () => undefined,
  };
};

describeStaffAccessStoreContract("flawless fixture", async () => fixtureStore(), { numRuns: 60 });

const caseNamed = (prefix: string) => {
  const found = staffAccessCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

describe("the staff-access-store contract catches broken stores", () => {
  const mustCatch: readonly [string, Flaws, string][] = [
    ["no cascade", { noCascade: true }, "deleting a group deletes"],
    ["no cascade (model)", { noCascade: true }, "model-based"],
    ["members of missing groups", { noGroupCheck: true }, "memberships are idempotent"],
    ["members of missing groups (model)", { noGroupCheck: true }, "model-based"],
    ["repeated assignment answers changed", { alwaysChanged: true }, "role assignments are idempotent"],
    ["scope not replaced", { keepsScope: true }, "saves every kind of group scope"],
    ["audit entries of writes that changed nothing", { auditsUnchanged: true }, "appends a write's audit entries exactly when"],
    ["audit entries of refused writes", { auditsRefused: true }, "a write that fails (missing group) or breaks the invariant"],
    ["the invariant checked before the write, not with it", { racyInvariant: true }, "concurrent revocations of N administrators"],
  ];
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      // The model-based run finds a flaw only when a random sequence happens to exercise it (e.g. add a
      // member, then delete the group): 200 runs missed "no cascade" about once in twenty; 3,000 take ~1 s.
      const numRuns = prefix === "model-based" ? 3_000 : 200;
      await expect(caseNamed(prefix).run(async () => fixtureStore(flaws), { numRuns })).rejects.toThrow();
    }, 30_000);
  }
});
