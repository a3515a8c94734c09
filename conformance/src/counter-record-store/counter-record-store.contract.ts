import { describe, expect, it } from "vitest";
import {
  COUNTER_RECORD_STORE_CONTRACT,
  type AuditEntryDraft,
  type AuditLogStore,
  type CounterRecord,
  type CounterRecordStore,
  type NewCounterDocument,
} from "@madoguchi/core";
import { okValue, storageErrorOf, withHarness } from "../shared/store-harness.ts";

/** What the suite tests: the store and the audit log sharing its storage (and its transactions). */
export interface CounterRecordStoreUnderTest {
  readonly records: CounterRecordStore;
  readonly auditLog: AuditLogStore;
  close(): Promise<void>;
  /**
   * Every byte the store holds at rest (the database file, its WAL, the rows as the database returns them),
   * when the adapter keeps anything at rest. The suite proves that no name, address or PDF content is in it.
   */
  readonly bytesAtRest?: () => Promise<Uint8Array>;
}

/** Returns a FRESH, empty store on every call. */
export type MakeCounterRecordStore = () => Promise<CounterRecordStoreUnderTest>;

const withRecords = withHarness<CounterRecordStoreUnderTest>;

const DAY = 86_400_000;
const T0 = new Date("2026-11-20T01:00:00.000Z");
/** A marker no encoding of the PDF's container would contain by chance: found at rest = stored in the clear. */
const PDF_MARKER = "MADOGUCHI-PDF-CONTENT-4f1c9a";

const pdf = (label: string): Uint8Array => new TextEncoder().encode(`%PDF-1.7\n% ${PDF_MARKER} ${label}\n%%EOF\n`);

const record = (n: number, overrides: Partial<CounterRecord> = {}): CounterRecord => ({
  id: `rec-${n}-${globalThis.crypto.randomUUID()}`,
  confirmationNumber: `20261120-${String(100000 + n)}`,
  kind: "tennyu",
  createdAt: new Date(T0.getTime() + n * 60_000),
  createdBy: "st-clerk",
  keepUntil: "2031-11-20",
  summary: {
    persons: [
      { name: "見本 太郎", kana: "ミホン タロウ", birthDate: "1980-04-01" },
      { name: "𠮷野 髙子", kana: "ヨシノ タカコ", birthDate: "2010-05-05" },
    ],
    newAddress: "みほん県ためし市本町四丁目5番6号",
    previousAddress: "さんぷる県みほん市中央一丁目2番3号",
    memo: "本人確認：運転免許証\n国民健康保険の手続を案内済み",
  },
  documents: [],
  ...overrides,
});

const document = (id: string, kind: "form" | "scan", title: string, at: Date, bytes: Uint8Array): NewCounterDocument => ({
  id,
  kind,
  title,
  addedAt: at,
  addedBy: "st-clerk",
  byteLength: bytes.length,
  pdf: bytes,
});

const formOf = (r: CounterRecord) => document(`${r.id}-form`, "form", "住民異動届", r.createdAt, pdf(`form of ${r.id}`));

const entry = (action: AuditEntryDraft["action"], at: Date, id: string): AuditEntryDraft => ({
  at,
  actor: { kind: "staff", id: "st-clerk" },
  action,
  target: { kind: "counter_record", id },
  result: "success",
  sourceIp: "192.0.2.10",
  details: { documents: 1 },
});

const auditActions = async (log: AuditLogStore) => (await okValue(log.read({ afterSeq: 0, limit: 1000 }))).map((e) => `${e.action}:${e.target?.id}`);

/** The record as `get` answers it: the documents' infos without their PDFs. */
const withDocs = (r: CounterRecord, ...docs: NewCounterDocument[]): CounterRecord => ({
  ...r,
  documents: docs.map(({ pdf: _, ...info }) => info),
});

/**
 * The contract every {@link CounterRecordStore} adapter passes (`counter-record-store@1`). Run it against
 * every database the adapter supports.
 */
