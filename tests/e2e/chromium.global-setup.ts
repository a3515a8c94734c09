import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Playwright endpoint of the one Chromium the e2e files share (see browser.ts). */
    chromiumWsEndpoint: string;
  }
}

/**
 * Starts Debian's Chromium (headless) once for the whole e2e project. Each test file (and each "second device" a
 * test opens) connects to it and gets its own browser context: cookies, storage, cache and permissions
 * are per context, so files stay as separate as with a browser each, without paying a Chromium start
 * (several seconds of CPU on a loaded 2-core machine) two dozen times.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({
    executablePath: "/usr/bin/chromium",
    headless: true,
    // No downloads, no network but loopback.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  project.provide("chromiumWsEndpoint", server.wsEndpoint());
  return () => server.close();
}
