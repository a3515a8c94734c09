import { expect } from "vitest";
import { call } from "./api-client.ts";

/** A mail as the dev inbox lists it. */
export type Mail = { to: string; subject: string; text: string };

/** The cookie a response set (name=value only). */
export const cookieOf = (res: { headers: Headers }) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** The account id and token of a link to `path` in a mail's text. */
export const linkParams = (text: string, path: string) => {
  const m = new RegExp(`https?://[^\\s]+${path}\\?[^\\s]+`).exec(text);
  if (m === null) throw new Error(`no ${path} link in mail`);
  const u = new URL(m[0]);
  return { accountId: u.searchParams.get("account") ?? "", token: u.searchParams.get("token") ?? "" };
};

/** A pass phrase that passes the resident password rules. */
export const RESIDENT_PASSWORD = "まどぐち で 申請 する 春";

/**
 * What resident tests do over the resident listener at `baseUrl()` (a getter: servers start in
 * `beforeAll`): the account API, the dev inbox, and the usual register → verify → log in.
 */
export const residentClient = (baseUrl: () => string, emailPrefix = "resident") => {
  let seq = 0;
  const api = (path: string) => `${baseUrl()}/api/resident${path}`;
  /** The mails to `to`, oldest first (the inbox lists newest first). */
  const mailsTo = async (to: string): Promise<Mail[]> => (await call(`${baseUrl()}/api/dev/inbox`)).body.messages.filter((m: Mail) => m.to === to).reverse();
  /** Mail is handed to the mailer without waiting: poll the dev inbox until `count` mails reached `to`. */
  const waitForMails = async (to: string, count: number): Promise<Mail[]> => {
    for (let i = 0; i < 200; i += 1) {
      const mails = await mailsTo(to);
      if (mails.length >= count) return mails;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`expected ${count} mails to ${to}, got ${(await mailsTo(to)).length}`);
  };
  const freshEmail = () => `${emailPrefix}-${process.pid}-${(seq += 1)}@example.jp`;

  /** Registers and verifies an account; answers its address and id. */
  const registeredAndVerified = async (password = RESIDENT_PASSWORD): Promise<{ email: string; accountId: string }> => {
    const email = freshEmail();
    expect((await call(api("/register"), { body: { email, password } })).status).toBe(202);
    const [mail] = await waitForMails(email, 1);
    const link = linkParams(mail!.text, "/account/verify");
    expect((await call(api("/verify-email"), { body: link })).status).toBe(200);
    return { email, accountId: link.accountId };
  };

  /** The password step of an email-code account: the pending session's cookie (a code was mailed). */
  const passwordStep = async (email: string, password = RESIDENT_PASSWORD) => {
    const first = await call(api("/login"), { body: { email, password } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ step: "email_code" });
    return cookieOf(first);
  };

  /** Logs in with email codes (the default second step); answers cookie and CSRF token. */
  const loginWithEmailCode = async (email: string, password = RESIDENT_PASSWORD) => {
    const before = (await mailsTo(email)).length;
    const cookie = await passwordStep(email, password);
    const mails = await waitForMails(email, before + 1);
    const code = /\b(\d{6})\b/.exec(mails.at(-1)!.text)![1]!;
    const second = await call(api("/login/second-factor"), { body: { code }, headers: { cookie } });
    expect(second.status).toBe(200);
    return { cookie: cookieOf(second), csrf: second.body.csrfToken as string };
  };

  return { api, mailsTo, waitForMails, freshEmail, registeredAndVerified, passwordStep, loginWithEmailCode };
};
