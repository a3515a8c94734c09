import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries, RESIDENT_LOCKOUT_POLICY } from "@madoguchi/core";
import { loadConfig, type Config } from "../src/config/config.ts";
import { startServer, type RunningServer } from "../src/composition/start-server.ts";
import { CARD_PASSWORD } from "./support/test-server.ts";
import { call, juminhyoInput, tokenize } from "./support/api-client.ts";
import { cookieOf, linkParams, RESIDENT_PASSWORD, residentClient } from "./support/resident-client.ts";

// A server on real SQLite whose clock the test moves (link expiry, lockout delays, TOTP steps),
// with a catalog in which 住民票 (juminhyo) may be applied for only with an account.
let server: RunningServer;
let dataDir: string;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const advance = (ms: number) => {
  offsetMs += ms;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "madoguchi-resident-accounts-"));
  const catalog = JSON.parse(readFileSync(new URL("../../../config/procedures.json", import.meta.url), "utf8")) as { procedures: { id: string; residentEntry?: string[] }[] };
  for (const p of catalog.procedures) if (p.id === "inkan") p.residentEntry = ["account"];
  const catalogFile = join(dataDir, "procedures.json");
  writeFileSync(catalogFile, JSON.stringify(catalog));
  const config = loadConfig({
    PORT: "0",
    MADOGUCHI_SANDBOX_PORT: "0",
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_CATALOG_FILE: catalogFile,
    MADOGUCHI_OUTBOX_INTERVAL_MS: "3600000",
    LOG_LEVEL: "warn",
  });
  if (config.isErr()) throw new Error(config.error.message);
  server = await startServer(config.value as Config, {
    clock,
    logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
    demoStaffPassword: "demo-password-for-tests",
    announce: () => undefined,
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const { api, mailsTo, waitForMails, freshEmail, registeredAndVerified, loginWithEmailCode } = residentClient(() => server.url);
const PASSWORD = RESIDENT_PASSWORD;

describe("resident accounts over HTTP (R3), on real SQLite", () => {
  it("register answers alike for a new and a taken address; a taken address gets a mail and no second account", async () => {
    const email = freshEmail();
    const first = await call(api("/register"), { body: { email, password: PASSWORD } });
    const [verifyMail] = await waitForMails(email, 1);
    const again = await call(api("/register"), { body: { email: email.toUpperCase(), password: "another pass phrase 2" } });
    expect([again.status, again.body]).toEqual([first.status, first.body]);
    expect(first.status).toBe(202);
    const mails = await waitForMails(email, 2);
    expect(mails[1]!.subject).toMatch(/アカウント登録のお申込みについて/);
    expect(mails[1]!.text).toMatch(/新しいアカウントは作成していません/);
    const stored = (await server.deps.residentAccounts.deps.accounts.findByEmail(email))._unsafeUnwrap();
    expect(stored?.id).toBe(linkParams(verifyMail!.text, "/account/verify").accountId);
    // The first password still holds: nothing about the account changed.
    expect(stored?.passwordHash).toBeDefined();
    const verify = await call(api("/verify-email"), { body: linkParams(verifyMail!.text, "/account/verify") });
    expect(verify.status).toBe(200);
    expect((await call(api("/login"), { body: { email, password: "another pass phrase 2" } })).status).toBe(401);
  });

  it("is served on the resident listener only (the staff listener answers 404)", async () => {
    expect((await call(`${server.staffUrl}/api/resident/login`, { body: { email: "a@example.jp", password: PASSWORD } })).status).toBe(404);
  });

  it("refuses a weak password or a malformed address before anything else, in Japanese and English", async () => {
    const weak = await call(api("/register"), { body: { email: freshEmail(), password: "password" } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("password.common_password");
    const en = await call(api("/register"), { body: { email: "not-an-address", password: PASSWORD, locale: "en" } });
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/not a valid email/);
  });

  it("the verification link works once, not after 24 hours, and not with another token", async () => {
    const email = freshEmail();
    await call(api("/register"), { body: { email, password: PASSWORD } });
    const link = linkParams((await waitForMails(email, 1))[0]!.text, "/account/verify");
    // Before verification the right password is told to verify; a wrong one is just wrong.
    const unverified = await call(api("/login"), { body: { email, password: PASSWORD } });
    expect([unverified.status, unverified.body.error.code]).toEqual([403, "resident.email_not_verified"]);
    expect((await call(api("/verify-email"), { body: { ...link, token: link.token.replace(/.$/, (c) => (c === "A" ? "B" : "A")) } })).status).toBe(400);
    expect((await call(api("/verify-email"), { body: link })).status).toBe(200);
    const reused = await call(api("/verify-email"), { body: link });
    expect([reused.status, reused.body.error.code]).toEqual([400, "resident.link_invalid"]);

    const late = freshEmail();
    await call(api("/register"), { body: { email: late, password: PASSWORD } });
    const lateLink = linkParams((await waitForMails(late, 1))[0]!.text, "/account/verify");
    advance(24 * 3_600_000 + 1_000);
    expect((await call(api("/verify-email"), { body: lateLink })).status).toBe(400);
  });

  it("login and forgot answer alike for a known and an unknown address", async () => {
    const { email } = await registeredAndVerified();
    const unknown = await call(api("/login"), { body: { email: freshEmail(), password: PASSWORD } });
    const wrong = await call(api("/login"), { body: { email, password: "not the password at all" } });
    expect([wrong.status, wrong.body]).toEqual([unknown.status, unknown.body]);
    expect(unknown.status).toBe(401);
    const forgotKnown = await call(api("/password/forgot"), { body: { email } });
    const forgotUnknown = await call(api("/password/forgot"), { body: { email: freshEmail() } });
    expect([forgotKnown.status, forgotKnown.body]).toEqual([forgotUnknown.status, forgotUnknown.body]);
    expect(forgotKnown.status).toBe(202);
  });

  it("logs in with an emailed code, bound to the attempt and used once", async () => {
    const { email } = await registeredAndVerified();
    const first = await call(api("/login"), { body: { email, password: PASSWORD } });
    const mails = await waitForMails(email, 2);
    const code = /\b(\d{6})\b/.exec(mails.at(-1)!.text)![1]!;
    // Without the pending session's cookie the code is worth nothing.
    expect((await call(api("/login/second-factor"), { body: { code } })).status).toBe(401);
    const wrongCode = code === "000000" ? "111111" : "000000";
    expect((await call(api("/login/second-factor"), { body: { code: wrongCode }, headers: { cookie: cookieOf(first) } })).status).toBe(401);
    const ok = await call(api("/login/second-factor"), { body: { code }, headers: { cookie: cookieOf(first) } });
    expect(ok.status).toBe(200);
    // The pending session's id is not the logged-in one (new id at login).
    expect(cookieOf(ok)).not.toBe(cookieOf(first));
    const me = await call(api("/me"), { headers: { cookie: cookieOf(ok) } });
    expect([me.status, me.body.email, me.body.secondFactor]).toEqual([200, email, "email_code"]);
    expect((await call(api("/login/second-factor"), { body: { code }, headers: { cookie: cookieOf(first) } })).status).toBe(401);
  });

  it("locks after N wrong passwords, then answers the right password exactly as a wrong one", async () => {
    const { email } = await registeredAndVerified();
    let last = null as Awaited<ReturnType<typeof call>> | null;
    for (let i = 0; i < RESIDENT_LOCKOUT_POLICY.maxConsecutiveFailures; i += 1) {
      advance(RESIDENT_LOCKOUT_POLICY.maxDelayMs + 1_000); // past each growing delay, so every try counts
      last = await call(api("/login"), { body: { email, password: `wrong password number ${i}` } });
      expect(last.status).toBe(401);
    }
    advance(1_000);
    const right = await call(api("/login"), { body: { email, password: PASSWORD } });
    expect([right.status, right.body]).toEqual([last!.status, last!.body]);
    // The owner was told, in a mail without a link.
    const notice = (await waitForMails(email, 2))[1]!;
    expect(notice.subject).toMatch(/ロック/);
    expect(notice.text).not.toMatch(/https?:\/\//);
    advance(RESIDENT_LOCKOUT_POLICY.lockDurationMs + 1_000);
    expect((await call(api("/login"), { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it("a locked owner unlocks by an emailed link (asked for; same answer for any address), once", async () => {
    const { email, accountId } = await registeredAndVerified();
    for (let i = 0; i < RESIDENT_LOCKOUT_POLICY.maxConsecutiveFailures; i += 1) {
      advance(RESIDENT_LOCKOUT_POLICY.maxDelayMs + 1_000);
      await call(api("/login"), { body: { email, password: `wrong password number ${i}` } });
    }
    await waitForMails(email, 2);
    const known = await call(api("/unlock/request"), { body: { email } });
    const unknown = await call(api("/unlock/request"), { body: { email: freshEmail() } });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    const link = linkParams((await waitForMails(email, 3))[2]!.text, "/account/unlock");
    expect((await call(api("/login"), { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await call(api("/unlock"), { body: link })).status).toBe(200);
    expect((await call(api("/unlock"), { body: link })).status).toBe(400);
    expect((await call(api("/login"), { body: { email, password: PASSWORD } })).status).toBe(200);
    // One unlock recorded (written with the lockout reset), from where it came; the refused second use changed nothing.
    const unlocks = (await readAllAuditEntries(server.deps.auditLog, { actions: ["resident.account_changed"] }))
      ._unsafeUnwrap()
      .filter((e) => e.target?.id === accountId && e.details["change"] === "unlocked_by_email");
    expect(unlocks.map((e) => `${e.result}:${e.sourceIp}`)).toEqual(["success:127.0.0.1"]);
  });

  it("TOTP: enrol with recovery codes, log in with a code, and a password reset never bypasses it", async () => {
    const { email, accountId } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
    expect((await call(api("/totp/start"), { body: { currentPassword: PASSWORD } })).status).toBe(401);
    expect((await call(api("/totp/start"), { body: { currentPassword: PASSWORD }, headers: { cookie: session.cookie } })).status).toBe(403);
    const offer = await call(api("/totp/start"), { body: { currentPassword: PASSWORD }, headers });
    expect(offer.status).toBe(200);
    expect(offer.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: Secret.fromBase32(offer.body.secret), digits: 6, period: 30, algorithm: "SHA1" });
    const codeNow = () => totp.generate({ timestamp: clock.now().getTime() });
    const confirmed = await call(api("/totp/confirm"), { body: { code: codeNow() }, headers });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await waitForMails(email, 3)).at(-1)!.subject).toMatch(/認証アプリ/);

    advance(31_000);
    const pending = await call(api("/login"), { body: { email, password: PASSWORD } });
    expect(pending.body).toEqual({ step: "totp" });
    const loggedIn = await call(api("/login/second-factor"), { body: { code: codeNow() }, headers: { cookie: cookieOf(pending) } });
    expect(loggedIn.status).toBe(200);
    // Enrolling again while TOTP is the second step is refused (it would break logins until confirmed).
    const reenrol = await call(api("/totp/start"), { body: { currentPassword: PASSWORD }, headers: { cookie: cookieOf(loggedIn), "x-csrf-token": loggedIn.body.csrfToken } });
    expect(reenrol.status).toBe(400);

    // A lost phone: a recovery code instead of the authenticator code, once.
    const recoveryCode = confirmed.body.recoveryCodes[3] as string;
    for (const expected of [200, 401]) {
      const step = await call(api("/login"), { body: { email, password: PASSWORD } });
      const recovered = await call(api("/login/second-factor"), { body: { recoveryCode: recoveryCode.toLowerCase() }, headers: { cookie: cookieOf(step) } });
      expect(recovered.status).toBe(expected);
    }

    await call(api("/password/forgot"), { body: { email } });
    const resetMail = (await waitForMails(email, 4)).at(-1)!;
    const link = linkParams(resetMail.text, "/account/reset");
    expect(link.accountId).toBe(accountId);
    const newPassword = "新しい 合言葉 を 決めました";
    const withoutTotp = await call(api("/password/reset"), { body: { ...link, newPassword } });
    expect([withoutTotp.status, withoutTotp.body.error.code]).toEqual([400, "resident.link_invalid"]);
    const wrongTotp = await call(api("/password/reset"), { body: { ...link, newPassword, totpCode: "000000" === codeNow() ? "111111" : "000000" } });
    expect(wrongTotp.status).toBe(401);
    // Neither used the ticket up: with the code it works, once.
    advance(31_000);
    const reset = await call(api("/password/reset"), { body: { ...link, newPassword, totpCode: codeNow() } });
    expect(reset.status).toBe(200);
    advance(31_000);
    expect((await call(api("/password/reset"), { body: { ...link, newPassword: "yet another good phrase", totpCode: codeNow() } })).status).toBe(400);
    // The reset ended the sessions of the account, and the notice went out.
    expect((await call(api("/me"), { headers: { cookie: cookieOf(loggedIn) } })).status).toBe(401);
    expect((await waitForMails(email, 5)).at(-1)!.subject).toMatch(/パスワードが変更されました/);
    advance(31_000);
    const again = await call(api("/login"), { body: { email, password: newPassword } });
    expect(again.body).toEqual({ step: "totp" });
  });

  it("a reset link expires after 30 minutes", async () => {
    const { email } = await registeredAndVerified();
    await call(api("/password/forgot"), { body: { email } });
    const link = linkParams((await waitForMails(email, 2)).at(-1)!.text, "/account/reset");
    advance(30 * 60_000 + 1_000);
    expect((await call(api("/password/reset"), { body: { ...link, newPassword: "新しい 合言葉 を 決めました" } })).status).toBe(400);
  });

  it("change of password and of address need the current password, and notify the owner", async () => {
    const { email } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
    expect((await call(api("/password/change"), { body: { currentPassword: "wrong one here", newPassword: "新しい 合言葉 です よ" }, headers })).status).toBe(401);
    expect((await call(api("/password/change"), { body: { currentPassword: PASSWORD, newPassword: "新しい 合言葉 です よ" }, headers })).status).toBe(200);
    expect((await waitForMails(email, 3)).at(-1)!.subject).toMatch(/パスワードが変更されました/);
    const newEmail = freshEmail();
    expect((await call(api("/email/change"), { body: { currentPassword: "新しい 合言葉 です よ", newEmail }, headers })).status).toBe(202);
    const link = linkParams((await waitForMails(newEmail, 1))[0]!.text, "/account/confirm-email");
    expect((await call(api("/email/confirm"), { body: link })).status).toBe(200);
    expect((await call(api("/email/confirm"), { body: link })).status).toBe(400);
    expect((await waitForMails(email, 4)).at(-1)!.subject).toMatch(/メールアドレスが変更されました/);
    expect((await call(api("/me"), { headers })).body.email).toBe(newEmail);
  });
});

/** What the browser does: prepare, sign, tokenise, submit — with the resident's cookie when logged in. */
const submit = async (input: ReturnType<typeof juminhyoInput>, cookie?: string) => {
  const prepared = await call(`${server.url}/api/applications/prepare`, { body: input });
  if (prepared.status !== 200) throw new Error(`prepare failed: ${JSON.stringify(prepared.body)}`);
  const signed = await call(`${server.url}/test-card/api/sign`, {
    body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD },
  });
  const token = await tokenize(server as never, "4242424242424242");
  return call(`${server.url}/api/applications`, {
    body: { ...input, signature: { cmsBase64: signed.body.cmsBase64 }, payment: { token } },
    headers: cookie === undefined ? {} : { cookie },
  });
};

describe("my applications (R8) and each procedure's entry", () => {
  beforeAll(() => {
    // Back to real time, so the card and the sandbox agree on validity periods.
    offsetMs = 0;
  });

  it("applications submitted while logged in belong to the account; others' and email-only ones do not", async () => {
    const a = await registeredAndVerified();
    const b = await registeredAndVerified();
    const sa = await loginWithEmailCode(a.email);
    const sb = await loginWithEmailCode(b.email);
    const mine = await submit(juminhyoInput(), sa.cookie);
    expect(mine.status).toBe(201);
    const anonymous = await submit(juminhyoInput());
    expect(anonymous.status).toBe(201);
    const theirs = await submit(juminhyoInput(), sb.cookie);
    expect(theirs.status).toBe(201);

    const listA = await call(api("/applications"), { headers: { cookie: sa.cookie } });
    expect(listA.status).toBe(200);
    expect(listA.body.items.map((i: { receiptNumber: string }) => i.receiptNumber)).toEqual([mine.body.receiptNumber]);
    expect(listA.body.items[0].statusLabel.ja).toBeTruthy();
    expect(listA.body.items[0].history.map((h: { to: string }) => h.to)).toEqual(["submitted"]);
    const listB = await call(api("/applications"), { headers: { cookie: sb.cookie } });
    expect(listB.body.items.map((i: { receiptNumber: string }) => i.receiptNumber)).toEqual([theirs.body.receiptNumber]);
    expect((await call(api("/applications"))).status).toBe(401);
  });

  it("a procedure that allows only accounts refuses a submission without login, and takes one with it", async () => {
    const input = () => ({ ...juminhyoInput(), procedureId: "inkan" });
    const refused = await submit(input());
    expect([refused.status, refused.body.error.code]).toEqual([401, "resident.login_required"]);
    const { email } = await registeredAndVerified();
    const session = await loginWithEmailCode(email);
    const accepted = await submit(input(), session.cookie);
    expect(accepted.status).toBe(201);
  });
});
