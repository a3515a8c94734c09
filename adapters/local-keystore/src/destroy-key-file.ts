import { randomBytes } from "node:crypto";
import { open, stat, unlink } from "node:fs/promises";

/**
 * The cryptographic erase of everything wrapped under a key file (NIST SP 800-88 Purge by crypto erase; seed A
 * (3)②④): its bytes are overwritten with random ones and flushed, then the file is removed. Every data key in the
 * database and in its backups was wrapped under it, so none can be unwrapped again. Overwriting in place is what a
 * file system allows; on flash storage the old blocks may survive in the device's spare area, which is why the
 * key file must never be copied into backups in the first place (ADR 6). Answers whether a file was there.
 */
export const destroyKeyFile = async (path: string): Promise<boolean> => {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const handle = await open(path, "r+");
  try {
    await handle.write(randomBytes(Math.max(size, 1)), 0, Math.max(size, 1), 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(path);
  return true;
};
