import { DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD } from "@madoguchi/adapter-test-card";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, launchChromium } from "./browser.ts";

const running = appInBrowser();

/** The rest of the 住民票 form (the card does not carry these). */
const fillTheRest = async (page: Page) => {
  await page.fill('[name="applicant.nameKana"]', "たかはし よしこ");
  await page.fill('[name="applicant.postalCode"]', "100-0001");
  await page.fill('[name="applicant.phone"]', "03-1234-5678");
  await page.fill('[name="applicant.email"]', `signing-${process.pid}@example.jp`);
  await page.check('[name="request.deliveryMethodId"][value="express"]');
};

const payWith = async (page: Page, number: string) => {
  const frame = page.frameLocator('[data-testid="payment-frame"]');
  await frame.locator("#card-number").fill(number);
  await frame.locator("#card-expiry").fill("12/30");
  await frame.locator("#card-cvc").fill("123");
  await frame.locator("#card-name").fill("YOSHIKO TAKAHASHI");
  await frame.locator("#pay-button").click();
};

describe("in Chromium: signing with the (test) My Number card — pre-fill from the 4-info, differences side by side, the QR hand-off", () => {
  it("reads the card into the form, shows the typed name beside the certificate's (with its substitute characters), signs, and the signature is accepted", async () => {
    const page = await running.context.newPage();
    await page.goto(`${running.app.url}/apply/juminhyo`);
    await page.fill('[name="applicant.name"]', "高橋 花子");
    await page.click('[data-testid="card-check-start"]');
    await expect.poll(() => page.getByText("あと5回").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.fill('[data-testid="card-check-password"]', DEMO_SIGNATURE_PASSWORD);
    await page.click('[data-testid="card-check-submit"]');

    // The empty fields are filled from the certificate; the typed name stays, shown beside the certificate's.
    await expect.poll(() => page.inputValue('[name="applicant.address"]'), { timeout: 15_000 }).toBe(DEMO_BASIC_INFO.address);
    expect(await page.inputValue('[name="applicant.dateOfBirth"]')).toBe("1990-01-02");
    expect(await page.inputValue('[name="applicant.name"]')).toBe("高橋 花子");
    expect(await page.getByTestId("card-check-sex").textContent()).toContain("女");
    expect(await page.getByTestId("comparison-name-typed").textContent()).toBe("高橋 花子");
    const certificateName = await page.getByTestId("comparison-name-certificate").textContent();
    expect(certificateName).toContain(DEMO_BASIC_INFO.name);
    expect(certificateName).toContain(`代替文字: ${DEMO_BASIC_INFO.nameSubstitute}`);
    expect(await page.getByTestId("comparison-address").count()).toBe(0); // filled, so nothing to compare
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="keep-typed-name"]');
    expect(await page.getByTestId("basic-info-comparison").count()).toBe(0);

    await fillTheRest(page);
    await page.click('[data-testid="to-confirm"]');
    await page.click('[data-testid="to-sign"]');
    await page.fill('[data-testid="card-password"]', "WRONG999");
    await page.click('[data-testid="sign"]');
    await expect.poll(() => page.locator(".field__error, [role=alert]").allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining("残り4回")]));
    await page.fill('[data-testid="card-password"]', DEMO_SIGNATURE_PASSWORD);
    await page.click('[data-testid="sign"]');

    // Verified by the server; before paying, the signed name and the certificate's are shown side by side.
    await expect.poll(() => page.getByTestId("comparison-name-typed").textContent(), { timeout: 15_000 }).toBe("高橋 花子");
    expect(await page.getByTestId("comparison-name-certificate").textContent()).toContain(DEMO_BASIC_INFO.name);
    await payWith(page, "4242 4242 4242 4242");
    const receiptNumber = (await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim() ?? "";
    expect(receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    await page.close();
  });

  it("on a PC, a QR code opens the signing on the phone; the PC page continues when the phone has signed; the link works once", async () => {
    const pc = await running.context.newPage();
    await pc.goto(`${running.app.url}/apply/juminhyo`);
    await pc.fill('[name="applicant.name"]', DEMO_BASIC_INFO.nameSubstitute);
    await pc.fill('[name="applicant.address"]', "みほん県みほん市中央1-1-1");
    await pc.fill('[name="applicant.dateOfBirth"]', "平成2年1月2日");
    await fillTheRest(pc);
    await pc.click('[data-testid="to-confirm"]');
    await pc.click('[data-testid="to-sign"]');
    await pc.click('[data-testid="handoff-start"]');
    await expect.poll(() => pc.getByTestId("handoff-qr").getAttribute("src"), { timeout: 15_000 }).toMatch(/^data:image\/png;base64,/);
    const url = (await pc.getByTestId("handoff-url").getAttribute("href")) ?? "";
    expect(url).toMatch(/\/sign\/phone#[A-Za-z0-9_-]{43}$/);
    expect(url).not.toMatch(/%E9%AB%99|髙|高橋|example\.jp/); // nothing personal in the link

    // The phone: another browser, its own cookies.
    const phoneBrowser = await launchChromium();
    try {
      const phone = await phoneBrowser.context.newPage();
      await phone.goto(url);
      await expect.poll(() => phone.getByTestId("phone-card-password").isVisible(), { timeout: 15_000 }).toBe(true);
      expect(new URL(phone.url()).hash).toBe(""); // the token left the address bar
      await expect.poll(() => pc.getByTestId("handoff-status").textContent(), { timeout: 15_000 }).toContain("スマートフォンで開かれました");
      await phone.fill('[data-testid="phone-card-password"]', DEMO_SIGNATURE_PASSWORD);
      await phone.click('[data-testid="phone-sign"]');
      await expect.poll(() => phone.getByTestId("phone-signed").textContent(), { timeout: 15_000 }).toContain("パソコンの画面に戻って");

      // The PC goes on by itself to the payment; the typed values match the certificate, so no comparison.
      await expect.poll(() => pc.locator('[data-testid="payment-frame"]').count(), { timeout: 15_000 }).toBe(1);
      expect(await pc.getByTestId("basic-info-comparison").count()).toBe(0);

      // The same link again: refused, with the next step.
      const again = await phoneBrowser.context.newPage();
      await again.goto(url);
      await expect.poll(() => again.getByTestId("phone-error").textContent(), { timeout: 15_000 }).toMatch(/すでに使われました|一度だけ/);
      expect(await again.getByTestId("phone-error-next-steps").textContent()).toContain("新しいQRコード");
    } finally {
      await phoneBrowser.close();
    }
    await payWith(pc, "4242 4242 4242 4242");
    expect((await pc.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim()).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    await pc.close();
  });
});