export const describeCounterRecordStoreContract = (adapterName: string, make: MakeCounterRecordStore): void => {
  describe(`CounterRecordStore contract (${COUNTER_RECORD_STORE_CONTRACT}): ${adapterName}`, () => {
    it("declares the contract it implements and answers its health check", () =>
      withRecords(make, async ({ records }) => {
        expect(records.meta.contract).toBe(COUNTER_RECORD_STORE_CONTRACT);
        await okValue(records.healthCheck());
      }));

    it("keeps a record with its form and audit entry; gives back the summary, the infos and the PDF byte for byte", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const r = record(1);
        const form = formOf(r);
        await okValue(records.create(r, form, [entry("counter.form_printed", r.createdAt, r.id)]));
        expect(await okValue(records.get(r.id))).toEqual(withDocs(r, form));
        expect(await okValue(records.readDocument(r.id, form.id))).toEqual(form.pdf);
        expect(await auditActions(auditLog)).toEqual([`counter.form_printed:${r.id}`]);
        expect(await okValue(records.get("no-such-record"))).toBeNull();
        expect(await okValue(records.readDocument(r.id, "no-such-document"))).toBeNull();
        expect(await okValue(records.readDocument("no-such-record", form.id))).toBeNull();
      }));

    it("attaches scans in order with their audit entries; attaching to no record changes nothing", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const r = record(2);
        const form = formOf(r);
        await okValue(records.create(r, form, []));
        const scan1 = document("scan-1", "scan", "転出証明書", new Date(r.createdAt.getTime() + 1000), pdf("scan one"));
        const scan2 = document("scan-2", "scan", "委任状", new Date(r.createdAt.getTime() + 2000), pdf("scan two"));
        expect(await okValue(records.attach(r.id, scan1, [entry("counter.document_stored", scan1.addedAt, r.id)]))).toBe(true);
        expect(await okValue(records.attach(r.id, scan2, [entry("counter.document_stored", scan2.addedAt, r.id)]))).toBe(true);
        expect((await okValue(records.get(r.id)))?.documents).toEqual(withDocs(r, form, scan1, scan2).documents);
        expect(await okValue(records.readDocument(r.id, "scan-2"))).toEqual(scan2.pdf);
        expect(await okValue(records.attach("no-such-record", document("scan-3", "scan", "x", T0, pdf("x")), [entry("counter.document_stored", T0, "no-such-record")]))).toBe(false);
        expect(await auditActions(auditLog)).toEqual([`counter.document_stored:${r.id}`, `counter.document_stored:${r.id}`]);
      }));

    it("changes the 窓口メモ alone, with its audit entry; a memo for no record changes nothing", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const r = record(7);
        const form = formOf(r);
        await okValue(records.create(r, form, []));
        const memo = "委任状あり（代理人 𠮷野 髙子）\n後日、国保の手続に来庁予定";
        expect(await okValue(records.changeMemo(r.id, memo, [entry("counter.memo_changed", T0, r.id)]))).toBe(true);
        const changed = { ...r, summary: { ...r.summary, memo } };
        expect(await okValue(records.get(r.id))).toEqual(withDocs(changed, form));
        expect((await okValue(records.list({ from: T0, to: new Date(T0.getTime() + DAY), limit: 10 }))).find((x) => x.id === r.id)?.summary.memo).toBe(memo);
        expect(await okValue(records.readDocument(r.id, form.id))).toEqual(form.pdf);
        expect(await okValue(records.changeMemo(r.id, "", []))).toBe(true);
        expect((await okValue(records.get(r.id)))?.summary).toEqual({ ...r.summary, memo: "" });
        expect(await okValue(records.changeMemo("no-such-record", memo, [entry("counter.memo_changed", T0, "no-such-record")]))).toBe(false);
        expect(await auditActions(auditLog)).toEqual([`counter.memo_changed:${r.id}`]);
      }));

    it("refuses a document id the record already has (conflict), appending nothing", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const r = record(6);
        const form = formOf(r);
        await okValue(records.create(r, form, []));
        const again = document(form.id, "scan", "転出証明書", T0, pdf("same id"));
        expect((await storageErrorOf(records.attach(r.id, again, [entry("counter.document_stored", T0, r.id)]))).reason).toBe("conflict");
        expect(await okValue(records.readDocument(r.id, form.id))).toEqual(form.pdf);
        expect(await auditActions(auditLog)).toEqual([]);
      }));

    it("refuses a second record with the same id or confirmation number, appending nothing", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const r = record(3);
        await okValue(records.create(r, formOf(r), []));
        const sameNumber = record(4, { confirmationNumber: r.confirmationNumber });
        expect((await storageErrorOf(records.create(sameNumber, formOf(sameNumber), [entry("counter.form_printed", T0, sameNumber.id)]))).reason).toBe("conflict");
        const sameId = record(5, { id: r.id });
        expect((await storageErrorOf(records.create(sameId, { ...formOf(sameId), id: "other-form" }, [entry("counter.form_printed", T0, sameId.id)]))).reason).toBe("conflict");
        expect(await auditActions(auditLog)).toEqual([]);
        expect(await okValue(records.get(sameNumber.id))).toBeNull();
      }));

    it("lists the records created in [from, to), newest first, with their summaries, up to the limit", () =>
      withRecords(make, async ({ records }) => {
        const rs = [0, 1, 2, 3].map((d) => record(10 + d, { createdAt: new Date(T0.getTime() + d * DAY) }));
        for (const r of rs) await okValue(records.create(r, formOf(r), []));
        const listed = await okValue(records.list({ from: rs[1]!.createdAt, to: rs[3]!.createdAt, limit: 10 }));
        expect(listed.map((r) => r.id)).toEqual([rs[2]!.id, rs[1]!.id]);
        expect(listed[0]!.summary).toEqual(rs[2]!.summary);
        expect((await okValue(records.list({ from: T0, to: new Date(T0.getTime() + 10 * DAY), limit: 3 }))).map((r) => r.id)).toEqual([rs[3]!.id, rs[2]!.id, rs[1]!.id]);
      }));

    it("deletes the records past their keep-until day with their documents, each audited in the same write", () =>
      withRecords(make, async ({ records, auditLog }) => {
        const old = record(20, { keepUntil: "2026-11-19" });
        const lastDay = record(21, { keepUntil: "2026-11-20" });
        const older = record(22, { keepUntil: "2025-01-01" });
        for (const r of [old, lastDay, older]) await okValue(records.create(r, formOf(r), []));
        await okValue(records.attach(old.id, document("old-scan", "scan", "転出証明書", T0, pdf("old scan")), []));
        const purged = await okValue(records.purgeExpired("2026-11-20", 10, (r) => ({ ...entry("counter.record_purged", T0, r.id), details: { keepUntil: r.keepUntil } })));
        expect(purged).toEqual([older.id, old.id]);
        expect(await okValue(records.get(old.id))).toBeNull();
        expect(await okValue(records.readDocument(old.id, "old-scan"))).toBeNull();
        expect(await okValue(records.get(lastDay.id))).not.toBeNull();
        expect(await auditActions(auditLog)).toEqual([`counter.record_purged:${older.id}`, `counter.record_purged:${old.id}`]);
        expect(await okValue(records.purgeExpired("2026-11-20", 10, (r) => entry("counter.record_purged", T0, r.id)))).toEqual([]);
      }));

    it("deletes at most `limit` records per call, the earliest keep-until day first", () =>
      withRecords(make, async ({ records }) => {
        const rs = [record(40, { keepUntil: "2026-01-03" }), record(41, { keepUntil: "2026-01-01" }), record(42, { keepUntil: "2026-01-02" })];
        for (const r of rs) await okValue(records.create(r, formOf(r), []));
        const audit = (r: { readonly id: string }) => entry("counter.record_purged", T0, r.id);
        expect(await okValue(records.purgeExpired("2026-11-20", 2, audit))).toEqual([rs[1]!.id, rs[2]!.id]);
        expect(await okValue(records.purgeExpired("2026-11-20", 2, audit))).toEqual([rs[0]!.id]);
      }));

    it("keeps nothing personal in the clear: no name, address or PDF content at rest", () =>
      withRecords(make, async ({ records, bytesAtRest }) => {
        if (bytesAtRest === undefined) return; // an adapter that keeps nothing at rest (memory)
        const r = record(30);
        await okValue(records.create(r, formOf(r), []));
        await okValue(records.attach(r.id, document("scan-x", "scan", "転出証明書", T0, pdf("scan at rest")), []));
        await okValue(records.changeMemo(r.id, "代理人 ためし 花子", []));
        const atRest = Buffer.from(await bytesAtRest());
        for (const secret of ["見本", "𠮷野", "ためし市", "みほん市中央", "ミホン", "代理人", PDF_MARKER]) {
          expect(atRest.includes(Buffer.from(secret, "utf8")), `${secret} at rest`).toBe(false);
          expect(atRest.includes(Buffer.from(secret, "utf16le")), `${secret} at rest (UTF-16)`).toBe(false);
        }
        expect(atRest.includes(Buffer.from(r.confirmationNumber, "utf8")), "the confirmation number is kept (it is on the paper, not personal)").toBe(true);
      }));
  });
};
