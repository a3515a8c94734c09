import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadConfig, type Config } from "../../src/config/config.ts";
import { startServer, type RunningServer } from "../../src/composition/start-server.ts";

export const DEMO_PASSWORD = "demo-password-for-tests";
export const CARD_PASSWORD = "MADO1234";

/** A reference server on a random port with its own data directory and a captured log. */
export interface TestServer extends RunningServer {
  readonly dataDir: string;
  /** Everything the server logged, as raw text (JSON lines). */
  logText(): string;
  /** Everything printed to the console by the server (demo credentials). */
  announced(): string;
  /** Removes the data directory too. */
  dispose(): Promise<void>;
}

export const startTestServer = async (env: Record<string, string> = {}): Promise<TestServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-server-"));
  const config = loadConfig({
    PORT: "0",
    MADOGUCHI_SANDBOX_PORT: "0",
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_OUTBOX_INTERVAL_MS: "3600000", // tests deliver the outbox explicitly with relay.runOnce()
    LOG_LEVEL: "debug",
    ...env,
  });
  if (config.isErr()) throw new Error(config.error.message);
  const log: string[] = [];
  const printed: string[] = [];
  const server = await startServer(config.value as Config, {
    logDestination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        log.push(chunk.toString("utf8"));
        cb();
      },
    }),
    demoStaffPassword: DEMO_PASSWORD,
    announce: (t) => printed.push(t),
  });
  return {
    ...server,
    dataDir,
    logText: () => log.join(""),
    announced: () => printed.join("\n"),
    dispose: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
