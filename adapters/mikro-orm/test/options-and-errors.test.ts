import { describe, expect, it } from "vitest";
import {
  ConnectionException,
  ForeignKeyConstraintViolationException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from "@mikro-orm/core";
import { createMikroOrmStore, migrateDatabase } from "../src/index.ts";
import { keyStoreToStorageError, toStorageError } from "../src/storage-error.boundary.ts";
import { localKeyStore } from "./support/key-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-options-");
const keyStore = await localKeyStore(dir);

describe("options are validated at the boundary", () => {
  it.each([
    ["no driver", { path: "x.sqlite" }],
    ["unknown driver", { driver: "mysql", url: "mysql://x" }],
    ["empty sqlite path", { driver: "sqlite", path: "" }],
    ["postgres url not a string", { driver: "postgresql", url: 5 }],
    ["schema not a plain identifier", { driver: "postgresql", url: "postgres://madoguchi:S3CRET-PW@db/x", schema: 'x"; drop table y; --' }],
  ])("%s → StorageError, not retryable, no value echoed", async (_, connection) => {
    const error = (await createMikroOrmStore({ ...(connection as object), keyStore } as never))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "StorageError", reason: "unavailable", retryable: false, operation: "mikro-orm-store.create" });
    expect(error.message).toMatch(/^invalid options/);
    expect(error.message).not.toContain("S3CRET-PW");
    expect(error.message).not.toContain("drop table");
  });

  it("a missing or malformed keyStore is refused", async () => {
    for (const bad of [undefined, {}, { generateDataKey: () => undefined }]) {
      const error = (await createMikroOrmStore({ driver: "sqlite", path: `${dir}/k.sqlite`, keyStore: bad } as never))._unsafeUnwrapErr();
      expect(error.message).toMatch(/^invalid options/);
    }
  });

  it("migrateDatabase validates too", async () => {
    const error = (await migrateDatabase({ driver: "sqlite", path: "" }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ reason: "unavailable", retryable: false, operation: "mikro-orm-store.migrate" });
  });
});

describe("toStorageError (the one driver boundary)", () => {
  const driverError = (message: string, code?: string) => Object.assign(new Error(message), code === undefined ? {} : { code });

  it("maps unique and foreign-key violations to conflict, whether converted by MikroORM or raw", () => {
    expect(toStorageError("op", new UniqueConstraintViolationException(driverError("Key (receipt_number)=(X) exists", "23505"))).reason).toBe("conflict");
    expect(toStorageError("op", driverError("duplicate key value", "23505")).reason).toBe("conflict");
    expect(toStorageError("op", driverError("UNIQUE constraint failed", "SQLITE_CONSTRAINT_PRIMARYKEY")).reason).toBe("conflict");
    expect(toStorageError("op", new ForeignKeyConstraintViolationException(driverError("fk"))).reason).toBe("conflict");
  });

  it("maps connection loss, busy and lock timeouts to unavailable (retryable)", () => {
    for (const e of [
      new ConnectionException(driverError("x")),
      new LockWaitTimeoutException(driverError("database is locked")),
      driverError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      driverError("terminating connection due to administrator command", "57P01"),
      driverError("database is locked", "SQLITE_BUSY"),
      driverError("Connection terminated unexpectedly"),
    ]) {
      expect(toStorageError("op", e)).toMatchObject({ reason: "unavailable", retryable: true });
    }
  });

  it("maps authentication and missing-database errors to unavailable, not retryable", () => {
    expect(toStorageError("op", driverError("password authentication failed", "28P01"))).toMatchObject({ reason: "unavailable", retryable: false });
    expect(toStorageError("op", driverError('database "x" does not exist', "3D000"))).toMatchObject({ reason: "unavailable", retryable: false });
  });

  it("maps a damaged SQLite file to corrupt and anything else to unknown", () => {
    expect(toStorageError("op", driverError("file is not a database", "SQLITE_NOTADB")).reason).toBe("corrupt");
    expect(toStorageError("op", new Error("something odd")).reason).toBe("unknown");
  });

  it("never copies the driver's message (it may quote row values); keeps class and code only", () => {
    const error = toStorageError("application-store.insert", new UniqueConstraintViolationException(driverError("Key (submission_key)=(山田-太郎) already exists", "23505")));
    expect(JSON.stringify(error)).not.toContain("山田");
    expect(error.operation).toBe("application-store.insert");
    expect(error.cause).toEqual({ name: "UniqueConstraintViolationException", code: "23505" });
  });

  it("maps KeyStore failures: unavailable stays unavailable, unwrap failures and destroyed keys are corrupt", () => {
    const k = (reason: "unavailable" | "unwrap_failed" | "key_destroyed", retryable: boolean) => ({ _tag: "KeyStoreError" as const, reason, operation: "k", retryable, message: "m" });
    expect(keyStoreToStorageError("op", k("unavailable", false))).toMatchObject({ reason: "unavailable", retryable: false });
    expect(keyStoreToStorageError("op", k("unwrap_failed", false)).reason).toBe("corrupt");
    expect(keyStoreToStorageError("op", k("key_destroyed", false)).reason).toBe("corrupt");
  });
});
