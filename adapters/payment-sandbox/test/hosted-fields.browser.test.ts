import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { api, startTestSandbox } from "./support/sandbox-fixture.ts";

// The hosted fields in Debian's Chromium, framed by a resident page on another loopback origin:
// typing a card yields a token by postMessage; errors show in the frame and are posted too.

/** A page server on 127.0.0.1:0 whose HTML is decided per request. */
const startPageServer = async (html: () => string): Promise<{ server: Server; origin: string }> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

let sandbox: SandboxGateway;
let portal: { server: Server; origin: string };
let stranger: { server: Server; origin: string };
let context: BrowserContext;
let profileDir: string;

/** The resident page: frames the hosted fields and collects the messages that come from the sandbox. */
const residentPage = (hostedFieldsOrigin: string, lang: string) => `<!doctype html><html><body>
<iframe id="pay" title="card" width="500" height="500" src="${sandbox.url}/hosted-fields.html?origin=${encodeURIComponent(hostedFieldsOrigin)}&lang=${lang}"></iframe>
<script>
window.received = [];
window.addEventListener("message", (event) => { if (event.origin === ${JSON.stringify(sandbox.url)}) window.received.push(event.data); });
</script></body></html>`;

let nextPage = { hostedFieldsOrigin: "", lang: "ja" };

beforeAll(async () => {
  portal = await startPageServer(() => residentPage(nextPage.hostedFieldsOrigin, nextPage.lang));
  stranger = await startPageServer(() => residentPage(portal.origin, "ja"));
  sandbox = await startTestSandbox({ allowedParentOrigins: [portal.origin] });
  profileDir = mkdtempSync(join(tmpdir(), "madoguchi-sandbox-chromium-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(profileDir, { recursive: true, force: true });
  await sandbox?.close();
  portal?.server.close();
  stranger?.server.close();
});

const openPortal = async (lang = "ja", hostedFieldsOrigin = portal.origin): Promise<Page> => {
  nextPage = { hostedFieldsOrigin, lang };
  const page = await context.newPage();
  await page.goto(portal.origin);
  return page;
};

const typeCard = async (page: Page, card: { number: string; expiry: string; cvc: string; name: string }) => {
  const frame = page.frameLocator("#pay");
  await frame.locator("#card-number").fill(card.number);
  await frame.locator("#card-expiry").fill(card.expiry);
  await frame.locator("#card-cvc").fill(card.cvc);
  await frame.locator("#card-name").fill(card.name);
  await frame.locator("#pay-button").click();
};

const messages = async (page: Page, count: number): Promise<unknown[]> => {
  await page.waitForFunction((n) => (globalThis as unknown as { received: unknown[] }).received.length >= n, count);
  return page.evaluate(() => (globalThis as unknown as { received: unknown[] }).received);
};

describe("hosted fields in Chromium", () => {
  it("turns a typed card into a token posted to the parent, and the token authorises", async () => {
    const page = await openPortal();
    const frame = page.frameLocator("#pay");
    await expect.poll(() => frame.locator("#pay-button").textContent()).toBe("このカードで支払う");
    await typeCard(page, { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", name: "TARO MADOGUCHI" });
    const [message] = await messages(page, 1);
    expect(message).toEqual({ type: "madoguchi-sandbox:token", token: expect.stringMatching(/^tok_/), brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 });
    // The card is gone from the frame once tokenised.
    expect(await frame.locator("#card-number").inputValue()).toBe("");
    const token = (message as { token: string }).token;
    const authorized = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey: `browser-${token}`, body: { token, amount: 300, description: "x" } });
    expect([authorized.status, authorized.body.last4]).toEqual([200, "4242"]);
    await page.close();
  }, 30_000);

  it("shows validation errors inside the frame and posts their codes", async () => {
    const page = await openPortal();
    const frame = page.frameLocator("#pay");
    const cases = [
      [{ number: "4242424242424241", expiry: "12/34", cvc: "123", name: "A" }, "invalid_number", "カード番号が正しくありません。", "#card-number"],
      [{ number: TEST_CARDS.visaSuccess, expiry: "01/20", cvc: "123", name: "A" }, "expired_card", "このカードは有効期限が切れています。", "#card-expiry"],
      [{ number: "6011111111111117", expiry: "12/34", cvc: "123", name: "A" }, "unsupported_brand", "このカードの種類（ブランド）はご利用いただけません。ご利用いただけるカードは VISA、Mastercard、JCB です。", "#card-number"],
      [{ number: TEST_CARDS.visaSuccess, expiry: "1234", cvc: "123", name: "A" }, "invalid_expiry", "有効期限を MM/YY の形で入力してください。", "#card-expiry"],
    ] as const;
    let count = 0;
    for (const [card, code, text, field] of cases) {
      await typeCard(page, card);
      count += 1;
      const received = await messages(page, count);
      expect(received[count - 1]).toEqual({ type: "madoguchi-sandbox:error", code });
      expect(await frame.locator("#card-error").textContent()).toBe(text);
      expect(await frame.locator(field).getAttribute("aria-invalid")).toBe("true");
    }
    await page.close();
  }, 30_000);

  it("speaks English with ?lang=en", async () => {
    const page = await openPortal("en");
    const frame = page.frameLocator("#pay");
    await expect.poll(() => frame.locator("#pay-button").textContent()).toBe("Pay with this card");
    expect(await frame.locator("label[for=card-number]").textContent()).toBe("Card number");
    await page.close();
  }, 30_000);

  it("refuses to show the form for an origin that is not allowed", async () => {
    const page = await openPortal("ja", "https://evil.example");
    const frame = page.frameLocator("#pay");
    await expect.poll(() => frame.locator("#refused").count()).toBe(1);
    expect(await frame.locator("#card-number").count()).toBe(0);
    await page.close();
  }, 30_000);

  it("cannot be framed by a page on an origin that is not allowed (frame-ancestors)", async () => {
    const page = await context.newPage();
    await page.goto(stranger.origin);
    const iframe = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => iframe?.url()).toMatch(/^chrome-error:/);
    expect(await page.frameLocator("#pay").locator("#card-number").count()).toBe(0);
    await page.close();
  }, 30_000);
});
