import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EICAR_TEST_FILE } from "@madoguchi/core";

/** A clamd of the tests' own: a real ClamAV engine on loopback, with a signature database of one entry. */
export interface TestClamd {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

// The EICAR test file's text, hex-encoded for a ClamAV body signature.
const EICAR_HEX = Buffer.from(EICAR_TEST_FILE).toString("hex");

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const pong = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("zPING\0"));
    let answer = "";
    socket.setTimeout(1000, () => socket.destroy());
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("close", () => resolve(answer.startsWith("PONG")));
    socket.on("error", () => resolve(false));
  });

/**
 * Starts Debian's `clamd` (package clamav-daemon) in the foreground on a free loopback port, with a database that
 * holds only a signature of the EICAR test file — ClamAV's own signatures are downloaded by freshclam, which these
 * machines cannot reach, and a test needs to know what is found. The engine, the protocol and the verdicts are
 * ClamAV's. Throws, naming the package, when clamd is not installed: a suite that needs it must fail, not skip.
 */
export const startTestClamd = async (): Promise<TestClamd> => {
  const dir = await mkdtemp(join(tmpdir(), "madoguchi-clamd-"));
  const port = await freePort();
  await writeFile(join(dir, "madoguchi-test.ndb"), `Madoguchi.Test.EICAR:0:*:${EICAR_HEX}\n`);
  const config = [`Foreground yes`, `DatabaseDirectory ${dir}`, `TCPSocket ${port}`, `TCPAddr 127.0.0.1`, `LogFile ${join(dir, "clamd.log")}`, `StreamMaxLength 25M`].join("\n");
  await writeFile(join(dir, "clamd.conf"), `${config}\n`);
  const child: ChildProcess = spawn("clamd", ["-c", join(dir, "clamd.conf")], { stdio: "ignore" });
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (e) => reject(new Error(`clamd could not be started (install Debian's clamav-daemon): ${e.message}`)));
    child.once("exit", (code) => reject(new Error(`clamd exited with ${code} before answering (see ${join(dir, "clamd.log")})`)));
  });
  const ready = (async () => {
    for (let i = 0; i < 300; i++) {
      if (await pong(port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("clamd did not answer PING within 30 s");
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  failed.catch(() => undefined); // its exit at stop() is expected
  return {
    host: "127.0.0.1",
    port,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
