import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { STAFF_ACCESS_STORE_CONTRACT, storageError, type GroupMembership, type RoleAssignment, type StaffAccessStore, type StaffGroup } from "@madoguchi/core";
import { describeStaffAccessStoreContract, staffAccessCases } from "@madoguchi/conformance/staff-access-store";

interface Flaws {
  /** Deleting a group leaves its members and roles behind (they would come back with a new group of that id). */
  readonly noCascade?: boolean;
  /** Members of groups that do not exist are accepted. */
  readonly noGroupCheck?: boolean;
  /** Every assignment answers "changed", even a repeated one. */
  readonly alwaysChanged?: boolean;
  /** Saving a group keeps the old scope (only the name is updated). */
  readonly keepsScope?: boolean;
}

/** A small map-based store; each flaw breaks one promise of the contract. */
const fixtureStore = (flaws: Flaws = {}): StaffAccessStore => {
  const groups = new Map<string, StaffGroup>();
  const members = new Map<string, GroupMembership>();
  const roles = new Map<string, RoleAssignment>();
  const key = (a: RoleAssignment) => `${a.roleId}|${a.holder.kind}|${a.holder.kind === "staff" ? a.holder.staffId : a.holder.groupId}`;
  const conflict = () => errAsync(storageError("fixture", "conflict", "no such group"));
  return {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: "fixture", capabilities: new Set() },
    saveGroup: (g) => {
      const old = groups.get(g.id);
      groups.set(g.id, flaws.keepsScope === true && old !== undefined ? { ...g, scope: old.scope } : structuredClone(g));
      return okAsync(old === undefined);
    },
    deleteGroup: (id) => {
      if (!groups.delete(id)) return okAsync(false);
      if (flaws.noCascade !== true) {
        for (const [k, m] of members) if (m.groupId === id) members.delete(k);
        for (const [k, a] of roles) if (a.holder.kind === "group" && a.holder.groupId === id) roles.delete(k);
      }
      return okAsync(true);
    },
    addMember: (groupId, staffId) => {
      if (flaws.noGroupCheck !== true && !groups.has(groupId)) return conflict();
      const k = `${groupId}|${staffId}`;
      const had = members.has(k);
      members.set(k, { groupId, staffId });
      return okAsync(!had);
    },
    removeMember: (groupId, staffId) => okAsync(members.delete(`${groupId}|${staffId}`)),
    assignRole: (a) => {
      if (a.holder.kind === "group" && !groups.has(a.holder.groupId)) return conflict();
      const had = roles.has(key(a));
      roles.set(key(a), structuredClone(a));
      return okAsync(flaws.alwaysChanged === true || !had);
    },
    revokeRole: (a) => okAsync(roles.delete(key(a))),
    snapshot: () => okAsync({ groups: [...groups.values()], memberships: [...members.values()], assignments: [...roles.values()] }),
    healthCheck: () => okAsync(undefined),
  };
};

describeStaffAccessStoreContract("flawless fixture", async () => ({ store: fixtureStore(), close: async () => undefined }), { numRuns: 60 });

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
  ];
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      // The model-based run finds a flaw only when a random sequence happens to exercise it (e.g. add a
      // member, then delete the group): 200 runs missed "no cascade" about once in twenty; 3,000 take ~1 s.
      const numRuns = prefix === "model-based" ? 3_000 : 200;
      await expect(caseNamed(prefix).run(async () => ({ store: fixtureStore(flaws), close: async () => undefined }), { numRuns })).rejects.toThrow();
    }, 30_000);
  }
});
