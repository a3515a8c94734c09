import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { isVerifiedBackupName } from "@madoguchi/adapter-mikro-orm";

/** The verified backups in `dir`, newest first (files still being written or that failed are named otherwise). */
export const verifiedBackups = async (dir: string): Promise<string[]> => {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  return names.filter(isVerifiedBackupName).sort().reverse();
};

/** When a backup named by `backupFileName` was taken. */
export const backupTakenAt = (name: string): Date => {
  const m = /^madoguchi-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
};

/** Keeps the newest `generations` verified backups (N3: at least 7 daily ones) and removes the older with their manifests. */
export const pruneBackups = async (dir: string, generations: number): Promise<string[]> => {
  const old = (await verifiedBackups(dir)).slice(generations);
  for (const name of old) {
    await rm(join(dir, name), { force: true });
    await rm(join(dir, `${name}.json`), { force: true });
  }
  return old;
};

/** SHA-256 of a file, hex: what the manifest records and `backup restore` checks. */
export const sha256OfFile = async (path: string): Promise<string> => createHash("sha256").update(await readFile(path)).digest("hex");
