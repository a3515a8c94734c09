import { DEMO_BASIC_INFO } from "@madoguchi/adapter-test-card";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, launchChromium } from "./browser.ts";

const running = appInBrowser();

/** A 住民票 application filled in and confirmed: the page is at the sign step. */
const toTheSignStep = async (page: Page, tag: string) => {
  await page.goto(`${running.app.url}/apply/juminhyo`);
  await page.fill('[name="applicant.name"]', DEMO_BASIC_INFO.nameSubstitute);
  await page.fill('[name="applicant.address"]', DEMO_BASIC_INFO.address);
  await page.fill('[name="applicant.dateOfBirth"]', "1990-01-02");
  await page.fill('[name="applicant.nameKana"]', "たかはし よしこ");
  await page.fill('[name="applicant.postalCode"]', "100-0001");
  await page.fill('[name="applicant.phone"]', "03-1234-5678");
  await page.fill('[name="applicant.email"]', `signing-app-${tag}-${process.pid}@example.jp`);
  await page.check('[name="request.deliveryMethodId"][value="express"]');
  await page.click('[data-testid="to-confirm"]');
  await page.click('[data-testid="to-sign"]');
  await expect.poll(() => page.getByTestId("sign-app").isVisible(), { timeout: 15_000 }).toBe(true);
};

