import type { FrameLocator, Page } from "playwright-core";
import { findLuhnValidPans } from "@madoguchi/adapter-payment-sandbox";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { applyAndSign, DEMO_APPLICANT, residentPages } from "./resident-pages.ts";
import { authenticatorCode, staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();
const { newestMailTo } = residentPages(running);

/** Types a card into the gateway's hosted fields (its own origin) and sends it there. */
const enterCard = async (frame: FrameLocator, number: string) => {
  await frame.locator("#card-number").fill(number);
  await frame.locator("#card-expiry").fill("12/30");
  await frame.locator("#card-cvc").fill("123");
  await frame.locator("#card-name").fill("HANAKO MADOGUCHI");
  await frame.locator("#pay-button").click();
};

/**
 * The hosted fields' script is deferred: a click before it ran would submit the bare form (the frame reloads
 * empty). Wait for the frame's load event, which comes after deferred scripts.
 */
const frameLoaded = async (page: Page, testId: string) => {
  const frame = await (await page.getByTestId(testId).elementHandle({ timeout: 15_000 }))?.contentFrame();
  await frame?.waitForLoadState("load");
};

/** Staff's step-up may have aged on a loaded machine: answer the prompt if it is shown. */
const answerStepUpIfAsked = async (page: Page) => {
  const prompt = page.getByTestId("step-up-prompt");
  if ((await prompt.count()) === 0) return;
  await page.getByTestId("step-up-code").fill(await authenticatorCode(running.app));
  await page.click('[data-testid="step-up-submit"]');
};

describe("in Chromium: 事後決済 — a resident applies without a card, staff fix the fee, the resident pays it on the status page", () => {
  it("除籍謄本: no card at submission, the amount fixed by staff and mailed, paid after 3-D Secure on the status page, captured at completion; no card number reaches madoguchi", async () => {
    const resident = await running.context.newPage();
    const bodiesToApp: string[] = [];
    resident.on("request", (r) => {
      if (r.url().startsWith(running.app.url) && r.postData() !== null) bodiesToApp.push(r.postData() ?? "");
    });

    // Apply: the payment step explains that the amount is paid later, and asks for no card.
    await applyAndSign(resident, running.app.url, "koseki-joseki");
    await expect.poll(() => resident.getByTestId("deferred-payment").isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await resident.getByTestId("deferred-payment-later").textContent()).toBe("金額は職員が確定した後にお支払いいただきます。");
    expect(await resident.getByTestId("deferred-payment-estimate").textContent()).toBe("860円");
    expect(await resident.getByTestId("payment-frame").count()).toBe(0);
    await expectNoSeriousA11yViolations(resident);
    await resident.click('[data-testid="deferred-submit"]');
    const receiptNumber = ((await resident.getByTestId("receipt-number").textContent({ timeout: 30_000 })) ?? "").trim();
    expect(receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);

    // Before staff fix it the status page says so, and offers no card form.
    await resident.click('[data-testid="status-link"]');
    await expect.poll(() => resident.getByTestId("pay-due-not-fixed").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await resident.getByTestId("pay-due-frame").count()).toBe(0);
    const statusUrl = resident.url();

    // Staff (their own listener): the fee waits to be fixed; three certificates were found at the desk.
    const staff = await running.context.newPage();
    await staffLogsIn(staff, running.app);
    await staff.goto(`${running.app.staffUrl}/staff`);
    await staff.getByText(receiptNumber).click();
    await staff.getByTestId("money-not-fixed").waitFor({ timeout: 15_000 });
    await staff.getByTestId("fee-quantity-0").fill("3");
    await staff.getByTestId("fee-reason").fill("除籍2通・改製原戸籍1通");
    await staff.click('[data-testid="fee-change-submit"]');
    await answerStepUpIfAsked(staff);
    await expect.poll(() => staff.getByTestId("money-pending").textContent(), { timeout: 15_000 }).toBe("2,360円");
    expect(await staff.getByTestId("money-not-fixed").count()).toBe(0);
    // Processing starts; completion waits for the payment (money.difference_unpaid, the server test covers it).
    await staff.click('[data-testid="cmd-startProcessing"]');
    await expect.poll(() => staff.getByTestId("status").textContent(), { timeout: 15_000 }).toContain("処理中");

    // The resident is mailed the amount (no name in it) and pays on the status page with a card that asks for 3-D Secure.
    const mail = await newestMailTo(DEMO_APPLICANT["applicant.email"], /お支払いのお願い/);
    expect(mail).toContain("2,360円");
    expect(mail).toContain(receiptNumber);
    expect(mail).not.toContain(DEMO_APPLICANT["applicant.name"]);
    // Back to the resident's tab: Chromium throttles a background tab (the staff page was opened last).
    await resident.bringToFront();
    // A fresh visit of the status page (the link of the receipt step: receipt number in the path, code in the fragment).
    await resident.goto(running.app.url);
    await resident.goto(statusUrl);
    await expect.poll(() => resident.getByTestId("pay-due-amount").textContent(), { timeout: 15_000 }).toBe("2,360円");
    expect(await resident.getByTestId("pay-due-fee").getByTestId("fee-total").textContent()).toContain("2,360円");
    await frameLoaded(resident, "pay-due-frame");
    await enterCard(resident.frameLocator('[data-testid="pay-due-frame"]'), "4000 0000 0000 3220");
    await expect.poll(() => resident.getByTestId("pay-due-challenge").isVisible(), { timeout: 30_000 }).toBe(true);
    const challenge = resident.frameLocator('[data-testid="pay-due-challenge-frame"]');
    await challenge.locator("#challenge-code").fill("123456");
    await challenge.locator("#challenge-submit").click();
    await expect.poll(() => resident.getByTestId("pay-due-paid").textContent(), { timeout: 30_000 }).toContain("2,360円のお支払いを受け付けました");
    await expect.poll(() => resident.getByTestId("pay-due-amount").count(), { timeout: 15_000 }).toBe(0);
    await expectNoSeriousA11yViolations(resident);

    // Staff complete: exactly the fixed fee is captured.
    await staff.bringToFront();
    await staff.reload();
    await staff.getByTestId("money-panel").waitFor({ timeout: 15_000 });
    expect(await staff.getByTestId("money-pending").textContent()).toBe("0円");
    await staff.click('[data-testid="cmd-complete"]');
    await expect.poll(() => staff.getByTestId("status").textContent(), { timeout: 15_000 }).toContain("完了");
    await staff.reload();
    await expect.poll(() => staff.getByTestId("money-captured").textContent(), { timeout: 15_000 }).toBe("2,360円");

    // SAQ A: nothing the browser sent to madoguchi carried a card number.
    expect(bodiesToApp.length).toBeGreaterThan(4);
    for (const body of bodiesToApp) expect(findLuhnValidPans(body)).toEqual([]);
  });
});
