import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });

/** The reference app as `npm start` runs it (node apps/server/src/main.ts), on free ports and a fresh data dir. */
export interface ReferenceApp {
  readonly url: string;
  /** The staff listener (back office): not routed on `url`. */
  readonly staffUrl: string;
  readonly staffPassword: string;
  /** The app's data directory (its SQLite database is `madoguchi.sqlite` there). */
  readonly dataDir: string;
  stdout(): string;
  stop(): Promise<void>;
}

export const startReferenceApp = async (extraEnv: Record<string, string> = {}): Promise<ReferenceApp> => {
  if (!existsSync(join(ROOT, "apps/web/dist/index.html"))) {
    throw new Error("apps/web/dist is missing: `npm test` builds the web app first (npm run build:web)");
  }
  const [port, sandboxPort, staffPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-e2e-"));
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["apps/server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MADOGUCHI_SANDBOX_PORT: String(sandboxPort),
      MADOGUCHI_STAFF_PORT: String(staffPort),
      MADOGUCHI_DATA_DIR: dataDir,
      MADOGUCHI_OUTBOX_INTERVAL_MS: "200",
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString("utf8")));
  const url = `http://localhost:${port}`;
  // Readiness probe, not a sleep: poll /healthz until it answers (or the process dies).
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error(`the app did not answer /healthz:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const password = /password: (\S+)/.exec(out)?.[1];
  if (password === undefined) throw new Error(`no demo staff credentials were printed:\n${out}`);
  return {
    url,
    staffUrl: `http://localhost:${staffPort}`,
    staffPassword: password,
    dataDir,
    stdout: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
