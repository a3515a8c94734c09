import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFailed } from "vitest";
import { startReferenceApp, type ReferenceApp } from "./reference-app.ts";

const CHROMIUM = "/usr/bin/chromium";

/**
 * Debian's Chromium, headless, with a throw-away profile (no downloads, no network but loopback): one browser
 * per test file (and per "second device"). One Chromium shared by the whole project (d8dcaa5) saved a few
 * seconds of CPU per file but was undone after a CI run in which a page stopped answering Playwright's
 * stability check for 30 s (ADR 2, seventh-session amendment): separate browsers keep one file's pages from sharing a
 * browser, and its compositor, with another file's.
 */
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

/**
 * When the running test fails, prints what `page` showed — its address and visible text (synthetic residents only) —
 * and saves a full-page screenshot under the system's temp directory. ADR 2 (seventh-session amendment): a call log
 * alone did not tell why a page stopped answering; the saved-card payment of the Stripe Elements file timed out once
 * waiting for its receipt in a full run (ninth session) and never in 30 runs of the file alone. Call it right after
 * `newPage()`. Each step is bounded: a page that renders no frame must not hang the report.
 */
export const explainOnFailure = (page: Page): void => {
  onTestFailed(async () => {
    const text = await page.locator("body").innerText({ timeout: 5_000 }).catch((e: unknown) => `(no text: ${String(e).split("\n")[0]})`);
    const shot = join(tmpdir(), `madoguchi-e2e-failure-${Date.now()}.png`);
    const saved = await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 }).then(() => shot, () => "(no screenshot)");
    console.error(`the page when the test failed: ${page.url()}\n${text.slice(0, 2_000)}\nscreenshot: ${saved}`);
  });
};

/** axe-core finds no serious or critical accessibility violation on the page. */
export const expectNoSeriousA11yViolations = async (page: Page) => {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};

/** The reference app and a Chromium for one test file. */
export interface AppInBrowser {
  readonly app: ReferenceApp;
  readonly context: BrowserContext;
}

/**
 * Starts the reference app (as `npm start` does, with `env` added) and Chromium before the file's
 * tests and stops both after them. Call it at the top of a test file; read `app` and `context` in tests.
 */
export const appInBrowser = (env: Readonly<Record<string, string>> = {}): AppInBrowser => {
  const state: { app?: ReferenceApp; browser?: Awaited<ReturnType<typeof launchChromium>> } = {};
  beforeAll(async () => {
    state.app = await startReferenceApp(env);
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.stop();
  });
  return {
    get app() {
      if (state.app === undefined) throw new Error("the reference app is not started yet (use it inside a test)");
      return state.app;
    },
    get context() {
      if (state.browser === undefined) throw new Error("Chromium is not started yet (use it inside a test)");
      return state.browser.context;
    },
  };
};
