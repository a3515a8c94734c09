import { defineProject } from "vitest/config";

/**
 * Unit tests of the web app's pure helpers (routing, error arrangement, formatting, message parsing). Run
 * with `npx vitest run --config apps/web/vitest.config.ts` until the root workspace lists a `web` project.
 */
export default defineProject({
  test: { name: "web", root: import.meta.dirname, include: ["test/**/*.test.ts"], environment: "node" },
});
