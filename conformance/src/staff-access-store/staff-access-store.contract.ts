import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  OfficeId,
  ProcedureId,
  STAFF_ACCESS_STORE_CONTRACT,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  type AccessWriteError,
  type RoleAssignment,
  type StaffAccessSnapshot,
  type StaffAccessStore,
  type StaffGroup,
  type StaffGroupScope,
} from "@madoguchi/core";
import { okValue, withStore } from "../shared/store-harness.ts";
import { holderKey, normalizedSnapshot, storageErrorOf, type MakeStaffAccessStore, type StaffAccessCase, type StaffAccessContractOptions } from "./staff-access-harness.ts";
import { staffAccessTransactionCases } from "./transaction.cases.ts";

const groupIds = ["chuo-ku", "kita-ku", "zeimu", "すべて"].map(StaffGroupId);
const staffIds = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"].map(StaffId);
const roleIds = ["viewer", "processor", "administrator", "auditor"].map(StaffRoleId);

const scopeArb: fc.Arbitrary<StaffGroupScope> = fc.oneof(
  fc.constant({ kind: "all" as const }),
  fc.record({ kind: fc.constant("procedures" as const), procedureIds: fc.uniqueArray(fc.constantFrom("juminhyo", "koseki", "zeimu-shomei")).map((xs) => xs.map(ProcedureId)) }),
  fc.record({ kind: fc.constant("offices" as const), officeIds: fc.uniqueArray(fc.constantFrom("chuo", "kita", "minami")).map((xs) => xs.map(OfficeId)) }),
);
const groupArb: fc.Arbitrary<StaffGroup> = fc.record({
  id: fc.constantFrom(...groupIds),
  name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
  scope: scopeArb,
});
const holderArb = fc.oneof(
  fc.record({ kind: fc.constant("staff" as const), staffId: fc.constantFrom(...staffIds) }),
  fc.record({ kind: fc.constant("group" as const), groupId: fc.constantFrom(...groupIds) }),
);
const assignmentArb: fc.Arbitrary<RoleAssignment> = fc.record({ roleId: fc.constantFrom(...roleIds), holder: holderArb });

type Op =
  | { op: "saveGroup"; group: StaffGroup }
  | { op: "deleteGroup"; id: StaffGroupId }
  | { op: "addMember" | "removeMember"; groupId: StaffGroupId; staffId: StaffId }
  | { op: "assignRole" | "revokeRole"; assignment: RoleAssignment };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: groupArb.map((group) => ({ op: "saveGroup" as const, group })) },
  { weight: 1, arbitrary: fc.constantFrom(...groupIds).map((id) => ({ op: "deleteGroup" as const, id })) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constantFrom("addMember" as const, "removeMember" as const), groupId: fc.constantFrom(...groupIds), staffId: fc.constantFrom(...staffIds) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("assignRole" as const, "revokeRole" as const), assignment: assignmentArb }) },
);

/** The reference model: what the store must hold after a sequence of operations, and what each answers. */
const applyToModel = (m: { groups: Map<string, StaffGroup>; members: Set<string>; roles: Map<string, RoleAssignment> }, o: Op): boolean | "conflict" => {
  switch (o.op) {
    case "saveGroup": {
      const created = !m.groups.has(o.group.id);
      m.groups.set(o.group.id, o.group);
      return created;
    }
    case "deleteGroup": {
      if (!m.groups.delete(o.id)) return false;
      for (const k of [...m.members]) if (k.startsWith(`${o.id}|`)) m.members.delete(k);
      for (const [k, a] of [...m.roles]) if (a.holder.kind === "group" && a.holder.groupId === o.id) m.roles.delete(k);
      return true;
    }
    case "addMember": {
      if (!m.groups.has(o.groupId)) return "conflict";
      const k = `${o.groupId}|${o.staffId}`;
      if (m.members.has(k)) return false;
      m.members.add(k);
      return true;
    }
    case "removeMember":
      return m.members.delete(`${o.groupId}|${o.staffId}`);
    case "assignRole": {
      if (o.assignment.holder.kind === "group" && !m.groups.has(o.assignment.holder.groupId)) return "conflict";
      const k = holderKey(o.assignment);
      if (m.roles.has(k)) return false;
      m.roles.set(k, o.assignment);
      return true;
    }
    case "revokeRole":
      return m.roles.delete(holderKey(o.assignment));
  }
};

