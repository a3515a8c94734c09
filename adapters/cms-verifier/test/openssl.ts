import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Result of running /usr/bin/openssl, with the requested output files read back. */
export interface OpenSslRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, Uint8Array>;
}

/**
 * Runs OpenSSL with `args` in a temporary directory holding `files` (name → contents), then reads back
 * `outputs` (names inside that directory) before removing it.
 */
export const openssl = async (
  files: Record<string, string | Uint8Array>,
  args: (dir: string) => readonly string[],
  outputs: readonly string[] = [],
): Promise<OpenSslRun> => {
  const dir = await mkdtemp(join(tmpdir(), "madoguchi-openssl-"));
  try {
    for (const [name, contents] of Object.entries(files)) await writeFile(join(dir, name), contents);
    const run = await new Promise<Omit<OpenSslRun, "outputs">>((resolve) => {
      execFile("/usr/bin/openssl", args(dir), { cwd: dir, encoding: "utf8" }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
      });
    });
    const read: Record<string, Uint8Array> = {};
    if (run.code === 0) for (const name of outputs) read[name] = new Uint8Array(await readFile(join(dir, name)));
    return { ...run, outputs: read };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
