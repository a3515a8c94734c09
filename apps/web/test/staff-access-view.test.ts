import { describe, expect, it } from "vitest";
import { resolveRoute } from "../src/router.ts";
import type { AccessConfig } from "../src/pages/staff/access/staff-access-api.ts";
import { accessMessages } from "../src/pages/staff/access/staff-access-messages.ts";
import { accessRows, scopeSummary } from "../src/pages/staff/access/staff-access-view.ts";

const config: AccessConfig = {
  groups: [
    { id: "kita-ku", name: "北区役所", scope: { kind: "offices", officeIds: ["kita"] } },
    { id: "zeimu", name: "税務課", scope: { kind: "procedures", procedureIds: ["shotoku-kazei", "gone"] } },
  ],
  memberships: [{ groupId: "kita-ku", staffId: "s-1" }],
  assignments: [
    { roleId: "processor", holder: { kind: "group", groupId: "kita-ku" } },
    { roleId: "auditor", holder: { kind: "staff", staffId: "s-2" } },
    { roleId: "administrator", holder: { kind: "staff", staffId: "s-1" } },
  ],
  roles: [
    { id: "processor", name: { ja: "処理担当", en: "Processor" }, permissions: ["applications.view"] },
    { id: "auditor", name: { ja: "監査担当", en: "Auditor" }, permissions: ["audit.view"] },
    { id: "administrator", name: { ja: "管理者", en: "Administrator" }, permissions: [] },
  ],
  procedures: [{ id: "shotoku-kazei", name: { ja: "所得・課税証明書", en: "Income certificate" }, officeIds: [] }],
  offices: [{ id: "kita", name: { ja: "北区役所", en: "Kita Ward Office" } }],
  staff: [{ id: "s-1", loginId: "yamada", displayName: "山田 花子" }],
};

describe("groups and roles page", () => {
  it("is routed at /staff/access", () => {
    expect(resolveRoute("/staff/access")).toEqual({ name: "staffAccess" });
    expect(resolveRoute("/staff/access/")).toEqual({ name: "staffAccess" });
    expect(resolveRoute("/staff/access/x")).toEqual({ name: "notFound" });
  });

  it("names a scope by its procedures or offices in the page's language (unknown ids as they are)", () => {
    expect(scopeSummary({ kind: "all" }, config, "ja", accessMessages.ja.scopeAll)).toBe("すべての申請");
    expect(scopeSummary(config.groups[0]!.scope, config, "en", "")).toBe("Kita Ward Office");
    expect(scopeSummary(config.groups[1]!.scope, config, "ja", "")).toBe("所得・課税証明書、gone");
  });

  it("lists each group with its members and roles, and direct roles by staff id", () => {
    const rows = accessRows(config, "ja");
    expect(rows.groups.map((g) => [g.group.id, g.members, g.roles.map((r) => r.name)])).toEqual([
      ["kita-ku", ["s-1"], ["処理担当"]],
      ["zeimu", [], []],
    ]);
    expect(rows.direct).toEqual([
      { staffId: "s-1", roleId: "administrator", roleName: "管理者" },
      { staffId: "s-2", roleId: "auditor", roleName: "監査担当" },
    ]);
  });

  it("names staff by name and login ID, or by id when the account is unknown", async () => {
    const { staffLabel } = await import("../src/pages/staff/access/staff-access-view.ts");
    expect(staffLabel(config, "s-1")).toBe("山田 花子（yamada）");
    expect(staffLabel(config, "s-9")).toBe("s-9");
  });

  it("has every text in Japanese and English", () => {
    expect(Object.keys(accessMessages.en).sort()).toEqual(Object.keys(accessMessages.ja).sort());
  });
});

describe("CSV export link", () => {
  it("carries the encoding and the list's status filter", async () => {
    const { applicationsExportUrl } = await import("../src/pages/staff/access/export-links.tsx");
    expect(applicationsExportUrl("", "utf-8")).toBe("/api/staff/applications/export?encoding=utf-8");
    expect(applicationsExportUrl("received", "shift_jis")).toBe("/api/staff/applications/export?encoding=shift_jis&status=received");
    // S3: the chosen columns, in the order given; none chosen leaves the server's defaults.
    expect(applicationsExportUrl("", "utf-8", ["applicantName", "address"])).toBe("/api/staff/applications/export?encoding=utf-8&columns=applicantName%2Caddress");
    expect(applicationsExportUrl("", "utf-8", [])).toBe("/api/staff/applications/export?encoding=utf-8");
  });
});

describe("an applications export approval as the approver reads it (S3)", () => {
  it("names the status filter and the columns the file will hold", async () => {
    const { describeSubject } = await import("../src/pages/staff/approvals/approval-messages.ts");
    expect(describeSubject("ja", "applications.export", { status: null, columns: "receiptNumber,address" })).toBe("すべての状態, columns=receiptNumber,address");
    expect(describeSubject("en", "applications.export", { status: "received", columns: "receiptNumber" })).toBe("status=received, columns=receiptNumber");
    expect(describeSubject("en", "applications.export", { status: null })).toBe("every status");
  });
});
