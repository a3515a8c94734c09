import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { authenticatorCode, staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

/**
 * A resident's paid 住民票 request (×2 by 普通郵便), made over HTTP as the resident pages make it: prepare, sign
 * with the test card, tokenise a card at the sandbox's own origin, submit. The browser part of this test is staff's.
 */
const paidApplication = async (): Promise<string> => {
  const input = {
    procedureId: "juminhyo",
    locale: "ja",
    submissionKey: randomUUID(),
    applicant: { name: "窓口 太郎", nameKana: "まどぐち たろう", postalCode: "1000001", address: "みほん県みほん市中央一丁目1番1号", dateOfBirth: "1975-03-04", phone: "0312345678", email: "taro@example.jp" },
    request: { copies: "2", deliveryMethodId: "standard", extra: {} },
  };
  const prepared = await post(`${running.app.url}/api/applications/prepare`, input);
  expect(prepared.status).toBe(200);
  const signed = await post(`${running.app.url}/test-card/api/sign`, { contentBase64: Buffer.from(prepared.body["canonicalJson"], "utf8").toString("base64"), password: "MADO1234" });
  expect(signed.status).toBe(200);
  const config = (await (await fetch(`${running.app.url}/api/config`)).json()) as { payment: { hostedFieldsUrl: string } };
  const token = await post(`${new URL(config.payment.hostedFieldsUrl).origin}/v1/tokens`, { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123", name: "TARO MADOGUCHI" });
  const submitted = await post(`${running.app.url}/api/applications`, { ...input, signature: { cmsBase64: signed.body["cmsBase64"] }, payment: { token: token.body["token"] } });
  expect(submitted.status).toBe(201);
  return submitted.body["receiptNumber"] as string;
};

describe("in Chromium: staff change a fee with a reason, through the step-up prompt", () => {
  it("2 copies → 1: the code is asked, the fee in force and the change are shown, and less will be captured", async () => {
    const receiptNumber = await paidApplication();
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

    await page.goto(`${running.app.staffUrl}/staff`);
    await page.getByText(receiptNumber).click();
    await page.getByTestId("money-panel").waitFor({ timeout: 15_000 });
    // 住民票 300 × 2 + 普通郵便: authorised at submission, nothing captured yet.
    const authorized = (await page.getByTestId("money-authorized").textContent()) ?? "";
    expect(await page.getByTestId("money-captured").textContent()).toContain("0円");
    // The books agree with the payment agent: no disagreement alert.
    expect(await page.getByTestId("money-disagreements").count()).toBe(0);
    await expectNoSeriousA11yViolations(page);

    await page.getByTestId("fee-quantity-0").fill("1");
    await page.getByTestId("fee-reason").fill("1通に訂正（電話で確認）");
    await page.click('[data-testid="fee-change-submit"]');
    // The sign-in's step-up has aged: the code is asked, then the change is sent again.
    await page.getByTestId("step-up-prompt").waitFor({ timeout: 15_000 });
    await page.getByTestId("step-up-code").fill(await authenticatorCode(running.app));
    await page.click('[data-testid="step-up-submit"]');
    await expect.poll(() => page.getByTestId("money-message").textContent(), { timeout: 15_000 }).toContain("完了時に減額して売上確定します");
    expect(await page.getByTestId("step-up-prompt").count()).toBe(0);
    // The fee in force is 300 yen less; the authorisation is unchanged until completion; the change is listed with its reason.
    const fee = page.getByTestId("fee-in-force");
    expect(await fee.getByTestId("fee-line-certificate").textContent()).toContain("300円");
    expect(await page.getByTestId("money-authorized").textContent()).toBe(authorized);
    expect(await page.getByTestId("fee-changes").textContent()).toContain("1通に訂正（電話で確認）");
    await expectNoSeriousA11yViolations(page);

    // Completion captures the new fee; the settlement page (精算) lists it for today with the card fee.
    const due = Number((((await fee.getByTestId("fee-total").textContent()) ?? "").replace(/[^0-9]/g, "")));
    await page.click('[data-testid="cmd-startProcessing"]');
    await expect.poll(() => page.getByTestId("status").textContent(), { timeout: 15_000 }).toContain("処理中");
    await page.click('[data-testid="cmd-complete"]');
    await expect.poll(() => page.getByTestId("status").textContent(), { timeout: 15_000 }).toContain("完了");
    await page.click('[data-testid="staff-nav-settlement"]');
    const total = page.getByTestId("settlement-total");
    await total.waitFor({ timeout: 15_000 });
    const cells = await total.locator("td").allTextContents();
    // Count, captured, refunded, card fee: this app's only capture today, 3.5 % rounded down.
    expect(cells.slice(0, 4)).toEqual(["1", `${due.toLocaleString("ja-JP")}円`, "0円", `${Math.floor((due * 350) / 10_000).toLocaleString("ja-JP")}円`]);
    // The books and the agent agree: the list of disagreements across applications says so.
    await page.getByTestId("payment-disagreements-none").waitFor({ timeout: 15_000 });
    // S5: the fees taken at the counter or by mail for entered requests have their own table: none today.
    expect(await page.getByTestId("settlement-offline-empty").textContent()).toContain("代理入力で受け取った手数料はありません");
    await expectNoSeriousA11yViolations(page);
  });
});
