import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { ReferenceApp } from "./reference-app.ts";

/** The demo staff member signs in on the staff listener, as a person would, and lands on the list. */
export const staffLogsIn = async (page: Page, app: ReferenceApp): Promise<void> => {
  await page.goto(`${app.staffUrl}/staff`);
  await page.fill('[name="loginId"]', "demo-staff");
  await page.fill('[name="password"]', app.staffPassword);
  await page.click('[data-testid="staff-login"]');
  await expect.poll(() => page.getByTestId("staff-name").isVisible(), { timeout: 15_000 }).toBe(true);
};