const applyToStore = (s: StaffAccessStore, o: Op): PromiseLike<Result<boolean, AccessWriteError>> => {
  switch (o.op) {
    case "saveGroup":
      return s.saveGroup(o.group);
    case "deleteGroup":
      return s.deleteGroup(o.id);
    case "addMember":
      return s.addMember(o.groupId, o.staffId);
    case "removeMember":
      return s.removeMember(o.groupId, o.staffId);
    case "assignRole":
      return s.assignRole(o.assignment);
    case "revokeRole":
      return s.revokeRole(o.assignment);
  }
};

const [g1, g2] = groupIds as [StaffGroupId, StaffGroupId];
const [s1, s2] = staffIds as [StaffId, StaffId];

/** The cases of the staff-access-store contract. */
export const staffAccessCases: readonly StaffAccessCase[] = [
  {
    name: "declares the staff-access-store@2 contract and is healthy",
    run: (make) =>
      withStore(make, async (store) => {
        expect(store.meta.contract).toBe(STAFF_ACCESS_STORE_CONTRACT);
        await okValue(store.healthCheck());
      }),
  },
  {
    name: "starts empty",
    run: (make) => withStore(make, async (store) => expect(await okValue(store.snapshot())).toEqual({ groups: [], memberships: [], assignments: [] })),
  },
  {
    name: "saves every kind of group scope and replaces a group by id (answers true only when created)",
    run: (make) =>
      withStore(make, async (store) => {
        const offices: StaffGroup = { id: g1, name: "中央区役所 市民課", scope: { kind: "offices", officeIds: [OfficeId("chuo"), OfficeId("kita")] } };
        const procedures: StaffGroup = { id: g2, name: "税務課", scope: { kind: "procedures", procedureIds: [ProcedureId("zeimu-shomei")] } };
        expect(await okValue(store.saveGroup(offices))).toBe(true);
        expect(await okValue(store.saveGroup(procedures))).toBe(true);
        const renamed: StaffGroup = { ...offices, name: "中央区役所", scope: { kind: "all" } };
        expect(await okValue(store.saveGroup(renamed))).toBe(false);
        expect(normalizedSnapshot(await okValue(store.snapshot())).groups).toEqual(normalizedSnapshot({ groups: [renamed, procedures], memberships: [], assignments: [] }).groups);
      }),
  },
  {
    name: "memberships are idempotent, and a member of a missing group is a conflict",
    run: (make) =>
      withStore(make, async (store) => {
        expect((await storageErrorOf(store.addMember(g1, s1))).reason).toBe("conflict");
        await okValue(store.saveGroup({ id: g1, name: "g", scope: { kind: "all" } }));
        expect(await okValue(store.addMember(g1, s1))).toBe(true);
        expect(await okValue(store.addMember(g1, s1))).toBe(false);
        expect(await okValue(store.removeMember(g1, s2))).toBe(false);
        expect((await okValue(store.snapshot())).memberships).toEqual([{ groupId: g1, staffId: s1 }]);
        expect(await okValue(store.removeMember(g1, s1))).toBe(true);
        expect((await okValue(store.snapshot())).memberships).toEqual([]);
      }),
  },
  {
    name: "role assignments are idempotent; a role for a missing group is a conflict",
    run: (make) =>
      withStore(make, async (store) => {
        const toGroup: RoleAssignment = { roleId: StaffRoleId("processor"), holder: { kind: "group", groupId: g1 } };
        const toStaff: RoleAssignment = { roleId: StaffRoleId("auditor"), holder: { kind: "staff", staffId: s1 } };
        expect((await storageErrorOf(store.assignRole(toGroup))).reason).toBe("conflict");
        expect(await okValue(store.assignRole(toStaff))).toBe(true);
        expect(await okValue(store.assignRole(toStaff))).toBe(false);
        await okValue(store.saveGroup({ id: g1, name: "g", scope: { kind: "all" } }));
        expect(await okValue(store.assignRole(toGroup))).toBe(true);
        expect(normalizedSnapshot(await okValue(store.snapshot())).assignments).toEqual(normalizedSnapshot({ groups: [], memberships: [], assignments: [toGroup, toStaff] }).assignments);
        expect(await okValue(store.revokeRole(toStaff))).toBe(true);
        expect(await okValue(store.revokeRole(toStaff))).toBe(false);
      }),
  },
  {
    name: "deleting a group deletes its memberships and its role assignments, nothing else",
    run: (make) =>
      withStore(make, async (store) => {
        await okValue(store.saveGroup({ id: g1, name: "a", scope: { kind: "all" } }));
        await okValue(store.saveGroup({ id: g2, name: "b", scope: { kind: "all" } }));
        await okValue(store.addMember(g1, s1));
        await okValue(store.addMember(g2, s1));
        const kept: RoleAssignment[] = [
          { roleId: StaffRoleId("viewer"), holder: { kind: "group", groupId: g2 } },
          { roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: s1 } },
        ];
        await okValue(store.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "group", groupId: g1 } }));
        for (const a of kept) await okValue(store.assignRole(a));
        expect(await okValue(store.deleteGroup(g1))).toBe(true);
        expect(await okValue(store.deleteGroup(g1))).toBe(false);
        const s = normalizedSnapshot(await okValue(store.snapshot()));
        expect(s.groups.map((g) => g.id)).toEqual([g2]);
        expect(s.memberships).toEqual([{ groupId: g2, staffId: s1 }]);
        expect(s.assignments).toEqual(normalizedSnapshot({ groups: [], memberships: [], assignments: kept }).assignments);
        // A group created again with the same id starts without members or roles.
        await okValue(store.saveGroup({ id: g1, name: "a", scope: { kind: "all" } }));
        expect((await okValue(store.snapshot())).memberships.filter((m) => m.groupId === g1)).toEqual([]);
      }),
  },
  {
    name: "model-based: any sequence of writes answers and ends as the reference model",
    run: async (make, options) => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { maxLength: 25 }), async (ops) => {
          const h = await make();
          try {
            const model = { groups: new Map<string, StaffGroup>(), members: new Set<string>(), roles: new Map<string, RoleAssignment>() };
            for (const o of ops) {
              const expected = applyToModel(model, o);
              const got = await applyToStore(h.store, o);
              if (expected === "conflict") {
                expect(got.isErr() && got.error._tag === "StorageError" && got.error.reason).toBe("conflict");
              } else {
                expect(got.isOk() ? got.value : `error ${got.error._tag}`).toBe(expected);
              }
            }
            const snapshot = normalizedSnapshot(await okValue(h.store.snapshot()));
            expect(snapshot).toEqual(
              normalizedSnapshot({
                groups: [...model.groups.values()],
                memberships: [...model.members].map((k) => {
                  const [groupId, staffId] = k.split("|") as [string, string];
                  return { groupId: StaffGroupId(groupId), staffId: StaffId(staffId) };
                }),
                assignments: [...model.roles.values()],
              }),
            );
          } finally {
            await h.close();
          }
        }),
        { numRuns: options.numRuns ?? 40 },
      );
    },
  },
  ...staffAccessTransactionCases,
];

/**
 * Registers the staff-access-store contract (`staff-access-store@2`) for an adapter: every memory,
 * SQL or vendor adapter runs the same cases, each on a fresh store from `make`.
 */
export const describeStaffAccessStoreContract = (name: string, make: MakeStaffAccessStore, options: StaffAccessContractOptions = {}): void => {
  describe(`staff-access-store contract: ${name}`, () => {
    for (const c of staffAccessCases) it(c.name, () => c.run(make, options), options.testTimeout);
  });
};
