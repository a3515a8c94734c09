import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BUILT_IN_ROLES,
  canSeeApplication,
  OfficeId,
  permissionsOf,
  ProcedureId,
  STAFF_PERMISSIONS,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  staffAccessOf,
  visibleApplicationsFilter,
  type Procedure,
  type StaffAccessSnapshot,
  type StaffGroup,
  type StaffGroupScope,
} from "../../src/index.ts";

const alice = StaffId("alice");
const bob = StaffId("bob");
const procs = (ids: string[], officeIds: Record<string, string[]> = {}): Pick<Procedure, "id" | "officeIds">[] =>
  ids.map((id) => ({ id: ProcedureId(id), officeIds: (officeIds[id] ?? []).map(OfficeId) }));
const group = (id: string, scope: StaffGroupScope): StaffGroup => ({ id: StaffGroupId(id), name: id, scope });

describe("permissionsOf", () => {
  it("is empty for a staff member with no role (fail closed)", () => {
    const access = staffAccessOf({ groups: [], memberships: [], assignments: [] }, alice);
    expect([...permissionsOf(access)]).toEqual([]);
  });

  it("unites direct roles and the roles of the member's groups, and nothing of other groups or people", () => {
    const snapshot: StaffAccessSnapshot = {
      groups: [group("shimin", { kind: "all" }), group("zeimu", { kind: "all" })],
      memberships: [{ groupId: StaffGroupId("shimin"), staffId: alice }],
      assignments: [
        { roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: alice } },
        { roleId: StaffRoleId("auditor"), holder: { kind: "group", groupId: StaffGroupId("shimin") } },
        { roleId: StaffRoleId("administrator"), holder: { kind: "group", groupId: StaffGroupId("zeimu") } },
        { roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: bob } },
      ],
    };
    expect([...permissionsOf(staffAccessOf(snapshot, alice))].sort()).toEqual(["applications.view", "audit.view"]);
    expect([...permissionsOf(staffAccessOf(snapshot, bob))].sort()).toEqual(
      ["applications.export", "applications.process", "applications.view", "fees.change"].sort(),
    );
  });

  it("grants nothing for an unknown role id", () => {
    const access = staffAccessOf(
      { groups: [], memberships: [], assignments: [{ roleId: StaffRoleId("superuser"), holder: { kind: "staff", staffId: alice } }] },
      alice,
    );
    expect(permissionsOf(access).size).toBe(0);
  });

  it("built-in roles: the administrator holds every permission, the auditor only the audit log", () => {
    const role = (id: string) => BUILT_IN_ROLES.find((r) => r.id === id)?.permissions ?? [];
    expect([...role("administrator")].sort()).toEqual([...STAFF_PERMISSIONS].sort());
    expect(role("auditor")).toEqual(["audit.view"]);
    expect(role("viewer")).toEqual(["applications.view"]);
  });
});

