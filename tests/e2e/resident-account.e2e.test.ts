import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { RESIDENT_PASSWORD, residentPages } from "./resident-pages.ts";

const running = appInBrowser();

const { newestMailTo, linkIn, logIn } = residentPages(running);
const PASSWORD = RESIDENT_PASSWORD;

describe("in Chromium: a resident account from registration to 'my applications'", () => {
  it("registers, verifies the address from the dev inbox, logs in with an emailed code, enrols TOTP, logs in with TOTP and sees their application", async () => {
    const email = `e2e-${process.pid}@example.jp`;
    const page = await running.context.newPage();

    await page.goto(`${running.app.url}/account/register`);
    await expectNoSeriousA11yViolations(page);
    await page.fill('[name="email"]', email);
    await page.fill('[name="password"]', PASSWORD);
    await page.click('[data-testid="register-submit"]');
    await expect.poll(() => page.getByTestId("register-done").isVisible()).toBe(true);

    const verifyMail = await newestMailTo(email, /メールアドレスの確認/);
    await page.goto(linkIn(verifyMail, "/account/verify"));
    await expect.poll(() => page.getByTestId("link-done").isVisible(), { timeout: 15_000 }).toBe(true);

    // First login: the default second step is a code by email.
    await logIn(page, email, PASSWORD);
    await expect.poll(() => page.locator("main").textContent()).toContain("メールでお送りした6桁の確認コード");
    const codeMail = await newestMailTo(email, /ログイン確認コード/);
    const code = /\b(\d{6})\b/.exec(codeMail)?.[1] ?? "";
    await page.fill('[name="code"]', code);
    await page.click('[data-testid="code-submit"]');
    await expect.poll(() => page.getByTestId("applications-none").isVisible(), { timeout: 15_000 }).toBe(true);

    // Enrol an authenticator app: the test is the app, computing codes from the shown key.
    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("settings-email").textContent()).toBe(email);
    await expectNoSeriousA11yViolations(page);
    await page.fill('[name="currentPassword"]', PASSWORD);
    await page.click('[data-testid="totp-start"]');
    const secret = ((await page.getByTestId("totp-secret").textContent({ timeout: 15_000 })) ?? "").trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
    await page.fill('[name="totpCode"]', totp.generate());
    await page.click('[data-testid="totp-confirm"]');
    await expect.poll(() => page.locator('[data-testid="recovery-codes"] li').count(), { timeout: 15_000 }).toBe(10);

    // Submit an application while logged in: what the apply page sends, with this browser's cookie.
    // The card is tokenised at the sandbox (its own origin), as its hosted fields do.
    const config = (await (await fetch(`${running.app.url}/api/config`)).json()) as { payment: { hostedFieldsUrl: string } };
    const tokenRes = await fetch(`${new URL(config.payment.hostedFieldsUrl).origin}/v1/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123", name: "HANAKO MADOGUCHI" }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const receipt = await page.evaluate(async (paymentToken) => {
      const input = {
        procedureId: "juminhyo",
        locale: "ja",
        submissionKey: `e2e-resident-account-${Date.now()}`.padEnd(32, "k"),
        applicant: {
          name: "窓口 花子", nameKana: "まどぐち はなこ", postalCode: "１００－０００１", address: "みほん県みほん市中央一丁目1番1号",
          dateOfBirth: "平成2年1月2日", phone: "03-1234-5678", email: "hanako@example.jp",
        },
        request: { copies: "1", deliveryMethodId: "standard", extra: {} },
      };
      const post = async (url: string, body: unknown) => {
        const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        return { status: r.status, body: (await r.json()) as Record<string, string> };
      };
      const prepared = await post("/api/applications/prepare", input);
      const bytes = new TextEncoder().encode(prepared.body["canonicalJson"] ?? "");
      const signed = await post("/test-card/api/sign", { contentBase64: btoa(String.fromCharCode(...bytes)), password: "MADO1234" });
      return post("/api/applications", { ...input, signature: { cmsBase64: signed.body["cmsBase64"] }, payment: { token: paymentToken } });
    }, token);
    expect(receipt.status).toBe(201);

    // Log out, log in again: now the second step is the authenticator app.
    await page.goto(`${running.app.url}/account`);
    await page.click('[data-testid="account-logout"]');
    await expect.poll(() => page.url()).toContain("/account/login");
    await logIn(page, email, PASSWORD);
    await expect.poll(() => page.locator("main").textContent()).toContain("認証アプリに表示されている6桁のコード");
    // Each code works once: use the next time step's code (accepted within the ±1 step window).
    await page.fill('[name="code"]', totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.click('[data-testid="code-submit"]');
    await expect.poll(() => page.locator('[data-testid="my-application"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId("my-applications").textContent()).toContain(receipt.body["receiptNumber"]);
    expect(await page.getByTestId("my-applications").textContent()).toContain("住民票");
    await expectNoSeriousA11yViolations(page);
  });

  // The lock itself (the N-th failure, N = 20) is proven with a moved clock in the server test
  // (apps/server/test/resident-accounts.test.ts); in real time, failures past the free ones already
  // make every try wait, and waiting and locked answer exactly like a wrong password.
  it("after repeated wrong passwords, the right password gets the same message as a wrong one", async () => {
    const page = await running.context.newPage();
    const email = `e2e-lock-${process.pid}@example.jp`;
    const register = await fetch(`${running.app.url}/api/resident/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(register.status).toBe(202);
    await page.goto(linkIn(await newestMailTo(email, /メールアドレスの確認/), "/account/verify"));
    await expect.poll(() => page.getByTestId("link-done").isVisible(), { timeout: 15_000 }).toBe(true);

    const loginAnswer = () => page.waitForResponse((r) => r.url().endsWith("/api/resident/login") && r.request().method() === "POST");
    const wrongAnswered = loginAnswer();
    await logIn(page, email, "a wrong password");
    const wrong = await wrongAnswered;
    const wrongBody: unknown = await wrong.json();
    await expect.poll(() => page.getByTestId("login-error").isVisible()).toBe(true);
    const wrongMessage = await page.getByTestId("login-error").textContent();
    // More failures over the API (the server counts them whatever client asks). Residents have 5 free
    // failures, then each counted one makes the next try wait 1 s, 2 s, 4 s, 8 s (RESIDENT_LOCKOUT_POLICY);
    // a try refused during a wait is not counted. So the failures past the free ones are spaced past each
    // wait: after the tenth, the account waits 16 s — a window no loaded machine's browser login outlasts
    // (with the tries fired at once, the wait was 1 s, and a slow login came after it and was let in).
    const waitsMs = [0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000];
    for (const [i, waitMs] of waitsMs.entries()) {
      await new Promise((resolve) => setTimeout(resolve, waitMs === 0 ? 0 : waitMs + 250));
      const answer = await fetch(`${running.app.url}/api/resident/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: `wrong ${i + 2}` }),
      });
      expect(answer.status).toBe(wrong.status());
    }
    const rightAnswered = loginAnswer();
    await logIn(page, email, PASSWORD);
    // The server's answer (the same status and body as a wrong password; read before the page reacts), then the page.
    const right = await rightAnswered;
    expect({ status: right.status(), body: await right.json() }).toEqual({ status: wrong.status(), body: wrongBody });
    await expect.poll(() => page.getByTestId("login-error").textContent()).toBe(wrongMessage);
    expect(await page.locator('[name="code"]').count()).toBe(0);
  });
});
