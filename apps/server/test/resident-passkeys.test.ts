import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries } from "@madoguchi/core";
import { createSoftwareAuthenticator } from "@madoguchi/conformance/passkey-relying-party";
import { call } from "./support/api-client.ts";
import { cookieOf, RESIDENT_PASSWORD, residentClient } from "./support/resident-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.dispose());

const { api, waitForMails, registeredAndVerified, passwordStep, loginWithEmailCode } = residentClient(() => server.url, "passkey");
/** The browser on the resident listener's page: the origin passkeys of rp id `localhost` are made for. */
const browserAt = () => createSoftwareAuthenticator({ rpId: "localhost", origin: `http://localhost:${new URL(server.url).port}` });
const PHISHING_ORIGIN = "https://madoguchi-login.example.com";

type Session = { cookie: string; csrf: string };
const headers = (s: Session) => ({ cookie: s.cookie, "x-csrf-token": s.csrf });

/** The account's passkey changes and passkey logins as audited: `action:result:change-or-outcome:reason`. */
const passkeyAudit = async (accountId: string) =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.account_changed", "resident.login"] }))
    ._unsafeUnwrap()
    .filter((e) => e.target?.id === accountId && (String(e.details["change"] ?? "").startsWith("passkey") || e.details["step"] === "passkey"))
    .map((e) => `${e.action}:${e.result}:${String(e.details["change"] ?? e.details["outcome"])}:${String(e.details["reason"] ?? "")}`);

/** Registers a passkey in a logged-in session; answers the browser's registration response. */
const addPasskey = async (session: Session, browser = browserAt(), label = "スマートフォン") => {
  const start = await call(api("/passkeys/options"), { headers: headers(session), body: { currentPassword: RESIDENT_PASSWORD } });
  expect(start.status).toBe(200);
  const response = browser.register(start.body.publicKey);
  const added = await call(api("/passkeys"), { headers: headers(session), body: { label, challenge: start.body.challenge, response } });
  expect(added.status).toBe(201);
  return response;
};

