import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { fillDemoApplicant } from "./resident-pages.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: S5, staff enter a request received by mail (代理入力)", () => {
  it("a clerk enters a mailed 住民票 request without an email; the receipt gives the resident's number and password, the detail shows how it came, and a clerk corrects it", async () => {
    await running.context.clearCookies();
    const staff = await running.context.newPage();
    explainOnFailure(staff);
    await staffLogsIn(staff, running.app);
    await staff.click('[data-testid="proxy-entry-open"]');
    await staff.getByTestId("proxy-entry-form").waitFor();
    expect(new URL(staff.url()).pathname).toBe("/staff/applications/new");

    await staff.selectOption('[name="procedureId"]', "juminhyo");
    await staff.locator('[name="applicant.name"]').waitFor();
    await fillDemoApplicant(staff);
    await staff.fill('[name="applicant.email"]', "");
    await staff.fill('[name="request.copies"]', "2");
    await staff.check('[name="request.deliveryMethodId"][value="standard"]');
    // 住民票 needs the resident's own request: phone and email cannot be chosen, nor "nothing to pay" for a fee.
    expect(await staff.locator('[name="intake.channel"][value="phone"]').isDisabled()).toBe(true);
    expect(await staff.locator('[name="intake.channel"][value="email"]').isDisabled()).toBe(true);
    expect(await staff.locator('[name="intake.payment"][value="not_required"]').isDisabled()).toBe(true);
    await expect.poll(() => staff.getByTestId("proxy-entry-fee").textContent()).toContain("710");

    // Sent without a channel: the page names it beside its input and in the summary.
    await staff.click('[data-testid="proxy-entry-submit"]');
    await staff.locator(".error-summary").waitFor();
    expect(await staff.locator(".error-summary").textContent()).toContain("受付方法");

    await staff.check('[name="intake.channel"][value="mail"]');
    await staff.check('[name="intake.payment"][value="postal_money_order"]');
    await staff.fill('[name="intake.note"]', "定額小為替 710円分 同封\n返信用封筒あり");
    await expectNoSeriousA11yViolations(staff);
    await staff.click('[data-testid="proxy-entry-submit"]');
    await staff.getByTestId("proxy-entry-receipt").waitFor();
    const receiptNumber = (await staff.getByTestId("receipt-number").textContent())?.trim() ?? "";
    expect(receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    const secret = (await staff.getByTestId("access-code").textContent())?.trim() ?? "";
    expect(secret.length).toBeGreaterThan(10);
    expect(await staff.getByTestId("receipt-slip").textContent()).toContain("申請者にお渡しください");
    await expectNoSeriousA11yViolations(staff);

    // The detail shows the intake record and that staff entered it.
    await staff.click('[data-testid="proxy-entry-detail-link"]');
    await staff.getByTestId("intake-record").waitFor();
    const intake = (await staff.getByTestId("intake-record").textContent()) ?? "";
    expect(intake).toContain("郵送");
    expect(intake).toContain("定額小為替");
    expect(intake).toContain("返信用封筒あり");
    await staff.getByTestId("intake-proxy").waitFor();

    // The 定額小為替 was 110 yen short and the rest came in cash: the clerk corrects the intake record.
    await staff.click('[data-testid="intake-correction-open"]');
    await staff.getByTestId("intake-correction-form").waitFor();
    expect(await staff.locator('[name="intake.channel"][value="mail"]').isChecked()).toBe(true);
    expect(await staff.locator('[name="intake.payment"][value="postal_money_order"]').isChecked()).toBe(true);
    expect(await staff.locator('[name="intake.note"]').inputValue()).toBe("定額小為替 710円分 同封\n返信用封筒あり");
    // The received date goes up to the day of entry (today, here), not after it.
    const entryDay = (await staff.locator('[name="intake.receivedOn"]').getAttribute("max")) ?? "";
    expect(entryDay).toBe(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
    const dayAfterEntry = new Date(Date.parse(`${entryDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await staff.fill('[name="intake.receivedOn"]', dayAfterEntry);
    await staff.check('[name="intake.payment"][value="cash"]');
    await staff.fill('[name="intake.note"]', "不足分 110円 受領");
    await staff.click('[data-testid="intake-correction-save"]');
    await staff.getByTestId("intake.receivedOn-error").waitFor();
    expect(await staff.getByTestId("intake.receivedOn-error").textContent()).toContain(entryDay);
    expect(await staff.locator(".error-summary").textContent()).toContain("受付日");
    expect(await staff.locator('[name="intake.receivedOn"]').getAttribute("aria-invalid")).toBe("true");
    await expectNoSeriousA11yViolations(staff);

    // What only the server checks (a hidden control character in the note) comes back beside its input too.
    await staff.fill('[name="intake.receivedOn"]', entryDay);
    await staff.fill('[name="intake.note"]', "不足分\u0007 110円 受領");
    await staff.click('[data-testid="intake-correction-save"]');
    await staff.getByTestId("intake.note-error").waitFor();
    expect(await staff.getByTestId("intake.receivedOn-error").count()).toBe(0);

    await staff.fill('[name="intake.note"]', "不足分 110円 受領");
    await staff.click('[data-testid="intake-correction-save"]');
    await expect.poll(() => staff.getByTestId("intake-correction-status").textContent()).toContain("受付の記録を訂正しました。");
    expect(await staff.getByTestId("intake-correction-form").count()).toBe(0);
    const corrected = (await staff.getByTestId("intake-record").textContent()) ?? "";
    expect(corrected).toContain("不足分 110円 受領");
    expect(corrected).not.toContain("返信用封筒あり");
    expect(await staff.getByTestId("intake-payment").textContent()).toBe("現金（窓口）");
    expect(await staff.getByTestId("intake-corrected").textContent()).toContain("訂正した職員ID");
    expect(corrected).toContain("最終訂正");
    // Focus is back on the button that opens the form.
    await expect.poll(() => staff.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")')).toBe("intake-correction-open");
    await expectNoSeriousA11yViolations(staff);

    // The list marks it as entered by staff, with how it came.
    await staff.goto(`${running.app.staffUrl}/staff`);
    const row = staff.getByTestId(`app-row-${receiptNumber}`);
    await row.waitFor();
    expect((await row.getByTestId("entered-by-staff").textContent())?.trim()).toBe("代理入力（郵送）");

    // The resident follows it with the slip's number and password, as any online request.
    const lookup = await fetch(`${running.app.url}/api/applications/lookup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ receiptNumber, accessSecret: secret }),
    });
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { status: string }).status).toBe("submitted");
  });
});
