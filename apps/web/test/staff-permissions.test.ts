import { describe, expect, it } from "vitest";
import { APPROVAL_PERMISSION, BUILT_IN_ROLES, STAFF_PERMISSIONS, type StaffPermission } from "@madoguchi/core";
import { APPROVAL_PERMISSIONS, can, canUseSection, SECTION_PERMISSION, STAFF_SECTIONS, STAFF_SUBPAGES, subpagesOf, SUBPAGE_SECTION, visibleSections } from "../src/pages/staff/staff-permissions.ts";
import { staffSectionLinks, staffSubpageLinks } from "../src/pages/staff/staff-nav.tsx";
import { resolveRoute } from "../src/router.ts";

/** The permissions the server answers for a member holding exactly this built-in role. */
const ofRole = (id: string): readonly StaffPermission[] => BUILT_IN_ROLES.find((r) => r.id === id)?.permissions ?? [];

describe("what the back office shows, from the session's permissions", () => {
  it("offers each role only the sections it may use, in the navigation's order", () => {
    expect(visibleSections(ofRole("viewer"))).toEqual(["applications", "statistics", "security", "help"]);
    // Processors export and auditors export the log: both may ask for and give approvals (ADR 24).
    expect(visibleSections(ofRole("processor"))).toEqual(["applications", "statistics", "approvals", "settlement", "security", "help"]);
    expect(visibleSections(ofRole("auditor"))).toEqual(["audit", "approvals", "security", "help"]);
    expect(visibleSections(ofRole("administrator"))).toEqual(["applications", "counter", "statistics", "audit", "retention", "approvals", "settlement", "notices", "procedures", "security", "access", "accounts", "help"]);
    // The counter clerk (窓口担当) sees the no-writing counter only: no online applications.
    expect(visibleSections(ofRole("counter"))).toEqual(["counter", "security", "help"]);
    // No role at all: only the member's own security settings and the manual.
    expect(visibleSections([])).toEqual(["security", "help"]);
  });

  it("needs for each section the permission its API routes require", () => {
    expect(SECTION_PERMISSION).toEqual({
      applications: "applications.view",
      counter: "counter.use",
      statistics: "applications.view",
      audit: "audit.view",
      retention: "retention.manage",
      approvals: ["retention.manage", "applications.export", "audit.view", "fees.change"],
      settlement: "fees.change",
      notices: "forms.manage",
      procedures: "forms.manage",
      security: null,
      access: "staff.manage",
      accounts: "staff.manage",
      help: null,
    });
    for (const section of STAFF_SECTIONS) {
      const needed = SECTION_PERMISSION[section];
      if (needed === null) continue;
      const anyOf: readonly StaffPermission[] = typeof needed === "string" ? [needed] : needed;
      for (const p of anyOf) expect([section, p, canUseSection([p], section)]).toEqual([section, p, true]);
      expect([section, canUseSection(STAFF_PERMISSIONS.filter((p) => !anyOf.includes(p)), section)]).toEqual([section, false]);
    }
  });

  it("offers the retention page (S4: the applications' period and their deletion) to holders of retention.manage only", () => {
    // Among the built-in roles only administrators hold it: the auditor reads the audit log's period but deletes nothing.
    expect(BUILT_IN_ROLES.filter((r) => canUseSection(r.permissions, "retention")).map((r) => r.id)).toEqual(["administrator"]);
    expect(visibleSections(["retention.manage"])).toEqual(["retention", "approvals", "security", "help"]);
    expect(canUseSection(STAFF_PERMISSIONS.filter((p) => p !== "retention.manage"), "retention")).toBe(false);
  });

  it("offers the notices page (R14) to holders of forms.manage only, among the built-in roles the administrator", () => {
    expect(BUILT_IN_ROLES.filter((r) => canUseSection(r.permissions, "notices")).map((r) => r.id)).toEqual(["administrator"]);
    expect(visibleSections(["forms.manage"])).toEqual(["notices", "procedures", "security", "help"]);
  });

  it("offers the procedures page (S6: procedures and forms built without developers) to holders of forms.manage only, at the path it lives at", () => {
    expect(BUILT_IN_ROLES.filter((r) => canUseSection(r.permissions, "procedures")).map((r) => r.id)).toEqual(["administrator"]);
    expect(canUseSection(STAFF_PERMISSIONS.filter((p) => p !== "forms.manage"), "procedures")).toBe(false);
    for (const locale of ["ja", "en"] as const) expect(resolveRoute(staffSectionLinks(locale).procedures.href).name).toBe("staffProcedures");
    expect(staffSectionLinks("ja").procedures.label).toBe("手続の管理");
    expect(staffSectionLinks("en").procedures.label).toBe("Procedures");
  });

  it("offers the no-writing counter (書かない窓口) to holders of counter.use only: the counter clerk and the administrator", () => {
    expect(BUILT_IN_ROLES.filter((r) => canUseSection(r.permissions, "counter")).map((r) => r.id)).toEqual(["administrator", "counter"]);
    expect(canUseSection(STAFF_PERMISSIONS.filter((p) => p !== "counter.use"), "counter")).toBe(false);
  });

  it("lists the counter's kept records (保存記録, C9) and its report (窓口の利用状況, C13) under the counter: offered and gated with it, by counter.use", () => {
    expect(STAFF_SUBPAGES).toEqual(["counterRecords", "counterReport"]);
    expect(SUBPAGE_SECTION.counterRecords).toBe("counter");
    expect(SUBPAGE_SECTION.counterReport).toBe("counter");
    expect(subpagesOf("counter")).toEqual(["counterRecords", "counterReport"]);
    for (const section of STAFF_SECTIONS) if (section !== "counter") expect([section, subpagesOf(section)]).toEqual([section, []]);
    for (const locale of ["ja", "en"] as const) {
      expect(resolveRoute(staffSubpageLinks(locale).counterRecords.href).name).toBe("staffCounterRecords");
      expect(resolveRoute(staffSubpageLinks(locale).counterReport.href).name).toBe("staffCounterReport");
    }
    expect(staffSubpageLinks("ja").counterRecords.label).toBe("保存記録");
    expect(staffSubpageLinks("ja").counterReport.label).toBe("窓口の利用状況");
    expect(staffSubpageLinks("en").counterReport.label).toBe("Counter usage");
  });

  it("offers the staff manual (N10) to every signed-in member, whatever their permissions, last in the navigation", () => {
    // No permission, each single permission, every built-in role and all permissions at once.
    const holdings: readonly (readonly StaffPermission[])[] = [[], ...STAFF_PERMISSIONS.map((p) => [p]), ...BUILT_IN_ROLES.map((r) => r.permissions), STAFF_PERMISSIONS];
    for (const permissions of holdings) {
      expect(canUseSection(permissions, "help")).toBe(true);
      expect(visibleSections(permissions).at(-1)).toBe("help");
    }
    expect(SECTION_PERMISSION.help).toBeNull();
  });

  it("lets the members who may ask for or give an approval of some kind see the approvals page, as core's table says", () => {
    // The applications' retention shortening (S4) adds a kind but no permission: retention.manage covers both periods.
    expect([...APPROVAL_PERMISSIONS].sort()).toEqual([...new Set(Object.values(APPROVAL_PERMISSION))].sort());
  });

  it("shows the export control and the commands only to the roles that hold their permission", () => {
    const holders = (permission: StaffPermission) => BUILT_IN_ROLES.filter((r) => can(r.permissions, permission)).map((r) => r.id);
    expect(holders("applications.export")).toEqual(["processor", "administrator"]);
    expect(holders("applications.process")).toEqual(["processor", "administrator"]);
    expect(can([], "applications.view")).toBe(false);
  });
});