describe("resident passkeys on the settings page (HTTP)", () => {
  it("registers after the current password, lists, refuses twice, removes; audited and mailed to the owner", async () => {
    const { email, accountId } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    expect((await call(api("/passkeys"), { headers: headers(session) })).body.items).toEqual([]);

    // The current password is asked before the ceremony; a wrong one is refused like a failed login.
    const wrong = await call(api("/passkeys/options"), { headers: headers(session), body: { currentPassword: "not my password" } });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, "login.invalid_credentials"]);
    // ... counted towards the lockout, with its audit entry written by that same write.
    const reconfirmations = (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.login"] }))
      ._unsafeUnwrap()
      .filter((e) => e.target?.id === accountId && e.details["reason"] === "reconfirmation");
    expect(reconfirmations.map((e) => `${e.result}:${String(e.details["outcome"])}`)).toEqual(["failure:wrong_password"]);

    const start = await call(api("/passkeys/options"), { headers: headers(session), body: { currentPassword: RESIDENT_PASSWORD } });
    expect(start.status).toBe(200);
    expect(start.body.publicKey.rp.id).toBe("localhost");
    expect(start.body.publicKey.authenticatorSelection.userVerification).toBe("required");
    // The authenticator is given the account id and a masked address, never the address itself.
    expect(start.body.publicKey.user.name).toBe(`${email.slice(0, 2)}…@example.jp`);
    expect(JSON.stringify(start.body.publicKey)).not.toContain(email);

    const browser = browserAt();
    const response = browser.register(start.body.publicKey);
    const added = await call(api("/passkeys"), { headers: headers(session), body: { label: "スマートフォン", challenge: start.body.challenge, response } });
    expect(added.status).toBe(201);
    const listed = (await call(api("/passkeys"), { headers: headers(session) })).body.items;
    expect(listed).toEqual([{ credentialId: response.id, label: "スマートフォン", createdAt: expect.any(String), lastUsedAt: null, synced: false }]);
    const again = await call(api("/passkeys"), { headers: headers(session), body: { label: "again", challenge: start.body.challenge, response } });
    expect([again.status, again.body.error.code]).toEqual([409, "passkey.already_registered"]);

    const mails = await waitForMails(email, 3); // verify, login code, passkey added
    expect(mails.at(-1)!.subject).toContain("パスキーが登録されました");
    expect(mails.at(-1)!.text).not.toContain(response.id);

    const removed = await fetch(api(`/passkeys/${response.id}`), { method: "DELETE", headers: headers(session) });
    expect(removed.status).toBe(204);
    expect((await fetch(api(`/passkeys/${response.id}`), { method: "DELETE", headers: headers(session) })).status).toBe(404);
    expect((await waitForMails(email, 4)).at(-1)!.subject).toContain("パスキーの登録が解除されました");
    expect(await passkeyAudit(accountId)).toEqual([
      "resident.account_changed:success:passkey_added:",
      "resident.account_changed:failure:passkey_added:already_registered",
      "resident.account_changed:success:passkey_removed:",
    ]);
  });

  it("refuses a phishing origin, no user verification, another session's challenge, with their codes; nothing stored", async () => {
    const { email, accountId } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    const start = await call(api("/passkeys/options"), { headers: headers(session), body: { currentPassword: RESIDENT_PASSWORD } });
    const phishing = createSoftwareAuthenticator({ rpId: "localhost", origin: PHISHING_ORIGIN }).register(start.body.publicKey);
    const byPhishing = await call(api("/passkeys"), { headers: { ...headers(session), "accept-language": "ja" }, body: { label: "x", challenge: start.body.challenge, response: phishing } });
    expect([byPhishing.status, byPhishing.body.error.code]).toEqual([400, "passkey.origin_mismatch"]);
    expect(byPhishing.body.error.message).toContain("ブックマーク");
    const noUv = browserAt().register(start.body.publicKey, { userVerified: false });
    expect((await call(api("/passkeys"), { headers: headers(session), body: { label: "x", challenge: start.body.challenge, response: noUv } })).body.error.code).toBe("passkey.user_not_verified");
    // The challenge belongs to the session that gave the password: another session of the same account cannot use it.
    const other = await loginWithEmailCode(email);
    const stolen = browserAt().register(start.body.publicKey);
    const inOther = await call(api("/passkeys"), { headers: headers(other), body: { label: "x", challenge: start.body.challenge, response: stolen } });
    expect([inOther.status, inOther.body.error.code]).toEqual([400, "passkey.challenge_mismatch"]);
    expect((await call(api("/passkeys"), { headers: headers(session) })).body.items).toEqual([]);
    expect(await passkeyAudit(accountId)).toEqual([
      "resident.account_changed:failure:passkey_added:origin_mismatch",
      "resident.account_changed:failure:passkey_added:user_not_verified",
      "resident.account_changed:failure:passkey_added:challenge_mismatch",
    ]);
  });

  it("needs a logged-in session and the CSRF token; an account without a second step must choose one first", async () => {
    expect((await call(api("/passkeys"))).status).toBe(401);
    const { email } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    expect((await call(api("/passkeys/options"), { headers: { cookie: session.cookie }, body: { currentPassword: RESIDENT_PASSWORD } })).status).toBe(403);
    expect((await call(api("/passkeys"), { headers: headers(session), body: { label: "", challenge: 5, response: null } })).status).toBe(400);
    // A pending login (password only) opens none of this.
    const pending = await passwordStep(email);
    expect((await call(api("/passkeys"), { headers: { cookie: pending } })).status).toBe(401);
    // Not routed on the staff listener.
    expect((await call(`${server.staffUrl}/api/resident/passkeys`, { headers: headers(session) })).status).toBe(404);

    expect((await call(api("/second-factor"), { headers: headers(session), body: { currentPassword: RESIDENT_PASSWORD, choice: "none" } })).status).toBe(200);
    const refused = await call(api("/passkeys/options"), { headers: headers(session), body: { currentPassword: RESIDENT_PASSWORD } });
    expect([refused.status, refused.body.error.code]).toEqual([409, "resident.passkey_needs_second_factor"]);
  });
});

