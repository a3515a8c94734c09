import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, staffLogin } from "./support/api-client.ts";
import { catalogWithOffices, staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "madoguchi-access-admin-"));
  server = await startTestServer({ MADOGUCHI_CATALOG_FILE: catalogWithOffices(dir) });
});
afterAll(async () => {
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo staff account's id (the administrator `staffLogin` signs in as). */
const demoId = async (): Promise<string> => (await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()!.id;

describe("admin API of groups and roles (staff.manage)", () => {
  it("an administrator creates a 区役所 group, adds a member, gives the group a role: the member then sees that office's applications; every change is audited", async () => {
    const admin = await staffLogin(server);
    const at = (path: string) => `${server.staffUrl}/api/staff/access${path}`;
    const member = await staffWithSession(server, "kita-clerk");
    const kita = submittedApplication("inkan", "北 太郎", new Date("2026-11-21T00:00:00Z"));
    const chuo = submittedApplication("koseki", "中央 花子", new Date("2026-11-21T00:01:00Z"));
    for (const a of [kita, chuo]) (await server.deps.applications.insert(a, []))._unsafeUnwrap();

    expect((await call(`${server.staffUrl}/api/staff/applications`, { headers: member.headers })).status).toBe(403);

    const created = await call(at("/groups/kita-ku"), { headers: admin.headers, body: { name: "北区役所 市民課", scope: { kind: "offices", officeIds: ["kita"] } } });
    expect(created.status).toBe(201);
    const renamed = await call(at("/groups/kita-ku"), { headers: admin.headers, body: { name: "北区役所", scope: { kind: "offices", officeIds: ["kita"] } } });
    expect(renamed.status).toBe(200);
    expect((await call(at("/groups/kita-ku/members"), { headers: admin.headers, body: { loginId: member.loginId } })).body).toEqual({ changed: true });
    expect((await call(at("/groups/kita-ku/members"), { headers: admin.headers, body: { loginId: member.loginId } })).body).toEqual({ changed: false });
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "processor", holder: { kind: "group", groupId: "kita-ku" } } })).body).toEqual({ changed: true });

    const list = await call(`${server.staffUrl}/api/staff/applications?limit=200`, { headers: member.headers });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(kita.id);
    expect(ids).not.toContain(chuo.id);

    const config = await call(at(""), { headers: admin.headers });
    expect(config.status).toBe(200);
    expect(config.body.groups).toContainEqual({ id: "kita-ku", name: "北区役所", scope: { kind: "offices", officeIds: ["kita"] } });
    expect(config.body.memberships).toContainEqual({ groupId: "kita-ku", staffId: member.id });
    expect(config.body.staff).toContainEqual({ id: member.id, loginId: member.loginId, displayName: "kita-clerk" });
    expect(config.body.offices.map((o: { id: string }) => o.id)).toEqual(["chuo", "kita"]);

    expect((await call(at("/roles/revoke"), { headers: admin.headers, body: { roleId: "processor", holder: { kind: "group", groupId: "kita-ku" } } })).body).toEqual({ changed: true });
    // A direct role, given by login id and revoked by staff id (as the back office lists holders).
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "auditor", holder: { kind: "staff", loginId: member.loginId } } })).body).toEqual({ changed: true });
    expect((await call(at("/roles/revoke"), { headers: admin.headers, body: { roleId: "auditor", holder: { kind: "staff", staffId: member.id } } })).body).toEqual({ changed: true });
    expect((await call(`${server.staffUrl}/api/staff/applications`, { headers: member.headers })).status).toBe(403);
    expect((await call(at(`/groups/kita-ku/members/${member.id}`), { method: "DELETE", headers: admin.headers })).body).toEqual({ changed: true });
    expect((await call(at("/groups/kita-ku"), { method: "DELETE", headers: admin.headers })).status).toBe(200);
    expect((await call(at("/groups/kita-ku"), { method: "DELETE", headers: admin.headers })).status).toBe(404);

    const entries = (await server.deps.auditLog.read({ target: { kind: "staff_group", id: "kita-ku" }, afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(entries.map((e) => e.action)).toEqual([
      "staff_group.saved",
      "staff_group.saved",
      "staff_group.member_added",
      "staff_role.assigned",
      "staff_role.revoked",
      "staff_group.member_removed",
      "staff_group.deleted",
    ]);
    expect(entries[2]?.details).toEqual({ staffId: member.id });
    expect(entries.slice(0, 2).map((e) => e.details)).toEqual([
      { created: true, scope: "offices" },
      { created: false, scope: "offices" },
    ]);
    // The direct role, given and taken back: one entry each, on the staff account; the repeated
    // membership above (changed: false) left none.
    const onMember = (await server.deps.auditLog.read({ target: { kind: "staff_account", id: member.id }, afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(onMember.map((e) => [e.action, e.details])).toEqual([
      ["staff_role.assigned", { roleId: "auditor", holderKind: "staff", holderId: member.id }],
      ["staff_role.revoked", { roleId: "auditor", holderKind: "staff", holderId: member.id }],
    ]);
    const adminId = await demoId();
    for (const e of [...entries, ...onMember]) expect([e.actor, e.result]).toEqual([{ kind: "staff", id: adminId }, "success"]);
  });

  it("refuses unknown scopes, staff and groups, and malformed bodies, with ja/en messages", async () => {
    const admin = await staffLogin(server);
    const at = (path: string) => `${server.staffUrl}/api/staff/access${path}`;
    const unknownOffice = await call(at("/groups/x"), { headers: admin.headers, body: { name: "x", scope: { kind: "offices", officeIds: ["nowhere"] } } });
    expect([unknownOffice.status, unknownOffice.body.error.code]).toEqual([422, "staff_access.unknown_scope"]);
    const en = await call(at("/groups/x/members"), { headers: { ...admin.headers, "accept-language": "en" }, body: { loginId: "nobody" } });
    expect([en.status, en.body.error.message]).toEqual([404, "No staff account has this login ID."]);
    const role = await call(at("/roles"), { headers: admin.headers, body: { roleId: "viewer", holder: { kind: "group", groupId: "missing" } } });
    expect([role.status, role.body.error.message]).toEqual([404, "このグループはありません。"]);
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "superuser", holder: { kind: "group", groupId: "x" } } })).status).toBe(400);
    expect((await call(at("/groups/Bad%20Id"), { headers: admin.headers, body: { name: "x", scope: { kind: "all" } } })).status).toBe(400);
  });

  it("refuses to remove the last administrator (409, ja/en), and allows it once another administrator exists", async () => {
    const admin = await staffLogin(server);
    const at = (path: string) => `${server.staffUrl}/api/staff/access${path}`;
    const snapshot = (await server.deps.staffAccess.snapshot())._unsafeUnwrap();
    const demoId = snapshot.assignments.find((a) => a.roleId === "administrator" && a.holder.kind === "staff")!.holder as { staffId: string };
    const revokeDemo = { roleId: "administrator", holder: { kind: "staff", staffId: demoId.staffId } };
    const refused = await call(at("/roles/revoke"), { headers: { ...admin.headers, "accept-language": "en" }, body: revokeDemo });
    expect([refused.status, refused.body.error.code]).toEqual([409, "staff_access.last_administrator"]);
    expect(refused.body.error.message).toContain("Give the administrator role to someone else first");
    const other = await staffWithSession(server, "second-admin");
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "administrator", holder: { kind: "staff", staffId: other.id } } })).body).toEqual({ changed: true });
    expect((await call(at("/roles/revoke"), { headers: admin.headers, body: revokeDemo })).body).toEqual({ changed: true });
    // Put the demo account back, as the other administrator, for the other tests.
    expect((await call(at("/roles"), { headers: other.headers, body: revokeDemo })).body).toEqual({ changed: true });
  });

  it("the last-administrator refusal answers 409 in Japanese by default, changes nothing and audits no change", async () => {
    const admin = { ...(await staffLogin(server)), id: await demoId() };
    const at = (path: string) => `${server.staffUrl}/api/staff/access${path}`;
    // Earlier tests may have left other administrators: the demo account becomes the only one.
    for (const a of (await server.deps.staffAccess.snapshot())._unsafeUnwrap().assignments) {
      if (a.roleId === "administrator" && !(a.holder.kind === "staff" && a.holder.staffId === admin.id)) {
        expect((await call(at("/roles/revoke"), { headers: admin.headers, body: a })).body).toEqual({ changed: true });
      }
    }
    const admins = (await server.deps.staffAccess.snapshot())._unsafeUnwrap().assignments.filter((a) => a.roleId === "administrator");
    expect(admins).toEqual([{ roleId: "administrator", holder: { kind: "staff", staffId: admin.id } }]);
    const changes = async () =>
      (await server.deps.auditLog.read({ actions: ["staff_role.revoked", "staff_group.member_removed", "staff_group.deleted"], afterSeq: 0, limit: 1_000 }))._unsafeUnwrap().length;
    const changesBefore = await changes();
    const refused = await call(at("/roles/revoke"), { headers: admin.headers, body: { roleId: "administrator", holder: { kind: "staff", staffId: admin.id } } });
    expect([refused.status, refused.body.error]).toEqual([
      409,
      {
        code: "staff_access.last_administrator",
        message: "職員管理の権限を持つ職員が一人もいなくなるため、この変更はできません。先に別の職員に管理者の役割を付けてください。",
      },
    ]);
    // A group holding the administrator role: removing its only member or deleting it is refused too.
    expect((await call(at("/groups/admins"), { headers: admin.headers, body: { name: "管理者", scope: { kind: "all" } } })).status).toBe(201);
    expect((await call(at("/groups/admins/members"), { headers: admin.headers, body: { loginId: "demo-staff" } })).body).toEqual({ changed: true });
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "administrator", holder: { kind: "group", groupId: "admins" } } })).body).toEqual({ changed: true });
    expect((await call(at("/roles/revoke"), { headers: admin.headers, body: { roleId: "administrator", holder: { kind: "staff", staffId: admin.id } } })).body).toEqual({ changed: true });
    const afterSetup = (await server.deps.staffAccess.snapshot())._unsafeUnwrap();
    const changesAfterSetup = await changes();
    expect(changesAfterSetup).toBe(changesBefore + 1);
    for (const attempt of [
      call(at(`/groups/admins/members/${admin.id}`), { method: "DELETE", headers: admin.headers }),
      call(at("/groups/admins"), { method: "DELETE", headers: { ...admin.headers, "accept-language": "en" } }),
    ]) {
      const res = await attempt;
      expect([res.status, res.body.error.code]).toEqual([409, "staff_access.last_administrator"]);
    }
    expect((await server.deps.staffAccess.snapshot())._unsafeUnwrap()).toEqual(afterSetup);
    expect(await changes()).toBe(changesAfterSetup);
    // Back to the demo account as the direct administrator, for the other tests.
    expect((await call(at("/roles"), { headers: admin.headers, body: { roleId: "administrator", holder: { kind: "staff", staffId: admin.id } } })).body).toEqual({ changed: true });
    expect((await call(at("/groups/admins"), { method: "DELETE", headers: admin.headers })).status).toBe(200);
  });

  it("two administrators revoking each other at the same moment: exactly one succeeds, the other gets 409", async () => {
    const admin = { ...(await staffLogin(server)), id: await demoId() };
    const at = (path: string) => `${server.staffUrl}/api/staff/access${path}`;
    const other = await staffWithSession(server, "rival-admin");
    const role = (staffId: string) => ({ roleId: "administrator", holder: { kind: "staff", staffId } });
    expect((await call(at("/roles"), { headers: admin.headers, body: role(other.id) })).body).toEqual({ changed: true });
    const [byAdmin, byOther] = await Promise.all([
      call(at("/roles/revoke"), { headers: admin.headers, body: role(other.id) }),
      call(at("/roles/revoke"), { headers: other.headers, body: role(admin.id) }),
    ]);
    // The loser is refused by the store's invariant (409) or, when the winner's revocation committed
    // before its request was authorised, for no longer holding staff.manage (403). Never both 200.
    const statuses = [byAdmin.status, byOther.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const left = (await server.deps.staffAccess.snapshot())._unsafeUnwrap().assignments.filter((a) => a.roleId === "administrator");
    expect(left).toHaveLength(1);
    // Restore: the demo account stays (or becomes again) the only administrator.
    const winner = byAdmin.status === 200 ? admin : other;
    if (winner === other) expect((await call(at("/roles"), { headers: other.headers, body: role(admin.id) })).body).toEqual({ changed: true });
    if (winner === other) expect((await call(at("/roles/revoke"), { headers: admin.headers, body: role(other.id) })).body).toEqual({ changed: true });
    expect((await server.deps.staffAccess.snapshot())._unsafeUnwrap().assignments.filter((a) => a.roleId === "administrator")).toEqual([role(admin.id)]);
  });

  it("a staff member without staff.manage is refused (403) and recorded; without the CSRF token a change is refused", async () => {
    const viewer = await staffWithSession(server, "viewer");
    (await server.deps.staffAccess.assignRole({ roleId: "viewer" as never, holder: { kind: "staff", staffId: viewer.id } }))._unsafeUnwrap();
    const res = await call(`${server.staffUrl}/api/staff/access/groups/sneaky`, { headers: viewer.headers, body: { name: "x", scope: { kind: "all" } } });
    expect(res.status).toBe(403);
    const denied = (await server.deps.auditLog.read({ actor: { kind: "staff", id: viewer.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(denied.map((e) => e.details["permission"])).toEqual(["staff.manage"]);
    // Holding staff.manage is not enough to change access: the second factor must be recent (step-up).
    const notSteppedUp = await staffWithSession(server, "admin-no-step-up", { steppedUp: false });
    (await server.deps.staffAccess.assignRole({ roleId: "administrator" as never, holder: { kind: "staff", staffId: notSteppedUp.id } }))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/access`, { headers: notSteppedUp.headers })).status).toBe(200);
    const stale = await call(`${server.staffUrl}/api/staff/access/groups/sneaky`, { headers: notSteppedUp.headers, body: { name: "x", scope: { kind: "all" } } });
    expect([stale.status, stale.body.error.code]).toEqual([403, "staff.step_up_required"]);
    const staleDenied = (await server.deps.auditLog.read({ actor: { kind: "staff", id: notSteppedUp.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(staleDenied.map((e) => [e.details["reason"], e.details["method"], e.details["path"]])).toEqual([["step_up_required", "POST", "/api/staff/access/groups/sneaky"]]);
    const admin = await staffLogin(server);
    const noCsrf = await call(`${server.staffUrl}/api/staff/access/groups/sneaky`, { headers: { cookie: admin.headers.cookie }, body: { name: "x", scope: { kind: "all" } } });
    expect(noCsrf.status).toBe(403);
    expect((await server.deps.staffAccess.snapshot())._unsafeUnwrap().groups.map((g) => g.id)).not.toContain("sneaky");
  });
});
