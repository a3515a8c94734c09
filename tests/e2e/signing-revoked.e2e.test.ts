import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD, issueTestCardFiles } from "@madoguchi/adapter-test-card";
import { beforeAll, describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations } from "./browser.ts";

// The reference app's test card, issued before it starts and already on the test CA's CRL (as after a
// change of address: `madoguchi test-card issue --revoked`); this hook runs before appInBrowser's.
const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-e2e-signing-revoked-"));
beforeAll(async () => {
  (
    await issueTestCardFiles({
      dir: join(dataDir, "test-card"),
      now: new Date(Date.now() - 120_000),
      basicInfo: DEMO_BASIC_INFO,
      signaturePassword: DEMO_SIGNATURE_PASSWORD,
      revoked: { at: new Date(Date.now() - 60_000), reason: "affiliationChanged" },
    })
  )._unsafeUnwrap();
});
const running = appInBrowser({ MADOGUCHI_DATA_DIR: dataDir });

describe("in Chromium: a revoked test card gets the Japanese guidance before anything is signed", () => {
  it("the card check says the certificate is revoked and lists the next steps", async () => {
    const page = await running.context.newPage();
    await page.goto(`${running.app.url}/apply/juminhyo`);
    await page.click('[data-testid="card-check-start"]');
    await page.fill('[data-testid="card-check-password"]', DEMO_SIGNATURE_PASSWORD);
    await page.click('[data-testid="card-check-submit"]');
    await expect.poll(() => page.getByTestId("card-check-error").textContent(), { timeout: 15_000 }).toContain("失効しています");
    const steps = await page.getByTestId("card-check-error-next-steps").locator("li").allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain("新しいカード");
    expect(steps[1]).toContain("窓口");
    expect(steps[2]).toContain("署名の要らない");
    // Nothing was filled from a revoked certificate.
    expect(await page.inputValue('[name="applicant.address"]')).toBe("");
    await expectNoSeriousA11yViolations(page);
    await page.close();
  });
});
