import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";

  // Threshold 3 (the configuration's lower bound) so that the lock comes before any wait between tries.
const running = appInBrowser({ MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: "3" });

describe("in Chromium: staff lockout", () => {
  it("after 3 wrong passwords the right one is refused with the same message, and no second step is offered", async () => {
    const page = await running.context.newPage();
    await page.goto(`${running.app.staffUrl}/staff`);
    const attempt = async (password: string) => {
      await page.fill('[name="loginId"]', "demo-staff");
      await page.fill('[name="password"]', password);
      // Each answer is awaited, so each message read is that attempt's.
      const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/staff/login")), page.click('[data-testid="staff-login"]')]);
      expect(answer.status()).toBe(401);
      await page.getByTestId("login-error").waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId("staff-login").getAttribute("aria-disabled")).toBeNull();
      return (await page.getByTestId("login-error").textContent()) ?? "";
    };
    const wrong = [await attempt("wrong-password-1"), await attempt("wrong-password-2"), await attempt("wrong-password-3")];
    const locked = await attempt(running.app.staffPassword);
    expect(wrong[0]).toContain("正しくありません");
    expect(new Set([...wrong, locked]).size).toBe(1);
    expect(await page.getByTestId("totp-code").count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
  });
});
