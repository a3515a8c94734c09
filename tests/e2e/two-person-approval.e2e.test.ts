import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appInBrowser, expectNoSeriousA11yViolations, launchChromium } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

/** The set-up link of the last account issued, from the dev inbox (the embedded profile's mail). */
const setupLink = async (page: Page): Promise<string> => {
  let link = "";
  await expect
    .poll(async () => {
      await page.goto(`${running.app.url}/dev/inbox`);
      const texts = await page.locator('[data-testid^="mail-"]').allTextContents();
      link = /https?:\/\/\S+\/staff\/setup\?[^\s"<]+/.exec(texts.join("\n"))?.[0] ?? "";
      return link;
    }, { timeout: 15_000 })
    .toContain("token=");
  return link;
};

describe("in Chromium: four eyes for shortening the audit retention (two staff members, two browsers)", () => {
  it("one administrator asks, the other approves on the approvals page, the first carries it out once", async () => {
    // Browser A: the demo administrator issues a second administrator account.
    const a = await running.context.newPage();
    await staffLogsIn(a, running.app);
    await a.goto(`${running.app.staffUrl}/staff/accounts`);
    await a.fill('[name="issueLoginId"]', "sato.hanako");
    await a.fill('[name="issueName"]', "佐藤 花子");
    await a.fill('[name="issueEmail"]', "hanako@city.example.lg.jp");
    await a.click('[data-testid="issue-account"]');
    await expect.poll(() => a.getByTestId("accounts-message").textContent(), { timeout: 15_000 }).toContain("発行しました");
    // Setting up: the new member gets the administrator role (the access page's API, called as the page would).
    const assigned = await a.evaluate(async () => {
      const me = (await (await fetch("/api/staff/me")).json()) as { csrfToken: string };
      const res = await fetch("/api/staff/access/roles", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ roleId: "administrator", holder: { kind: "staff", loginId: "sato.hanako" } }),
      });
      return res.status;
    });
    expect(assigned).toBe(200);

    // Browser B (its own profile and cookies): the new member sets a password and signs in.
    const other = await launchChromium();
    try {
      const b = await other.context.newPage();
      await b.goto(await setupLink(b));
      await b.fill('[name="newPassword"]', "sato-no-nagai-pasuwaado-2026");
      await b.click('[data-testid="setup-submit"]');
      await b.getByTestId("setup-done").waitFor({ timeout: 15_000 });
      await staffLogsIn(b, running.app, { loginId: "sato.hanako", password: "sato-no-nagai-pasuwaado-2026" });

      // A: shortening 36 → 24 is refused for lack of approval, and 「承認を依頼する」 is offered.
      await a.goto(`${running.app.staffUrl}/staff/audit`);
      await expect.poll(() => a.getByTestId("audit-retention-current").textContent(), { timeout: 15_000 }).toContain("36 か月");
      await a.getByTestId("audit-retention-months").fill("24");
      await a.click('[data-testid="audit-retention-save"]');
      await expect.poll(() => a.getByTestId("audit-retention-message").textContent(), { timeout: 15_000 }).toContain("ほかの職員の承認が必要です");
      await a.click('[data-testid="audit-retention-request-approval"]');
      await expect.poll(() => a.getByTestId("audit-retention-request-approval-message").textContent(), { timeout: 15_000 }).toContain("承認を依頼しました");
      await expectNoSeriousA11yViolations(a);

      // A's approvals page: the request is there, as A's own — nothing to approve, nothing to carry out yet.
      await a.goto(`${running.app.staffUrl}/staff/approvals`);
      await expect.poll(() => a.getByTestId("approval-row").allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining("保存期間を 24 か月にする")]);
      expect(await a.getByTestId("approval-approve").count()).toBe(0);
      expect(await a.getByTestId("approval-carry-out").count()).toBe(0);

      // B: the 承認 page in the navigation lists it with approve / reject; B approves.
      await b.click('[data-testid="staff-nav-approvals"]');
      await expect.poll(() => b.getByTestId("approval-row").allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining("保存期間を 24 か月にする")]);
      await expectNoSeriousA11yViolations(b);
      await b.click('[data-testid="approval-approve"]');
      await expect.poll(() => b.getByTestId("approvals-message").textContent(), { timeout: 15_000 }).toBe("承認しました。");

      // A: carries it out from the approvals page; the retention in force is then 24 months.
      await a.reload();
      await expect.poll(() => a.getByTestId("approval-state").allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining("承認済み")]);
      expect(await a.getByTestId("approval-state").textContent()).toContain("佐藤 花子");
      await a.click('[data-testid="approval-carry-out"]');
      await expect.poll(() => a.getByTestId("approvals-message").textContent(), { timeout: 15_000 }).toBe("実行しました。");
      // Used once: it leaves the list.
      await expect.poll(() => a.getByTestId("approval-row").count(), { timeout: 15_000 }).toBe(0);
      await a.goto(`${running.app.staffUrl}/staff/audit`);
      await expect.poll(() => a.getByTestId("audit-retention-current").textContent(), { timeout: 15_000 }).toContain("24 か月");

      // The log names the three steps.
      await a.goto(`${running.app.staffUrl}/staff/audit?action=approval.requested,approval.approved,approval.used`);
      await expect.poll(() => a.locator("[data-action]").evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))), { timeout: 15_000 }).toEqual(
        expect.arrayContaining(["approval.requested", "approval.approved", "approval.used"]),
      );
    } finally {
      await other.close();
    }
  });
});
