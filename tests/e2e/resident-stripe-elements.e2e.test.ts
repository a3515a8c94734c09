import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FrameLocator, Page, Request } from "playwright-core";
import { findLuhnValidPans } from "@madoguchi/adapter-payment-sandbox";
import { startStripeContractServer, type StripeContractServer } from "@madoguchi/adapter-payment-stripe/contract-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations, explainOnFailure, launchChromium, type AppInBrowser } from "./browser.ts";
import { startReferenceApp, type ReferenceApp } from "./reference-app.ts";
import { applyAndSign, residentPages } from "./resident-pages.ts";

/**
 * The reference app configured with Stripe (docs/adr/0028), against the Stripe contract server on
 * loopback — its API and its imitation of Stripe.js (card frame included) on its own origin. Nothing
 * here reaches the internet.
 */
const KEYS = { secretKey: "sk_test_madoguchiElementsE2e01", publishableKey: "pk_test_madoguchiElementsE2e01", webhookSecrets: ["whsec_madoguchiElementsE2e0123"] };

const state: { stripe?: StripeContractServer; app?: ReferenceApp; browser?: Awaited<ReturnType<typeof launchChromium>>; dir?: string } = {};
const running: AppInBrowser = {
  get app() {
    if (state.app === undefined) throw new Error("the reference app is not started yet");
    return state.app;
  },
  get context() {
    if (state.browser === undefined) throw new Error("Chromium is not started yet");
    return state.browser.context;
  },
};

beforeAll(async () => {
  state.stripe = await startStripeContractServer({ secretKey: KEYS.secretKey, publishableKey: KEYS.publishableKey });
  state.dir = await mkdtemp(join(tmpdir(), "madoguchi-e2e-stripe-"));
  const keysFile = join(state.dir, "stripe-keys.json");
  await writeFile(keysFile, JSON.stringify(KEYS));
  await chmod(keysFile, 0o600);
  state.app = await startReferenceApp({
    MADOGUCHI_PAYMENT_GATEWAY: "stripe",
    MADOGUCHI_SANDBOX_PORT: "", // the sandbox's variable is refused with Stripe
    MADOGUCHI_STRIPE_KEYS_FILE: keysFile,
    MADOGUCHI_STRIPE_API_BASE: state.stripe.url,
    MADOGUCHI_STRIPE_JS_URL: `${state.stripe.url}/v3/`,
  });
  state.browser = await launchChromium();
});
afterAll(async () => {
  await state.browser?.close();
  await state.app?.stop();
  await state.stripe?.close();
  if (state.dir !== undefined) await rm(state.dir, { recursive: true, force: true });
});

const { registerAndLogIn } = residentPages(running);

/** What the browser sent: bodies to madoguchi, and card posts to the gateway with the frame that sent them. */
const watch = (page: Page) => {
  const toApp: string[] = [];
  const cardPosts: { frameUrl: string; body: string }[] = [];
  page.on("request", (r: Request) => {
    const body = r.postData();
    if (body === null) return;
    if (r.url().startsWith(running.app.url)) toApp.push(body);
    if (state.stripe !== undefined && r.url() === `${state.stripe.url}/v1/payment_methods`) cardPosts.push({ frameUrl: r.frame().url(), body });
  });
  return { toApp, cardPosts };
};

/** Stripe's card element: its own iframe, mounted by Stripe.js inside our form. */
const cardFrame = (page: Page, testId: string): FrameLocator => page.frameLocator(`[data-testid="${testId}"] iframe`);

/** Types a card into the card element and presses our button under it. */
const enterCard = async (page: Page, testId: string, number: string) => {
  const frame = cardFrame(page, testId);
  await frame.locator("#cardnumber").fill(number);
  await frame.locator("#exp-date").fill("12/34");
  await frame.locator("#cvc").fill("123");
  await page.locator(`[data-testid="${testId}"] [data-testid="card-fields-submit"]`).click();
};

/** A signed 住民票 application up to the payment step. */
const applyUntilPayment = async (page: Page) => {
  await applyAndSign(page, running.app.url, "juminhyo");
  await expect.poll(() => page.getByTestId("pay-total").isVisible(), { timeout: 30_000 }).toBe(true);
};

const receiptNumber = async (page: Page) => (await page.getByTestId("receipt-number").textContent({ timeout: 30_000 }))?.trim();

/** SAQ A: madoguchi received PaymentMethod ids, never a card number, and the card went from Stripe's frame to Stripe. */
const expectCardNeverReachedUs = (seen: ReturnType<typeof watch>, numbers: readonly string[]) => {
  expect(seen.toApp.length).toBeGreaterThan(0);
  for (const body of seen.toApp) expect(findLuhnValidPans(body)).toEqual([]);
  expect(findLuhnValidPans(running.app.stdout())).toEqual([]);
  expect(seen.cardPosts.map((p) => new URLSearchParams(p.body).get("card[number]"))).toEqual(numbers);
  for (const post of seen.cardPosts) expect(post.frameUrl.startsWith(`${state.stripe?.url ?? "?"}/elements/card-frame.html`)).toBe(true);
};

