import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { RESIDENT_PASSWORD, residentPages } from "./resident-pages.ts";

const running = appInBrowser();
const { newestMailTo, logIn, registerAndLogIn } = residentPages(running);

describe("in Chromium: a resident adds a passkey and logs in with it instead of the emailed code", () => {
  it("registers through WebAuthn (a virtual platform authenticator with user verification) after the current password, is mailed about it, logs in with it, and removes it", async () => {
    const page = await running.context.newPage();
    // Chromium's virtual authenticator stands in for the phone's Face ID / fingerprint: a real WebAuthn ceremony.
    const cdp = await running.context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    // An account, verified, logged in with the emailed code.
    const email = await registerAndLogIn(page, "e2e-passkey");

    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("passkeys-none").isVisible(), { timeout: 15_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page);

    // Without the current password the server refuses before any prompt.
    await page.fill('[name="passkey-label"]', "自分のスマートフォン");
    await page.click('[data-testid="passkey-add"]');
    await expect.poll(() => page.getByTestId("passkey-notice").textContent(), { timeout: 15_000 }).toContain("正しくありません");
    expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(0);

    await page.fill('[name="currentPassword"]', RESIDENT_PASSWORD);
    await page.click('[data-testid="passkey-add"]');
    await expect.poll(() => page.getByTestId("passkey-notice").textContent(), { timeout: 15_000 }).toContain("登録しました");
    await expect.poll(() => page.locator('[data-testid="passkey-row"]').allTextContents()).toEqual([expect.stringContaining("自分のスマートフォン")]);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.rpId).toBe("localhost");
    expect(await newestMailTo(email, /パスキーが登録されました/)).toContain("日時");

    // Log out; log in again: the password, then the passkey instead of the emailed code.
    await page.click('[data-testid="account-logout"]');
    await expect.poll(() => page.url()).toContain("/account/login");
    await logIn(page, email, RESIDENT_PASSWORD);
    await page.getByTestId("passkey-login").click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId("applications-none").isVisible(), { timeout: 15_000 }).toBe(true);
    const used = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(used.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

    // Remove it from the settings page; the owner is told.
    await page.click('[data-testid="account-nav-settings"]');
    await page.getByRole("button", { name: "パスキー「自分のスマートフォン」を削除" }).click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId("passkeys-none").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await newestMailTo(email, /パスキーの登録が解除されました/)).toContain("日時");
  });
});
