import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

/**
 * Where a heading sits in the window: its top edge relative to the viewport, the page's scroll offset and the window's
 * height. (Expressions as strings: this project's test code has no DOM types.)
 */
const placeOf = async (page: Page, id: string) => ({
  top: Math.round((await page.locator(`#${id}`).boundingBox())?.y ?? Number.NaN),
  scrollY: Math.round(Number(await page.evaluate("window.scrollY"))),
  viewport: page.viewportSize()?.height ?? 0,
});

/** The id of the element that has the keyboard focus. */
const focusedId = (page: Page): Promise<unknown> => page.evaluate("document.activeElement && document.activeElement.id");

describe("in Chromium: N10, the manuals are viewable from the portal and the back office", () => {
  it("a resident follows the menu's help link to the guide, whose contents jump to their sections, accessible, in Japanese and English", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    await page.goto(running.app.url);
    await page.getByTestId("procedure-juminhyo").waitFor({ timeout: 15_000 });

    // The help link is in the main menu of the portal (so on every page); following it stays in the app.
    const help = page.getByTestId("nav-help");
    expect(await help.textContent()).toBe("使い方・ヘルプ");
    await help.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/help");
    await expect.poll(() => page.locator("h1").textContent()).toBe("オンライン申請の使い方");
    expect(await page.title()).toContain("オンライン申請の使い方");
    // The deployment's facts: the city and its card brands, as the payment step shows them.
    expect(await page.getByTestId("help-section-guide-pay").textContent()).toContain("VISA、Mastercard、JCB");
    expect(await page.locator("main").textContent()).toContain("みほん市");

    // The table of contents lists the sections; a link moves the reader to its section.
    const toc = page.getByTestId("help-toc");
    expect(await toc.getAttribute("aria-labelledby")).toBe("help-contents");
    const entries = await toc.locator("a").allTextContents();
    expect(entries).toEqual(expect.arrayContaining(["アカウントの作成とログイン", "マイナンバーカードで電子署名をする", "手数料の支払い", "申請の取り下げ", "使えるブラウザ", "お問い合わせ"]));
    const before = await placeOf(page, "guide-sign");
    expect(before.viewport).toBeGreaterThan(0);
    expect(before.top).toBeGreaterThan(before.viewport);
    await toc.getByRole("link", { name: "マイナンバーカードで電子署名をする" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#guide-sign");
    await expect.poll(async () => (await placeOf(page, "guide-sign")).top).toBeLessThan(50);
    const after = await placeOf(page, "guide-sign");
    expect(after.top).toBeGreaterThanOrEqual(0);
    expect(after.scrollY).toBeGreaterThan(0);
    // The jump lands on the heading for keyboard and screen-reader users too (it is focusable by script).
    expect(await focusedId(page)).toBe("guide-sign");
    // Its subsections say what to do with a locked card or an expired certificate.
    const signing = (await page.getByTestId("help-section-guide-sign").textContent()) ?? "";
    expect(signing).toContain("6〜16文字");
    expect(signing).toContain("ロックされた");
    expect(signing).toContain("有効期限が切れている");
    // And back to the contents.
    await page.getByTestId("help-section-guide-sign").locator("xpath=..").getByRole("link", { name: "目次へ戻る" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#help-contents");
    await expect.poll(async () => (await placeOf(page, "help-contents")).top).toBeLessThan(50);

    await expectNoSeriousA11yViolations(page);

    // The language switch shows the English guide, its contents linking to the same sections.
    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("h1").textContent()).toBe("How to apply online");
    expect(await page.getByTestId("nav-help").textContent()).toBe("Help");
    await toc.getByRole("link", { name: "Paying the fee" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#guide-pay");
    await expect.poll(async () => (await placeOf(page, "guide-pay")).top).toBeLessThan(50);
    expect(await page.getByTestId("help-section-guide-pay").textContent()).toContain("VISA, Mastercard, JCB");
    await expectNoSeriousA11yViolations(page);
    await page.click('[data-testid="lang-switch"]');
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");

    // The help link is there on the other resident pages too, and a guide's section can be opened by its address.
    await page.goto(`${running.app.url}/status`);
    await page.getByTestId("nav-help").waitFor();
    await page.goto(`${running.app.url}/help#guide-search`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("オンライン申請の使い方");
    await expect.poll(async () => (await placeOf(page, "guide-search")).top).toBeLessThan(50);
    await page.close();
  });

  it("the demo staff member opens the staff manual from the staff navigation, and the administrators' manual from it", async () => {
    await running.context.clearCookies();
    const page = await running.context.newPage();
    explainOnFailure(page);
    await staffLogsIn(page, running.app);

    // The manual is the last entry of the staff navigation.
    const nav = page.getByTestId("staff-nav-help");
    expect(await nav.textContent()).toBe("職員向けマニュアル");
    expect(await page.locator(".staff-nav__list li").last().textContent()).toBe("職員向けマニュアル");
    await nav.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/staff/help");
    await expect.poll(() => page.locator("h1").textContent()).toBe("職員向けマニュアル");
    expect(await page.getByTestId("staff-nav-help").getAttribute("aria-current")).toBe("page");
    // Its menu table names the pages of the navigation; its sections cover signing in, status changes, exports.
    const menu = (await page.getByTestId("help-section-staff-menu").textContent()) ?? "";
    for (const label of ["申請一覧", "利用状況", "監査ログ", "保存期間と削除", "承認", "精算", "セキュリティ設定", "グループと権限", "職員アカウント"]) expect(menu).toContain(label);
    await page.getByTestId("help-toc").getByRole("link", { name: "CSV の書き出し" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#staff-export");
    await expect.poll(async () => (await placeOf(page, "staff-export")).top).toBeLessThan(50);
    await expectNoSeriousA11yViolations(page);

    // The administrators' manual, from the staff manual's introduction.
    await page.locator(".help-intro").getByRole("link", { name: "管理者向けマニュアル" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/staff/help/admin");
    await expect.poll(() => page.locator("h1").textContent()).toBe("管理者向けマニュアル");
    // Opened by a link: the new page starts at its top, focus on its title.
    expect(await page.evaluate("document.activeElement && document.activeElement.tagName")).toBe("H1");
    const roles = (await page.getByTestId("help-section-admin-roles").textContent()) ?? "";
    for (const role of ["閲覧者", "処理担当", "管理者", "監査担当"]) expect(roles).toContain(role);
    await page.getByTestId("help-toc").getByRole("link", { name: "バックアップと復元" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#admin-backup");
    expect(await page.getByTestId("help-section-admin-backup").textContent()).toContain("npx madoguchi backup restore");
    await expectNoSeriousA11yViolations(page);
    await page.close();
  });
});
