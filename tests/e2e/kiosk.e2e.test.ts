import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";

const running = appInBrowser();

describe("in Chromium: R11, the portal on the counter's kiosk", () => {
  it("shows the portal large with the card badges and the address to use from home; はじめから forgets what was typed; no login there", async () => {
    const page = await running.context.newPage();
    explainOnFailure(page);
    await page.goto(`${running.app.url}/kiosk`);
    await page.getByTestId("kiosk-start-over").waitFor();
    expect(await page.evaluate("document.documentElement.classList.contains('kiosk')")).toBe(true);
    expect(await page.getByTestId("nav-account").count()).toBe(0);
    // The procedures load after the page's frame: wait for the badge rather than count before it can be there.
    const badge = page.locator('[data-testid="procedure-juminhyo"] [data-testid="kiosk-card-required"]');
    await badge.waitFor();
    expect(await badge.count()).toBe(1);
    await page.getByTestId("kiosk-next-time").waitFor();
    // The address shown is the portal's public one, the same the QR code holds (not whatever name the terminal used).
    const config = (await (await fetch(`${running.app.url}/api/config`)).json()) as { portalOrigin: string };
    expect(await page.getByTestId("kiosk-next-time").textContent()).toContain(`${config.portalOrigin}/`);
    // The QR code is the server's SVG of the portal's address, loaded from our own origin.
    await expect.poll(() => page.evaluate("document.querySelector('[data-testid=\"kiosk-next-time\"] img').naturalWidth")).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);

    // A resident starts a request and walks away: はじめから wipes it (a full reload to the kiosk's first page).
    await page.locator('[data-testid="procedure-juminhyo"] a').click();
    await page.fill('[name="applicant.name"]', "窓口 花子");
    // What a resident can leave behind: the page's memory, a form waiting in sessionStorage, the language chosen.
    await page.evaluate(`window.__leftBehind = true; sessionStorage.setItem("madoguchi.apply.app-signature", "{}"); localStorage.setItem("madoguchi.locale", "en")`);
    await page.click('[data-testid="kiosk-start-over"]');
    await expect.poll(() => new URL(page.url()).pathname).toBe("/kiosk");
    await page.getByTestId("kiosk-start-over").waitFor();
    expect(await page.evaluate(`[window.__leftBehind === true, sessionStorage.getItem("madoguchi.apply.app-signature"), localStorage.getItem("madoguchi.locale"), sessionStorage.getItem("madoguchi.kiosk")]`)).toEqual([false, null, null, "1"]);
    await page.locator('[data-testid="procedure-juminhyo"] a').click();
    expect(await page.inputValue('[name="applicant.name"]')).toBe("");

    // No resident account on a shared terminal, whatever link leads there.
    await page.goto(`${running.app.url}/account/login`);
    await page.getByTestId("kiosk-start-over").waitFor();
    expect(await page.locator('input[type="password"]').count()).toBe(0);

    // Staff end kiosk mode by address.
    await page.goto(`${running.app.url}/kiosk?exit=1`);
    await page.getByTestId("nav-account").waitFor();
    expect(await page.getByTestId("kiosk-start-over").count()).toBe(0);
  });
});
