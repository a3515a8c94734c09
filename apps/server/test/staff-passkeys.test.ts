import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries } from "@madoguchi/core";
import { createSoftwareAuthenticator } from "@madoguchi/conformance/passkey-relying-party";
import { call, staffLogin } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { staffLoginAs } from "./support/staff-totp.ts";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.dispose());

/** The browser on the staff listener's page: the origin passkeys of rp id `localhost` are made for. */
const browserAt = () => createSoftwareAuthenticator({ rpId: "localhost", origin: `http://localhost:${new URL(server.staffUrl).port}` });

const passkeyActions = async () =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["staff.passkey_added", "staff.passkey_removed"] }))._unsafeUnwrap().map((e) => `${e.action}:${e.result}:${String(e.details["reason"] ?? "")}`);

describe("staff passkeys over HTTP", () => {
  it("registers a passkey from the browser's answer, lists it, refuses it twice, and removes it — each step audited", async () => {
    const staff = await staffLogin(server);
    const browser = browserAt();
    expect((await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers })).body.items).toEqual([]);

    const start = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: staff.headers, body: {} });
    expect(start.status).toBe(200);
    expect(start.body.publicKey.challenge).toBe(start.body.challenge);
    expect(start.body.publicKey.rp.id).toBe("localhost");
    expect(start.body.publicKey.authenticatorSelection.userVerification).toBe("required");
    const response = browser.register(start.body.publicKey);
    const added = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers, body: { label: "職場のPC", challenge: start.body.challenge, response } });
    expect(added.status).toBe(201);

    const listed = (await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers })).body.items;
    expect(listed).toEqual([{ credentialId: response.id, label: "職場のPC", createdAt: expect.any(String), lastUsedAt: null, synced: false }]);
    // A registered passkey is excluded from the next registration's options.
    const next = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: staff.headers, body: {} });
    expect(next.body.publicKey.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([response.id]);

    const again = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers, body: { label: "again", challenge: start.body.challenge, response } });
    expect(again.status).toBe(409);

    const removed = await fetch(`${server.staffUrl}/api/staff/passkeys/${response.id}`, { method: "DELETE", headers: staff.headers });
    expect(removed.status).toBe(204);
    expect((await fetch(`${server.staffUrl}/api/staff/passkeys/${response.id}`, { method: "DELETE", headers: staff.headers })).status).toBe(404);
    expect(await passkeyActions()).toEqual(["staff.passkey_added:success:", "staff.passkey_added:failure:already_registered", "staff.passkey_removed:success:"]);
  });

  it("refuses an answer made on a phishing origin, for another session, or without user verification, with the reason in Japanese", async () => {
    const staff = await staffLogin(server);
    const start = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: staff.headers, body: {} });
    const phishing = createSoftwareAuthenticator({ rpId: "localhost", origin: "https://madoguchi-staff.example.com" }).register(start.body.publicKey);
    const byPhishing = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: { ...staff.headers, "accept-language": "ja" }, body: { label: "x", challenge: start.body.challenge, response: phishing } });
    expect(byPhishing.status).toBe(400);
    expect(byPhishing.body.error.code).toBe("passkey.origin_mismatch");
    expect(byPhishing.body.error.message).toContain("ブックマーク");

    const noUv = browserAt().register(start.body.publicKey, { userVerified: false });
    const withoutUv = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers, body: { label: "x", challenge: start.body.challenge, response: noUv } });
    expect(withoutUv.body.error.code).toBe("passkey.user_not_verified");

    // The challenge belongs to the session it was issued in: another login cannot use it.
    const other = await staffLoginAs(server, "demo-staff", DEMO_PASSWORD); // a second, separate login
    const stolen = browserAt().register(start.body.publicKey);
    const inOtherSession = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: other.headers, body: { label: "x", challenge: start.body.challenge, response: stolen } });
    expect(inOtherSession.body.error.code).toBe("passkey.challenge_mismatch");
    expect((await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers })).body.items).toEqual([]);
  });

  it("needs a session and, for changes, the CSRF token; is not routed on the resident listener", async () => {
    expect((await call(`${server.staffUrl}/api/staff/passkeys`)).status).toBe(401);
    const staff = await staffLogin(server);
    expect((await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: { cookie: staff.headers.cookie }, body: {} })).status).toBe(403);
    expect((await call(`${server.url}/api/staff/passkeys`, { headers: staff.headers })).status).toBe(404);
    const junk = await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers, body: { label: "", challenge: 5, response: null } });
    expect(junk.status).toBe(400);
  });

  it("adding or removing a passkey (an MFA change) needs a recent step-up: refused and audited without one", async () => {
    const stale = await staffWithSession(server, "passkey-no-step-up", { steppedUp: false });
    const options = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: stale.headers, body: {} });
    expect([options.status, options.body.error.code]).toEqual([403, "staff.step_up_required"]);
    const removal = await call(`${server.staffUrl}/api/staff/passkeys/AAAA`, { method: "DELETE", headers: stale.headers });
    expect([removal.status, removal.body.error.code]).toEqual([403, "staff.step_up_required"]);
    const denials = (await server.deps.auditLog.read({ actor: { kind: "staff", id: stale.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(denials.map((e) => `${e.details["reason"]}:${e.details["method"]}`)).toEqual(["step_up_required:POST", "step_up_required:DELETE"]);
    // The same member after a step-up gets the options.
    const fresh = await staffWithSession(server, "passkey-stepped-up");
    expect((await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: fresh.headers, body: {} })).status).toBe(200);
  });
});

