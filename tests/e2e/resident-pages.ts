import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { AppInBrowser } from "./browser.ts";

/** A pass phrase that passes the resident password rules. */
export const RESIDENT_PASSWORD = "まどぐち で 申請 する 春";

/** The applicant the browser tests type into a certificate request (full-width digits and hiragana on purpose). */
export const DEMO_APPLICANT = {
  "applicant.name": "窓口 花子",
  "applicant.nameKana": "まどぐち はなこ",
  "applicant.postalCode": "１００－０００１",
  "applicant.address": "みほん県みほん市中央一丁目1番1号",
  "applicant.dateOfBirth": "平成2年1月2日",
  "applicant.phone": "03-1234-5678",
  "applicant.email": "hanako@example.jp",
} as const;

/** Types {@link DEMO_APPLICANT} into the request form, field by field as a person would. */
export const fillDemoApplicant = async (page: Page): Promise<void> => {
  for (const [name, value] of Object.entries(DEMO_APPLICANT)) await page.fill(`[name="${name}"]`, value);
};

/**
 * A request for one copy of `procedureId` by the demo applicant, sent by post (普通), confirmed and signed
 * with the test card's demo password: the page is then at its payment step (card, or 事後決済's notice).
 */
export const applyAndSign = async (page: Page, appUrl: string, procedureId: string): Promise<void> => {
  await page.goto(appUrl);
  await page.locator(`[data-testid="procedure-${procedureId}"] a`).click();
  await fillDemoApplicant(page);
  await page.fill('[name="request.copies"]', "1");
  await page.check('[name="request.deliveryMethodId"][value="standard"]');
  await page.click('[data-testid="to-confirm"]');
  await expect.poll(() => page.getByTestId("fee-total").isVisible(), { timeout: 15_000 }).toBe(true);
  await page.click('[data-testid="to-sign"]');
  await page.fill('[data-testid="card-password"]', "MADO1234");
  await page.click('[data-testid="sign"]');
};

/** What the resident browser tests do on the reference app's pages: read mail in the dev inbox, follow links, log in. */
export const residentPages = (running: AppInBrowser) => {
  /** The newest mail to `to`, read on the dev inbox page as a person would (polled: mail leaves asynchronously). */
  const newestMailTo = async (to: string, subject: RegExp): Promise<string> => {
    const page = await running.context.newPage();
    await page.goto(`${running.app.url}/dev/inbox`);
    let text = "";
    await expect
      .poll(
        async () => {
          await page.click('[data-testid="inbox-reload"]');
          const mails = page.locator("article.mail");
          for (let i = 0; i < (await mails.count()); i += 1) {
            const mail = mails.nth(i);
            const body = (await mail.textContent()) ?? "";
            if (body.includes(to) && subject.test(body)) {
              text = (await mail.locator("pre").textContent()) ?? "";
              return true;
            }
          }
          return false;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.close();
    return text;
  };

  /** The link to `path` in a mail's text. */
  const linkIn = (text: string, path: string): string => {
    const m = new RegExp(`https?://\\S+${path}\\?\\S+`).exec(text);
    if (m === null) throw new Error(`no ${path} link in the mail`);
    return m[0];
  };

  /** The password step on the login page. */
  const logIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${running.app.url}/account/login`);
    await page.fill('[name="email"]', email);
    await page.fill('[name="password"]', password);
    await page.click('[data-testid="login-submit"]');
  };

  /**
   * A new resident account (email `<prefix>-<pid>@example.jp`, {@link RESIDENT_PASSWORD}), its address verified
   * through the mailed link, and logged in on `page` with the emailed code (the default second step): the page
   * ends on the resident's empty list of applications. Answers the email.
   */
  const registerAndLogIn = async (page: Page, prefix: string): Promise<string> => {
    const email = `${prefix}-${process.pid}@example.jp`;
    const registered = await fetch(`${running.app.url}/api/resident/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: RESIDENT_PASSWORD }),
    });
    expect(registered.status).toBe(202);
    await page.goto(linkIn(await newestMailTo(email, /メールアドレスの確認/), "/account/verify"));
    await expect.poll(() => page.getByTestId("link-done").isVisible(), { timeout: 15_000 }).toBe(true);
    await logIn(page, email, RESIDENT_PASSWORD);
    const code = /\b(\d{6})\b/.exec(await newestMailTo(email, /ログイン確認コード/))?.[1] ?? "";
    await page.fill('[name="code"]', code);
    await page.click('[data-testid="code-submit"]');
    await expect.poll(() => page.getByTestId("applications-none").isVisible(), { timeout: 15_000 }).toBe(true);
    return email;
  };

  return { newestMailTo, linkIn, logIn, registerAndLogIn };
};
