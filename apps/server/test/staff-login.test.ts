import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type JsonResponse } from "./support/api-client.ts";
import { nextTotpCode, rememberApp, staffLoginAs, totpCodeFor } from "./support/staff-totp.ts";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";

const cookieOf = (res: JsonResponse): string => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
const passwordStep = (server: TestServer, password = DEMO_PASSWORD, loginId = "demo-staff") =>
  call(`${server.staffUrl}/api/staff/login`, { body: { loginId, password } });

describe("staff login: password, then TOTP (enrolled at first login), on real SQLite", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MADOGUCHI_STAFF_LOGIN_MESSAGE_JA: "私用利用禁止", MADOGUCHI_STAFF_LOGIN_MESSAGE_EN: "Authorized use only" });
  });
  afterAll(() => server.dispose());

  it("first login: the pending session grants nothing; enrolment shows a QR code; a wrong code is refused; the right one gives a new session and 10 recovery codes", async () => {
    // The demo account's walking-skeleton scrypt hash verifies once and is replaced by Argon2id.
    expect((await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()?.passwordHash).toMatch(/^scrypt\$/);
    const first = await passwordStep(server);
    expect(first.status).toBe(200);
    expect(first.body.next).toBe("totp_enrolment");
    expect((await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()?.passwordHash).toMatch(/^\$argon2id\$/);
    const pending = { cookie: cookieOf(first), "x-csrf-token": first.body.csrfToken as string };
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: pending })).status).toBe(401);
    expect((await call(`${server.staffUrl}/api/staff/applications`, { headers: pending })).status).toBe(401);
    // The second factor of an existing TOTP is not the step due here.
    expect((await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending, body: { code: "123456" } })).status).toBe(401);

    const enrolment = await call(`${server.staffUrl}/api/staff/login/totp-enrolment`, { headers: pending, body: {} });
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.body.uri).toContain("otpauth://totp/");
    const app = { secret: enrolment.body.secret as string, lastStep: -1 };
    rememberApp(server, "demo-staff", app);
    const code = await nextTotpCode(app);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await call(`${server.staffUrl}/api/staff/login/totp-enrolment/confirm`, { headers: pending, body: { code: wrong } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("staff.invalid_credentials");

    const done = await call(`${server.staffUrl}/api/staff/login/totp-enrolment/confirm`, { headers: pending, body: { code } });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(done.body.lastLogin).toBeNull();
    expect(done.body.lastLogout).toBeNull();
    expect(done.body.loginMessage).toEqual({ ja: "私用利用禁止", en: "Authorized use only" });
    const active = { cookie: cookieOf(done), "x-csrf-token": done.body.csrfToken as string };
    expect(active.cookie).not.toBe(pending.cookie);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: active })).status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: pending })).status).toBe(401);
    // The audit log has each step and no secret, code or password.
    const entries = (await server.deps.auditLog.read({ afterSeq: 0, limit: 500 }))._unsafeUnwrap();
    expect(JSON.stringify(entries)).not.toContain(`"${code}"`);
    expect(entries.filter((e) => e.action === "staff.totp_enrolled")).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(enrolment.body.secret);
    expect(JSON.stringify(entries)).not.toContain(DEMO_PASSWORD);

    // Next login: TOTP (the code of this app), the previous login shown; a replayed code does not work.
    const second = await passwordStep(server);
    expect(second.body.next).toBe("totp");
    const pending2 = { cookie: cookieOf(second), "x-csrf-token": second.body.csrfToken as string };
    const replay = await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending2, body: { code } });
    expect(replay.status).toBe(401);
    const ok = await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending2, body: { code: await nextTotpCode(app) } });
    expect(ok.status).toBe(200);
    expect(ok.body.lastLogin.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(ok.body.lastLogin.sourceIp).toMatch(/127\.0\.0\.1/);
    // S2: after a sign-out, the next login shows it too (a session that only timed out shows none).
    expect(ok.body.lastLogout).toBeNull();
    const signedIn = { cookie: cookieOf(ok), "x-csrf-token": ok.body.csrfToken as string };
    const before = Date.now();
    expect((await call(`${server.staffUrl}/api/staff/logout`, { headers: signedIn, body: {} })).status).toBe(200);

    // A recovery code works once.
    const recovery = done.body.recoveryCodes[0] as string;
    const third = await passwordStep(server);
    const pending3 = { cookie: cookieOf(third), "x-csrf-token": third.body.csrfToken as string };
    const byRecovery = await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending3, body: { recoveryCode: recovery.toLowerCase() } });
    expect(byRecovery.status).toBe(200);
    expect(new Date(byRecovery.body.lastLogout.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(byRecovery.body.recoveryCodesLeft).toBe(9);
    const fourth = await passwordStep(server);
    const pending4 = { cookie: cookieOf(fourth), "x-csrf-token": fourth.body.csrfToken as string };
    expect((await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending4, body: { recoveryCode: recovery } })).status).toBe(401);
  });

  it("step-up: the TOTP code again gives a new session id and stepUpAt; the old id is dead; a wrong code changes nothing", async () => {
    const { headers } = await staffLoginAs(server, "demo-staff", DEMO_PASSWORD);
    const wrong = await call(`${server.staffUrl}/api/staff/step-up`, { headers, body: { code: "000000" } });
    expect(wrong.status).toBe(401);
    const me = await call(`${server.staffUrl}/api/staff/me`, { headers });
    expect(me.body.stepUpAt).toBeTruthy(); // the second factor of the login counts as a step-up
    const up = await call(`${server.staffUrl}/api/staff/step-up`, { headers, body: { code: await totpCodeFor(server, "demo-staff") } });
    expect(up.status).toBe(200);
    const after = { cookie: cookieOf(up), "x-csrf-token": up.body.csrfToken as string };
    expect(after.cookie).not.toBe(headers.cookie);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers })).status).toBe(401);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: after })).body.stepUpAt).toBe(up.body.stepUpAt);
  });
});

describe("staff lockout (threshold 3 from the configuration)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: "3" });
  });
  afterAll(() => server.dispose());

  it("locks after 3 wrong passwords; then the right password answers exactly like a wrong one and like an unknown account", async () => {
    for (let i = 0; i < 3; i++) expect((await passwordStep(server, "wrong-password")).status).toBe(401);
    const locked = await passwordStep(server);
    const unknown = await passwordStep(server, DEMO_PASSWORD, "nobody");
    const wrong = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: "wrong-again" } });
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual(unknown.body);
    expect(locked.body).toEqual(wrong.body);
    expect(locked.headers.get("set-cookie")).toBeNull();
    const entries = (await server.deps.auditLog.read({ afterSeq: 0, limit: 500 }))._unsafeUnwrap().filter((e) => e.action === "staff.login");
    expect(entries.map((e) => e.details["outcome"])).toEqual(expect.arrayContaining(["wrong_password", "locked", "unknown_account"]));
  });
});
