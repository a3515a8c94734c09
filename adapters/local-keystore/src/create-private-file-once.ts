import { randomBytes } from "node:crypto";
import { link, mkdir, open, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const errorCode = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/**
 * Creates a private (0600) file atomically, once: the content is written and fsynced to a temporary
 * file, then hard-linked to the final name. `link` fails if the name exists, so two processes starting
 * at once cannot both create a key — the loser keeps the winner's file — and no reader ever sees a
 * half-written file. The directory is fsynced too, so a crash right after start cannot lose the key.
 */
export const createPrivateFileOnce = async (path: string, content: string): Promise<void> => {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
  } catch (e) {
    if (errorCode(e) !== "EEXIST") throw e;
  } finally {
    await unlink(tmp);
  }
  const dirHandle = await open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
};
