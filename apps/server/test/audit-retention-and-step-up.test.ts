import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffRoleId, type AuditAction } from "@madoguchi/core";
import { call, staffLogin } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { totpCodeFor } from "./support/staff-totp.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  // The deployment's default differs from the built-in 36, so the test sees which one is in force.
  server = await startTestServer({ MADOGUCHI_AUDIT_RETENTION_MONTHS: "48" });
});
afterAll(async () => {
  await server?.dispose();
});

const RETENTION = "/api/staff/settings/audit-retention";
const url = (path: string) => `${server.staffUrl}${path}`;

/** A staff member with one built-in role and a live session (stepped up unless told otherwise). */
const withRole = async (role: string, options: { steppedUp?: boolean } = {}) => {
  const me = await staffWithSession(server, role, options);
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  return me;
};

const entriesOf = async (staffId: string, actions: AuditAction[]) =>
  (await server.deps.auditLog.read({ actor: { kind: "staff", id: staffId }, actions, afterSeq: 0, limit: 100 }))._unsafeUnwrap();

const put = (headers: Record<string, string>, body: unknown) => call(url(RETENTION), { method: "PUT", headers, body });

describe("audit retention set by an administrator", () => {
  it("is read by auditors and retention managers (the deployment's default until set), refused to others", async () => {
    const auditor = await withRole("auditor");
    const seen = await call(url(RETENTION), { headers: auditor.headers });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ months: 48, source: "default", defaultMonths: 48, minMonths: 12, maxMonths: 1200, canChange: false });
    const admin = await withRole("administrator");
    expect((await call(url(RETENTION), { headers: admin.headers })).body.canChange).toBe(true);
    const viewer = await withRole("viewer");
    const refused = await call(url(RETENTION), { headers: viewer.headers });
    expect([refused.status, refused.body.error.code]).toEqual([403, "staff.forbidden"]);
    expect((await entriesOf(viewer.id, ["authorization.denied"])).map((e) => e.details["permission"])).toEqual(["audit.view|retention.manage"]);
  });

  it("a change is refused without retention.manage, without a recent step-up, without the CSRF token — each recorded, nothing changed", async () => {
    const auditor = await withRole("auditor");
    const forbidden = await put(auditor.headers, { months: 24 });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, "staff.forbidden"]);
    expect((await entriesOf(auditor.id, ["authorization.denied"])).map((e) => e.details["permission"])).toEqual(["retention.manage"]);

    const stale = await withRole("administrator", { steppedUp: false });
    const noStepUp = await put(stale.headers, { months: 24 });
    expect([noStepUp.status, noStepUp.body.error.code]).toEqual([403, "staff.step_up_required"]);
    expect((await entriesOf(stale.id, ["authorization.denied"])).map((e) => [e.result, e.details["reason"], e.details["method"], e.details["path"]])).toEqual([
      ["denied", "step_up_required", "PUT", RETENTION],
    ]);

    const admin = await withRole("administrator");
    const noCsrf = await put({ cookie: admin.headers.cookie }, { months: 24 });
    expect([noCsrf.status, noCsrf.body.error.code]).toEqual([403, "staff.csrf"]);
    expect((await entriesOf(admin.id, ["access.denied"])).map((e) => e.details["reason"])).toEqual(["csrf"]);

    expect((await server.deps.settings.get("audit.retentionMonths"))._unsafeUnwrap()).toBeNull();
    expect(await entriesOf(admin.id, ["configuration.changed"])).toEqual([]);
  });

  it("a value that is not a whole number of months from 12 to 1200 is refused (422, Japanese or English), nothing written", async () => {
    const admin = await withRole("administrator");
    for (const months of [11, 0, -36, 1201, 24.5, "60", null, true]) {
      const res = await put(admin.headers, { months });
      expect([res.status, res.body.error.code], String(months)).toEqual([422, "settings.invalid_value"]);
      expect(res.body.error.message).toBe("保存期間は 12〜1200 か月の整数で指定してください。");
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(["months"]);
    }
    const en = await put({ ...admin.headers, "accept-language": "en" }, { months: 6 });
    expect(en.body.error.message).toBe("The retention period must be a whole number of months from 12 to 1200.");
    const malformed = await put(admin.headers, []);
    expect(malformed.status).toBe(400);
    expect((await server.deps.settings.get("audit.retentionMonths"))._unsafeUnwrap()).toBeNull();
    expect(await entriesOf(admin.id, ["configuration.changed"])).toEqual([]);
  });

  it("an administrator's change is stored, audited with who, from and to, shown with the log, and read back", async () => {
    const admin = await withRole("administrator");
    const first = await put(admin.headers, { months: 120 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ months: 120, source: "setting", defaultMonths: 48, changed: true });
    // Shortening needs a second administrator's approval (four eyes, ADR 24; tested in two-person-approval.test.ts).
    expect((await put(admin.headers, { months: 12 })).body.error.code).toBe("approval.required");
    const approvalId = (await call(url("/api/staff/approvals"), { headers: admin.headers, body: { kind: "retention.shorten", subject: { months: 12 } } })).body.id as string;
    const other = await withRole("administrator");
    expect((await call(url(`/api/staff/approvals/${approvalId}/approve`), { headers: other.headers, body: {} })).status).toBe(200);
    const second = await put(admin.headers, { months: 12, approvalId });
    expect(second.body).toMatchObject({ months: 12, source: "setting", changed: true });
    const same = await put(admin.headers, { months: 12 });
    expect(same.body).toMatchObject({ months: 12, changed: false });

    const changes = await entriesOf(admin.id, ["configuration.changed"]);
    expect(changes.map((e) => [e.target, e.result, e.details, e.sourceIp !== null])).toEqual([
      [{ kind: "configuration", id: "audit.retentionMonths" }, "success", { from: 48, to: 120 }, true],
      [{ kind: "configuration", id: "audit.retentionMonths" }, "success", { from: 120, to: 12 }, true],
    ]);
    expect((await call(url(RETENTION), { headers: admin.headers })).body).toMatchObject({ months: 12, source: "setting" });
    expect((await call(url("/api/staff/audit?limit=1"), { headers: admin.headers })).body.retentionMonths).toBe(12);
    expect((await server.deps.settings.get("audit.retentionMonths"))._unsafeUnwrap()).toMatchObject({ value: 12, version: 2 });
  });
});

