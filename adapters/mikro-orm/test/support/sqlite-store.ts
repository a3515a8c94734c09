import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { KeyStore } from "@madoguchi/core";
import { createMikroOrmStore, type MikroOrmStore } from "../../src/index.ts";

let counter = 0;

/** A fresh SQLite database file path in `dir`. */
export const freshDbPath = (dir: string): string => {
  counter += 1;
  return join(dir, `db-${process.pid}-${counter}.sqlite`);
};

/** Opens a store or fails the test with the store's error. */
export const openSqliteStore = async (path: string, keyStore: KeyStore): Promise<MikroOrmStore> => {
  const result = await createMikroOrmStore({ driver: "sqlite", path, keyStore });
  if (result.isErr()) throw new Error(`${result.error.reason}: ${result.error.message}`);
  return result.value;
};

/** Every byte SQLite has written for `path`: the database file, its WAL and its shared-memory file. */
export const sqliteBytes = (path: string): Uint8Array =>
  new Uint8Array(Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((f) => readFileSync(f))));

/** Removes the database and its side files. */
export const removeSqlite = (path: string): void => {
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(f, { force: true });
};
