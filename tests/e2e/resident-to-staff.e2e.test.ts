import { readFileSync } from "node:fs";
import { findLuhnValidPans } from "@madoguchi/adapter-payment-sandbox";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { DEMO_APPLICANT, fillDemoApplicant } from "./resident-pages.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: a resident requests a 住民票, staff complete it, the emails arrive", () => {
  it("runs the whole flow on the reference app as `npm start` serves it", async () => {
    const page = await running.context.newPage();
    const cspViolations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    // SAQ A: whatever the browser sends to madoguchi itself must never carry a card number.
    const bodiesToApp: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(running.app.url) && r.postData() !== null) bodiesToApp.push(r.postData() ?? "");
    });

    // The procedure list, in Japanese.
    await page.goto(running.app.url);
    await expect.poll(() => page.locator("h1, header").first().textContent(), { timeout: 15_000 }).toContain("みほん市");
    // A current browser is not asked to update (R2; the prompt is for browsers the app cannot run on).
    expect(await page.locator("#outdated-browser").isHidden()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.locator('[data-testid="procedure-juminhyo"] a').click();

    // The form: full-width digits and hiragana are accepted and normalised by the server.
    await fillDemoApplicant(page);
    await page.fill('[name="request.copies"]', "abc");
    await page.check('[name="request.deliveryMethodId"][value="express"]');
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="to-confirm"]');
    // A field-level message, and nothing typed is lost.
    await expect.poll(() => page.locator(".error-summary").textContent()).toMatch(/通数/);
    expect(await page.inputValue('[name="applicant.name"]')).toBe(DEMO_APPLICANT["applicant.name"]);
    await page.fill('[name="request.copies"]', "２");
    await page.click('[data-testid="to-confirm"]');

    // Confirmation with the fee breakdown: 300 × 2 + 速達 410 = 1,010 yen.
    await expect.poll(() => page.getByTestId("fee-total").textContent()).toContain("1,010");
    expect(await page.getByTestId("confirm-nameKana").textContent()).toContain("マドグチ");
    await page.click('[data-testid="to-sign"]');

    // Signature with the test card (stand-in for the My Number card's 署名用電子証明書).
    await page.fill('[data-testid="card-password"]', "MADO1234");
    await page.click('[data-testid="sign"]');

    // Payment in the sandbox's own iframe (its own origin). A declined card first: a clear message, and
    // another card can be tried at once (same application, no new signature).
    const payWith = async (number: string) => {
      const frame = page.frameLocator('[data-testid="payment-frame"]');
      await frame.locator("#card-number").fill(number);
      await frame.locator("#card-expiry").fill("12/30");
      await frame.locator("#card-cvc").fill("123");
      await frame.locator("#card-name").fill("HANAKO MADOGUCHI");
      await frame.locator("#pay-button").click();
    };
    await payWith("4000 0000 0000 0002");
    await expect.poll(() => page.locator("main").textContent()).toContain("カードがご利用いただけませんでした");
    expect(await page.getByTestId("card-password").count()).toBe(0);
    await payWith("4242 4242 4242 4242");

    // Receipt.
    const receiptNumber = (await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim() ?? "";
    expect(receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    expect((await page.getByTestId("access-code").textContent())?.trim().length).toBeGreaterThanOrEqual(16);
    for (const body of bodiesToApp) expect(findLuhnValidPans(body)).toEqual([]);

    // The status page from the receipt's link.
    await page.click('[data-testid="status-link"]');
    await expect.poll(() => page.getByTestId("status").textContent()).toContain("申請済");

    // Staff log in with the credentials printed once at first start, and complete the application.
    const staff = await running.context.newPage();
    // Password, then TOTP: the first sign-in sets up the authenticator from the secret shown (staff-login.ts).
    await staffLogsIn(staff, running.app);
    await staff.click(`[data-testid="app-row-${receiptNumber}"] a, [data-testid="app-row-${receiptNumber}"]`);
    for (const [command, label] of [["receive", "受付"], ["startProcessing", "処理中"], ["complete", "完了"]] as const) {
      await staff.click(`[data-testid="cmd-${command}"]`);
      await expect.poll(() => staff.getByTestId("status").textContent()).toContain(label);
    }

    // S3: staff choose the export's columns — the receipt number and the address only — and get exactly those.
    await staff.goto(`${running.app.staffUrl}/staff`);
    await staff.getByTestId("export-columns").waitFor({ timeout: 15_000 });
    for (const column of ["procedure", "applicantName", "status", "submittedAt", "feeTotal"]) await staff.uncheck(`[data-testid="export-column-${column}"]`);
    await staff.check('[data-testid="export-column-address"]');
    const download = staff.waitForEvent("download");
    await staff.click('[data-testid="export-csv-utf8"]');
    const csv = readFileSync((await (await download).path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(csv[0]).toBe("受付番号,住所");
    expect(csv).toContain(`${receiptNumber},${DEMO_APPLICANT["applicant.address"]}`);
    await expectNoSeriousA11yViolations(staff);

    // S8: this month's usage counts the application, completed, on the 住民票 line.
    await staff.click('[data-testid="staff-nav-statistics"]');
    const row = staff.getByTestId("statistics-row-juminhyo");
    await row.waitFor({ timeout: 15_000 });
    expect(Number(await row.locator("td").nth(0).textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await row.locator("td").nth(2).textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await staff.getByTestId("statistics-applications").textContent())).toBeGreaterThanOrEqual(1);
    // The monthly report downloads as a file (the shared CSV buttons).
    const report = staff.waitForEvent("download");
    await staff.click('[data-testid="statistics-csv-utf8"]');
    const reportLines = readFileSync((await (await report).path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(reportLines[0]).toBe("手続,申請数,処理中（未完了）,完了,不受理,取下げ,手数料合計");
    expect(reportLines.some((l) => l.startsWith("住民票の写し,"))).toBe(true);
    await expectNoSeriousA11yViolations(staff);

    // The resident's status page shows it, and the dev inbox holds the emails.
    await page.reload();
    await expect.poll(() => page.getByTestId("status").textContent()).toContain("完了");
    const inbox = await running.context.newPage();
    await inbox.goto(`${running.app.url}/dev/inbox`);
    await expect
      .poll(async () => {
        await inbox.reload();
        return inbox.locator('[data-testid^="mail-"]').allTextContents();
      }, { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`完了[\\s\\S]*${receiptNumber}|${receiptNumber}[\\s\\S]*完了`))]));
    const all = (await inbox.locator('[data-testid^="mail-"]').allTextContents()).filter((t) => t.includes(receiptNumber));
    expect(all.length).toBe(4); // 申請済, 受付, 処理中, 完了

    // The audit log shows what staff did to it; filtered by action it shows only that action; and the
    // "which residents' data did this account open" query lists the application.
    await staff.click('[data-testid="staff-nav-audit"]');
    await expect.poll(() => staff.locator('[data-testid^="audit-row-"]').count()).toBeGreaterThan(3);
    await expectNoSeriousA11yViolations(staff);
    const staffId = (await staff.locator('[data-testid^="audit-row-"][data-action="staff.login"] td:nth-child(3) a').first().textContent())?.trim() ?? "";
    expect(staffId).not.toBe("");
    await staff.fill('[name="audit-action"]', "application.status_changed");
    await staff.click('[data-testid="audit-search"]');
    await expect.poll(() => staff.locator('[data-testid^="audit-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).toEqual([
      "application.status_changed",
      "application.status_changed",
      "application.status_changed",
    ]);
    expect(new URL(staff.url()).searchParams.get("action")).toBe("application.status_changed");
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10); // Japan's date
    await staff.fill('[name="accessed-staff-id"]', staffId);
    await staff.fill('[name="accessed-from"]', today);
    await staff.fill('[name="accessed-to"]', today);
    await staff.click('[data-testid="accessed-search"]');
    await expect.poll(() => staff.locator('[data-testid="accessed-table"] tbody tr').count()).toBe(1);
    expect(cspViolations).toEqual([]);
  });

  it("finds procedures by keyword, category and life event (R12)", async () => {
    const page = await running.context.newPage();
    await page.goto(running.app.url);
    const listed = () => page.locator("ul.procedure-list > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")));
    await expect.poll(listed, { timeout: 15_000 }).toHaveLength(9);
    // A reading in hiragana finds the tax certificate; the count is announced.
    await page.fill('[data-testid="procedure-search"]', "かぜいしょうめい");
    await expect.poll(listed).toEqual(["procedure-shotoku-kazei"]);
    expect(await page.getByTestId("procedure-search-count").textContent()).toBe("1件の手続きがあります。");
    // A life event alone: what a marriage needs.
    await page.fill('[data-testid="procedure-search"]', "");
    await page.selectOption('[data-testid="procedure-life-event"]', "kekkon");
    await expect.poll(listed).toEqual(["procedure-juminhyo", "procedure-koseki", "procedure-dokushin"]);
    // With a category that has none of them: nothing, and what to do about it.
    await page.selectOption('[data-testid="procedure-category"]', "zeimu");
    await expect.poll(listed).toEqual([]);
    expect(await page.getByTestId("procedure-search-count").textContent()).toContain("条件に合う手続きはありません");
    await expectNoSeriousA11yViolations(page);
  });

  it("switches to English and back", async () => {
    const page = await running.context.newPage();
    await page.goto(running.app.url);
    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("body").textContent()).toContain("Certificate of residence");
    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
  });
});
