#!/usr/bin/env node
/**
 * The `madoguchi` executable. Node 24 runs this TypeScript file directly (type stripping); from the
 * repository, `npx madoguchi <command>` finds the Node 24 that the project pins.
 */
import { runCli } from "./run-cli.ts";

try {
  process.exitCode = await runCli(
    process.argv.slice(2),
    { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    { env: process.env, cwd: process.cwd(), now: () => new Date(), progress: process.stderr },
  );
} catch (e) {
  // Every user mistake is an error value with its own message; only a bug reaches here.
  console.error("内部エラー（不具合です）/ internal error (a bug in madoguchi):", e);
  process.exitCode = 70;
}
