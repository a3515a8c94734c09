import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffRoleId, type Application, type ApplicationStatus, type AuditAction } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  // The deployment keeps finished applications 24 months unless an administrator sets otherwise.
  server = await startTestServer({ MADOGUCHI_APPLICATION_RETENTION_MONTHS: "24" });
});
afterAll(async () => {
  await server?.dispose();
});

const url = (path: string) => `${server.staffUrl}${path}`;
const SETTING = "/api/staff/settings/application-retention";
const EXPIRED = "/api/staff/retention/applications/expired";
const PURGE = "/api/staff/retention/applications/purge";
const MONTH = 30 * 24 * 3_600_000;

/** An application stored as finished (`status`) `monthsAgo` months ago (or still in process). */
const storedApplication = async (status: ApplicationStatus, monthsAgo: number, name = "保存 太郎"): Promise<Application> => {
  const finishedAt = new Date(Date.now() - monthsAgo * MONTH);
  const base = submittedApplication("juminhyo", name, new Date(finishedAt.getTime() - 86_400_000));
  const app: Application = status === "submitted" ? base : { ...base, status, version: 1, history: [...base.history, { from: "submitted", to: status, at: finishedAt, by: { kind: "resident" }, reason: null }], updatedAt: finishedAt };
  (await server.deps.applications.insert(app, []))._unsafeUnwrap();
  return app;
};

const withRole = async (role: string, options: { steppedUp?: boolean } = {}) => {
  const me = await staffWithSession(server, role, options);
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  return me;
};

const entries = async (actions: AuditAction[]) => (await server.deps.auditLog.read({ actions, afterSeq: 0, limit: 1000 }))._unsafeUnwrap();
const exists = async (a: Application) => (await server.deps.applications.findById(a.id))._unsafeUnwrap() !== null;

describe("S4: finished applications are deleted when their retention ends", () => {
  it("the period is the deployment's default until an administrator sets it (6–120 months); shortening it needs a second administrator", async () => {
    const admin = await withRole("administrator");
    expect((await call(url(SETTING), { headers: admin.headers })).body).toEqual({ months: 24, source: "default", defaultMonths: 24, minMonths: 6, maxMonths: 120, canChange: true });
    const auditor = await withRole("auditor");
    expect((await call(url(SETTING), { headers: auditor.headers })).status).toBe(403);

    const invalid = await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 5 } });
    expect([invalid.status, invalid.body.error.message]).toEqual([422, "保存期間は 6〜120 か月の整数で指定してください。"]);
    expect((await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 36 } })).body).toMatchObject({ months: 36, source: "setting", changed: true });

    const shorter = await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 12 } });
    expect([shorter.status, shorter.body.error.code]).toEqual([409, "approval.required"]);
    // An approval to shorten the audit log's retention to 12 months does not shorten the applications'.
    const auditApproval = (await call(url("/api/staff/approvals"), { headers: admin.headers, body: { kind: "retention.shorten", subject: { months: 12 } } })).body.id as string;
    const other = await withRole("administrator");
    expect((await call(url(`/api/staff/approvals/${auditApproval}/approve`), { headers: other.headers, body: {} })).status).toBe(200);
    expect((await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 12, approvalId: auditApproval } })).status).not.toBe(200);
    const asked = await call(url("/api/staff/approvals"), { headers: admin.headers, body: { kind: "applications.retention.shorten", subject: { months: 12 } } });
    expect(asked.status).toBe(201);
    expect((await call(url(`/api/staff/approvals/${asked.body.id}/approve`), { headers: other.headers, body: {} })).status).toBe(200);
    expect((await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 12, approvalId: asked.body.id } })).body).toMatchObject({ months: 12, changed: true });
    const changes = (await entries(["configuration.changed"])).filter((e) => e.target?.id === "applications.retentionMonths");
    expect(changes.map((e) => e.details)).toEqual([{ from: 24, to: 36 }, { from: 36, to: 12 }]);
    // Back to the deployment's value for the next tests (a lengthening needs no approval).
    expect((await call(url(SETTING), { method: "PUT", headers: admin.headers, body: { months: 24 } })).status).toBe(200);
  });

  it("the hourly run deletes exactly the finished applications past the period, each audited; in-process ones are kept however old", async () => {
    const old = await storedApplication("completed", 25);
    const oldWithdrawn = await storedApplication("withdrawn", 30);
    const young = await storedApplication("rejected", 23);
    const oldInProcess = await storedApplication("submitted", 40);
    const outcome = await server.applicationRetention.runOnce();
    expect(outcome?.receiptNumbers).toEqual([oldWithdrawn.receiptNumber, old.receiptNumber]);
    expect([await exists(old), await exists(oldWithdrawn), await exists(young), await exists(oldInProcess)]).toEqual([false, false, true, true]);
    const purged = (await entries(["application.purged"])).filter((e) => [old.id, oldWithdrawn.id].includes(e.target!.id as Application["id"]));
    expect(purged.map((e) => [e.actor, e.target?.id, e.details["receiptNumber"], e.details["retentionMonths"]])).toEqual([
      [{ kind: "system", id: null }, oldWithdrawn.id, oldWithdrawn.receiptNumber, 24],
      [{ kind: "system", id: null }, old.id, old.receiptNumber, 24],
    ]);
    // Neither the audit log nor the server log carries the resident.
    expect(JSON.stringify(purged)).not.toContain("保存 太郎");
    expect(server.logText()).not.toContain("保存 太郎");
    expect(server.logText()).toContain('"event":"application.purged"');
  });

  it("staff with retention.manage see what is past the period and delete it in bulk after a step-up; others are refused", async () => {
    const a = await storedApplication("completed", 26, "一括 花子");
    const b = await storedApplication("rejected", 27, "一括 花子");
    const admin = await withRole("administrator");
    const seen = await call(url(EXPIRED), { headers: admin.headers });
    expect(seen.status).toBe(200);
    expect(seen.body.months).toBe(24);
    expect(seen.body.more).toBe(false);
    expect(seen.body.items.map((i: { receiptNumber: string }) => i.receiptNumber)).toEqual([b.receiptNumber, a.receiptNumber]);
    expect(seen.body.items[0]).toMatchObject({ procedureId: "juminhyo", procedureName: expect.any(String), status: "rejected" });
    expect(JSON.stringify(seen.body)).not.toContain("一括 花子");

    const viewer = await withRole("viewer");
    expect((await call(url(EXPIRED), { headers: viewer.headers })).status).toBe(403);
    expect((await call(url(PURGE), { headers: viewer.headers, body: {} })).status).toBe(403);
    const stale = await withRole("administrator", { steppedUp: false });
    expect((await call(url(PURGE), { headers: stale.headers, body: {} })).body.error.code).toBe("staff.step_up_required");
    expect((await call(url(PURGE), { headers: { cookie: admin.headers.cookie }, body: {} })).body.error.code).toBe("staff.csrf");
    expect([await exists(a), await exists(b)]).toEqual([true, true]);

    const done = await call(url(PURGE), { headers: admin.headers, body: {} });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ purged: 2, receiptNumbers: [b.receiptNumber, a.receiptNumber], more: false });
    expect([await exists(a), await exists(b)]).toEqual([false, false]);
    const byStaff = (await entries(["application.purged"])).filter((e) => e.actor.id === admin.id);
    expect(byStaff.map((e) => e.target?.id)).toEqual([b.id, a.id]);
    expect(byStaff.every((e) => e.sourceIp !== null)).toBe(true);
    expect((await call(url(EXPIRED), { headers: admin.headers })).body.items).toEqual([]);
  });
});
