import { describe, expect, it } from "vitest";
import { describeCounterRecordStoreContract } from "@madoguchi/conformance/counter-record-store";
import { createMikroOrmStore, migrateDatabase } from "../src/index.ts";
import { itBindsEachCiphertextToItsRecord, itRevertsAndReappliesTheCounterRecordsMigration } from "./support/counter-record-cases.ts";
import { adminOrm, logicalDump, openPgFileStore, pgUrl, uniqueSchema } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, admin, schema, keyStore, truncate } = await openPgFileStore("madoguchi-pg-counter-records-");
const reset = () => truncate("counter_documents", "counter_records", "audit_entries", "audit_checkpoints");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeCounterRecordStoreContract("mikro-orm postgresql", async () => {
    await reset();
    // A logical dump of the rows stands in for the server's files, which tests cannot read.
    return { records: store!.counterRecords, auditLog: store!.auditLog, bytesAtRest: () => logicalDump(admin!, schema, ["counter_records", "counter_documents"]), close: async () => undefined };
  });

  describe("counter records on PostgreSQL", () => {
    itBindsEachCiphertextToItsRecord(async () => {
      await reset();
      return {
        records: store!.counterRecords,
        sql: async (statement, params = []) => void (await admin!.em().getConnection().execute(statement, [...params])),
        table: (name) => `"${schema}".${name}`,
        close: async () => undefined,
      };
    });

    // On a schema of its own: reverting 0017 under the shared store would pull its tables away.
    itRevertsAndReappliesTheCounterRecordsMigration(async () => {
      const own = uniqueSchema();
      (await migrateDatabase({ driver: "postgresql", url: pgUrl, schema: own }))._unsafeUnwrap();
      const orm = () => adminOrm(own);
      return {
        orm,
        tables: async () =>
          (await admin!.em().getConnection().execute("select table_name from information_schema.tables where table_schema = ? order by table_name", [own])).map((r) => String(r["table_name"])),
        store: async () => {
          const opened = (await createMikroOrmStore({ driver: "postgresql", url: pgUrl, schema: own, keyStore }))._unsafeUnwrap();
          return { records: opened.counterRecords, close: () => opened.close() };
        },
        dispose: async () => void (await admin!.em().getConnection().execute(`drop schema if exists "${own}" cascade`)),
      };
    });

    it("is named for its database", () => {
      expect(store!.counterRecords.meta.name).toBe("mikro-orm-postgresql");
    });
  });
});
