import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries } from "@madoguchi/core";
import { createSoftwareAuthenticator } from "@madoguchi/conformance/passkey-relying-party";
import { call, staffLogin } from "./support/api-client.ts";
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
});
