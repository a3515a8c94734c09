import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSoftwareAuthenticator } from "@madoguchi/conformance/passkey-relying-party";
import { call, staffLogin } from "./support/api-client.ts";
import { staffLoginAs, totpCodeFor } from "./support/staff-totp.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const PASSWORD = "shokuin-tsuuchi-no-tame-no-2026";
const FIRST = "tsuuchi.first@city.example.lg.jp";
const MOVED = "tsuuchi.moved@city.example.lg.jp";

/**
 * A staff member hears about each change to their own sign-in (SECURITY.md: mail after password or MFA
 * changes) at the address the administrator gave at issue, or at the last reset; an account with no
 * address gets no mail.
 */
describe("staff security notices by mail, on real SQLite", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  /** The dev inbox, newest first. */
  const inbox = () => server.deps.devInbox!.list();
  /** The notices (not the set-up link mails) sent to `to`, oldest first. */
  const noticesTo = (to: string) => [...inbox()].reverse().filter((m) => m.to === to && !/https?:\/\//.test(m.text));
  const linkFor = (to: string, subject: string) => {
    const mail = inbox().find((m) => m.to === to && m.subject.includes(subject));
    const url = new URL(/https?:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "http://x/");
    return { accountId: url.searchParams.get("account") ?? "", token: url.searchParams.get("token") ?? "" };
  };
  const browserAt = () => createSoftwareAuthenticator({ rpId: "localhost", origin: `http://localhost:${new URL(server.staffUrl).port}` });
  const addAndRemovePasskey = async (headers: Record<string, string>) => {
    const start = await call(`${server.staffUrl}/api/staff/passkeys/options`, { headers, body: {} });
    const response = browserAt().register(start.body.publicKey);
    expect((await call(`${server.staffUrl}/api/staff/passkeys`, { headers, body: { label: "職場のPC", challenge: start.body.challenge, response } })).status).toBe(201);
    expect((await fetch(`${server.staffUrl}/api/staff/passkeys/${response.id}`, { method: "DELETE", headers })).status).toBe(204);
  };

  it("mails a notice without a link (ja + en, what and when, call IT) after the password is set, TOTP enrolled, a passkey added or removed, a recovery code used", async () => {
    const admin = await staffLogin(server);
    const issued = await call(`${server.staffUrl}/api/staff/admin/accounts`, { headers: admin.headers, body: { loginId: "tsuuchi.member", displayName: "通知 太郎", email: FIRST } });
    expect(issued.status).toBe(201);
    expect((await server.deps.staff.findById(issued.body.id))._unsafeUnwrap()?.notificationEmail).toBe(FIRST);
    expect(noticesTo(FIRST)).toEqual([]);

    expect((await call(`${server.staffUrl}/api/staff/setup`, { body: { ...linkFor(FIRST, "アカウントの設定"), password: PASSWORD } })).status).toBe(200);
    const [setNotice] = noticesTo(FIRST);
    expect(setNotice?.subject).toBe("【みほん市 madoguchi】パスワードが設定されました（設定用リンクから） / A password was set for your account (through a set-up link)");
    expect(setNotice?.text).toMatch(/日時: \d{4}年\d{1,2}月\d{1,2}日 \d{2}時\d{2}分（日本時間）/);
    expect(setNotice?.text).toMatch(/When: \d{4}-\d{2}-\d{2} \d{2}:\d{2} Japan time/);
    expect(setNotice?.text).toContain("情報システム担当にご連絡ください");
    expect(setNotice?.text).toContain("Contact your IT administrator");
    expect(setNotice?.text).not.toContain("municipality's office");

    const member = await staffLoginAs(server, "tsuuchi.member", PASSWORD);
    expect(member.recoveryCodes.length).toBeGreaterThan(0);
    await addAndRemovePasskey(member.headers);
    // The recovery code instead of the TOTP code at the next login.
    const pending = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "tsuuchi.member", password: PASSWORD } });
    const pendingHeaders = { cookie: (pending.headers.get("set-cookie") ?? "").split(";")[0] ?? "", "x-csrf-token": pending.body.csrfToken as string };
    expect((await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pendingHeaders, body: { recoveryCode: member.recoveryCodes[0] } })).status).toBe(200);

    const subjects = noticesTo(FIRST).map((m) => m.subject.replace(/^【みほん市 madoguchi】/, "").split(" / ")[1]);
    expect(subjects).toEqual([
      "A password was set for your account (through a set-up link)",
      "An authenticator app was added to your account",
      "A passkey was added to your account",
      "A passkey was removed from your account",
      "A recovery code was used to sign in (it cannot be used again)",
    ]);
    // Never a code in the mail: neither the recovery codes nor anything that looks like one.
    for (const m of noticesTo(FIRST)) for (const code of member.recoveryCodes) expect(m.text).not.toContain(code);
    expect(server.logText()).not.toContain(FIRST);
  });

  it("a reset replaces the address: the next notice goes to the new one only", async () => {
    const admin = await staffLogin(server);
    const id = (await server.deps.staff.findByLoginId("tsuuchi.member"))._unsafeUnwrap()!.id;
    const before = noticesTo(FIRST).length;
    expect((await call(`${server.staffUrl}/api/staff/admin/accounts/${id}/reset`, { headers: admin.headers, body: { email: MOVED } })).status).toBe(200);
    expect((await server.deps.staff.findById(id))._unsafeUnwrap()?.notificationEmail).toBe(MOVED);
    const link = linkFor(MOVED, "再設定");
    expect((await call(`${server.staffUrl}/api/staff/setup`, { body: { ...link, password: `${PASSWORD}-new`, totpCode: await totpCodeFor(server, "tsuuchi.member") } })).status).toBe(200);
    expect(noticesTo(MOVED).map((m) => m.subject)).toEqual(["【みほん市 madoguchi】パスワードが設定されました（設定用リンクから） / A password was set for your account (through a set-up link)"]);
    expect(noticesTo(FIRST)).toHaveLength(before);
    expect(server.logText()).not.toContain(MOVED);
  });

  it("an account with no stored address gets no mail, and its changes still succeed", async () => {
    const admin = await staffLogin(server);
    const demo = (await server.deps.staff.findByLoginId("demo-staff"))._unsafeUnwrap()!;
    expect(demo.notificationEmail ?? null).toBeNull();
    const sent = inbox().length;
    await addAndRemovePasskey(admin.headers);
    expect(inbox()).toHaveLength(sent);
  });
});
