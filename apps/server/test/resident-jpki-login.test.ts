import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveInStub } from "@madoguchi/adapter-digital-auth-app";
import { DEMO_AUTHENTICATION_PIN, DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD, issueTestCardFiles } from "@madoguchi/adapter-test-card";
import { readAllAuditEntries } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const resident = residentClient(() => server.url, "jpki");
const jpki = (path: string) => `${server.url}/api/resident/jpki${path}`;

/** The `name=value` pairs of every Set-Cookie of an answer. */
const cookiesOf = (res: { headers: Headers }): Record<string, string> =>
  Object.fromEntries(res.headers.getSetCookie().map((c) => (c.split(";")[0] ?? "").split("=", 2) as [string, string]));
const cookieHeader = (cookies: Record<string, string | undefined>) =>
  Object.entries(cookies)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

const PENDING = "__Host-madoguchi-jpki";
const RESIDENT = "__Host-madoguchi-resident";

/** Starts (login or link), approves in the stub as the resident would, and answers what the callback page posts. */
const throughTheApp = async (intent: "login" | "link", session?: { cookie: string; csrf: string }, decision: "approve" | "cancel" = "approve") => {
  const started = await call(jpki(`/app/${intent}/start`), {
    body: {},
    headers: session === undefined ? { origin: server.url } : { origin: server.url, cookie: session.cookie, "x-csrf-token": session.csrf },
  });
  expect(started.status).toBe(200);
  const pending = cookiesOf(started)[PENDING];
  expect(pending).toBeTruthy();
  const callback = new URL(await approveInStub(started.body.authorizationUrl, decision));
  expect(callback.origin).toBe(server.url); // back to the origin the browser is on
  expect(callback.pathname).toBe("/account/jpki-callback");
  const posted: Record<string, string> = {};
  for (const name of ["code", "state", "error", "iss"]) {
    const value = callback.searchParams.get(name);
    if (value !== null) posted[name] = value;
  }
  return { pending: pending!, posted };
};

const finish = (posted: Record<string, string>, cookies: Record<string, string | undefined>) =>
  call(jpki("/app/finish"), { body: posted, headers: { cookie: cookieHeader(cookies) } });

/** The JPKI audit trail: `action:result:detail`, newest last. */
const jpkiAudit = async () =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.login", "resident.account_changed"] }))
    ._unsafeUnwrap()
    .filter((e) => e.details["step"] === "jpki" || String(e.details["change"] ?? "").startsWith("jpki"))
    .map((e) => `${e.action}:${e.result}:${e.actor.id ?? "-"}:${String(e.details["reason"] ?? e.details["change"] ?? e.details["outcome"] ?? "")}`);

