/**
 * A development smoke run of the built app against the mock API, in Debian's Chromium, under the strict
 * CSP of `vite preview`: clicks through every screen at phone and desktop widths, runs axe-core on each,
 * and fails on any console error (CSP violations are console errors). Screenshots go to `$SMOKE_SHOTS`
 * (default: a temp dir). It is a tool for working on the web app, not the end-to-end test (that one runs
 * against the real server).
 *
 *   npm run build -w @madoguchi/web && npx node apps/web/dev/smoke.ts
 *
 * Against a running reference server instead of the mock (its CSP then applies):
 *   SMOKE_BASE_URL=http://127.0.0.1:3000 SMOKE_STAFF_LOGIN=… SMOKE_STAFF_PASSWORD=… \
 *   SMOKE_EXTRA_PROCEDURE=shotoku-kazei npx node apps/web/dev/smoke.ts
 */
import { AxeBuilder } from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { preview } from "vite";

const root = join(import.meta.dirname, "..");
const shots = process.env["SMOKE_SHOTS"] ?? mkdtempSync(join(tmpdir(), "madoguchi-shots-"));
const external = process.env["SMOKE_BASE_URL"];
const server =
  external === undefined
    ? await preview({ root, configFile: join(root, "vite.config.ts"), preview: { port: 0, host: "127.0.0.1" }, logLevel: "warn" })
    : null;
const base = external ?? `http://127.0.0.1:${(server?.httpServer.address() as AddressInfo).port}`;
const staffLogin = process.env["SMOKE_STAFF_LOGIN"] ?? "staff";
const staffPassword = process.env["SMOKE_STAFF_PASSWORD"] ?? "staff-password";
const extraProcedure = process.env["SMOKE_EXTRA_PROCEDURE"] ?? "kazei";
// SMOKE_HOME=/index.html works around a server whose SPA fallback misses "/".
const home = process.env["SMOKE_HOME"] ?? "/";
const profile = mkdtempSync(join(tmpdir(), "madoguchi-chromium-"));

const problems: string[] = [];
const check = (condition: boolean, what: string) => {
  if (!condition) problems.push(what);
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
};

