import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { authenticatorCode, staffLogsIn } from "./staff-login.ts";

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

describe("in Chromium: an administrator changes the audit retention period through the step-up prompt", () => {
  it("the change asks for the code (the sign-in's step-up has aged), refuses 11 months, stores 60 and shows it; the export downloads after the step-up", async () => {
    // The context is shared: whoever the test before signed in as is signed out first.
    await running.context.clearCookies();
    const page = await running.context.newPage();
    await staffLogsIn(page, running.app);
    // Signing in counts as a step-up for 10 minutes; age it in the app's database, as 11 minutes would.
    const db = new DatabaseSync(join(running.app.dataDir, "madoguchi.sqlite"));
    try {
      db.exec("pragma busy_timeout = 5000");
      db.prepare("update sessions set step_up_at_ms = step_up_at_ms - 3600000 where principal_kind = 'staff' and step_up_at_ms is not null").run();
    } finally {
      db.close();
    }
    await page.goto(`${running.app.staffUrl}/staff/audit`);
    await expect.poll(() => page.getByTestId("audit-retention-current").textContent(), { timeout: 15_000 }).toContain("36 か月");

    await page.getByTestId("audit-retention-months").fill("11");
    await page.click('[data-testid="audit-retention-save"]');
    await page.getByTestId("step-up-prompt").waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId("step-up-code").fill(await authenticatorCode(running.app));
    await page.click('[data-testid="step-up-submit"]');
    // After the step-up the change is retried, and the server refuses the value itself.
    await expect.poll(() => page.getByTestId("audit-retention").textContent(), { timeout: 15_000 }).toContain("12〜1200 か月の整数");
    expect(await page.getByTestId("step-up-prompt").count()).toBe(0);

    await page.getByTestId("audit-retention-months").fill("60");
    await page.click('[data-testid="audit-retention-save"]');
    await expect.poll(() => page.getByTestId("audit-retention-message").textContent(), { timeout: 15_000 }).toBe("保存期間を 60 か月に変更しました。");
    expect(await page.getByTestId("audit-retention-current").textContent()).toContain("60 か月");
    expect(await page.getByTestId("audit-retention-current").textContent()).toContain("管理者が設定");
    await page.reload();
    await expect.poll(() => page.getByTestId("audit-retention-current").textContent(), { timeout: 15_000 }).toContain("60 か月");

    // The change is in the log, with who and from/to.
    await page.goto(`${running.app.staffUrl}/staff/audit?action=configuration.changed`);
    await expect.poll(() => page.locator('[data-action="configuration.changed"]').allTextContents(), { timeout: 15_000 }).toEqual(
      expect.arrayContaining([expect.stringContaining("from=36 to=60")]),
    );

    // Stepped up now: the export is fetched and handed to the browser as a file.
    const download = page.waitForEvent("download");
    await page.click('[data-testid="audit-export"]');
    expect((await download).suggestedFilename()).toBe("madoguchi-audit.jsonl");
  });
});
