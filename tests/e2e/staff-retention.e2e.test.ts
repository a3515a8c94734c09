import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createLocalKeyStore } from "@madoguchi/adapter-local-keystore";
import { createMikroOrmStore, type MikroOrmStore } from "@madoguchi/adapter-mikro-orm";
import { ApplicationId, ProcedureId, ReceiptNumber, yen, type Application } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import type { ReferenceApp } from "./reference-app.ts";
import { authenticatorCode, staffLogsIn } from "./staff-login.ts";

// The deployment's default retention of finished applications: 12 months.
const running = appInBrowser();

/**
 * The running app's own store, opened from this test process on its database file and data key: the app runs as
 * `npm start` does, in a child process, so its `deps` are out of reach. Writing through the store (not SQL) keeps the
 * applicant's data sealed as the app seals it.
 */
const withAppStore = async <T>(app: ReferenceApp, use: (store: MikroOrmStore) => Promise<T>): Promise<T> => {
  const keyStore = (await createLocalKeyStore({ keyFile: join(app.dataDir, "keys", "data-kek.json"), createIfMissing: false }))._unsafeUnwrap();
  const store = (await createMikroOrmStore({ driver: "sqlite", path: join(app.dataDir, "madoguchi.sqlite"), keyStore }))._unsafeUnwrap();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
};

let sequence = 0;

/** A 住民票 application the resident submitted and staff completed at `finishedAt` (fields abbreviated, shape complete). */
const completedApplication = (finishedAt: Date): Application => {
  const submittedAt = new Date(finishedAt.getTime() - 86_400_000);
  return {
    id: ApplicationId(randomUUID()),
    receiptNumber: ReceiptNumber(`${finishedAt.toISOString().slice(0, 10).replaceAll("-", "")}-R${String(++sequence).padStart(5, "0")}`),
    submissionKey: randomUUID(),
    procedureId: ProcedureId("juminhyo"),
    locale: "ja",
    applicant: { name: "保存 太郎", nameKana: "ほぞん たろう", postalCode: "100-0001", address: "みほん県みほん市中央一丁目1番1号", dateOfBirth: "1975-03-04", phone: "03-1234-5678", email: "taro@example.jp" },
    request: { copies: 1, deliveryMethodId: "standard", extra: {} },
    fee: { lines: [{ kind: "certificate", label: { ja: "手数料", en: "Fee" }, unitPrice: yen(300), quantity: 1, amount: yen(300) }], total: yen(300) },
    status: "completed",
    version: 2,
    history: [
      { from: null, to: "submitted", at: submittedAt, by: { kind: "resident" }, reason: null },
      { from: "submitted", to: "completed", at: finishedAt, by: { kind: "resident" }, reason: null },
    ],
    signature: null,
    payment: null,
    accessSecretHash: "0".repeat(64),
    submittedAt,
    updatedAt: finishedAt,
  } as Application;
};

const monthsAgo = (months: number): Date => new Date(Date.now() - months * 30 * 86_400_000);

describe("in Chromium: S4, staff delete the applications past their retention in bulk", () => {
  it("the page lists the finished applications kept longer than 12 months, deletes them after a confirmation and the step-up, and asks for approval to shorten the period", async () => {
    // Two finished 3 and 2 years ago (past 12 months), one a month ago (kept).
    const expired = [completedApplication(monthsAgo(36)), completedApplication(monthsAgo(24))];
    const recent = completedApplication(monthsAgo(1));
    await withAppStore(running.app, async (store) => {
      for (const a of [...expired, recent]) (await store.applications.insert(a, []))._unsafeUnwrap();
    });

    await running.context.clearCookies();
    const page = await running.context.newPage();
    explainOnFailure(page);
    await staffLogsIn(page, running.app);
    // Signing in counts as a step-up for 10 minutes; age it in the app's database, so the deletion asks for the code.
    const db = new DatabaseSync(join(running.app.dataDir, "madoguchi.sqlite"));
    try {
      db.exec("pragma busy_timeout = 5000");
      db.prepare("update sessions set step_up_at_ms = step_up_at_ms - 3600000 where principal_kind = 'staff' and step_up_at_ms is not null").run();
    } finally {
      db.close();
    }

    // The administrator finds the page in the navigation: the period in force, then the two past it, earliest first.
    await page.click('[data-testid="staff-nav-retention"]');
    await expect.poll(() => page.getByTestId("application-retention-current").textContent()).toContain("12 か月");
    expect(await page.getByTestId("application-retention-current").textContent()).toContain("既定値");
    await expect.poll(() => page.getByTestId("expired-application-row").locator("th").allTextContents()).toEqual(expired.map((a) => a.receiptNumber));
    const rows = await page.getByTestId("expired-application-row").allTextContents();
    expect(rows.every((r) => r.includes("住民票") && r.includes("完了"))).toBe(true);
    expect(await page.getByTestId("expired-applications").textContent()).not.toContain(recent.receiptNumber);
    await expectNoSeriousA11yViolations(page);

    // Deleting asks first; cancelling deletes nothing.
    await page.click('[data-testid="purge-expired"]');
    await page.getByTestId("purge-expired-confirm").waitFor();
    expect(await page.getByTestId("purge-confirmation").textContent()).toContain("元に戻せません");
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="purge-expired-cancel"]');
    expect(await page.getByTestId("purge-expired-confirm").count()).toBe(0);
    expect(await page.getByTestId("expired-application-row").count()).toBe(2);

    // Confirmed: the authenticator code is asked (the step-up has aged), then the two are deleted and the list is empty.
    await page.click('[data-testid="purge-expired"]');
    await page.click('[data-testid="purge-expired-confirm"]');
    await page.getByTestId("step-up-prompt").waitFor({ timeout: 15_000 });
    await page.getByTestId("step-up-code").fill(await authenticatorCode(running.app));
    await page.click('[data-testid="step-up-submit"]');
    await expect.poll(() => page.getByTestId("purge-message").textContent()).toBe("2 件を削除しました。");
    await page.getByTestId("expired-applications-empty").waitFor();
    expect(await page.getByTestId("expired-application-row").count()).toBe(0);
    expect(await page.getByTestId("step-up-prompt").count()).toBe(0);

    // Gone from the store for good; the recent one is kept.
    const left = await withAppStore(running.app, async (store) =>
      Promise.all([...expired, recent].map(async (a) => (await store.applications.findById(a.id))._unsafeUnwrap()?.receiptNumber ?? null)),
    );
    expect(left).toEqual([null, null, recent.receiptNumber]);

    // Shortening the period needs a second person: the refusal offers a request of the applications' own kind.
    await page.getByTestId("application-retention-months").fill("6");
    await page.click('[data-testid="application-retention-save"]');
    await expect.poll(() => page.getByTestId("application-retention-message").textContent()).toContain("ほかの職員の承認が必要です");
    await page.click('[data-testid="application-retention-request-approval"]');
    await expect.poll(() => page.getByTestId("application-retention-request-approval-message").textContent()).toContain("承認を依頼しました");
    await page.click('[data-testid="staff-nav-approvals"]');
    await expect.poll(() => page.getByTestId("approval-row").allTextContents()).toEqual([expect.stringMatching(/申請データの保存期間の短縮.*保存期間を 6 か月にする/)]);

    // Each deletion is in the audit log.
    await page.goto(`${running.app.staffUrl}/staff/audit?action=application.purged`);
    await expect.poll(() => page.locator('[data-action="application.purged"]').count()).toBe(2);
  });
});