describe("resident login with the Digital Authentication App (R10)", () => {
  it("offers the app when configured (the embedded profile's loopback stub)", async () => {
    expect((await call(jpki("/options"))).body).toEqual({ digitalAuthApp: true, card: true });
    expect(new URL(server.deps.residentJpki.stub!.issuer).hostname).toBe("127.0.0.1");
  });

  it("an unlinked card is told to link first; after linking from the account, a JPKI login opens that account; unlinking closes it again", async () => {
    const { email, accountId } = await resident.registeredAndVerified();
    const before = (await jpkiAudit()).length;

    const unlinked = await throughTheApp("login");
    const refused = await finish(unlinked.posted, { [PENDING]: unlinked.pending });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("resident.jpki_not_linked");
    expect(refused.body.error.message).toContain("連携されていません");
    expect(cookiesOf(refused)[RESIDENT]).toBeUndefined();

    const session = await resident.loginWithEmailCode(email);
    const link = await throughTheApp("link", session);
    const linked = await finish(link.posted, { [PENDING]: link.pending, [RESIDENT]: session.cookie.split("=")[1] });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ status: "linked", created: true });
    const links = await call(jpki("/links"), { headers: { cookie: session.cookie } });
    expect(links.body.items).toHaveLength(1);
    // The owner hears of the new way in (no link in the mail).
    const linkedMail = (await resident.waitForMails(email, 3)).find((m) => m.subject.includes("マイナンバーカードがログイン用に連携されました"));
    expect(linkedMail).toBeDefined();
    expect(linkedMail?.text).not.toMatch(/https?:\/\//);
    expect(links.body.items[0]).toMatchObject({ method: "digital_auth_app", id: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const login = await throughTheApp("login");
    const opened = await finish(login.posted, { [PENDING]: login.pending });
    expect(opened.status).toBe(200);
    expect(opened.body.step).toBe("done");
    const cookie = `${RESIDENT}=${cookiesOf(opened)[RESIDENT]}`;
    expect((await call(`${server.url}/api/resident/me`, { headers: { cookie } })).body.email).toBe(email);

    const unlink = await call(jpki(`/links/${links.body.items[0].id}`), { method: "DELETE", headers: { cookie: session.cookie, "x-csrf-token": session.csrf } });
    expect(unlink.status).toBe(204);
    await expect.poll(async () => (await resident.mailsTo(email)).some((m) => m.subject.includes("連携が解除されました"))).toBe(true);
    const again = await throughTheApp("login");
    expect((await finish(again.posted, { [PENDING]: again.pending })).body.error.code).toBe("resident.jpki_not_linked");

    expect((await jpkiAudit()).slice(before)).toEqual([
      "resident.login:failure:-:not_linked",
      "resident.account_changed:success:" + accountId + ":jpki_linked",
      "resident.login:success:" + accountId + ":success",
      "resident.account_changed:success:" + accountId + ":jpki_unlinked",
      "resident.login:failure:-:not_linked",
    ]);
  });

  it("a card linked to one account cannot be linked to another; linking it again to the same account changes nothing", async () => {
    const first = await resident.registeredAndVerified();
    const second = await resident.registeredAndVerified();
    const firstSession = await resident.loginWithEmailCode(first.email);
    const a = await throughTheApp("link", firstSession);
    expect((await finish(a.posted, { [PENDING]: a.pending, [RESIDENT]: firstSession.cookie.split("=")[1] })).status).toBe(200);
    const again = await throughTheApp("link", firstSession);
    expect((await finish(again.posted, { [PENDING]: again.pending, [RESIDENT]: firstSession.cookie.split("=")[1] })).body).toEqual({ status: "linked", created: false });

    const secondSession = await resident.loginWithEmailCode(second.email);
    const b = await throughTheApp("link", secondSession);
    const refused = await finish(b.posted, { [PENDING]: b.pending, [RESIDENT]: secondSession.cookie.split("=")[1] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("resident.jpki_linked_elsewhere");
    expect((await call(jpki("/links"), { headers: { cookie: secondSession.cookie } })).body.items).toEqual([]);
    expect((await jpkiAudit()).at(-1)).toBe(`resident.account_changed:failure:${second.accountId}:ResidentJpkiLinkedElsewhere`);

    // Leave the stub's one card unlinked for the other tests.
    const links = await call(jpki("/links"), { headers: { cookie: firstSession.cookie } });
    await call(jpki(`/links/${links.body.items[0].id}`), { method: "DELETE", headers: { cookie: firstSession.cookie, "x-csrf-token": firstSession.csrf } });
  });

  it("refuses, each audited with its reason: no pending cookie, a replayed code, another state, a cancel in the app, a link finished in another session", async () => {
    const { email } = await resident.registeredAndVerified();

    const noCookie = await throughTheApp("login");
    const missing = await finish(noCookie.posted, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("resident.jpki_expired");

    const tampered = await throughTheApp("login");
    const altered = await finish(tampered.posted, { [PENDING]: `${tampered.pending.slice(0, -2)}AA` });
    expect(altered.body.error.code).toBe("resident.jpki_expired");

    const first = await throughTheApp("login");
    expect((await finish(first.posted, { [PENDING]: first.pending })).status).toBe(409); // not linked, but the code is spent
    const replayed = await finish(first.posted, { [PENDING]: first.pending });
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe("resident.jpki_failed");

    const other = await throughTheApp("login");
    const mixed = await finish({ ...other.posted, state: "not-the-state-this-browser-started" }, { [PENDING]: other.pending });
    expect(mixed.body.error.code).toBe("resident.jpki_failed");

    const cancelled = await throughTheApp("login", undefined, "cancel");
    const cancel = await finish(cancelled.posted, { [PENDING]: cancelled.pending });
    expect(cancel.body.error.code).toBe("resident.jpki_cancelled");
    expect(cancel.body.error.message).toContain("中止");

    const session = await resident.loginWithEmailCode(email);
    const link = await throughTheApp("link", session);
    const elsewhere = await resident.loginWithEmailCode(email); // a second session of the same account
    const mismatch = await finish(link.posted, { [PENDING]: link.pending, [RESIDENT]: elsewhere.cookie.split("=")[1] });
    expect(mismatch.status).toBe(401);

    expect((await jpkiAudit()).slice(-7)).toEqual([
      "resident.login:failure:-:pending_missing",
      "resident.login:failure:-:pending_missing",
      "resident.login:failure:-:not_linked",
      "resident.login:failure:-:code_replayed",
      "resident.login:failure:-:state_mismatch",
      "resident.login:failure:-:access_denied",
      "resident.login:failure:-:session_mismatch",
    ]);
  });

  it("the demo test card logs in with the demo PIN out of the box; a card issued without an authentication key is told so", async () => {
    const started = await call(jpki("/card/login/start"), { body: {} });
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ step: "pin", triesLeft: 3 });
    // The demo PIN opens the card's authentication key and the certificate verifies: only the link is missing.
    const finished = await call(jpki("/card/finish"), { body: { pin: DEMO_AUTHENTICATION_PIN }, headers: { cookie: `${PENDING}=${cookiesOf(started)[PENDING]}` } });
    expect(finished.status).toBe(409);
    expect(finished.body.error.code).toBe("resident.jpki_not_linked");

    // `madoguchi test-card issue` for another holder without --auth-pin: the running server reads the new card.
    (await issueTestCardFiles({ dir: join(server.dataDir, "test-card"), now: new Date(Date.now() - 60_000), basicInfo: { ...DEMO_BASIC_INFO, name: "窓口 花子" }, signaturePassword: DEMO_SIGNATURE_PASSWORD }))._unsafeUnwrap();
    const refused = await call(jpki("/card/login/start"), { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("resident.jpki_no_auth_certificate");
    expect(refused.body.error.message).toContain("利用者証明用電子証明書がありません");
  });

  it("linking needs a logged-in session and its CSRF token", async () => {
    expect((await call(jpki("/app/link/start"), { body: {} })).status).toBe(401);
    const { email } = await resident.registeredAndVerified();
    const session = await resident.loginWithEmailCode(email);
    expect((await call(jpki("/app/link/start"), { body: {}, headers: { cookie: session.cookie } })).status).toBe(403);
  });
});