describe("in Chromium: signing an application in the Digital Authentication App (the loopback stub stands where the app is)", () => {
  it("goes to the app, signs there, comes back verified and reaches the payment step; paying submits the signed application", async () => {
    const page = await running.context.newPage();
    await toTheSignStep(page, "ok");
    expect(await page.getByRole("heading", { name: "スマートフォンのデジタル認証アプリで署名" }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="sign-app"]');
    // The stub's page, on loopback, as the app would show it.
    await expect.poll(() => new URL(page.url()).hostname, { timeout: 15_000 }).toBe("127.0.0.1");
    await page.getByRole("button", { name: /署名する/ }).click();

    // Back through our callback page to the same application, now at payment.
    await expect.poll(() => page.locator('[data-testid="payment-frame"]').count(), { timeout: 20_000 }).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/apply/juminhyo");
    expect(new URL(page.url()).search).toBe(""); // the code left the address bar
    await expectNoSeriousA11yViolations(page);
    const frame = page.frameLocator('[data-testid="payment-frame"]');
    await frame.locator("#card-number").fill("4242 4242 4242 4242");
    await frame.locator("#card-expiry").fill("12/30");
    await frame.locator("#card-cvc").fill("123");
    await frame.locator("#card-name").fill("YOSHIKO TAKAHASHI");
    await frame.locator("#pay-button").click();
    // The server verified the app's CMS again at submission and stored it with the application.
    const receiptNumber = (await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim() ?? "";
    expect(receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    await page.close();
  });

  it("a cancel in the app comes back as 'cancelled' with the next steps and the way back to the application's sign step", async () => {
    const page = await running.context.newPage();
    await toTheSignStep(page, "cancel");
    await page.click('[data-testid="sign-app"]');
    await expect.poll(() => new URL(page.url()).hostname, { timeout: 15_000 }).toBe("127.0.0.1");
    await page.getByRole("button", { name: /キャンセル/ }).click();
    await expect.poll(() => page.getByTestId("sign-app-error").textContent(), { timeout: 15_000 }).toContain("署名が中止されました");
    expect(await page.getByTestId("sign-app-error-next-steps").textContent()).toContain("もう一度はじめから署名してください");
    expect(new URL(page.url()).pathname).toBe("/sign/app-callback");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "申請に戻る" }).click();
    // The application as it was, at the sign step again.
    await expect.poll(() => page.getByTestId("sign-app").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId("signed-content").textContent()).toContain(DEMO_BASIC_INFO.address);
    await page.close();
  });
});

/** Pays on the application page (the sandbox's hosted fields) and reads the receipt number. */
const payAndReceipt = async (page: Page) => {
  const frame = page.frameLocator('[data-testid="payment-frame"]');
  await frame.locator("#card-number").fill("4242 4242 4242 4242");
  await frame.locator("#card-expiry").fill("12/30");
  await frame.locator("#card-cvc").fill("123");
  await frame.locator("#card-name").fill("YOSHIKO TAKAHASHI");
  await frame.locator("#pay-button").click();
  return (await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim() ?? "";
};

/** The PC shows the app's QR code; answers the link beside it (what the phone's camera would open). */
const appQrOnThePc = async (pc: Page, tag: string) => {
  await toTheSignStep(pc, tag);
  await pc.click('[data-testid="sign-app-qr"]');
  await expect.poll(() => pc.getByTestId("handoff-qr").getAttribute("src"), { timeout: 15_000 }).toMatch(/^data:image\/png;base64,/);
  expect(await pc.getByRole("img", { name: "スマートフォンのデジタル認証アプリで署名するためのQRコード" }).count()).toBe(1);
  const url = (await pc.getByTestId("handoff-url").getAttribute("href")) ?? "";
  expect(url).toMatch(/\/sign\/phone#[A-Za-z0-9_-]{43}$/);
  expect(url).not.toMatch(/高橋|example\.jp/); // nothing personal in the link
  return url;
};

describe("in Chromium, two browsers: the PC shows a QR code, the phone signs in the app, the PC goes on by itself", () => {
  it("PC → QR → phone → the app (the stub's page) → back on the phone: 'go back to the PC'; the PC reaches payment and a receipt; the link works once", async () => {
    const pc = await running.context.newPage();
    const url = await appQrOnThePc(pc, "qr-ok");
    await expectNoSeriousA11yViolations(pc);

    // The phone: another browser, its own cookies (the app's pending cookie is set here, by the claim).
    const phoneBrowser = await launchChromium();
    try {
      const phone = await phoneBrowser.context.newPage();
      await phone.goto(url);
      await expect.poll(() => phone.getByTestId("phone-app").isVisible(), { timeout: 15_000 }).toBe(true);
      expect(new URL(phone.url()).hash).toBe(""); // the token left the address bar
      expect(await phone.getByTestId("phone-signed-content").textContent()).toContain(DEMO_BASIC_INFO.address);
      await expectNoSeriousA11yViolations(phone);
      await expect.poll(() => pc.getByTestId("handoff-status").textContent(), { timeout: 15_000 }).toContain("スマートフォンで開かれました");
      await phone.click('[data-testid="phone-app"]');
      // The app's page (the stub, on loopback) opens on the phone.
      await expect.poll(() => new URL(phone.url()).hostname, { timeout: 15_000 }).toBe("127.0.0.1");
      await phone.getByRole("button", { name: /署名する/ }).click();
      // Back on the phone at our callback page: done, go back to the PC.
      await expect.poll(() => phone.getByTestId("phone-signed").textContent(), { timeout: 20_000 }).toContain("パソコンの画面に戻ってください");
      expect(new URL(phone.url()).pathname).toBe("/sign/app-callback");
      expect(new URL(phone.url()).search).toBe("");
      await expectNoSeriousA11yViolations(phone);

      // The PC, polling, goes on to the payment with the phone's signature.
      await expect.poll(() => pc.locator('[data-testid="payment-frame"]').count(), { timeout: 20_000 }).toBe(1);

      // The same link again (another tab of the phone): refused, with the next step.
      const again = await phoneBrowser.context.newPage();
      await again.goto(url);
      await expect.poll(() => again.getByTestId("phone-error").textContent(), { timeout: 15_000 }).toMatch(/すでに使われました|一度だけ/);
      expect(await again.getByTestId("phone-error-next-steps").textContent()).toContain("新しいQRコード");
    } finally {
      await phoneBrowser.close();
    }
    expect(await payAndReceipt(pc)).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    await pc.close();
  });

  it("a cancel in the app on the phone reaches the PC as 'cancelled' with its next steps; the phone is told to go back to the PC", async () => {
    const pc = await running.context.newPage();
    const url = await appQrOnThePc(pc, "qr-cancel");
    const phoneBrowser = await launchChromium();
    try {
      const phone = await phoneBrowser.context.newPage();
      await phone.goto(url);
      await expect.poll(() => phone.getByTestId("phone-app").isVisible(), { timeout: 15_000 }).toBe(true);
      await phone.click('[data-testid="phone-app"]');
      await expect.poll(() => new URL(phone.url()).hostname, { timeout: 15_000 }).toBe("127.0.0.1");
      await phone.getByRole("button", { name: /キャンセル/ }).click();
      await expect.poll(() => phone.getByTestId("sign-app-error").textContent(), { timeout: 15_000 }).toContain("署名が中止されました");
      expect(await phone.getByTestId("sign-app-next").textContent()).toContain("パソコンの画面に戻ってください");
    } finally {
      await phoneBrowser.close();
    }
    // The PC shows the refusal and its next steps, and can sign again.
    await expect.poll(() => pc.getByTestId("sign-error").textContent(), { timeout: 20_000 }).toContain("署名が中止されました");
    expect(await pc.getByTestId("sign-error-next-steps").textContent()).toContain("もう一度はじめから署名してください");
    await expectNoSeriousA11yViolations(pc);
    await pc.click('[data-testid="sign-restart"]');
    await expect.poll(() => pc.getByTestId("sign-app-qr").isVisible(), { timeout: 15_000 }).toBe(true);
    await pc.close();
  });
});

describe("in Chromium: cancel buttons at the card's prompts", () => {
  it("the signature password prompt: cancel ends the draft with its next steps, spends no try, and signing can start again", async () => {
    const page = await running.context.newPage();
    await toTheSignStep(page, "card-cancel");
    await expect.poll(() => page.getByText("あと5回").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.click('[data-testid="sign-cancel"]');
    await expect.poll(() => page.getByTestId("sign-error").textContent(), { timeout: 15_000 }).toContain("署名が中止されました");
    expect(await page.getByTestId("card-password").count()).toBe(0);
    await page.click('[data-testid="sign-restart"]');
    // A new draft, and the card still has all five tries.
    await expect.poll(() => page.getByText("あと5回").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.close();
  });

  it("the login PIN prompt: cancel ends the card's attempt and says so; the PIN's tries are untouched", async () => {
    const page = await running.context.newPage();
    await page.goto(`${running.app.url}/account/login`);
    const cardLogin = page.getByRole("button", { name: /利用者証明用電子証明書）でログイン/ });
    await expect.poll(() => cardLogin.isVisible(), { timeout: 15_000 }).toBe(true);
    await cardLogin.click();
    await expect.poll(() => page.getByText("あと3回").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.click('[data-testid="jpki-pin-cancel"]');
    await expect.poll(() => page.getByTestId("jpki-card-error").textContent(), { timeout: 15_000 }).toContain("中止しました");
    expect(await page.locator('[name="jpki-pin"]').count()).toBe(0);
    await cardLogin.click();
    await expect.poll(() => page.getByText("あと3回").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.close();
  });
});
