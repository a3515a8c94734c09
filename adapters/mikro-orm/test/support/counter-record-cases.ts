import { expect, it } from "vitest";
import type { CounterRecord, CounterRecordStore, NewCounterDocument } from "@madoguchi/core";
import type { OpenedOrm } from "../../src/open-orm.ts";

/** A store on a fresh database and raw SQL behind its back, as someone with database access would write it. */
export interface CounterRecordsUnderAttack {
  readonly records: CounterRecordStore;
  /** Runs one statement on the database; table names go through `table`. */
  sql(statement: string, params?: readonly unknown[]): Promise<void>;
  /** The table's name as raw SQL must write it (schema-qualified on PostgreSQL). */
  table(name: "counter_records" | "counter_documents"): string;
  close(): Promise<void>;
}

/** A fresh database, migrated to the end, and ways to look at it. */
export interface FreshCounterDatabase {
  /** An ORM on the database (the migrator included), closed by the caller. */
  orm(): Promise<OpenedOrm>;
  /** The database's table names, sorted. */
  tables(): Promise<readonly string[]>;
  /** A store on the database (it runs pending migrations), closed by the caller. */
  store(): Promise<{ readonly records: CounterRecordStore; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

const pdf = (label: string): Uint8Array => new TextEncoder().encode(`%PDF-1.7\n% ${label}\n%%EOF\n`);

const record = (n: number): CounterRecord => ({
  id: `rec-${n}-${globalThis.crypto.randomUUID()}`,
  confirmationNumber: `20261120-${String(200000 + n)}-${globalThis.crypto.randomUUID().slice(0, 8)}`,
  kind: "tenkyo",
  createdAt: new Date(Date.UTC(2026, 10, 20, 1, n)),
  createdBy: "st-clerk",
  keepUntil: "2031-11-20",
  summary: { persons: [{ name: `見本 ${n}郎`, kana: "ミホン", birthDate: "1980-04-01" }], newAddress: "ためし市本町1", previousAddress: "ためし市中央2", memo: `メモ ${n}` },
  documents: [],
});

const doc = (id: string, kind: "form" | "scan", label: string): NewCounterDocument => {
  const bytes = pdf(label);
  return { id, kind, title: kind === "form" ? "住民異動届" : "転出証明書", addedAt: new Date(Date.UTC(2026, 10, 20, 2)), addedBy: "st-clerk", byteLength: bytes.length, pdf: bytes };
};

const formOf = (r: CounterRecord) => doc(`${r.id}-form`, "form", `form of ${r.id}`);

/**
 * Each ciphertext is bound to its record and part: moved into another record, another document of the same
 * record, or moved with its wrapped key, it does not open — `corrupt`, never someone else's summary or PDF —
 * while the record it came from still reads.
 */
export const itBindsEachCiphertextToItsRecord = (open: () => Promise<CounterRecordsUnderAttack>): void => {
  it("binds each ciphertext to its record and part: copied into another row it does not open (corrupt)", async () => {
    const h = await open();
    try {
      const [source, a, c, d, e] = [1, 2, 3, 4, 5].map(record) as [CounterRecord, CounterRecord, CounterRecord, CounterRecord, CounterRecord];
      for (const r of [source, a, c, d, e]) (await h.records.create(r, formOf(r), []))._unsafeUnwrap();
      const scanOfD = doc("scan-d", "scan", "scan of d");
      expect((await h.records.attach(d.id, scanOfD, []))._unsafeUnwrap()).toBe(true);
      const records = h.table("counter_records");
      const documents = h.table("counter_documents");

      // Another record's summary.
      await h.sql(`update ${records} set sealed_summary = (select sealed_summary from ${records} where id = ?) where id = ?`, [source.id, a.id]);
      // Another record's PDF, into this record's form.
      await h.sql(`update ${documents} set sealed_pdf = (select sealed_pdf from ${documents} where record_id = ? and id = ?) where record_id = ? and id = ?`, [source.id, formOf(source).id, c.id, formOf(c).id]);
      // Another document's PDF of the same record (same key: only the AAD tells them apart).
      await h.sql(`update ${documents} set sealed_pdf = (select sealed_pdf from ${documents} where record_id = ? and id = ?) where record_id = ? and id = ?`, [d.id, scanOfD.id, d.id, formOf(d).id]);
      // Another record's summary with its wrapped key and key version: the key unwraps for its own record only.
      await h.sql(
        `update ${records} set sealed_summary = (select sealed_summary from ${records} where id = ?), wrapped_key = (select wrapped_key from ${records} where id = ?), key_version = (select key_version from ${records} where id = ?) where id = ?`,
        [source.id, source.id, source.id, e.id],
      );

      expect((await h.records.get(a.id))._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "corrupt", operation: "counter-record-store.get" });
      expect((await h.records.readDocument(c.id, formOf(c).id))._unsafeUnwrapErr().reason).toBe("corrupt");
      expect((await h.records.readDocument(d.id, formOf(d).id))._unsafeUnwrapErr().reason).toBe("corrupt");
      expect((await h.records.readDocument(d.id, scanOfD.id))._unsafeUnwrap()).toEqual(scanOfD.pdf);
      expect((await h.records.get(e.id))._unsafeUnwrapErr().reason).toBe("corrupt");
      expect((await h.records.list({ from: new Date(0), to: new Date(Date.UTC(2100, 0)), limit: 10 }))._unsafeUnwrapErr().reason).toBe("corrupt");
      // The source still reads, whole.
      expect((await h.records.get(source.id))._unsafeUnwrap()?.summary).toEqual(source.summary);
      expect((await h.records.readDocument(source.id, formOf(source).id))._unsafeUnwrap()).toEqual(formOf(source).pdf);
    } finally {
      await h.close();
    }
  });
};

/** Migration 0017 reverts (its tables gone, nothing else touched) and applies again to a working store. */
export const itRevertsAndReappliesTheCounterRecordsMigration = (fresh: () => Promise<FreshCounterDatabase>): void => {
  it("migration 0017 goes down (its two tables dropped, nothing else) and up again", async () => {
    const db = await fresh();
    try {
      const before = await db.tables();
      expect(before).toEqual(expect.arrayContaining(["counter_documents", "counter_records"]));
      const orm = await db.orm();
      try {
        expect((await orm.orm.migrator.down()).map((m) => m.name)).toEqual(["0017-counter-records"]);
        expect(await db.tables()).toEqual(before.filter((t) => !t.startsWith("counter_")));
        expect((await orm.orm.migrator.up()).map((m) => m.name)).toEqual(["0017-counter-records"]);
      } finally {
        await orm.orm.close(true);
      }
      expect(await db.tables()).toEqual(before);
      const store = await db.store();
      try {
        const r = record(9);
        (await store.records.create(r, formOf(r), []))._unsafeUnwrap();
        expect((await store.records.readDocument(r.id, formOf(r).id))._unsafeUnwrap()).toEqual(formOf(r).pdf);
      } finally {
        await store.close();
      }
    } finally {
      await db.dispose();
    }
  });
};
