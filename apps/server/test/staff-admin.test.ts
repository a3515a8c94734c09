import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries, StaffRoleId } from "@madoguchi/core";
import { call, staffLogin } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { staffLoginAs, totpCodeFor } from "./support/staff-totp.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const NEW_PASSWORD = "kinmu-hyou-no-ura-ni-kaku-na-2026";

describe("staff account administration (staff.manage + step-up), on real SQLite", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: "3" });
  });
  afterAll(() => server.dispose());

  const linkFor = (to: string, kind: "設定" | "再設定") => {
    const mail = server.deps.devInbox!.list().find((m) => m.to === to && m.subject.includes(kind === "設定" ? "アカウントの設定" : "再設定"));
    const url = new URL(/https?:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "http://x/");
    return { accountId: url.searchParams.get("account") ?? "", token: url.searchParams.get("token") ?? "" };
  };

  it("issues an account: the member sets their own password through the single-use mailed link, then must enrol TOTP", async () => {
    const admin = await staffLogin(server);
    const issued = await call(`${server.staffUrl}/api/staff/admin/accounts`, {
      headers: admin.headers,
      body: { loginId: "suzuki.hanako", displayName: "鈴木 花子", email: "hanako@city.example.lg.jp" },
    });
    expect(issued.status).toBe(201);
    const again = await call(`${server.staffUrl}/api/staff/admin/accounts`, { headers: admin.headers, body: { loginId: "suzuki.hanako", displayName: "x", email: "x@example.jp" } });
    expect(again.status).toBe(409);
    // Before set-up there is no password that works.
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: "setup-pending" } })).status).toBe(401);

    const link = linkFor("hanako@city.example.lg.jp", "設定");
    expect(link.accountId).toBe(issued.body.id);
    const weak = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: "password" } });
    expect(weak.status).toBe(422);
    const wrongToken = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, token: `${link.token.slice(0, -1)}${link.token.endsWith("x") ? "y" : "x"}`, password: NEW_PASSWORD } });
    expect(wrongToken.status).toBe(400);
    const set = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: NEW_PASSWORD } });
    expect(set.status).toBe(200);
    const reused = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: `${NEW_PASSWORD}-2` } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("staff.setup_link_invalid");

    const first = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: NEW_PASSWORD } });
    expect(first.status).toBe(200);
    expect(first.body.next).toBe("totp_enrolment");
    const member = await staffLoginAs(server, "suzuki.hanako", NEW_PASSWORD);
    expect(member.body.staff.displayName).toBe("鈴木 花子");
    // A member without staff.manage cannot administer (403, audited by requirePermission).
    const denied = await call(`${server.staffUrl}/api/staff/admin/accounts`, { headers: member.headers, body: { loginId: "other.one", displayName: "x", email: "x@example.jp" } });
    expect(denied.status).toBe(403);
  });

  it("refuses an administrator whose step-up is not recent (403 staff.step_up_required), records the refusal, issues nothing", async () => {
    const stale = await staffWithSession(server, "administrator", { steppedUp: false });
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("administrator"), holder: { kind: "staff", staffId: stale.id } }))._unsafeUnwrap();
    const refused = await call(`${server.staffUrl}/api/staff/admin/accounts`, { headers: stale.headers, body: { loginId: "no.step.up", displayName: "x", email: "x@example.jp" } });
    expect([refused.status, refused.body.error.code]).toEqual([403, "staff.step_up_required"]);
    const denials = (await server.deps.auditLog.read({ actor: { kind: "staff", id: stale.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(denials.map((e) => [e.result, e.details["reason"], e.details["method"], e.details["path"]])).toEqual([["denied", "step_up_required", "POST", "/api/staff/admin/accounts"]]);
    expect((await server.deps.staff.findByLoginId("no.step.up"))._unsafeUnwrap()).toBeNull();
  });

  it("unlocks a locked account; a reset link of an account with TOTP needs the code too", async () => {
    const admin = await staffLogin(server);
    for (let i = 0; i < 3; i++) await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: "wrong-password" } });
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: NEW_PASSWORD } })).status).toBe(401);
    const shown = await call(`${server.staffUrl}/api/staff/admin/accounts/by-login/suzuki.hanako`, { headers: admin.headers });
    expect(shown.body).toMatchObject({ loginId: "suzuki.hanako", locked: true, disabled: false, totpEnrolled: true });
    const id = (await server.deps.staff.findByLoginId("suzuki.hanako"))._unsafeUnwrap()!.id;
    expect((await call(`${server.staffUrl}/api/staff/admin/accounts/${id}/unlock`, { headers: admin.headers, body: {} })).status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: NEW_PASSWORD } })).status).toBe(200);

    expect((await call(`${server.staffUrl}/api/staff/admin/accounts/${id}/reset`, { headers: admin.headers, body: { email: "hanako@city.example.lg.jp" } })).status).toBe(200);
    const link = linkFor("hanako@city.example.lg.jp", "再設定");
    const withoutCode = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: `${NEW_PASSWORD}-new` } });
    expect(withoutCode.status).toBe(400);
    expect(withoutCode.body.error.code).toBe("staff.setup_code_required");
    const withCode = await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: `${NEW_PASSWORD}-new`, totpCode: await totpCodeFor(server, "suzuki.hanako") } });
    expect(withCode.status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: NEW_PASSWORD } })).status).toBe(401);
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: `${NEW_PASSWORD}-new` } })).body.next).toBe("totp");
    // Disable: the member's live session ends at once and the right password answers like a wrong one.
    const member = await staffLoginAs(server, "suzuki.hanako", `${NEW_PASSWORD}-new`);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: member.headers })).status).toBe(200);
    const disabled = await call(`${server.staffUrl}/api/staff/admin/accounts/${id}/disable`, { headers: admin.headers, body: {} });
    expect(disabled.status).toBe(200);
    expect(disabled.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: member.headers })).status).toBe(401);
    const refused = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: `${NEW_PASSWORD}-new` } });
    const wrong = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: "not-the-password" } });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);
    expect((await call(`${server.staffUrl}/api/staff/admin/accounts/${id}/enable`, { headers: admin.headers, body: {} })).status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "suzuki.hanako", password: `${NEW_PASSWORD}-new` } })).status).toBe(200);
    const log = (await server.deps.auditLog.read({ afterSeq: 0, limit: 1000 }))._unsafeUnwrap().map((e) => e.action);
    expect(log).toEqual(expect.arrayContaining(["staff.account_issued", "staff.password_set", "staff.account_unlocked", "staff.password_reset_started", "staff.account_disabled", "staff.account_enabled"]));
    expect(JSON.stringify(await server.deps.auditLog.read({ afterSeq: 0, limit: 1000 }))).not.toContain(link.token);
  });
  it("unlocks a locked resident account by its address (admin unlock), audited in the same write; an unknown address is 404", async () => {
    const residents = residentClient(() => server.url, "admin-unlock");
    const { email, accountId } = await residents.registeredAndVerified();
    const lockedUntil = new Date(Date.now() + 3_600_000);
    (await server.deps.residentAccounts.deps.loginState.saveLockout(accountId, { consecutiveFailures: 20, lockedUntil, lastFailureAt: new Date() }, null))._unsafeUnwrap();
    expect((await call(residents.api("/login"), { body: { email, password: "まどぐち で 申請 する 春" } })).status).toBe(401);

    const admin = await staffLogin(server);
    const unknown = await call(`${server.staffUrl}/api/staff/admin/residents/unlock`, { headers: admin.headers, body: { email: "nobody-here@example.jp" } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "resident.not_found"]);
    const unlocked = await call(`${server.staffUrl}/api/staff/admin/residents/unlock`, { headers: admin.headers, body: { email } });
    expect(unlocked.status).toBe(200);
    await residents.passwordStep(email);
    const entries = (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.account_changed"] }))
      ._unsafeUnwrap()
      .filter((e) => e.target?.id === accountId && e.details["change"] === "unlocked_by_staff");
    const adminId = (await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()!.id;
    expect(entries.map((e) => `${e.actor.kind}:${e.actor.id === adminId}:${e.sourceIp}`)).toEqual(["staff:true:127.0.0.1"]);
    // Not on the resident listener at all.
    expect((await call(`${server.url}/api/staff/admin/residents/unlock`, { headers: admin.headers, body: { email } })).status).toBe(404);
  });
});
