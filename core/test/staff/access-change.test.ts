import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAccessRemoval, leavesNoAdministrator, StaffGroupId, StaffId, StaffRoleId, staffHolding, type AccessRemoval, type StaffAccessSnapshot } from "../../src/index.ts";

const admins = StaffGroupId("admins");
const a = StaffId("a");
const b = StaffId("b");
const base: StaffAccessSnapshot = {
  groups: [{ id: admins, name: "管理", scope: { kind: "all" } }],
  memberships: [{ groupId: admins, staffId: a }],
  assignments: [
    { roleId: StaffRoleId("administrator"), holder: { kind: "group", groupId: admins } },
    { roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: b } },
  ],
};

describe("the last administrator cannot be removed", () => {
  it("finds who holds staff.manage, directly or through a group", () => {
    expect(staffHolding(base, "staff.manage")).toEqual([a]);
    expect(staffHolding(base, "applications.view")).toEqual([a, b]);
  });

  it("refuses removing the only administrator's membership, role or group; allows it when another remains", () => {
    expect(leavesNoAdministrator(base, { kind: "removeMember", groupId: admins, staffId: a })).toBe(true);
    expect(leavesNoAdministrator(base, { kind: "deleteGroup", groupId: admins })).toBe(true);
    expect(leavesNoAdministrator(base, { kind: "revokeRole", assignment: { roleId: StaffRoleId("administrator"), holder: { kind: "group", groupId: admins } } })).toBe(true);
    expect(leavesNoAdministrator(base, { kind: "revokeRole", assignment: { roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: b } } })).toBe(false);
    const two = { ...base, assignments: [...base.assignments, { roleId: StaffRoleId("administrator"), holder: { kind: "staff" as const, staffId: b } }] };
    expect(leavesNoAdministrator(two, { kind: "deleteGroup", groupId: admins })).toBe(false);
  });

  it("property: after any allowed removal someone still holds staff.manage (if someone did before)", () => {
    const staff = [a, b, StaffId("c")];
    const groups = ["g0", "g1"].map(StaffGroupId);
    const roleArb = fc.constantFrom("administrator", "viewer", "auditor").map(StaffRoleId);
    const snapshotArb = fc.record({
      memberships: fc.uniqueArray(fc.record({ groupId: fc.constantFrom(...groups), staffId: fc.constantFrom(...staff) }), { selector: (m) => `${m.groupId}|${m.staffId}` }),
      assignments: fc.array(
        fc.record({
          roleId: roleArb,
          holder: fc.oneof(
            fc.record({ kind: fc.constant("staff" as const), staffId: fc.constantFrom(...staff) }),
            fc.record({ kind: fc.constant("group" as const), groupId: fc.constantFrom(...groups) }),
          ),
        }),
        { maxLength: 5 },
      ),
    });
    const removalArb: fc.Arbitrary<AccessRemoval> = fc.oneof(
      fc.constantFrom(...groups).map((groupId) => ({ kind: "deleteGroup" as const, groupId })),
      fc.record({ kind: fc.constant("removeMember" as const), groupId: fc.constantFrom(...groups), staffId: fc.constantFrom(...staff) }),
      fc.record({
        kind: fc.constant("revokeRole" as const),
        assignment: fc.record({ roleId: roleArb, holder: fc.record({ kind: fc.constant("staff" as const), staffId: fc.constantFrom(...staff) }) }),
      }),
    );
    fc.assert(
      fc.property(snapshotArb, fc.array(removalArb, { maxLength: 8 }), (partial, removals) => {
        let s: StaffAccessSnapshot = { groups: groups.map((id) => ({ id, name: id, scope: { kind: "all" } })), ...partial };
        const hadAdmin = staffHolding(s, "staff.manage").length > 0;
        for (const r of removals) if (!leavesNoAdministrator(s, r)) s = applyAccessRemoval(s, r);
        if (hadAdmin) expect(staffHolding(s, "staff.manage").length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
