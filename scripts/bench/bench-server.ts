import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../apps/server/src/config/config.ts";
import { startServer, type RunningServer } from "../../apps/server/src/composition/start-server.ts";

/** The reference server under measurement, with what a client needs to drive it. */
export interface BenchServer {
  /** Base URL of madoguchi's resident listener (resident API, test card). */
  readonly url: string;
  /** Base URL of the staff listener (the back office's API has its own listener, ADR 14). */
  readonly staffUrl: string;
  /** Origin of the embedded sandbox gateway, where the hosted fields tokenise cards. */
  readonly sandboxOrigin: string;
  /** Password of the demo staff account, made up for this run (never printed). */
  readonly staffPassword: string;
  /** Stops the server and the sandbox and deletes the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts the reference server in this process exactly as `npm start` composes it — embedded
 * profile: SQLite file, local key file, software test card, sandbox gateway, dev inbox — but in a
 * fresh temporary data directory, on free ports, with logging off (`LOG_LEVEL=silent`) so that the
 * measurement is not a measurement of the terminal. The outbox relay keeps its default interval:
 * emails are sent during the run, as they would be at a real peak.
 */
export const startBenchServer = async (): Promise<BenchServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-bench-"));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({
    PORT: "0",
    MADOGUCHI_SANDBOX_PORT: "0",
    MADOGUCHI_PROFILE: "embedded",
    MADOGUCHI_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
  });
  if (config.isErr()) {
    removeDataDir();
    throw new Error(`bench: the server configuration is invalid: ${config.error.message}`);
  }
  const staffPassword = randomBytes(18).toString("base64url");
  let server: RunningServer;
  try {
    // The demo credentials are ours: nothing to announce.
    server = await startServer(config.value, { demoStaffPassword: staffPassword, announce: () => undefined });
  } catch (e) {
    removeDataDir();
    throw e;
  }
  return {
    url: server.url,
    staffUrl: server.staffUrl,
    sandboxOrigin: server.deps.payment.kind === "sandbox" ? server.deps.payment.origin : "",
    staffPassword,
    stop: async () => {
      try {
        await server.close();
      } finally {
        removeDataDir();
      }
    },
  };
};
