import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { TotpSecret, totpTimeStep } from "@madoguchi/core";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { ReferenceApp } from "./reference-app.ts";

const totp = createOtpauthAuthenticator();
/** The demo account's authenticator "app" per running app: the secret shown at enrolment and the last step used. */
const apps = new Map<string, { secret: string; lastStep: number }>();

/** The code the authenticator app shows, for a time step not used yet (each code works once). */
const nextCode = async (app: { secret: string; lastStep: number }): Promise<string> => {
  for (;;) {
    const now = totpTimeStep(new Date());
    // The current window's code or the next one, never the previous one: that one expires at the window's end,
    // which a slow submission on a loaded machine can pass (seen: the enrolment code refused, no recovery codes).
    const step = Math.max(now, app.lastStep + 1);
    if (step <= now + 1) {
      app.lastStep = step;
      return totp.codeAt(TotpSecret(app.secret), step)._unsafeUnwrap();
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
};

/** The next code of an authenticator this file enrolled at sign-in (for a step-up prompt). */
export const authenticatorCode = (app: ReferenceApp, loginId = "demo-staff"): Promise<string> => {
  const known = apps.get(`${app.staffUrl}|${loginId}`);
  if (known === undefined) throw new Error(`${loginId} has no authenticator enrolled by this test`);
  return nextCode(known);
};

/**
 * The demo staff member signs in on the staff listener, as a person would: password, then the
 * authenticator code — at the first sign-in the app is set up from the secret shown on the page and
 * the recovery codes are acknowledged — and lands on the list.
 */
export const staffLogsIn = async (page: Page, app: ReferenceApp, as?: { readonly loginId: string; readonly password: string }): Promise<void> => {
  const who = as ?? { loginId: "demo-staff", password: app.staffPassword };
  const appKey = `${app.staffUrl}|${who.loginId}`;
  await page.goto(`${app.staffUrl}/staff`);
  await page.fill('[name="loginId"]', who.loginId);
  await page.fill('[name="password"]', who.password);
  await page.click('[data-testid="staff-login"]');
  await page.getByTestId("totp-code").waitFor({ timeout: 15_000 });
  let known = apps.get(appKey);
  if (await page.getByTestId("totp-secret").isVisible()) {
    await expect.poll(() => page.getByTestId("totp-qr").isVisible()).toBe(true);
    known = { secret: ((await page.getByTestId("totp-secret").textContent()) ?? "").trim(), lastStep: -1 };
    apps.set(appKey, known);
  }
  if (known === undefined) throw new Error(`${who.loginId} has an authenticator this test did not enrol`);
  await page.getByTestId("totp-code").fill(await nextCode(known));
  await page.click('[data-testid="totp-submit"]');
  await page.locator('[data-testid="recovery-codes"], [data-testid="staff-name"]').first().waitFor({ timeout: 30_000 });
  if (await page.getByTestId("recovery-codes").isVisible()) {
    expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await page.click('[data-testid="recovery-done"]');
  }
  await expect.poll(() => page.getByTestId("staff-name").isVisible(), { timeout: 15_000 }).toBe(true);
};
