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

  it("a viewer-only member is offered no admin links and no export, and /staff/access says they lack the permission", async () => {
    // The browser is shared with the test above: sign in afresh, without its session cookie.
    await running.context.clearCookies();
    const page = await running.context.newPage();
    await staffLogsIn(page, running.app);
    // The administrator issues the account, puts it in the all-applications group and gives it the viewer role only.
    await page.goto(`${running.app.staffUrl}/staff/accounts`);
    await page.fill('[name="issueLoginId"]', "etsuran.hanako");
    await page.fill('[name="issueName"]', "閲覧 花子");
    await page.fill('[name="issueEmail"]', "hanako@city.example.lg.jp");
    await page.click('[data-testid="issue-account"]');
    await expect.poll(() => page.getByTestId("accounts-message").textContent(), { timeout: 15_000 }).toContain("発行しました");
    await page.click('[data-testid="staff-nav-access"]');
    await page.getByTestId("access-member-form").waitFor({ timeout: 15_000 });
    await page.selectOption('[name="access-member-group"]', "all-applications");
    await page.fill('[name="access-member-login"]', "etsuran.hanako");
    await page.getByTestId("access-member-form").getByRole("button").click();
    await expect.poll(() => page.getByTestId("access-notice").textContent()).toBe("保存しました。");
    await page.check('input[name="access-holder-kind"][value="staff"]');
    await page.selectOption('[name="access-role"]', "viewer");
    await page.fill('[name="access-holder-login"]', "etsuran.hanako");
    await page.click('[data-testid="access-assign"]');
    await expect.poll(() => page.getByTestId("access-direct-roles").textContent()).toContain("閲覧者");

    const inbox = await running.context.newPage();
    let link = "";
    await expect
      .poll(async () => {
        await inbox.goto(`${running.app.url}/dev/inbox`);
        const mails = await inbox.locator('[data-testid^="mail-"]').allTextContents();
        link = mails.filter((text) => text.includes("hanako@city.example.lg.jp")).map((text) => /https?:\/\/\S+\/staff\/setup\?[^\s"<]+/.exec(text)?.[0] ?? "").find((l) => l !== "") ?? "";
        return link;
      }, { timeout: 15_000 })
      .toContain("token=");
    await page.click('[data-testid="staff-logout"]');
    await page.goto(link);
    await page.fill('[name="newPassword"]', "etsuran-no-nagai-pasuwaado-2026");
    await page.click('[data-testid="setup-submit"]');
    await page.getByTestId("setup-done").waitFor({ timeout: 15_000 });

    await staffLogsIn(page, running.app, { loginId: "etsuran.hanako", password: "etsuran-no-nagai-pasuwaado-2026" });
    // The list is theirs to see; once it has loaded, the admin sections and the export control are absent.
    await page.locator('[data-testid="staff-list-empty"], [data-testid^="app-row-"]').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("staff-nav-applications").isVisible()).toBe(true);
    expect(await page.getByTestId("staff-nav-security").isVisible()).toBe(true);
    for (const hidden of ["staff-nav-audit", "staff-nav-access", "staff-nav-accounts", "export-csv-utf8", "export-csv-sjis"]) {
      expect([hidden, await page.getByTestId(hidden).count()]).toEqual([hidden, 0]);
    }

    // Opened by its address, the groups page says why it shows nothing (the server refuses it too).
    await page.goto(`${running.app.staffUrl}/staff/access`);
    await expect.poll(() => page.getByTestId("staff-no-permission").textContent(), { timeout: 15_000 }).toContain("この画面を表示する権限がありません");
    expect(await page.getByTestId("access-group-form").count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
  });
});