async function axe(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  for (const v of result.violations) {
    problems.push(`axe ${name}: ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }
  console.log(`${result.violations.length === 0 ? "ok  " : "FAIL"} axe ${name}: ${result.violations.map((v) => v.id).join(", ") || "no violations"}`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? "";

async function fillForm(page: Page, copies: string) {
  await page.fill('[name="applicant.name"]', "窓口 花子");
  await page.fill('[name="applicant.nameKana"]', "まどぐち はなこ");
  await page.fill('[name="applicant.postalCode"]', "１２３－４５６７");
  await page.fill('[name="applicant.address"]', "みほん県みほん市中央1-2-3");
  await page.fill('[name="applicant.dateOfBirth"]', "1975-03-04");
  await page.fill('[name="applicant.phone"]', "03-1234-5678");
  await page.fill('[name="applicant.email"]', "hanako@example.jp");
  await page.fill('[name="request.copies"]', copies);
}

async function pay(page: Page, card: string) {
  const frame = page.frameLocator('[data-testid="payment-frame"]');
  await frame.locator("#card-number").fill(card);
  await frame.locator("#card-expiry").fill("12/30");
  await frame.locator("#card-cvc").fill("123");
  await frame.locator("#card-name").fill("HANAKO MADOGUCHI");
  await frame.locator("#pay-button").click();
}

/** From the confirmation screen to the payment form, signing when the procedure asks for it. */
async function signIfAsked(page: Page) {
  await page.locator('[data-testid="to-sign"], [data-testid="to-pay"]').first().waitFor();
  if ((await page.getByTestId("to-pay").count()) > 0) {
    await page.getByTestId("to-pay").click();
    return;
  }
  await page.getByTestId("to-sign").click();
  await page.getByTestId("card-password").fill("MADO1234");
  await page.getByTestId("sign").click();
}

async function run(context: BrowserContext, width: number) {
  const page = await context.newPage();
  try {
    await flow(context, page, width);
  } catch (error) {
    await shot(page, `w${width}-failure`).catch(() => undefined);
    throw error;
  }
}

async function flow(context: BrowserContext, page: Page, width: number) {
  const tag = `w${width}`;
  await page.setViewportSize({ width, height: 900 });
  page.on("console", (m) => {
    // HTTP error answers the flow provokes on purpose (422, 401, 402, 409) are logged by Chromium too.
    const expected = /^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text());
    if (m.type() === "error" && !expected) problems.push(`console (${tag}) ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror (${tag}): ${e.message}`));

  // Portal and language switch.
  await page.goto(`${base}${home}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  check((await page.locator("html").getAttribute("lang")) === "ja", `${tag} html lang ja`);
  check((await page.locator(".site-header__city").textContent()) === "みほん市", `${tag} city name in header`);
  await axe(page, `${tag} portal`);
  await shot(page, `${tag}-portal`);
  await page.getByTestId("lang-switch").click();
  await page.reload();
  await page.getByRole("heading", { level: 1 }).waitFor();
  check((await page.locator("html").getAttribute("lang")) === "en", `${tag} English persists after reload`);
  check((await text(page, "lang-switch")) === "日本語", `${tag} switch offers 日本語`);
  await shot(page, `${tag}-portal-en`);
  await page.getByTestId("lang-switch").click();

  // Application with signature: errors first.
  await page.locator('[data-testid="procedure-juminhyo"] a').click();
  await page.getByTestId("to-confirm").waitFor();
  await page.fill('[name="request.copies"]', "");
  await page.getByTestId("to-confirm").click();
  await page.locator(".error-summary").waitFor();
  check(await page.locator(".error-summary").evaluate((el) => el.matches(":focus")), `${tag} error summary focused`);
  check((await page.locator('[name="applicant.name"]').getAttribute("aria-invalid")) === "true", `${tag} aria-invalid on name`);
  check((await page.locator(".error-summary li").count()) >= 8, `${tag} all errors at once`);
  await axe(page, `${tag} form errors`);
  await shot(page, `${tag}-form-errors`);
  await page.locator(".error-summary a").first().click();
  check(await page.locator('[name="applicant.name"]').evaluate((el) => el.matches(":focus")), `${tag} summary link focuses field`);

  await fillForm(page, "２");
  await page.locator('[name="request.deliveryMethodId"]').first().check();
  await page.getByTestId("to-confirm").click();
  await page.getByTestId("to-sign").waitFor();
  check((await text(page, "fee-total")) === "710円", `${tag} fee total 710円`);
  check((await text(page, "confirm-postalCode")) === "123-4567", `${tag} normalised postal code`);
  await axe(page, `${tag} confirm`);
  await shot(page, `${tag}-confirm`);
  await page.getByTestId("edit").click();
  check((await page.inputValue('[name="applicant.address"]')) === "みほん県みほん市中央1-2-3", `${tag} values kept after 修正する`);
  await page.getByTestId("to-confirm").click();
  await page.getByTestId("to-sign").click();

  await page.getByTestId("card-password").fill("WRONG12");
  await page.getByTestId("sign").click();
  await page.getByTestId("card-password-error").getByText(/あと\d+回/).waitFor();
  check(true, `${tag} wrong password shows tries left`);
  await axe(page, `${tag} sign`);
  await shot(page, `${tag}-sign`);
  await page.getByTestId("card-password").fill("MADO1234");
  await page.getByTestId("sign").click();

  await page.getByTestId("payment-frame").waitFor();
  check((await text(page, "pay-total")) === "710円", `${tag} pay total`);
  await pay(page, "4000000000000002");
  // A declined card ends the attempt: new submission key, so the application is signed again.
  await page.getByTestId("sign-notice").waitFor();
  check((await text(page, "sign-notice")).includes("カード"), `${tag} decline message, back to signing`);
  await shot(page, `${tag}-declined`);
  await page.getByTestId("card-password").fill("MADO1234");
  await page.getByTestId("sign").click();
  await page.getByTestId("payment-frame").waitFor();
  await pay(page, "4242424242424242");
  await page.getByTestId("receipt-number").waitFor();
  const receipt = await text(page, "receipt-number");
  check(receipt.length >= 6, `${tag} receipt number ${receipt}`);
  check((await text(page, "access-code")).length > 8, `${tag} access code shown`);
  await axe(page, `${tag} receipt`);
  await shot(page, `${tag}-receipt`);

  // Status page via the link, then withdraw (native confirm).
  await page.getByTestId("status-link").click();
  await page.getByTestId("status").waitFor();
  check((await text(page, "status")) === "申請済", `${tag} status 申請済`);
  await axe(page, `${tag} status`);
  await shot(page, `${tag}-status`);
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("withdraw").click();
  await page.getByTestId("status-notice").waitFor();
  check((await text(page, "status")) === "取下げ", `${tag} withdrawn`);

  // A procedure without signature and with extra selects.
  await page.goto(`${base}/apply/${extraProcedure}`);
  await fillForm(page, "1");
  await page.locator('[name="request.deliveryMethodId"]').first().check();
  await page.getByTestId("to-confirm").click();
  await page.locator(".error-summary").waitFor();
  check(
    (await page.locator('[name="request.extra.fiscalYear"]').getAttribute("aria-invalid")) === "true",
    `${tag} extra field error`,
  );
  for (const select of await page.locator('select[name^="request.extra."]').all()) {
    const firstValue = await select.locator("option:not([value=''])").first().getAttribute("value");
    if (firstValue !== null) await select.selectOption(firstValue);
  }
  await page.getByTestId("to-confirm").click();
  await signIfAsked(page);
  await pay(page, "4242424242424242");
  await page.getByTestId("receipt-number").waitFor();
  const receipt2 = await text(page, "receipt-number");

  // Staff.
  await page.goto(`${base}/staff`);
  await page.getByTestId("staff-login").waitFor();
  await axe(page, `${tag} staff login`);
  await page.fill('[name="loginId"]', staffLogin);
  await page.fill('[name="password"]', "nope");
  await page.getByTestId("staff-login").click();
  await page.getByTestId("login-error").waitFor();
  await page.fill('[name="password"]', staffPassword);
  await page.getByTestId("staff-login").click();
  await page.getByTestId(`app-row-${receipt2}`).waitFor();
  await axe(page, `${tag} staff list`);
  await shot(page, `${tag}-staff-list`);
  await page.getByTestId(`app-row-${receipt2}`).click();
  await page.getByTestId("cmd-receive").waitFor();
  await axe(page, `${tag} staff detail`);
  await shot(page, `${tag}-staff-detail`);
  await page.getByTestId("cmd-receive").click();
  await page.getByTestId("command-notice").waitFor();
  check((await text(page, "status")) === "受付", `${tag} received`);
  const detailUrl = page.url();
  await page.goto(`${base}/staff`);
  await page.getByTestId("status-filter").selectOption("received");
  await page.waitForURL(/status=received/);
  await page.getByTestId(`app-row-${receipt2}`).waitFor();
  check((await page.locator("[data-testid^=app-row-]").count()) === 1, `${tag} filter by status`);
  await page.goto(detailUrl);

  // Conflict: another tab changes it first.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByTestId("cmd-startProcessing").click();
  await other.getByTestId("command-notice").waitFor();
  await other.close();
  await page.getByTestId("cmd-return").click();
  await page.getByTestId("confirm-command").click();
  await page.locator("#command-reason-error").waitFor();
  await page.getByTestId("reason").fill("添付書類が不足しています。");
  await page.getByTestId("confirm-command").click();
  await page.getByTestId("command-error").waitFor();
  check((await text(page, "command-error")).includes("他の操作と競合しました"), `${tag} conflict message`);
  await page.getByTestId("cmd-complete").waitFor();
  check((await text(page, "status")) === "処理中", `${tag} reloaded after conflict`);
  await page.getByTestId("cmd-return").click();
  await page.getByTestId("reason").fill("添付書類が不足しています。");
  await page.getByTestId("confirm-command").click();
  await page.getByTestId("command-notice").waitFor();
  check((await text(page, "status")) === "差戻し", `${tag} returned with reason`);

  // S5: an application a resident sent by mail, entered by staff (代理入力).
  await page.goto(`${base}/staff`);
  await page.getByTestId("proxy-entry-open").click();
  await page.getByTestId("proxy-entry-form").waitFor();
  await page.selectOption('[name="procedureId"]', "juminhyo");
  await page.locator('[name="applicant.name"]').waitFor();
  check(await page.locator("#intake\\.channel--phone").isDisabled(), `${tag} proxy entry: no phone for a signed procedure`);
  check(await page.locator("#intake\\.payment--not_required").isDisabled(), `${tag} proxy entry: a fee is owed`);
  await page.getByTestId("proxy-entry-submit").click();
  await page.locator(".error-summary").waitFor();
  check((await page.locator('[data-testid="intake.channel-error"]').count()) === 1, `${tag} proxy entry: checks before sending`);
  await axe(page, `${tag} proxy entry errors`);
  await shot(page, `${tag}-proxy-entry-errors`);
  await page.locator("#intake\\.channel").check(); // 郵送
  await page.locator("#intake\\.payment").check(); // 定額小為替
  await page.getByTestId("proxy-entry-submit").click();
  await page.locator('[data-testid="applicant.name-error"]').waitFor();
  check((await page.locator('[data-testid="applicant.email-error"]').count()) === 0, `${tag} proxy entry: the server's errors beside the inputs, the email optional`);
  await fillForm(page, "1");
  await page.fill('[name="applicant.email"]', "");
  await page.locator('[name="request.deliveryMethodId"]').first().check();
  await page.getByTestId("fee-total").waitFor();
  await page.fill('[name="intake.note"]', "定額小為替300円同封\n返信用封筒あり");
  await axe(page, `${tag} proxy entry`);
  await shot(page, `${tag}-proxy-entry`);
  await page.getByTestId("proxy-entry-submit").click();
  await page.getByTestId("proxy-entry-receipt").waitFor();
  check((await text(page, "access-code")) !== "", `${tag} proxy entry: the access password to hand over`);
  await axe(page, `${tag} proxy entry receipt`);
  await shot(page, `${tag}-proxy-entry-receipt`);
  await page.getByTestId("proxy-entry-detail-link").click();
  await page.getByTestId("intake-record").waitFor();
  check((await text(page, "intake-note")).includes("返信用封筒あり"), `${tag} proxy entry: the intake record on the detail`);
  await axe(page, `${tag} staff detail of an entered application`);
  await shot(page, `${tag}-staff-detail-intake`);
  await page.getByTestId("staff-logout").click();
  await page.getByTestId("staff-login").waitFor();

  // Dev inbox.
  await page.goto(`${base}/dev/inbox`);
  await page.getByTestId("mail-0").waitFor();
  check((await page.locator("[data-testid^=mail-]").allTextContents()).some((t) => t.includes(receipt2)), `${tag} mail about the application`);
  await axe(page, `${tag} inbox`);
  await shot(page, `${tag}-inbox`);

  await page.goto(`${base}/no/such/page`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.close();
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await run(context, 375);
  await run(context, 1280);
} catch (error) {
  problems.push(`aborted: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await context.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots: ${shots}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  process.exitCode = 1;
} else {
  console.log("smoke: all good");
}
