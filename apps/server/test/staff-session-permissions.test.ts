import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type StaffId } from "@madoguchi/core";
import { DEMO_STAFF_LOGIN_ID, ensureInitialAdministrator } from "../src/staff/ensure-demo-staff.ts";
import { call } from "./support/api-client.ts";
import { staffLoginAs } from "./support/staff-totp.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

const ALL = ["applications.view", "applications.process", "fees.change", "applications.export", "forms.manage", "staff.manage", "retention.manage", "audit.view", "counter.use"];

const withRole = async (label: string, roleId: string) => {
  const me = await staffWithSession(server, label);
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(roleId), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  return me;
};
const sessionOf = (headers: Record<string, string>) => call(`${server.staffUrl}/api/staff/me`, { headers });

describe("the staff session answer carries the member's permissions (the back office hides what they do not allow)", () => {
  it("answers the permissions of each built-in role, in the canonical order", async () => {
    const cases: [string, readonly string[]][] = [
      ["viewer", ["applications.view"]],
      ["processor", ["applications.view", "applications.process", "fees.change", "applications.export"]],
      ["administrator", ALL],
      ["auditor", ["audit.view"]],
      ["counter", ["counter.use"]],
    ];
    for (const [roleId, expected] of cases) {
      const me = await withRole(`role-${roleId}`, roleId);
      const answer = await sessionOf(me.headers);
      expect([roleId, answer.status, answer.body.permissions]).toEqual([roleId, 200, expected]);
    }
  });

  it("answers none for a member without a role, and the union of roles held directly and through a group", async () => {
    const none = await staffWithSession(server, "no-role");
    expect((await sessionOf(none.headers)).body.permissions).toEqual([]);

    const both = await withRole("viewer-and-auditor-group", "viewer");
    const group = StaffGroupId("auditors-for-session-test");
    (await server.deps.staffAccess.saveGroup({ id: group, name: "監査", scope: { kind: "all" } }))._unsafeUnwrap();
    (await server.deps.staffAccess.addMember(group, both.id))._unsafeUnwrap();
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("auditor"), holder: { kind: "group", groupId: group } }))._unsafeUnwrap();
    expect((await sessionOf(both.headers)).body.permissions).toEqual(["applications.view", "audit.view"]);
  });

  it("follows a role change at the next answer, and the server still refuses what the answer leaves out", async () => {
    const me = await withRole("processor-then-viewer", "processor");
    expect((await sessionOf(me.headers)).body.permissions).toContain("applications.export");
    (await server.deps.staffAccess.revokeRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
    expect((await sessionOf(me.headers)).body.permissions).toEqual(["applications.view"]);
    expect((await call(`${server.staffUrl}/api/staff/applications/export`, { headers: me.headers })).status).toBe(403);
    expect((await call(`${server.staffUrl}/api/staff/access`, { headers: me.headers })).status).toBe(403);
  });

  it("the login's own answer carries them too (the page shows the right sections without asking again)", async () => {
    // The demo account is the initial administrator, signed in through password and TOTP enrolment.
    const done = await staffLoginAs(server, DEMO_STAFF_LOGIN_ID, DEMO_PASSWORD);
    expect(done.body.permissions).toEqual(ALL);
  });
});

describe("the first-start bootstrap of the initial administrator is audited", () => {
  const bootstrapEntries = async () =>
    (await server.deps.auditLog.read({ actor: { kind: "system", id: null }, actions: ["staff_group.saved", "staff_group.member_added", "staff_role.assigned"], afterSeq: 0, limit: 50 }))
      ._unsafeUnwrap()
      .filter((e) => e.details["bootstrap"] === "initial_administrator");

  it("records each configuration change it made (who = system, what, target), chained in the log", async () => {
    const demo = (await server.deps.staff.findByLoginId(DEMO_STAFF_LOGIN_ID))._unsafeUnwrap();
    const demoId = demo?.id as StaffId;
    const entries = await bootstrapEntries();
    expect(entries.map((e) => [e.actor, e.action, e.target, e.result, e.sourceIp])).toEqual([
      [{ kind: "system", id: null }, "staff_group.saved", { kind: "staff_group", id: "all-applications" }, "success", null],
      [{ kind: "system", id: null }, "staff_group.member_added", { kind: "staff_group", id: "all-applications" }, "success", null],
      [{ kind: "system", id: null }, "staff_role.assigned", { kind: "staff_account", id: demoId }, "success", null],
    ]);
    expect(entries[0]?.details).toMatchObject({ created: true, scope: "all" });
    expect(entries[1]?.details).toMatchObject({ staffId: demoId });
    expect(entries[2]?.details).toMatchObject({ roleId: "administrator", holderKind: "staff", holderId: demoId });
  });

  it("appends nothing when it runs again on a configured installation", async () => {
    const before = (await bootstrapEntries()).length;
    expect((await ensureInitialAdministrator(server.deps.staff, server.deps.staffAccess, new Date()))._unsafeUnwrap()).toBe(false);
    expect((await bootstrapEntries()).length).toBe(before);
  });
});
