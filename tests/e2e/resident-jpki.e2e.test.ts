import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { residentPages } from "./resident-pages.ts";

const running = appInBrowser();
const { registerAndLogIn } = residentPages(running);

describe("in Chromium: a resident links their My Number card through the Digital Authentication App and logs in with it (R10)", () => {
  it("an unlinked card is told to link first; linked from the account settings (the loopback stub stands where the app is), it then opens the account", async () => {
    const page = await running.context.newPage();
    const stubApprove = page.getByRole("button", { name: /認証する/ });

    // Before any link: the login page offers the app, the app confirms the card, the service says to link it first.
    await page.goto(`${running.app.url}/account/login`);
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="jpki-login"]');
    await stubApprove.click();
    await expect.poll(() => page.getByTestId("jpki-error").textContent(), { timeout: 15_000 }).toContain("まだアカウントに連携されていません");
    expect(new URL(page.url()).pathname).toBe("/account/jpki-callback");
    expect(new URL(page.url()).search).toBe(""); // the code left the address bar

    // An account, verified, logged in with the emailed code.
    const email = await registerAndLogIn(page, "e2e-jpki");

    // Link the card from the settings: off to the app, approve, back to the callback page.
    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("jpki-none").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.click('[data-testid="jpki-link"]');
    await expect.poll(() => new URL(page.url()).hostname, { timeout: 15_000 }).toBe("127.0.0.1"); // the stub, on loopback
    await stubApprove.click();
    await expect.poll(() => page.getByTestId("jpki-linked").textContent(), { timeout: 15_000 }).toContain("連携しました");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: /アカウント設定へ戻る/ }).click();
    await expect.poll(() => page.locator('[data-testid="jpki-links"] tbody tr').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-testid="jpki-links"]').textContent()).toContain("デジタル認証アプリ");

    // Log out, then in with the card alone.
    await page.click('[data-testid="account-logout"]');
    await expect.poll(() => page.getByTestId("jpki-login").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.click('[data-testid="jpki-login"]');
    await stubApprove.click();
    await expect.poll(() => page.getByTestId("applications-none").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/account");

    // A cancel in the app comes back with a clear message and no session change.
    await page.click('[data-testid="account-nav-settings"]');
    await page.click('[data-testid="jpki-unlink"]');
    await expect.poll(() => page.getByTestId("jpki-notice").textContent(), { timeout: 15_000 }).toContain("解除しました");
    await page.click('[data-testid="jpki-link"]');
    await page.getByRole("button", { name: /キャンセル/ }).click();
    await expect.poll(() => page.getByTestId("jpki-error").textContent(), { timeout: 15_000 }).toContain("中止されました");
    await page.close();
  });
});
