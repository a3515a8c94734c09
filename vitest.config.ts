import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import SummaryLineReporter from "./scripts/summary-line-reporter.ts";
import projects from "./vitest.workspace.ts";

// Node's module compile cache (V8 code cache, TypeScript stripping included) for every Node process the run
// starts: vitest's workers, the reference app the e2e tests start once per file, the CLI the cli tests run a
// hundred times. Without it each of them strips and compiles the same few hundred modules again.
// The variable is inherited; a developer's own setting wins, and NODE_DISABLE_COMPILE_CACHE=1 turns it off. See docs/adr/0002-vitest-projects.md, "Suite wall time".
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "madoguchi-node-compile-cache");

// Two files at a time: vitest 5's default for `vitest run` is availableParallelism() − 1, one worker on the
// 2-core machines CI runs on, where most files wait on another process (the app, Chromium, OpenSSL, PostgreSQL,
// the CLI). Measured on a quiet machine: 1185 s → 921 s of vitest, every test passing (ADR 2, "Suite wall time").
export default defineConfig({ test: { projects, maxWorkers: 2, reporters: ["default", new SummaryLineReporter()] } });