describe("canSeeApplication and visibleApplicationsFilter", () => {
  const catalog = { procedures: procs(["juminhyo", "koseki", "zeimu"], { juminhyo: ["chuo", "kita"], koseki: ["chuo"], zeimu: ["honcho"] }) };
  const accessIn = (...groups: StaffGroup[]) =>
    staffAccessOf({ groups, memberships: groups.map((g) => ({ groupId: g.id, staffId: alice })), assignments: [] }, alice);

  it("a staff member outside every group sees nothing", () => {
    const access = accessIn();
    expect(visibleApplicationsFilter(access, catalog)).toEqual({ kind: "procedures", procedureIds: [] });
    expect(canSeeApplication(access, { procedureId: ProcedureId("juminhyo") }, catalog.procedures[0] ?? null)).toBe(false);
  });

  it("an all-scope group sees everything, even procedures no longer in the catalog", () => {
    const access = accessIn(group("all", { kind: "all" }));
    expect(visibleApplicationsFilter(access, catalog)).toEqual({ kind: "all" });
    expect(canSeeApplication(access, { procedureId: ProcedureId("gone") }, null)).toBe(true);
  });

  it("an office group (区役所) sees the procedures handled at that office", () => {
    const access = accessIn(group("kita-ku", { kind: "offices", officeIds: [OfficeId("kita")] }));
    expect(visibleApplicationsFilter(access, catalog)).toEqual({ kind: "procedures", procedureIds: ["juminhyo"] });
    expect(canSeeApplication(access, { procedureId: ProcedureId("koseki") }, catalog.procedures[1] ?? null)).toBe(false);
  });

  it("procedure and office groups unite", () => {
    const access = accessIn(
      group("zei", { kind: "procedures", procedureIds: [ProcedureId("zeimu")] }),
      group("chuo-ku", { kind: "offices", officeIds: [OfficeId("chuo")] }),
    );
    expect(visibleApplicationsFilter(access, catalog)).toEqual({ kind: "procedures", procedureIds: ["juminhyo", "koseki", "zeimu"] });
  });

  it("only the groups the staff member is in count", () => {
    const snapshot: StaffAccessSnapshot = {
      groups: [group("all", { kind: "all" }), group("zei", { kind: "procedures", procedureIds: [ProcedureId("zeimu")] })],
      memberships: [{ groupId: StaffGroupId("zei"), staffId: alice }, { groupId: StaffGroupId("all"), staffId: bob }],
      assignments: [],
    };
    expect(visibleApplicationsFilter(staffAccessOf(snapshot, alice), catalog)).toEqual({ kind: "procedures", procedureIds: ["zeimu"] });
  });

  // Properties over random configurations: the filter (used for lists) and the predicate (used for
  // details and commands) always agree, and membership is what grants visibility.
  const ids = ["a", "b", "c", "d"];
  const offices = ["o1", "o2", "o3"];
  const scopeArb: fc.Arbitrary<StaffGroupScope> = fc.oneof(
    fc.constant({ kind: "all" as const }),
    fc.record({ kind: fc.constant("procedures" as const), procedureIds: fc.subarray([...ids, "gone"]).map((xs) => xs.map(ProcedureId)) }),
    fc.record({ kind: fc.constant("offices" as const), officeIds: fc.subarray(offices).map((xs) => xs.map(OfficeId)) }),
  );
  const configArb = fc.record({
    groups: fc.array(scopeArb, { maxLength: 4 }),
    member: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    procedureOffices: fc.array(fc.subarray(offices), { minLength: 4, maxLength: 4 }),
  });

  it("property: the list filter and the per-application check agree on every application", () => {
    fc.assert(
      fc.property(configArb, fc.constantFrom(...ids, "gone"), ({ groups, member, procedureOffices }, procedureId) => {
        const catalog = { procedures: ids.map((id, i) => ({ id: ProcedureId(id), officeIds: (procedureOffices[i] ?? []).map(OfficeId) })) };
        const gs = groups.map((scope, i) => group(`g${i}`, scope));
        const snapshot: StaffAccessSnapshot = {
          groups: gs,
          memberships: gs.filter((_, i) => member[i]).map((g) => ({ groupId: g.id, staffId: alice })),
          assignments: [],
        };
        const access = staffAccessOf(snapshot, alice);
        const filter = visibleApplicationsFilter(access, catalog);
        const procedure = catalog.procedures.find((p) => p.id === procedureId) ?? null;
        const listed = filter.kind === "all" || filter.procedureIds.includes(ProcedureId(procedureId));
        expect(canSeeApplication(access, { procedureId: ProcedureId(procedureId) }, procedure)).toBe(listed);
        // Visibility comes only from groups the staff member is in.
        const inGroups = gs.filter((_, i) => member[i]);
        if (inGroups.length === 0) expect(listed).toBe(false);
        if (inGroups.some((g) => g.scope.kind === "all")) expect(listed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("property: adding a group membership never hides an application, removing one never reveals one", () => {
    fc.assert(
      fc.property(configArb, fc.nat(3), ({ groups, member, procedureOffices }, flip) => {
        const catalog = { procedures: ids.map((id, i) => ({ id: ProcedureId(id), officeIds: (procedureOffices[i] ?? []).map(OfficeId) })) };
        const gs = groups.map((scope, i) => group(`g${i}`, scope));
        const snap = (m: boolean[]): StaffAccessSnapshot => ({
          groups: gs,
          memberships: gs.filter((_, i) => m[i]).map((g) => ({ groupId: g.id, staffId: alice })),
          assignments: [],
        });
        const more = member.map((v, i) => v || i === flip);
        for (const p of catalog.procedures) {
          const before = canSeeApplication(staffAccessOf(snap(member), alice), { procedureId: p.id }, p);
          const after = canSeeApplication(staffAccessOf(snap(more), alice), { procedureId: p.id }, p);
          if (before) expect(after).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("property: permissions are exactly the union of the roles held directly or through the member's groups", () => {
    const roleIds = [...BUILT_IN_ROLES.map((r) => r.id as string), "unknown"];
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: fc.constantFrom(...roleIds), toGroup: fc.boolean(), groupIndex: fc.nat(2), toAlice: fc.boolean() }), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (grants, member) => {
          const gs = [0, 1, 2].map((i) => group(`g${i}`, { kind: "all" }));
          const snapshot: StaffAccessSnapshot = {
            groups: gs,
            memberships: gs.filter((_, i) => member[i]).map((g) => ({ groupId: g.id, staffId: alice })),
            assignments: grants.map((g) => ({
              roleId: StaffRoleId(g.role),
              holder: g.toGroup ? { kind: "group" as const, groupId: StaffGroupId(`g${g.groupIndex}`) } : { kind: "staff" as const, staffId: g.toAlice ? alice : bob },
            })),
          };
          const expected = new Set(
            grants
              .filter((g) => (g.toGroup ? member[g.groupIndex] : g.toAlice))
              .flatMap((g) => BUILT_IN_ROLES.find((r) => r.id === g.role)?.permissions ?? []),
          );
          expect([...permissionsOf(staffAccessOf(snapshot, alice))].sort()).toEqual([...expected].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