/** The password step only: a pending session that must now show a second factor. */
const passwordStep = async () => {
  const res = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  expect(res.body.next).toBe("totp");
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", "x-csrf-token": res.body.csrfToken as string };
};

const loginFailures = async () =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["staff.login"] }))._unsafeUnwrap().filter((e) => e.details["step"] === "passkey").map((e) => `${e.result}:${String(e.details["outcome"])}`);

describe("staff login with a passkey instead of the TOTP code", () => {
  it("completes the login with the registered passkey; a replayed, misdirected or foreign answer fails like a wrong code", async () => {
    // Register a passkey in a signed-in session.
    const staff = await staffLogin(server);
    const browser = browserAt();
    const start = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers: staff.headers, body: {} });
    const registered = browser.register(start.body.publicKey);
    expect((await call(`${server.staffUrl}/api/staff/passkeys`, { headers: staff.headers, body: { label: "鍵", challenge: start.body.challenge, response: registered } })).status).toBe(201);

    // Not before the password: the passkey step needs a pending session.
    expect((await call(`${server.staffUrl}/api/staff/login/passkey/options`, { body: {} })).status).toBe(401);

    const pending = await passwordStep();
    const options = await call(`${server.staffUrl}/api/staff/login/passkey/options`, { headers: pending, body: {} });
    expect(options.status).toBe(200);
    expect(options.body.publicKey.allowCredentials.map((c: { id: string }) => c.id)).toEqual([registered.id]);
    expect(options.body.publicKey.userVerification).toBe("required");
    // A pending session opens nothing else.
    expect((await call(`${server.staffUrl}/api/staff/applications`, { headers: pending })).status).toBe(401);

    const assertion = browser.authenticate(options.body.publicKey, registered.id);
    const done = await call(`${server.staffUrl}/api/staff/login/passkey`, { headers: pending, body: { challenge: options.body.challenge, response: assertion } });
    expect(done.status).toBe(200);
    const cookie = (done.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).not.toBe(pending.cookie); // a new session id at the end of the login
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: { cookie } })).status).toBe(200);
    // The pending session is gone: the same answer cannot complete a second login.
    expect((await call(`${server.staffUrl}/api/staff/login/passkey`, { headers: pending, body: { challenge: options.body.challenge, response: assertion } })).status).toBe(401);
    expect((await call(`${server.staffUrl}/api/staff/passkeys`, { headers: { cookie } })).body.items[0].lastUsedAt).toEqual(expect.any(String));

    // A second login: a phishing origin's answer, then the previous assertion replayed, then another session's challenge.
    const next = await passwordStep();
    const again = await call(`${server.staffUrl}/api/staff/login/passkey/options`, { headers: next, body: {} });
    const phished = createSoftwareAuthenticator({ rpId: "localhost", origin: "https://madoguchi-staff.example.com" });
    phished.credentials.set(registered.id, browser.credentials.get(registered.id)!);
    for (const response of [phished.authenticate(again.body.publicKey, registered.id), assertion]) {
      const refused = await call(`${server.staffUrl}/api/staff/login/passkey`, { headers: next, body: { challenge: again.body.challenge, response } });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("staff.invalid_credentials");
    }
    const foreign = browser.authenticate(options.body.publicKey, registered.id); // answers the first login's challenge
    expect((await call(`${server.staffUrl}/api/staff/login/passkey`, { headers: next, body: { challenge: options.body.challenge, response: foreign } })).status).toBe(401);
    // The right answer still works in this session, and the failures were counted and audited.
    const right = browser.authenticate(again.body.publicKey, registered.id);
    expect((await call(`${server.staffUrl}/api/staff/login/passkey`, { headers: next, body: { challenge: again.body.challenge, response: right } })).status).toBe(200);
    expect(await loginFailures()).toEqual(["success:success", "failure:wrong_second_factor", "failure:wrong_second_factor", "failure:wrong_second_factor", "success:success"]);
  });
});