/** Applications and ledger records in the app's database (a failed payment must store neither). */
const storedApplications = () => {
  const db = new DatabaseSync(join(running.app.dataDir, "madoguchi.sqlite"), { readOnly: true });
  try {
    db.exec("pragma busy_timeout = 5000");
    const count = (table: string) => Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number | bigint }).n);
    return { applications: count("applications"), ledger: count("payment_ledger") };
  } finally {
    db.close();
  }
};

describe("in Chromium with Stripe as the gateway: Stripe Elements on the contract server's loopback imitation", () => {
  it("a resident pays at submission: the card goes from Stripe's frame to Stripe, only the pm_… id to madoguchi", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    const seen = watch(page);
    await applyUntilPayment(page);
    await expect.poll(() => cardFrame(page, "payment-frame").locator("#cardnumber").isVisible(), { timeout: 15_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page);
    // A mistyped number is refused in Stripe's frame: nothing is sent anywhere.
    await enterCard(page, "payment-frame", "4242 4242 4242 4241");
    await expect.poll(() => page.getByTestId("card-fields-error").textContent(), { timeout: 15_000 }).toContain("カード番号が無効です");
    await enterCard(page, "payment-frame", "4242 4242 4242 4242");
    expect(await receiptNumber(page)).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    expect(seen.toApp.some((body) => /"token":"pm_[0-9A-Za-z]+"/.test(body))).toBe(true);
    expectCardNeverReachedUs(seen, ["4242424242424242"]);
    await page.close();
  });

  it("a card whose issuer asks for 3-D Secure: Stripe's page in a frame, back to our return page, the same submission again, paid", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    const seen = watch(page);
    await applyUntilPayment(page);
    await enterCard(page, "payment-frame", "4000 0027 6000 3184");
    await expect.poll(() => page.getByTestId("payment-challenge").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.frameLocator('[data-testid="challenge-frame"]').getByRole("button", { name: "Complete" }).click();
    expect(await receiptNumber(page)).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    const tokens = seen.toApp.map((body) => /"token":"(pm_[0-9A-Za-z]+)"/.exec(body)?.[1]).filter((t) => t !== undefined);
    // Sent twice with the same PaymentMethod: before the challenge, and after it (ADR 27).
    expect(tokens.length).toBe(2);
    expect(new Set(tokens).size).toBe(1);
    expectCardNeverReachedUs(seen, ["4000002760003184"]);
    await page.close();
  });

  it("a failed 3-D Secure challenge: the resident stays on the payment step with a Japanese message, and no application is stored", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    const seen = watch(page);
    await applyUntilPayment(page);
    const before = storedApplications();
    await enterCard(page, "payment-frame", "4000 0027 6000 3184");
    await expect.poll(() => page.getByTestId("payment-challenge").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.frameLocator('[data-testid="challenge-frame"]').getByRole("button", { name: "Fail" }).click();
    await expect.poll(() => page.getByTestId("payment-error").textContent(), { timeout: 15_000 }).toContain("本人認証（3-Dセキュア）が完了しませんでした");
    // Still the payment step: the amount, a fresh card form, no challenge frame, no receipt.
    expect(await page.getByTestId("pay-total").isVisible()).toBe(true);
    await expect.poll(() => cardFrame(page, "payment-frame").locator("#cardnumber").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId("payment-challenge").count()).toBe(0);
    expect(await page.getByTestId("receipt-number").count()).toBe(0);
    expect(storedApplications()).toEqual(before);
    await expectNoSeriousA11yViolations(page);
    expectCardNeverReachedUs(seen, ["4000002760003184"]);
    await page.close();
  });

  it("a resident saves a card through Elements on the settings page, then pays with it without entering it again", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    const seen = watch(page);
    await registerAndLogIn(page, "e2e-stripe-card");
    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("保存したカードはありません");
    await page.click('[data-testid="payment-card-edit"]');
    await enterCard(page, "payment-card-frame", "5555 5555 5555 4444");
    await expect.poll(() => page.getByTestId("payment-card-current").textContent(), { timeout: 15_000 }).toContain("Mastercard（末尾 4444、有効期限 12/34）");
    await expectNoSeriousA11yViolations(page);

    await applyUntilPayment(page);
    await expect.poll(() => page.getByTestId("pay-with-saved-card").textContent(), { timeout: 15_000 }).toContain("末尾 4444");
    await page.click('[data-testid="pay-with-saved-card"]');
    expect(await receiptNumber(page)).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    expectCardNeverReachedUs(seen, ["5555555555554444"]);
    await page.close();
  });
});
