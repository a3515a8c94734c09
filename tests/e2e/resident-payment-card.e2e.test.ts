import type { FrameLocator, Page } from "playwright-core";
import { findLuhnValidPans } from "@madoguchi/adapter-payment-sandbox";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { applyAndSign, residentPages } from "./resident-pages.ts";

const running = appInBrowser();
const { registerAndLogIn } = residentPages(running);

/** Types a card into the gateway's hosted fields (its own origin) and sends it there. */
const enterCard = async (frame: FrameLocator, number: string) => {
  await frame.locator("#card-number").fill(number);
  await frame.locator("#card-expiry").fill("12/30");
  await frame.locator("#card-cvc").fill("123");
  await frame.locator("#card-name").fill("HANAKO MADOGUCHI");
  await frame.locator("#pay-button").click();
};

/** A signed 住民票 application up to the payment step. */
const applyUntilPayment = async (page: Page) => {
  await applyAndSign(page, running.app.url, "juminhyo");
  await expect.poll(() => page.getByTestId("pay-total").isVisible(), { timeout: 30_000 }).toBe(true);
  // The brands the city accepts (MADOGUCHI_CARD_BRANDS, default VISA, Mastercard, JCB) are named beside the card form.
  expect(await page.getByTestId("accepted-card-brands").textContent()).toBe("ご利用いただけるカード：VISA、Mastercard、JCB");
};

describe("in Chromium: a resident saves a card, pays with it without re-entry, changes and deletes it, and passes a 3-D Secure challenge", () => {
  it("runs on the reference app as `npm start` serves it, and no card number reaches madoguchi", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    const bodiesToApp: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(running.app.url) && r.postData() !== null) bodiesToApp.push(r.postData() ?? "");
    });
    await registerAndLogIn(page, "e2e-card");

    // Account settings: save a card through the gateway's hosted fields.
    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("保存したカードはありません");
    await page.click('[data-testid="payment-card-edit"]');
    await enterCard(page.frameLocator('[data-testid="payment-card-frame"]'), "4242 4242 4242 4242");
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("末尾 4242");
    await expectNoSeriousA11yViolations(page);

    // Change it at any time: the same place, another card.
    await page.click('[data-testid="payment-card-edit"]');
    await enterCard(page.frameLocator('[data-testid="payment-card-frame"]'), "3530 1113 3330 0000");
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("JCB（末尾 0000");

    // Pay an application with the saved card: one button, nothing typed.
    await applyUntilPayment(page);
    await expect.poll(() => page.getByTestId("pay-with-saved-card").textContent(), { timeout: 15_000 }).toContain("末尾 0000");
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="pay-with-saved-card"]');
    expect((await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim()).toMatch(/^\d{8}-[0-9A-Z]{6}$/);

    // A card whose issuer asks for EMV 3-D Secure: the issuer's page appears in a frame, then the receipt.
    await applyUntilPayment(page);
    await enterCard(page.frameLocator('[data-testid="payment-frame"]'), "4000 0000 0000 3220");
    await expect.poll(() => page.getByTestId("payment-challenge").isVisible(), { timeout: 15_000 }).toBe(true);
    const challenge = page.frameLocator('[data-testid="challenge-frame"]');
    await challenge.locator("#challenge-code").fill("123456");
    await challenge.locator("#challenge-submit").click();
    expect((await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim()).toMatch(/^\d{8}-[0-9A-Z]{6}$/);

    // Delete the saved card: the payment step no longer offers it.
    await page.goto(`${running.app.url}/account/settings`);
    await page.click('[data-testid="payment-card-delete"]', { timeout: 15_000 });
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("保存したカードはありません");
    await applyUntilPayment(page);
    expect(await page.getByTestId("pay-with-saved-card").count()).toBe(0);

    // SAQ A: nothing the browser sent to madoguchi carried a card number.
    expect(bodiesToApp.length).toBeGreaterThan(5);
    for (const body of bodiesToApp) expect(findLuhnValidPans(body)).toEqual([]);
  });
});
