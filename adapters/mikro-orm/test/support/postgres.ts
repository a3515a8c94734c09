import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import type { KeyStore } from "@madoguchi/core";
import { createMikroOrmStore, type MikroOrmStore } from "../../src/index.ts";
import { openOrm, type OpenedOrm } from "../../src/open-orm.ts";
import { localKeyStore } from "./key-store.ts";
import { tempDir } from "./temp-dir.ts";

/** The test database: `MADOGUCHI_TEST_PG_URL`, or the PostgreSQL that runs on the dev machines. */
export const pgUrl = process.env["MADOGUCHI_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** The URL without its password, for messages. */
export const redactedPgUrl = (): string => {
  try {
    const u = new URL(pgUrl);
    u.password = "";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
};

/** A schema name unique to this test file's run. */
export const uniqueSchema = (): string => `madoguchi_test_${process.pid}_${randomBytes(4).toString("hex")}`;

/** Opens a store on `schema`, or returns the reason it could not. */
export const tryOpenPgStore = async (schema: string, keyStore: KeyStore): Promise<MikroOrmStore | string> => {
  const result = await createMikroOrmStore({ driver: "postgresql", url: pgUrl, schema, keyStore });
  return result.isOk() ? result.value : `${result.error.reason}: ${result.error.message}`;
};

/** An ORM on `schema` for test housekeeping (truncate, raw reads, drop). */
export const adminOrm = (schema: string): Promise<OpenedOrm> => openOrm({ driver: "postgresql", url: pgUrl, schema });

/** Every value stored in `tables` (by default the application store's), as bytes (bytea raw, everything else as text). */
export const logicalDump = async (admin: OpenedOrm, schema: string, tables: readonly string[] = ["applications", "outbox_messages", "staff_accounts"]): Promise<Uint8Array> => {
  const parts: Buffer[] = [];
  for (const table of tables) {
    const rows = await admin.em().getConnection().execute(`select * from "${schema}"."${table}"`);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) parts.push(Buffer.from(value));
        else if (value instanceof Date) parts.push(Buffer.from(value.toISOString()));
        else if (value !== null && value !== undefined) parts.push(Buffer.from(String(value), "utf8"));
      }
    }
  }
  return new Uint8Array(Buffer.concat(parts));
};

/** The PostgreSQL store of one test file: its own schema, dropped after the file. */
export interface PgFileStore {
  /** `undefined` when PostgreSQL is not reachable (and `MADOGUCHI_REQUIRE_PG` is not `1`): skip the cases. */
  readonly store: MikroOrmStore | undefined;
  readonly admin: OpenedOrm | undefined;
  readonly schema: string;
  /** The KeyStore the store encrypts with (to open a second store on the same data). */
  readonly keyStore: KeyStore;
  /** Empties the named tables of the schema (isolation between cases that share the store). */
  truncate(...tables: readonly string[]): Promise<void>;
}

/**
 * Opens one store on a fresh schema for the test file. Without PostgreSQL the file's cases are
 * skipped with a warning — unless `MADOGUCHI_REQUIRE_PG=1` (CI), which makes it fail loudly.
 */
export const openPgFileStore = async (prefix: string): Promise<PgFileStore> => {
  const keyStore = await localKeyStore(tempDir(prefix));
  const schema = uniqueSchema();
  const opened = await tryOpenPgStore(schema, keyStore);
  const store = typeof opened === "string" ? undefined : opened;
  if (store === undefined) {
    if (process.env["MADOGUCHI_REQUIRE_PG"] === "1") {
      throw new Error(`MADOGUCHI_REQUIRE_PG=1 but PostgreSQL is not reachable at ${redactedPgUrl()} (${String(opened)})`);
    }
    console.warn(`PostgreSQL not reachable at ${redactedPgUrl()}: PostgreSQL cases were not run`);
  }
  const admin = store === undefined ? undefined : await adminOrm(schema);
  afterAll(async () => {
    await store?.close();
    if (admin !== undefined) {
      await admin.em().getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await admin.orm.close(true);
    }
  });
  return {
    store,
    admin,
    schema,
    keyStore,
    truncate: async (...tables) => {
      await admin?.em().getConnection().execute(`truncate table ${tables.map((t) => `"${schema}".${t}`).join(", ")}`);
    },
  };
};
