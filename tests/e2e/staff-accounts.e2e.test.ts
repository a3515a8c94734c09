import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: an administrator issues a staff account; the member sets their own password and sets up TOTP", () => {
  it("issue → mailed set-up link → own password → first sign-in with authenticator enrolment", async () => {
    const page = await running.context.newPage();
    await staffLogsIn(page, running.app);
    await page.goto(`${running.app.staffUrl}/staff/accounts`);
    await page.fill('[name="issueLoginId"]', "tanaka.ichiro");
    await page.fill('[name="issueName"]', "田中 一郎");
    await page.fill('[name="issueEmail"]', "ichiro@city.example.lg.jp");
    await page.click('[data-testid="issue-account"]');
    await expect.poll(() => page.getByTestId("accounts-message").textContent(), { timeout: 15_000 }).toContain("発行しました");
    await expectNoSeriousA11yViolations(page);

    // The link arrives in the dev inbox (the embedded profile's mail).
    const inbox = await running.context.newPage();
    let link = "";
    await expect
      .poll(async () => {
        await inbox.goto(`${running.app.url}/dev/inbox`);
        const texts = await inbox.locator('[data-testid^="mail-"]').allTextContents();
        link = /https?:\/\/\S+\/staff\/setup\?[^\s"<]+/.exec(texts.join("\n"))?.[0] ?? "";
        return link;
      }, { timeout: 15_000 })
      .toContain("token=");

    await page.click('[data-testid="staff-logout"]');
    await page.goto(link);
    await page.fill('[name="newPassword"]', "tanaka-no-nagai-pasuwaado-2026");
    await page.click('[data-testid="setup-submit"]');
    await page.getByTestId("setup-done").waitFor({ timeout: 15_000 });

    await staffLogsIn(page, running.app, { loginId: "tanaka.ichiro", password: "tanaka-no-nagai-pasuwaado-2026" });
    expect(await page.getByTestId("staff-name").textContent()).toContain("田中 一郎");
  });
});
