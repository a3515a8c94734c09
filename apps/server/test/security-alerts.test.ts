import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MADOGUCHI_SECURITY_ALERT_EMAILS: "security@city.example.lg.jp, soc@vendor.example.jp" });
});
afterAll(async () => {
  await server?.dispose();
});

const alertEntries = async () => (await server.deps.auditLog.read({ actions: ["security.alert"], afterSeq: 0, limit: 100 }))._unsafeUnwrap();
const alertMails = () => server.deps.devInbox!.list().filter((m) => m.subject.includes("セキュリティ警告"));

describe("N5: the audit log is watched for security events, and the security contacts are told", () => {
  it("wrong passwords for a staff account: the burst from one source and the lockout each raise one alert, mailed to every contact, recorded once", async () => {
    expect(await server.securityAlerts.runOnce()).toEqual([]);
    for (let i = 0; i < 22; i++) {
      const res = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: `wrong-${i}` } });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    // The progressive delay answers most of these without checking the password, so the account is not locked in a
    // test's time; the step that locks an account writes this entry (staff-login.ts), appended here as it would be.
    const demo = (await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()!;
    const lockedUntil = new Date(Date.now() + 15 * 60_000).toISOString();
    (await server.deps.auditLog.append([{ at: new Date(), actor: { kind: "staff", id: demo.id }, action: "staff.login", target: null, result: "failure", sourceIp: "192.0.2.44", details: { step: "password", outcome: "wrong_password", lockedUntil } }]))._unsafeUnwrap();
    const alerts = await server.securityAlerts.runOnce();
    expect(alerts.map((a) => a.rule).sort()).toEqual(["login_failures_from_source", "staff_account_locked"]);

    const entries = await alertEntries();
    expect(entries.map((e) => [e.actor.kind, e.details["rule"], e.details["mailed"]]).sort()).toEqual([
      ["system", "login_failures_from_source", 2],
      ["system", "staff_account_locked", 2],
    ]);
    const mails = alertMails();
    expect(mails.map((m) => m.to).sort()).toEqual(["security@city.example.lg.jp", "security@city.example.lg.jp", "soc@vendor.example.jp", "soc@vendor.example.jp"]);
    expect(mails[0]!.subject).toContain("みほん市");
    // The mail says what and where in the log, not who or from where.
    for (const m of mails) expect(m.text).not.toMatch(/127\.0\.0\.1|::1|demo-staff/);

    // The next run looks only at what is new: nothing is raised or mailed twice.
    expect(await server.securityAlerts.runOnce()).toEqual([]);
    expect(await alertEntries()).toHaveLength(2);
    expect(alertMails()).toHaveLength(4);
    expect(server.logText()).toContain('"event":"security.alert"');
  });
});
