import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

const CHROMIUM = "/usr/bin/chromium";

/** Debian's Chromium, headless, with a throw-away profile (no downloads, no network but loopback). */
export const launchChromium = async (): Promise<{ readonly context: BrowserContext; close(): Promise<void> }> => {
  const profileDir = mkdtempSync(join(tmpdir(), "madoguchi-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: "ja-JP",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
};

/** axe-core finds no serious or critical accessibility violation on the page. */
export const expectNoSeriousA11yViolations = async (page: Page) => {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};
