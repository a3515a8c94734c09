import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Result of running /usr/bin/openssl. */
export interface OpenSslRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs OpenSSL with `args` in a temporary directory holding `files` (name → contents). */
export const openssl = async (
  files: Record<string, string | Uint8Array>,
  args: (dir: string) => readonly string[],
): Promise<OpenSslRun> => {
  const dir = await mkdtemp(join(tmpdir(), "madoguchi-openssl-"));
  try {
    for (const [name, contents] of Object.entries(files)) await writeFile(join(dir, name), contents);
    return await new Promise((resolve) => {
      execFile("/usr/bin/openssl", args(dir), { cwd: dir, encoding: "utf8" }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
