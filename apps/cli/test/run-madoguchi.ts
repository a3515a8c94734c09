import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root: the CLI runs from there, as staff run it from a checkout. */
export const REPO_ROOT = resolve(import.meta.dirname, "../../..");
const MAIN = resolve(import.meta.dirname, "../src/main.ts");

/** What a run of the real CLI produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `madoguchi` as a child process: the Node running the tests (24) on `src/main.ts`, cwd the
 * repository root unless given. MADOGUCHI_* variables of the developer's shell are dropped so that
 * the defaults are tested.
 */
export const madoguchi = (args: readonly string[], options: { readonly cwd?: string; readonly env?: Record<string, string> } = {}): Promise<CliRun> => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("MADOGUCHI_")) env[k] = v;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: { ...env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
};

/** Parses the JSON that `--json` prints on stdout. */
export const jsonOf = <T = Record<string, unknown>>(run: CliRun): T & { ok: boolean } => JSON.parse(run.stdout) as T & { ok: boolean };

/** A fresh temporary directory, removed by the returned function. */
export const tempDir = (): { readonly path: string; remove(): void } => {
  const path = mkdtempSync(join(tmpdir(), "madoguchi-cli-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};

/** A stack trace line (`    at fn (file:line:col)`): must never reach a user for a user error. */
export const STACK_TRACE = /^\s+at .+[:(]/m;
