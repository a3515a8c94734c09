import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: an administrator configures groups and roles", () => {
  it("creates a group for two procedures, gives it a role, sees it listed, and deletes it", async () => {
    const page = await running.context.newPage();
    page.on("dialog", (d) => void d.accept());
    await staffLogsIn(page, running.app);
    await page.click('[data-testid="staff-nav-access"]');
    // The initial configuration: the demo account's all-applications group.
    await expect.poll(() => page.getByTestId("access-group-all-applications").isVisible(), { timeout: 15_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.fill('[name="access-group-id"]', "koseki-ka");
    await page.fill('[name="access-group-name"]', "戸籍係");
    await page.check('input[name="access-scope"][value="procedures"]');
    await page.check('input[name="access-scope-ids"][value="koseki"]');
    await page.check('input[name="access-scope-ids"][value="koseki-fuhyo"]');
    await page.click('[data-testid="access-save-group"]');
    await expect.poll(() => page.getByTestId("access-notice").textContent()).toBe("保存しました。");
    const row = page.getByTestId("access-group-koseki-ka");
    await expect.poll(() => row.textContent()).toContain("戸籍係");

    await page.check('input[name="access-holder-kind"][value="group"]');
    await page.selectOption('[name="access-holder-group"]', "koseki-ka");
    await page.selectOption('[name="access-role"]', "processor");
    await page.click('[data-testid="access-assign"]');
    await expect.poll(() => row.textContent()).toContain("処理担当");
    await expectNoSeriousA11yViolations(page);

    await row.getByRole("button", { name: "削除" }).click();
    await expect.poll(() => page.getByTestId("access-group-koseki-ka").count()).toBe(0);
  });
});
