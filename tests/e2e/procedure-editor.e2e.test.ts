import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { fillDemoApplicant } from "./resident-pages.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: S6, staff build a procedure's form in the back office", () => {
  it("the administrator adds a text question and changes the fee of 住民票の写し; the resident's form asks it and charges the new fee", async () => {
    await running.context.clearCookies();
    const staff = await running.context.newPage();
    explainOnFailure(staff);
    await staffLogsIn(staff, running.app);
    await staff.click('[data-testid="staff-nav-procedures"]');
    await staff.getByTestId("procedures-table").waitFor();
    expect(await staff.getByTestId("procedures-source").textContent()).toContain("ファイル");
    const row = staff.locator('[data-testid="procedure-row"][data-procedure-id="juminhyo"]');
    expect(await row.getByTestId("procedure-portal-link").textContent()).toBe(`${running.app.url}/apply/juminhyo`);
    await expectNoSeriousA11yViolations(staff);
    await staff.click('[data-testid="procedure-edit-juminhyo"]');

    // A question without its key and label is not sent: the summary names them.
    await staff.click('[data-testid="procedure-add-question"]');
    const question = staff.getByTestId("question").last();
    await question.getByTestId("question-kind").selectOption("text");
    await staff.click('[data-testid="procedure-save"]');
    await staff.locator(".error-summary").waitFor();
    expect(await staff.getByTestId("procedure-saved").count()).toBe(0);

    await question.getByTestId("question-key").fill("submitTo");
    await question.getByTestId("question-label-ja").fill("提出先");
    await question.getByTestId("question-label-en").fill("Submitted to");
    await question.getByTestId("question-max-length").fill("20");
    await staff.getByTestId("procedure-fee").fill("350");
    expect(await staff.getByTestId("procedure-unsaved").textContent()).toContain("未保存の変更があります");
    // A link away asks first; "no" keeps the page and what was typed.
    staff.once("dialog", (dialog) => void dialog.dismiss());
    await staff.click('[data-testid="staff-nav-notices"]');
    expect(new URL(staff.url()).pathname).toBe("/staff/procedures/juminhyo");
    expect(await staff.getByTestId("procedure-fee").inputValue()).toBe("350");
    // The preview shows the residents' form as it will be, with the new question.
    await staff.locator('[data-testid="procedure-preview"] > summary').click();
    await staff.getByTestId("procedure-preview").getByLabel("提出先").waitFor();
    await staff.click('[data-testid="procedure-save"]');
    await expect.poll(() => staff.getByTestId("procedure-saved").textContent()).toContain("保存しました");
    expect(await staff.getByTestId("procedure-saved-link").textContent()).toContain("/apply/juminhyo");
    await expect.poll(() => staff.getByTestId("procedure-unsaved").count()).toBe(0);
    await expectNoSeriousA11yViolations(staff);

    // The resident's next form asks the question and the fee is the new one.
    const resident = await running.context.newPage();
    explainOnFailure(resident);
    await resident.goto(`${running.app.url}/apply/juminhyo`);
    await resident.getByLabel("提出先").waitFor();
    await fillDemoApplicant(resident);
    await resident.fill('[name="request.copies"]', "1");
    await resident.check('[name="request.deliveryMethodId"][value="standard"]');
    await resident.getByLabel("提出先").fill("みほん銀行");
    await resident.click('[data-testid="to-confirm"]');
    await expect.poll(() => resident.getByTestId("fee-total").textContent(), { timeout: 15_000 }).toContain("460");
    expect(await resident.locator("main").textContent()).toContain("みほん銀行");
  });

  it("the administrator adds a date and a number question to 身分証明書; the resident answers in 和暦 and full width, is told the bounds, and confirms the date in both calendars", async () => {
    await running.context.clearCookies();
    const staff = await running.context.newPage();
    explainOnFailure(staff);
    await staffLogsIn(staff, running.app);
    await staff.click('[data-testid="staff-nav-procedures"]');
    await staff.click('[data-testid="procedure-edit-mibun"]');

    await staff.click('[data-testid="procedure-add-question"]');
    const date = staff.getByTestId("question").last();
    await date.getByTestId("question-kind").selectOption("date");
    await date.getByTestId("question-key").fill("movedOn");
    await date.getByTestId("question-label-ja").fill("転居した日");
    await date.getByTestId("question-label-en").fill("Moved on");
    await date.getByRole("radio", { name: /今日以前の日付/ }).check();
    await date.getByTestId("question-required").check();

    await staff.click('[data-testid="procedure-add-question"]');
    const count = staff.getByTestId("question").last();
    await count.getByTestId("question-kind").selectOption("number");
    await count.getByTestId("question-key").fill("persons");
    await count.getByTestId("question-label-ja").fill("転居した人数");
    await count.getByTestId("question-label-en").fill("Persons who moved");
    // Crossed bounds are refused beside the largest, before anything is sent.
    await count.getByTestId("question-min").fill("9");
    await count.getByTestId("question-max").fill("8");
    await staff.click('[data-testid="procedure-save"]');
    await staff.locator(".error-summary").waitFor();
    expect(await staff.getByTestId("procedure-saved").count()).toBe(0);
    await count.getByTestId("question-min").fill("１");
    await staff.click('[data-testid="procedure-save"]');
    await expect.poll(() => staff.getByTestId("procedure-saved").textContent()).toContain("保存しました");
    await expectNoSeriousA11yViolations(staff);

    const resident = await running.context.newPage();
    explainOnFailure(resident);
    await resident.goto(`${running.app.url}/apply/mibun`);
    await resident.getByLabel("転居した日").waitFor();
    expect(await resident.locator("main").textContent()).toContain("今日以前の日付を入力してください。");
    await fillDemoApplicant(resident);
    await resident.fill('[name="request.copies"]', "1");
    await resident.check('[name="request.deliveryMethodId"][value="standard"]');
    await resident.getByLabel("転居した日").fill("令和元年5月1日");
    await resident.getByLabel("転居した人数").fill("９");
    await resident.click('[data-testid="to-confirm"]');
    // The server's words under the input: nine is beyond the question's bounds.
    await expect.poll(() => resident.locator("main").textContent(), { timeout: 15_000 }).toContain("転居した人数は1から8までの範囲で入力してください");
    await expectNoSeriousA11yViolations(resident);
    await resident.getByLabel("転居した人数").fill("２");
    await resident.click('[data-testid="to-confirm"]');
    await expect.poll(() => resident.getByTestId("fee-total").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await resident.locator("main").textContent()).toContain("令和元年5月1日（2019-05-01）");
  });

  it("the administrator raises the 速達 postage and adds a life event on their own page; a method every procedure offers cannot be removed; the resident pays the new postage", async () => {
    await running.context.clearCookies();
    const staff = await running.context.newPage();
    explainOnFailure(staff);
    await staffLogsIn(staff, running.app);
    await staff.click('[data-testid="staff-nav-procedures"]');
    await staff.click('[data-testid="procedures-lists-link"]');
    const express = staff.locator('[data-testid="lists-delivery-row"][data-id="express"]');
    await express.waitFor();
    const before = Number(await express.getByTestId("lists-delivery-postage").inputValue());
    await expectNoSeriousA11yViolations(staff);

    // Removing 普通郵便, which every procedure offers, is refused by the server with the procedures to change first.
    await staff.locator('[data-testid="lists-delivery-row"][data-id="standard"]').getByTestId("lists-delivery-remove").click();
    await staff.click('[data-testid="lists-save"]');
    await staff.getByTestId("lists-error-summary").waitFor();
    expect(await staff.getByTestId("lists-error-summary").textContent()).toContain("住民票の写し");
    expect(await staff.getByTestId("lists-saved").count()).toBe(0);
    // Leaving with the refused change asks first (the unsaved-changes warning): yes, start again from what is saved.
    staff.once("dialog", (dialog) => void dialog.accept());
    await staff.reload();
    await express.waitFor();
    expect(await staff.locator('[data-testid="lists-delivery-row"][data-id="standard"]').count()).toBe(1);

    await express.getByTestId("lists-delivery-postage").fill(String(before + 100));
    await staff.click('[data-testid="lists-life-event-add"]');
    const event = staff.getByTestId("lists-life-event-row").last();
    await event.getByTestId("lists-life-event-id").fill("pet");
    await event.getByTestId("lists-life-event-name-ja").fill("ペットを飼う");
    await event.getByTestId("lists-life-event-name-en").fill("Getting a pet");
    await staff.click('[data-testid="lists-save"]');
    await expect.poll(() => staff.getByTestId("lists-saved").textContent()).toContain("保存しました");
    await expectNoSeriousA11yViolations(staff);

    const resident = await running.context.newPage();
    explainOnFailure(resident);
    await resident.goto(`${running.app.url}/apply/inkan`);
    await fillDemoApplicant(resident);
    await resident.fill('[name="request.copies"]', "1");
    await resident.check('[name="request.deliveryMethodId"][value="express"]');
    await resident.click('[data-testid="to-confirm"]');
    await expect.poll(() => resident.getByTestId("fee-total").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await resident.locator("main").textContent()).toContain(`${(before + 100).toLocaleString("ja-JP")}`);
  });
});
