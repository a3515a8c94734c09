import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: a staff member registers a passkey with the device's authenticator", () => {
  it("adds a passkey through WebAuthn (a virtual platform authenticator with user verification), signs in with it instead of the code, and removes it", async () => {
    const page = await running.context.newPage();
    // Chromium's virtual authenticator stands in for Windows Hello / Touch ID: a real WebAuthn ceremony.
    const cdp = await running.context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await staffLogsIn(page, running.app);
    await page.click('[data-testid="staff-nav-security"]');
    await expect.poll(() => page.getByTestId("passkeys-none").isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.fill('[name="passkey-label"]', "職場のPC");
    await page.click('[data-testid="passkey-add"]');
    await expect.poll(() => page.getByTestId("security-notice").textContent(), { timeout: 15_000 }).toContain("登録しました");
    await expect.poll(() => page.locator('[data-testid="passkey-row"]').allTextContents()).toEqual([expect.stringContaining("職場のPC")]);
    // The authenticator holds the credential the server stored.
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.rpId).toBe("localhost");

    // An empty name is refused before any prompt.
    await page.fill('[name="passkey-label"]', "");
    await page.click('[data-testid="passkey-add"]');
    await expect.poll(() => page.locator("main").textContent()).toContain("名前を入力してください");
    await expect.poll(() => page.locator('[name="passkey-label"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('[data-testid="passkey-row"]').count()).toBe(1);

    // Sign out, and sign in again with the password and then the passkey instead of the code.
    await page.click('[data-testid="staff-logout"]');
    await page.fill('[name="loginId"]', "demo-staff");
    await page.fill('[name="password"]', running.app.staffPassword);
    await page.click('[data-testid="staff-login"]');
    await page.getByTestId("passkey-login").click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId("staff-name").isVisible(), { timeout: 15_000 }).toBe(true);
    // S2: the bar shows the previous sign-in and the sign-out just made.
    expect(await page.getByTestId("staff-last-login").textContent()).toContain("前回のログイン");
    expect(await page.getByTestId("staff-last-logout").textContent()).toMatch(/^前回のログアウト: \d{4}\/\d{1,2}\/\d{1,2}/);
    const used = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(used.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

    await page.goto(`${running.app.staffUrl}/staff/security`);
    await page.getByRole("button", { name: "パスキー「職場のPC」を削除" }).click();
    await expect.poll(() => page.getByTestId("passkeys-none").isVisible()).toBe(true);

    // S7: the same page sets where the notification mails go, and stops them.
    await page.getByTestId("notification-email-input").fill("demo-staff@city.example.lg.jp");
    await page.click('[data-testid="notification-email-save"]');
    await expect.poll(() => page.getByTestId("notification-email-current").textContent()).toBe("現在の送信先: demo-staff@city.example.lg.jp");
    await page.click('[data-testid="notification-email-stop"]');
    await expect.poll(() => page.getByTestId("notification-email-message").textContent()).toBe("通知メールを受け取らない設定にしました。");
    expect(await page.getByTestId("notification-email-current").textContent()).toBe("現在、通知メールは受け取らない設定です。");
    await expectNoSeriousA11yViolations(page);
  });
});
