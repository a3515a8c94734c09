import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

/** Today in Japan, `YYYY-MM-DD`: the notices' days are Japan's. */
const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

describe("in Chromium: R14, staff post a notice that residents see on the portal", () => {
  it("the administrator adds a notice on お知らせ; the portal's first page shows it with its link; taken down, it is gone", async () => {
    await running.context.clearCookies();
    const staff = await running.context.newPage();
    explainOnFailure(staff);
    await staffLogsIn(staff, running.app);
    await staff.click('[data-testid="staff-nav-notices"]');
    await staff.getByTestId("notices-none").waitFor();
    // A notice without its Japanese title is not saved.
    await staff.click('[data-testid="notice-save"]');
    await expect.poll(() => staff.locator("#notice-titleJa-error, .field--error").count()).toBeGreaterThan(0);
    await staff.getByTestId("notice-titleJa").fill("休日にマイナンバーカードを受け取れます");
    await staff.getByTestId("notice-bodyJa").fill("12月の第2日曜日に市民課の窓口を開けます。");
    await staff.getByTestId("notice-link").fill("/help");
    await staff.getByTestId("notice-publishFrom").fill(today());
    await staff.click('[data-testid="notice-save"]');
    await expect.poll(() => staff.getByTestId("notices-message").textContent()).toBe("保存しました。");
    await expect.poll(() => staff.getByTestId("notice-row").allTextContents()).toEqual([expect.stringContaining("掲載中")]);
    await expectNoSeriousA11yViolations(staff);

    const resident = await running.context.newPage();
    explainOnFailure(resident);
    await resident.goto(running.app.url);
    await expect.poll(() => resident.getByTestId("portal-notice").allTextContents()).toEqual([expect.stringContaining("休日にマイナンバーカードを受け取れます")]);
    expect(await resident.getByTestId("portal-notice").textContent()).toContain("市民課の窓口");
    await expectNoSeriousA11yViolations(resident);
    await resident.getByTestId("portal-notice").getByRole("link").click();
    await expect.poll(() => new URL(resident.url()).pathname).toBe("/help");

    // Taken down: the portal no longer shows it.
    await staff.click('[data-testid="notice-remove"]');
    await staff.getByTestId("notices-none").waitFor();
    await resident.goto(running.app.url);
    await resident.getByTestId("procedure-search").waitFor();
    expect(await resident.getByTestId("portal-notices").count()).toBe(0);
  });
});