describe("step-up before the CSV exports", () => {
  it("the applications export and the audit export are refused without a recent step-up (recorded), and allowed after one", async () => {
    // The demo administrator with an enrolled authenticator, then a session that has not re-proved it.
    await staffLogin(server);
    const demo = (await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()!;
    const session = await server.deps.sessions.create({ id: demo.id, loginId: demo.loginId, displayName: demo.displayName });
    const headers = { cookie: `__Host-madoguchi-staff=${session.id}`, "x-csrf-token": session.csrfToken };
    for (const path of ["/api/staff/applications/export?encoding=utf-8", "/api/staff/audit/export"]) {
      const refused = await call(url(path), { headers });
      expect([refused.status, refused.body.error.code], path).toEqual([403, "staff.step_up_required"]);
    }
    const denials = (await server.deps.auditLog.read({ actor: { kind: "staff", id: demo.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(denials.filter((e) => e.details["reason"] === "step_up_required").map((e) => e.details["path"])).toEqual(["/api/staff/applications/export", "/api/staff/audit/export"]);
    const before = (await server.deps.auditLog.read({ actor: { kind: "staff", id: demo.id }, actions: ["applications.exported", "audit.exported"], afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(before).toEqual([]);

    const steppedUp = await call(url("/api/staff/step-up"), { headers, body: { code: await totpCodeFor(server, "demo-staff") } });
    expect(steppedUp.status).toBe(200);
    const cookie = (steppedUp.headers.get("set-cookie") ?? "").split(";")[0]!;
    const after = { cookie, "x-csrf-token": steppedUp.body.csrfToken as string };
    const csv = await fetch(url("/api/staff/applications/export?encoding=utf-8"), { headers: after });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const log = await fetch(url("/api/staff/audit/export"), { headers: after });
    expect(log.status).toBe(200);
    expect(log.headers.get("content-type")).toContain("application/x-ndjson");
    const exported = (await server.deps.auditLog.read({ actor: { kind: "staff", id: demo.id }, actions: ["applications.exported", "audit.exported"], afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(exported.map((e) => e.action)).toEqual(["applications.exported", "audit.exported"]);
  });
});