describe("resident login with a passkey instead of the second step's code", () => {
  it("logs in with the passkey; a phishing origin, a replayed answer, another login's challenge and another account's passkey all fail alike, counted and audited with their reasons", async () => {
    const { email, accountId } = await registeredAndVerified();
    const browser = browserAt();
    const registered = await addPasskey(await loginWithEmailCode(email), browser);
    const mine = browser.credentials.get(registered.id)!;
    // Another account's passkey, on the same device.
    const other = await registeredAndVerified();
    const theirs = await addPasskey(await loginWithEmailCode(other.email), browser, "other");

    // Not before the password.
    expect((await call(api("/login/passkey/options"), { body: {} })).status).toBe(401);

    const pending = await passwordStep(email);
    const options = await call(api("/login/passkey/options"), { headers: { cookie: pending }, body: {} });
    expect(options.status).toBe(200);
    expect(options.body.publicKey.allowCredentials.map((c: { id: string }) => c.id)).toEqual([registered.id]);
    expect(options.body.publicKey.userVerification).toBe("required");
    const assertion = browser.authenticate(options.body.publicKey, registered.id);
    const done = await call(api("/login/passkey"), { headers: { cookie: pending }, body: { challenge: options.body.challenge, response: assertion } });
    expect([done.status, done.body.step]).toEqual([200, "done"]);
    const session = { cookie: cookieOf(done), csrf: done.body.csrfToken as string };
    expect(session.cookie).not.toBe(pending); // a new session id at the end of the login
    expect((await call(api("/me"), { headers: headers(session) })).status).toBe(200);
    expect((await call(api("/passkeys"), { headers: headers(session) })).body.items[0].lastUsedAt).toEqual(expect.any(String));
    // The pending session is gone: the same answer cannot complete a second login.
    expect((await call(api("/login/passkey"), { headers: { cookie: pending }, body: { challenge: options.body.challenge, response: assertion } })).status).toBe(401);

    const next = await passwordStep(email);
    const again = await call(api("/login/passkey/options"), { headers: { cookie: next }, body: {} });
    const phished = createSoftwareAuthenticator({ rpId: "localhost", origin: PHISHING_ORIGIN });
    phished.credentials.set(registered.id, mine);
    const refusals = [
      { challenge: again.body.challenge, response: phished.authenticate(again.body.publicKey, registered.id) }, // wrong origin
      { challenge: again.body.challenge, response: assertion }, // the earlier login's answer replayed
      { challenge: options.body.challenge, response: browser.authenticate(options.body.publicKey, registered.id) }, // the earlier login's challenge
      { challenge: again.body.challenge, response: browser.authenticate(again.body.publicKey, theirs.id) }, // another account's passkey
    ];
    for (const body of refusals) {
      const refused = await call(api("/login/passkey"), { headers: { cookie: next }, body });
      expect([refused.status, refused.body.error.code]).toEqual([401, "login.invalid_credentials"]);
    }
    // The right answer still works in this pending login.
    const right = browser.authenticate(again.body.publicKey, registered.id);
    expect((await call(api("/login/passkey"), { headers: { cookie: next }, body: { challenge: again.body.challenge, response: right } })).status).toBe(200);
    expect((await passkeyAudit(accountId)).filter((e) => e.startsWith("resident.login"))).toEqual([
      "resident.login:success:success:",
      "resident.login:failure:wrong_second_factor:origin_mismatch",
      "resident.login:failure:wrong_second_factor:challenge_mismatch",
      "resident.login:failure:wrong_second_factor:challenge_mismatch",
      "resident.login:failure:wrong_second_factor:unknown_credential",
      "resident.login:success:success:",
    ]);
    // Every login entry says where it came from (the tests call from this machine).
    const logins = (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.login"] }))._unsafeUnwrap().filter((e) => e.target?.id === accountId);
    expect(new Set(logins.map((e) => e.sourceIp))).toEqual(new Set(["127.0.0.1"]));
  });

  it("an account without passkeys is told to use its code; a locked account is refused like a wrong answer", async () => {
    const { email, accountId } = await registeredAndVerified();
    const pending = await passwordStep(email);
    const none = await call(api("/login/passkey/options"), { headers: { cookie: pending }, body: {} });
    expect([none.status, none.body.error.code]).toEqual([409, "passkey.none"]);

    const browser = browserAt();
    await addPasskey(await loginWithEmailCode(email), browser);
    const next = await passwordStep(email);
    const options = await call(api("/login/passkey/options"), { headers: { cookie: next }, body: {} });
    const registeredId = [...browser.credentials.keys()][0]!;
    // Lock the account (as the lockout policy would after repeated failures) — the passkey step honours it.
    const lockedUntil = new Date(Date.now() + 3_600_000);
    await server.deps.residentAccounts.deps.loginState.saveLockout(accountId, { consecutiveFailures: 20, lockedUntil, lastFailureAt: new Date() }, null);
    const refused = await call(api("/login/passkey"), { headers: { cookie: next }, body: { challenge: options.body.challenge, response: browser.authenticate(options.body.publicKey, registeredId) } });
    expect([refused.status, refused.body.error.code]).toEqual([401, "login.invalid_credentials"]);
    expect((await passkeyAudit(accountId)).at(-1)).toBe("resident.login:failure:locked:");
  });
});
