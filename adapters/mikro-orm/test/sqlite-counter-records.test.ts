import { describe, expect, it } from "vitest";
import type { CounterRecord } from "@madoguchi/core";
import { containsText } from "@madoguchi/conformance/application-store";
import { migrateDatabase } from "../src/index.ts";
import { openOrm } from "../src/open-orm.ts";
import { itBindsEachCiphertextToItsRecord, itRevertsAndReappliesTheCounterRecordsMigration } from "./support/counter-record-cases.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite, sqliteBytes } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-counter-");
const keyStore = await localKeyStore(dir);

describe("counter records on SQLite", () => {
  itBindsEachCiphertextToItsRecord(async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    const raw = await openOrm({ driver: "sqlite", path });
    return {
      records: store.counterRecords,
      sql: async (statement, params = []) => void (await raw.em().getConnection().execute(statement, [...params])),
      table: (name) => name,
      close: async () => {
        await raw.orm.close(true);
        await store.close();
        removeSqlite(path);
      },
    };
  });

  itRevertsAndReappliesTheCounterRecordsMigration(async () => {
    const path = freshDbPath(dir);
    (await migrateDatabase({ driver: "sqlite", path }))._unsafeUnwrap();
    const orm = () => openOrm({ driver: "sqlite", path });
    return {
      orm,
      tables: async () => {
        const db = await orm();
        try {
          return (await db.em().getConnection().execute("select name from sqlite_master where type = 'table' order by name")).map((r) => String(r["name"]));
        } finally {
          await db.orm.close(true);
        }
      },
      store: async () => {
        const store = await openSqliteStore(path, keyStore);
        return { records: store.counterRecords, close: () => store.close() };
      },
      dispose: async () => removeSqlite(path),
    };
  });

  it("is named for its database", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    expect(store.counterRecords.meta.name).toBe("mikro-orm-sqlite");
    await store.close();
    removeSqlite(path);
  });

  it("a purged record leaves nothing on disk: neither its confirmation number, its ciphertexts nor its wrapped key, in the file or the WAL", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    try {
      const make = (n: number, keepUntil: string): CounterRecord => ({
        id: `rec-${n}`,
        confirmationNumber: `20261120-30000${n}`,
        kind: "tenshutsu",
        createdAt: new Date(Date.UTC(2026, 10, 20, n)),
        createdBy: "st-clerk",
        keepUntil,
        summary: { persons: [{ name: "見本 花子", kana: "ミホン ハナコ", birthDate: "1990-01-01" }], newAddress: "ためし市1", previousAddress: "ためし市2", memo: "" },
        documents: [],
      });
      const [gone, kept] = [make(1, "2026-01-01"), make(2, "2031-01-01")];
      for (const r of [gone, kept]) {
        const bytes = new TextEncoder().encode(`%PDF-1.7 ${r.id}`);
        (await store.counterRecords.create(r, { id: "form", kind: "form", title: "住民異動届", addedAt: r.createdAt, addedBy: "st-clerk", byteLength: bytes.length, pdf: bytes }, []))._unsafeUnwrap();
      }
      const db = await openOrm({ driver: "sqlite", path });
      const [row] = await db.em().getConnection().execute("select r.wrapped_key, r.sealed_summary, d.sealed_pdf from counter_records r join counter_documents d on d.record_id = r.id where r.id = ?", [gone.id]);
      await db.orm.close(true);
      const sealed = ["wrapped_key", "sealed_summary", "sealed_pdf"].map((c) => new Uint8Array(row![c] as Buffer));
      const holds = (bytes: Uint8Array, part: Uint8Array) => Buffer.from(bytes).includes(Buffer.from(part));
      // Control: before the purge the bytes are there.
      expect(containsText(sqliteBytes(path), gone.confirmationNumber)).toBe(true);
      for (const s of sealed) expect(holds(sqliteBytes(path), s)).toBe(true);

      expect((await store.counterRecords.purgeExpired("2026-11-20", 10, (r) => ({ at: new Date(), actor: { kind: "system", id: null }, action: "counter.record_purged", target: { kind: "counter_record", id: r.id }, result: "success", sourceIp: null, details: {} })))._unsafeUnwrap()).toEqual([gone.id]);

      const bytes = sqliteBytes(path);
      expect(containsText(bytes, gone.confirmationNumber)).toBe(false);
      for (const s of sealed) expect(holds(bytes, s)).toBe(false);
      expect(containsText(bytes, kept.confirmationNumber)).toBe(true);
      expect((await store.counterRecords.get(kept.id))._unsafeUnwrap()?.summary).toEqual(kept.summary);
    } finally {
      await store.close();
    }
  });
});
