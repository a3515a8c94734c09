import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyAccessRemoval,
  checkAccessInvariant,
  hasAdministrator,
  keepsAnAdministrator,
  leavesNoAdministrator,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  type AccessRemoval,
  type StaffAccessSnapshot,
} from "../../src/index.ts";

const admins = StaffGroupId("admins");
const a = StaffId("a");
const b = StaffId("b");
const adminRole = StaffRoleId("administrator");
const base: StaffAccessSnapshot = {
  groups: [{ id: admins, name: "管理", scope: { kind: "all" } }],
  memberships: [{ groupId: admins, staffId: a }],
  assignments: [
    { roleId: adminRole, holder: { kind: "group", groupId: admins } },
    { roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: b } },
  ],
};
const empty: StaffAccessSnapshot = { groups: [], memberships: [], assignments: [] };

describe("keepsAnAdministrator: the invariant the store checks in its transaction", () => {
  it("counts holders of staff.manage, directly or through a group; an auditor or an unknown role does not count", () => {
    expect(hasAdministrator(base)).toBe(true);
    expect(hasAdministrator({ ...base, memberships: [] })).toBe(false);
    expect(hasAdministrator({ ...empty, assignments: [{ roleId: StaffRoleId("auditor"), holder: { kind: "staff", staffId: a } }] })).toBe(false);
    expect(hasAdministrator({ ...empty, assignments: [{ roleId: StaffRoleId("superuser"), holder: { kind: "staff", staffId: a } }] })).toBe(false);
    expect(hasAdministrator({ ...empty, assignments: [{ roleId: adminRole, holder: { kind: "staff", staffId: b } }] })).toBe(true);
  });

  it("refuses losing the last administrator, allows everything else", () => {
    const noAdmin = applyAccessRemoval(base, { kind: "removeMember", groupId: admins, staffId: a });
    expect(keepsAnAdministrator.holds(base, noAdmin)).toBe(false);
    expect(keepsAnAdministrator.holds(base, base)).toBe(true);
    // Nobody was an administrator before: other writes are not blocked (the bootstrap, a hand repair).
    expect(keepsAnAdministrator.holds(empty, empty)).toBe(true);
    expect(keepsAnAdministrator.holds(noAdmin, noAdmin)).toBe(true);
  });

  it("checkAccessInvariant answers a typed error naming the invariant and the operation, or null", () => {
    const noAdmin = { ...base, memberships: [] };
    expect(checkAccessInvariant(keepsAnAdministrator, "staff-access-store.removeMember", base, noAdmin)).toEqual({
      _tag: "AccessInvariantViolated",
      code: "staff_access.invariant_violated",
      invariant: "keeps_an_administrator",
      operation: "staff-access-store.removeMember",
    });
    expect(checkAccessInvariant(keepsAnAdministrator, "op", base, base)).toBeNull();
    expect(checkAccessInvariant(undefined, "op", base, noAdmin)).toBeNull();
  });

  it("property: agrees with leavesNoAdministrator on every removal", () => {
    const staff = [a, b, StaffId("c")];
    const groups = ["g0", "g1"].map(StaffGroupId);
    const roleArb = fc.constantFrom("administrator", "viewer", "auditor").map(StaffRoleId);
    const holderArb = fc.oneof(
      fc.record({ kind: fc.constant("staff" as const), staffId: fc.constantFrom(...staff) }),
      fc.record({ kind: fc.constant("group" as const), groupId: fc.constantFrom(...groups) }),
    );
    const snapshotArb = fc.record({
      groups: fc.constant(groups.map((id) => ({ id, name: id, scope: { kind: "all" as const } }))),
      memberships: fc.uniqueArray(fc.record({ groupId: fc.constantFrom(...groups), staffId: fc.constantFrom(...staff) }), { selector: (m) => `${m.groupId}|${m.staffId}` }),
      assignments: fc.array(fc.record({ roleId: roleArb, holder: holderArb }), { maxLength: 5 }),
    });
    const removalArb: fc.Arbitrary<AccessRemoval> = fc.oneof(
      fc.constantFrom(...groups).map((groupId) => ({ kind: "deleteGroup" as const, groupId })),
      fc.record({ kind: fc.constant("removeMember" as const), groupId: fc.constantFrom(...groups), staffId: fc.constantFrom(...staff) }),
      fc.record({ kind: fc.constant("revokeRole" as const), assignment: fc.record({ roleId: roleArb, holder: holderArb }) }),
    );
    fc.assert(
      fc.property(snapshotArb, removalArb, (s, r) => {
        expect(keepsAnAdministrator.holds(s, applyAccessRemoval(s, r))).toBe(!leavesNoAdministrator(s, r));
      }),
      { numRuns: 500 },
    );
  });
});
