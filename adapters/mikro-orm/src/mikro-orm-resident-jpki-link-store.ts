import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import { storageError, type ResidentJpkiLink, type ResidentJpkiLinkStore, type StorageError } from "@madoguchi/core";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/** A row as the drivers return it: PostgreSQL gives bigint columns as strings. */
const Row = Schema.Struct({
  link_key: Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]{64}$/))),
  account_id: Schema.String,
  method: Schema.Literals(["auth_certificate", "digital_auth_app"]),
  linked_at_ms: Schema.Union([Schema.Number, Schema.String]),
});
const decodeRow = Schema.decodeUnknownSync(Row);

const fromRow = (raw: unknown, operation: string): Result<{ accountId: string; link: ResidentJpkiLink }, StorageError> => {
  try {
    const r = decodeRow(raw);
    return ok({ accountId: r.account_id, link: { key: r.link_key, method: r.method, linkedAt: new Date(Number(r.linked_at_ms)) } });
  } catch {
    // A hand-edited row must not open an account.
    return err(storageError(operation, "corrupt", "a JPKI link row is unreadable"));
  }
};

const COLUMNS = "link_key, account_id, method, linked_at_ms";

/**
 * {@link ResidentJpkiLinkStore} on MikroORM (SQLite and PostgreSQL), migration 0008. Raw SQL with bound
 * parameters, one table; a key linked twice violates the primary key, which the storage boundary
 * reports as `conflict`.
 */
export const mikroOrmResidentJpkiLinkStore = (db: OpenedOrm): ResidentJpkiLinkStore => {
  const links = table(db, "resident_jpki_links");
  return {
    add: (accountId, link) =>
      runStorageOp("resident-jpki-link-store.add", async () => {
        await db.em().execute(`insert into ${links} (${COLUMNS}) values (?, ?, ?, ?)`, [link.key, accountId, link.method, link.linkedAt.getTime()], "run");
        return ok(undefined);
      }),

    list: (accountId) =>
      runStorageOp("resident-jpki-link-store.list", async (): Promise<Result<readonly ResidentJpkiLink[], StorageError>> => {
        const rows: unknown[] = await db.em().execute(`select ${COLUMNS} from ${links} where account_id = ? order by linked_at_ms, link_key`, [accountId]);
        const out: ResidentJpkiLink[] = [];
        for (const raw of rows) {
          const row = fromRow(raw, "resident-jpki-link-store.list");
          if (row.isErr()) return err(row.error);
          out.push(row.value.link);
        }
        return ok(out);
      }),

    findByKey: (key) =>
      runStorageOp("resident-jpki-link-store.findByKey", async () => {
        const rows: unknown[] = await db.em().execute(`select ${COLUMNS} from ${links} where link_key = ?`, [key]);
        return rows[0] === undefined ? ok(null) : fromRow(rows[0], "resident-jpki-link-store.findByKey");
      }),

    remove: (accountId, key) =>
      runStorageOp("resident-jpki-link-store.remove", async () =>
        ok(affected(await db.em().execute(`delete from ${links} where link_key = ? and account_id = ?`, [key, accountId], "run")) > 0),
      ),

    removeAll: (accountId) =>
      runStorageOp("resident-jpki-link-store.removeAll", async () => ok(affected(await db.em().execute(`delete from ${links} where account_id = ?`, [accountId], "run")))),
  };
};
