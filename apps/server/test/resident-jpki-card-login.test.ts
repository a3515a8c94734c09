import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRevoked, DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD, issueTestCardFiles } from "@madoguchi/adapter-test-card";
import { readAllAuditEntries } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const PIN = "2468";
const PENDING = "__Host-madoguchi-jpki";
const RESIDENT = "__Host-madoguchi-resident";

let server: TestServer;
let dataDir: string;
let authSerial: string;
beforeAll(async () => {
  // The embedded profile's test card, issued beforehand with a user-authentication key and its PIN.
  dataDir = mkdtempSync(join(tmpdir(), "madoguchi-jpki-card-"));
  const issued = (
    await issueTestCardFiles({ dir: join(dataDir, "test-card"), now: new Date(Date.now() - 60_000), basicInfo: DEMO_BASIC_INFO, signaturePassword: DEMO_SIGNATURE_PASSWORD, authenticationPin: PIN })
  )._unsafeUnwrap();
  authSerial = new X509Certificate(issued.card.authentication!.certificatePem).serialNumber.toLowerCase();
  server = await startTestServer({ MADOGUCHI_DATA_DIR: dataDir });
});
afterAll(async () => {
  await server.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const resident = residentClient(() => server.url, "jpki-card");
const jpki = (path: string) => `${server.url}/api/resident/jpki${path}`;
const cookiesOf = (res: { headers: Headers }): Record<string, string> =>
  Object.fromEntries(res.headers.getSetCookie().map((c) => (c.split(";")[0] ?? "").split("=", 2) as [string, string]));

/** Starts a card login or link; answers the pending cookie and the first answer. */
const start = async (intent: "login" | "link", session?: { cookie: string; csrf: string }) => {
  const started = await call(jpki(`/card/${intent}/start`), { body: {}, headers: session === undefined ? {} : { cookie: session.cookie, "x-csrf-token": session.csrf } });
  expect(started.status).toBe(200);
  return { pending: cookiesOf(started)[PENDING]!, body: started.body };
};
const finish = (pin: string, cookies: Record<string, string | undefined>) =>
  call(jpki("/card/finish"), {
    body: { pin },
    headers: { cookie: Object.entries(cookies).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join("; ") },
  });

const cardAudit = async () =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.login", "resident.account_changed"] }))
    ._unsafeUnwrap()
    .filter((e) => e.details["method"] === "auth_certificate")
    .map((e) => `${e.action}:${e.result}:${String(e.details["reason"] ?? e.details["change"] ?? e.details["outcome"] ?? "")}`);

describe("resident login with the user-authentication certificate (the test card read by this service, R10)", () => {
  it("asks for the 4-digit PIN; unlinked is told to link; linked from a session it opens the account; a wrong PIN counts down and keeps the attempt; a revoked certificate is refused", async () => {
    expect((await call(jpki("/options"))).body.card).toBe(true);
    const { email, accountId } = await resident.registeredAndVerified();

    const first = await start("login");
    expect(first.body).toEqual({ step: "pin", triesLeft: 3 });
    const notLinked = await finish(PIN, { [PENDING]: first.pending });
    expect(notLinked.status).toBe(409);
    expect(notLinked.body.error.code).toBe("resident.jpki_not_linked");

    const session = await resident.loginWithEmailCode(email);
    const link = await start("link", session);
    const linked = await finish(PIN, { [PENDING]: link.pending, [RESIDENT]: session.cookie.split("=")[1] });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ status: "linked", created: true });
    expect((await call(jpki("/links"), { headers: { cookie: session.cookie } })).body.items.map((i: { method: string }) => i.method)).toEqual(["auth_certificate"]);

    const login = await start("login");
    const wrong = await finish("0000", { [PENDING]: login.pending });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("resident.jpki_wrong_pin");
    expect(wrong.body.error.message).toContain("残り2回");
    expect(cookiesOf(wrong)[PENDING]).toBeUndefined(); // not cleared: the same attempt goes on
    const opened = await finish(PIN, { [PENDING]: login.pending });
    expect(opened.status).toBe(200);
    expect(opened.body.step).toBe("done");
    const cookie = `${RESIDENT}=${cookiesOf(opened)[RESIDENT]}`;
    expect((await call(`${server.url}/api/resident/me`, { headers: { cookie } })).body.email).toBe(email);
    // The attempt is spent once it succeeded.
    expect((await finish(PIN, { [PENDING]: login.pending })).body.error.code).toBe("resident.jpki_expired");

    // A changed address revokes the certificate: the next login is refused with the next step.
    (await addRevoked(join(dataDir, "test-card"), { serialNumber: authSerial, revokedAt: new Date(Date.now() - 1000), reason: "affiliationChanged" }))._unsafeUnwrap();
    const afterRevocation = await start("login");
    const revoked = await finish(PIN, { [PENDING]: afterRevocation.pending });
    expect(revoked.status).toBe(400);
    expect(revoked.body.error.code).toBe("resident.jpki_certificate_revoked");
    expect(revoked.body.error.message).toContain("失効");

    expect((await cardAudit()).slice(-6)).toEqual([
      "resident.login:failure:not_linked",
      "resident.account_changed:success:jpki_linked",
      "resident.login:failure:wrong_secret",
      "resident.login:success:success",
      "resident.login:failure:unknown_session",
      "resident.login:failure:revoked",
    ]);
    const success = (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.login"] }))._unsafeUnwrap().filter((e) => e.result === "success" && e.details["method"] === "auth_certificate");
    expect(success.map((e) => e.actor.id)).toEqual([accountId]);
  });

  it("cancel at the PIN prompt ends the card's session without spending a try, answered (ja/en) and audited as cancelled", async () => {
    const started = await start("login");
    await finish("0000", { [PENDING]: started.pending }); // one wrong PIN first: the cancel must not count another
    const cancelled = await call(jpki("/card/cancel"), { body: { locale: "ja" }, headers: { cookie: `${PENDING}=${started.pending}` } });
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.error.code).toBe("resident.jpki_cancelled");
    expect(cancelled.body.error.message).toBe("マイナンバーカードでの本人確認を中止しました。もう一度お試しいただくか、メールアドレスとパスワードでログインしてください。");
    expect(cookiesOf(cancelled)[PENDING]).toBe(""); // cleared
    // The card's session is over: the replayed cookie with even the right PIN no longer finishes it.
    expect((await finish(PIN, { [PENDING]: started.pending })).body.error.code).toBe("resident.jpki_expired");
    const next = await start("login");
    expect(next.body).toEqual({ step: "pin", triesLeft: 2 });
    const english = await call(jpki("/card/cancel"), { body: { locale: "en" }, headers: { cookie: `${PENDING}=${next.pending}` } });
    expect(english.body.error).toMatchObject({ code: "resident.jpki_cancelled", message: "Identity confirmation with the My Number card was cancelled. Try again, or log in with your email address and password." });
    expect((await start("login")).body).toEqual({ step: "pin", triesLeft: 2 });
    expect((await cardAudit()).slice(-4)).toEqual([
      "resident.login:failure:wrong_secret",
      "resident.login:failure:cancelled",
      "resident.login:failure:unknown_session",
      "resident.login:failure:cancelled",
    ]);
  });

  it("a card signature cannot be finished with the app's pending login, nor without a PIN of 4 digits", async () => {
    const started = await start("login");
    expect((await finish("12345", { [PENDING]: started.pending })).status).toBe(400);
    expect((await call(jpki("/app/finish"), { body: { state: "x", code: "y" }, headers: { cookie: `${PENDING}=${started.pending}` } })).body.error.code).toBe("resident.jpki_expired");
  });
});
