import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

describe("in Chromium: 漢字検索 (C6) on the no-writing counter finds a name's character no IME offers and types it into the value chosen last", () => {
  it(
    "staff search 高 and press 髙 among its variants to put it into a person's name at the caret, find 高 by the reading たか, and read the server's refusal of a query that is neither kana nor one character",
    async () => {
      await running.context.clearCookies();
      const page = await running.context.newPage();
      explainOnFailure(page);
      // The demo staff member is the first administrator, who holds counter.use.
      await staffLogsIn(page, running.app);
      await page.click('[data-testid="staff-nav-counter"]');
      await page.getByTestId("counter-add-person").waitFor();
      expect(new URL(page.url()).pathname).toBe("/staff/counter");

      // A draft with one person, typed by hand (no scan): the name field to complete.
      await page.click('[data-testid="counter-add-person"]');
      const name = page.getByTestId("counter-person-0-name");
      await name.waitFor();

      // The panel is closed until opened; a search before any value was chosen shows the characters, not to be pressed yet.
      const panel = page.getByTestId("counter-kanji");
      expect(await panel.getAttribute("open")).toBeNull();
      await panel.locator("> summary").click();
      expect(await panel.locator("> summary").textContent()).toBe("漢字検索");
      await page.getByLabel("読み（かな）または漢字1字").fill("高");
      await page.click('[data-testid="counter-kanji-search"]');
      const variant = page.locator('[data-testid="counter-kanji-group"][data-relation="variant"]');
      const taka = variant.locator('[data-testid="counter-kanji-item"][data-char="髙"]');
      await taka.waitFor({ timeout: 30_000 });
      expect(await variant.locator("h3").textContent()).toContain("異体字");
      // The character itself comes first, under 同じ字.
      const groups = await page.getByTestId("counter-kanji-group").evaluateAll((sections) => sections.map((s) => s.getAttribute("data-relation")));
      expect(groups[0]).toBe("same");
      expect(groups.indexOf("variant")).toBeGreaterThan(0);
      expect(await page.getByTestId("counter-kanji-status").textContent()).toMatch(/^「高」で\d+字見つかりました。$/);
      // Named to a screen reader by the character and its code point; shown in IPAmj明朝 where the machine has it.
      expect(await variant.getByRole("button", { name: /^髙（U\+9AD9[、）].*を入力$/ }).count()).toBe(1);
      const font = await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="counter-kanji-item"][data-char="髙"] .counter-kanji__char')).fontFamily`);
      expect(font).toMatch(/^"?IPAmj明朝"?, "?IPAmjMincho"?, serif$/);
      expect(await taka.isDisabled()).toBe(true);
      expect(await page.getByTestId("counter-kanji-target").textContent()).toBe("入力欄を選んでから押してください");
      await expectNoSeriousA11yViolations(page);

      // Staff type the rest of the name, the caret at its end, then press 髙: it goes in at the caret, as typed.
      await name.fill("山");
      await expect.poll(() => taka.isDisabled()).toBe(false);
      expect(await page.getByTestId("counter-kanji-target").textContent()).toContain("入力先：「");
      await taka.click();
      await expect.poll(() => name.inputValue()).toBe("山髙");
      expect((await name.inputValue()).endsWith("髙")).toBe(true);
      // The focus is back in the name, the caret after the character.
      await expect.poll(() => page.evaluate("document.activeElement && document.activeElement.id")).toBe("counter-person-0-name");
      expect(await page.evaluate('document.getElementById("counter-person-0-name").selectionStart')).toBe("山髙".length);

      // By reading: たか finds 高 among the characters read so.
      await page.getByTestId("counter-kanji-query").fill("たか");
      await page.getByTestId("counter-kanji-query").press("Enter");
      const reading = page.locator('[data-testid="counter-kanji-group"][data-relation="reading"]');
      await reading.locator('[data-testid="counter-kanji-item"][data-char="高"]').waitFor({ timeout: 30_000 });
      expect(await reading.locator("h3").textContent()).toContain("読みが一致");
      expect(await page.getByTestId("counter-kanji-group").count()).toBe(1);
      await expectNoSeriousA11yViolations(page);

      // One kana is read by far more characters than a screen shows: staff are told to type more of the reading.
      await page.getByTestId("counter-kanji-query").fill("か");
      await page.click('[data-testid="counter-kanji-search"]');
      await page.getByTestId("counter-kanji-truncated").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("counter-kanji-truncated").textContent()).toBe("さらに候補があります。読みを長くすると絞り込めます");

      // Neither kana nor one character: the server's own words (in Japanese, as the page), the query marked.
      const refusal = await page.evaluate(async () => {
        const response = await fetch("/api/staff/counter/kanji?q=abc", { headers: { Accept: "application/json", "Accept-Language": "ja" }, credentials: "same-origin" });
        return { status: response.status, body: (await response.json()) as { error?: { code?: string; message?: string } } };
      });
      expect(refusal.status).toBe(400);
      expect(refusal.body.error?.code).toBe("kanji.invalid_query");
      const message = refusal.body.error?.message ?? "";
      expect(message).not.toBe("");
      await page.getByTestId("counter-kanji-query").fill("abc");
      await page.click('[data-testid="counter-kanji-search"]');
      await expect.poll(() => page.getByTestId("counter-kanji-status").textContent(), { timeout: 30_000 }).toBe(message);
      expect(await page.getByTestId("counter-kanji-status").getAttribute("class")).toContain("field__error");
      expect(await page.getByTestId("counter-kanji-query").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("counter-kanji-item").count()).toBe(0);
      // The name keeps what was typed into it.
      expect(await name.inputValue()).toBe("山髙");
      await expectNoSeriousA11yViolations(page);
    },
    180_000,
  );
});
