/**
 * The test projects of the monorepo. Vitest ≥4 no longer reads this file by itself; `vitest.config.ts`
 * imports it as `test.projects` (see docs/adr/0002-vitest-projects.md).
 */
import { defineProject } from "vitest/config";

const project = (name: string, root: string, extra: Record<string, unknown> = {}) =>
  defineProject({ test: { name, root, include: ["test/**/*.test.ts", "src/**/*.test.ts"], ...extra } });

export default [
  project("core", "./core"),
  project("ocr-engine", "./ocr-engine", { testTimeout: 120_000 }),
  project("conformance", "./conformance"),
  project("adapter-memory", "./adapters/memory"),
  project("adapter-mikro-orm", "./adapters/mikro-orm", { testTimeout: 60_000 }),
  project("adapter-local-keystore", "./adapters/local-keystore"),
  project("adapter-test-card", "./adapters/test-card", { testTimeout: 60_000 }),
  project("adapter-cms-verifier", "./adapters/cms-verifier", { testTimeout: 60_000 }),
  // With two test files at once, a property run or a hosted-fields page can pass vitest's 5 s default on a loaded machine.
  project("adapter-payment-sandbox", "./adapters/payment-sandbox", { testTimeout: 30_000 }),
  project("adapter-payment-stripe", "./adapters/payment-stripe"),
  project("adapter-dev-inbox", "./adapters/dev-inbox"),
  project("adapter-smtp", "./adapters/smtp", { testTimeout: 30_000 }),
  project("adapter-system", "./adapters/system"),
  project("adapter-argon2", "./adapters/argon2", { testTimeout: 60_000 }),
  project("adapter-otpauth", "./adapters/otpauth"),
  project("adapter-common-passwords", "./adapters/common-passwords"),
  project("adapter-kanji-unihan", "./adapters/kanji-unihan"),
  // Starts Debian's clamd (a second or two to load its engine) and streams megabytes through it.
  project("adapter-clamd", "./adapters/clamd", { testTimeout: 60_000, hookTimeout: 60_000 }),
  project("adapter-webauthn", "./adapters/webauthn"),
  project("adapter-digital-auth-app", "./adapters/digital-auth-app", { testTimeout: 60_000 }),
  // Starts OpenSSL's OCSP responder and makes RSA keys with it: slow on a busy 2-core machine.
  project("adapter-ocsp", "./adapters/ocsp", { testTimeout: 60_000, hookTimeout: 120_000 }),
  // Embeds the 46 MB IPAmj明朝 font per PDF: a second or two on a busy 2-core machine.
  project("adapter-form-pdf", "./adapters/form-pdf", { testTimeout: 60_000 }),
  // Reads generated scans with tesseract.js: seconds per page.
  project("adapter-ocr-template", "./adapters/ocr-template", { testTimeout: 120_000, hookTimeout: 120_000 }),
  project("server", "./apps/server", { testTimeout: 60_000 }),
  project("cli", "./apps/cli"),
  project("web", "./apps/web", { environment: "node" }),
  // Cruising the whole repository takes several seconds on a busy 2-core machine: more than the 5 s default.
  // npm run bench's clients against the server they measure: a bench that cannot log in measures nothing.
  project("bench-scripts", "./scripts", { include: ["**/*.test.ts"], testTimeout: 60_000 }),
  project("architecture", "./tests/architecture", { include: ["**/*.test.ts"], testTimeout: 60_000 }),
  // The browser test starts the reference app as `npm start` does and drives Debian's Chromium.
  // expect.poll's own default (1 s) is shorter than a page's first render on a loaded machine: polls wait up to 15 s
  // unless they say otherwise (a poll that succeeds returns at once, so a quiet machine loses nothing).
  project("e2e", "./tests/e2e", { include: ["**/*.e2e.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, expect: { poll: { timeout: 15_000 } } }),
];
