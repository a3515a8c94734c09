import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { startReferenceApp, type ReferenceApp } from "./reference-app.ts";

/**
 * A fresh browser context (its own cookies, storage, cache and permissions, as a separate browser
 * would have) in the Chromium the e2e project shares (chromium.global-setup.ts), in Japanese.
 */
export const launchChromium = async (): Promise<{ readonly context: BrowserContext; close(): Promise<void> }> => {
  const browser = await chromium.connect(inject("chromiumWsEndpoint"));
  const context = await browser.newContext({ locale: "ja-JP" });
  return {
    context,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
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
