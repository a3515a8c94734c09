import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD, issueTestCardFiles } from "@madoguchi/adapter-test-card";
import { beforeAll, describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";
import { residentPages } from "./resident-pages.ts";

const PIN = "1357";
// The reference app's test card, issued before it starts with a user-authentication key (as
// `madoguchi test-card issue --auth-pin` does); this hook runs before appInBrowser's.
const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-e2e-jpki-card-"));
beforeAll(async () => {
  (await issueTestCardFiles({ dir: join(dataDir, "test-card"), now: new Date(Date.now() - 60_000), basicInfo: DEMO_BASIC_INFO, signaturePassword: DEMO_SIGNATURE_PASSWORD, authenticationPin: PIN }))._unsafeUnwrap();
});
const running = appInBrowser({ MADOGUCHI_DATA_DIR: dataDir });
const { registerAndLogIn } = residentPages(running);

describe("in Chromium: a resident links the card read by the service (the test card's user-authentication certificate) and logs in with its PIN (R10)", () => {
  it("links from the settings with the PIN, logs out, logs in with the card; a wrong PIN says how many tries are left", async () => {
    const page = await running.context.newPage();
    // An account, verified, logged in with the emailed code.
    const email = await registerAndLogIn(page, "e2e-jpki-card");

    await page.click('[data-testid="account-nav-settings"]');
    await expect.poll(() => page.getByTestId("jpki-none").isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: /この端末で読み取るカードを連携する/ }).click();
    await page.fill('[name="jpki-pin"]', PIN);
    await page.click('[data-testid="jpki-pin-submit"]');
    await expect.poll(() => page.getByTestId("jpki-notice").textContent(), { timeout: 15_000 }).toContain("連携しました");
    await expect.poll(() => page.locator('[data-testid="jpki-links"]').textContent(), { timeout: 15_000 }).toContain("利用者証明用電子証明書");
    await expectNoSeriousA11yViolations(page);

    await page.click('[data-testid="account-logout"]');
    await expect.poll(() => page.getByRole("button", { name: /利用者証明用電子証明書）でログイン/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: /利用者証明用電子証明書）でログイン/ }).click();
    await expect.poll(() => page.getByText("あと3回").isVisible(), { timeout: 15_000 }).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.fill('[name="jpki-pin"]', "0000");
    await page.click('[data-testid="jpki-pin-submit"]');
    await expect.poll(() => page.getByTestId("jpki-card-error").textContent(), { timeout: 15_000 }).toContain("残り2回");
    await page.fill('[name="jpki-pin"]', PIN);
    await page.click('[data-testid="jpki-pin-submit"]');
    await expect.poll(() => page.getByTestId("applications-none").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/account");
    await page.close();
  });
});
