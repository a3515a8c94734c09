import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import {
  SIGNING_SESSION_STORE_CONTRACT,
  storageError,
  type KeyStore,
  type SigningSessionKind,
  type SigningSessionRecord,
  type SigningSessionStore,
  type StorageError,
  type StoredSigningSession,
} from "@madoguchi/core";
import type { OpenedOrm } from "./open-orm.ts";
import { openPersonal, sealPersonal } from "./personal-data-cipher.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);
const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/** The row's identity, bound into the seal (AAD) and the data key's context: sealed data moved to another row does not open. */
const rowId = (kind: SigningSessionKind, id: string): string => `signing-session:${kind}:${id}`;

/** A row as the drivers return it: PostgreSQL gives bigint columns as strings. */
const Row = Schema.Struct({
  kind: Schema.Literals(["draft", "signer"]),
  id: Schema.String,
  lookup_key: Schema.NullOr(Schema.String),
  version: Schema.Union([Schema.Number, Schema.String]),
  expires_at_ms: Schema.Union([Schema.Number, Schema.String]),
  sealed_data: Schema.Unknown,
  wrapped_key: Schema.Unknown,
  key_version: Schema.Union([Schema.Number, Schema.String]),
});
const decodeRow = Schema.decodeUnknownSync(Row);
const COLUMNS = "kind, id, lookup_key, version, expires_at_ms, sealed_data, wrapped_key, key_version";
const asBytes = (v: unknown): Uint8Array | null => (v instanceof Uint8Array ? v : null);

/**
 * {@link SigningSessionStore} on MikroORM (SQLite and PostgreSQL), migration 0013. Raw SQL with bound
 * parameters, one table. Every write seals the record's data with AES-256-GCM under a new data key from
 * the KeyStore (the data holds capability hashes, the app's PKCE verifier, the application's personal
 * data); `replace` is one conditional update (`where version = ?`), so two instances at one version
 * cannot both win. A taken id or lookup key violates a unique index: `conflict` at the storage boundary.
 */
export const mikroOrmSigningSessionStore = (db: OpenedOrm, keyStore: KeyStore): SigningSessionStore => {
  const sessions = table(db, "signing_sessions");

  /** Sealed data, wrapped key and key version of a record (sealed before any statement: the KeyStore may be slow). */
  const seal = async (record: SigningSessionRecord, op: string): Promise<Result<[Buffer, Buffer, number], StorageError>> => {
    const dataKey = await keyStore.generateDataKey(rowId(record.kind, record.id));
    if (dataKey.isErr()) return err(keyStoreToStorageError(op, dataKey.error));
    const { plaintext, wrapped, keyVersion } = dataKey.value;
    const sealed = sealPersonal(plaintext, rowId(record.kind, record.id), keyVersion, new TextEncoder().encode(record.data));
    plaintext.fill(0);
    return ok([Buffer.from(sealed), Buffer.from(wrapped), keyVersion]);
  };

  const open = async (raw: unknown, op: string): Promise<Result<StoredSigningSession, StorageError>> => {
    const corrupt = () => err(storageError(op, "corrupt", "a signing session row is unreadable"));
    try {
      const r = decodeRow(raw);
      const sealed = asBytes(r.sealed_data);
      const wrapped = asBytes(r.wrapped_key);
      if (sealed === null || wrapped === null) return corrupt();
      const dataKey = await keyStore.unwrapDataKey(wrapped, Number(r.key_version), rowId(r.kind, r.id));
      if (dataKey.isErr()) return err(keyStoreToStorageError(op, dataKey.error));
      const opened = openPersonal(dataKey.value, rowId(r.kind, r.id), Number(r.key_version), sealed);
      dataKey.value.fill(0);
      if (opened === null) return corrupt();
      return ok({
        kind: r.kind,
        id: r.id,
        lookupKey: r.lookup_key,
        version: Number(r.version),
        expiresAt: new Date(Number(r.expires_at_ms)),
        data: new TextDecoder("utf-8", { fatal: true }).decode(opened),
      });
    } catch {
      return corrupt();
    }
  };

  const first = async (rows: unknown[], op: string): Promise<Result<StoredSigningSession | null, StorageError>> => (rows[0] === undefined ? ok(null) : open(rows[0], op));

  return {
    meta: { contract: SIGNING_SESSION_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    insert: (record) =>
      runStorageOp("signing-session-store.insert", async () => {
        const sealed = await seal(record, "signing-session-store.insert");
        if (sealed.isErr()) return err(sealed.error);
        await db.em().execute(`insert into ${sessions} (${COLUMNS}) values (?, ?, ?, 1, ?, ?, ?, ?)`, [record.kind, record.id, record.lookupKey, record.expiresAt.getTime(), ...sealed.value], "run");
        return ok(undefined);
      }),

    get: (kind, id) =>
      runStorageOp("signing-session-store.get", async () =>
        first(await db.em().execute(`select ${COLUMNS} from ${sessions} where kind = ? and id = ?`, [kind, id]), "signing-session-store.get"),
      ),

    findByLookupKey: (kind, lookupKey) =>
      runStorageOp("signing-session-store.findByLookupKey", async () =>
        first(await db.em().execute(`select ${COLUMNS} from ${sessions} where kind = ? and lookup_key = ?`, [kind, lookupKey]), "signing-session-store.findByLookupKey"),
      ),

    replace: (record, expectedVersion) =>
      runStorageOp("signing-session-store.replace", async (): Promise<Result<number | null, StorageError>> => {
        const sealed = await seal(record, "signing-session-store.replace");
        if (sealed.isErr()) return err(sealed.error);
        const n = affected(
          await db
            .em()
            .execute(
              `update ${sessions} set version = ?, lookup_key = ?, expires_at_ms = ?, sealed_data = ?, wrapped_key = ?, key_version = ? where kind = ? and id = ? and version = ?`,
              [expectedVersion + 1, record.lookupKey, record.expiresAt.getTime(), ...sealed.value, record.kind, record.id, expectedVersion],
              "run",
            ),
        );
        return ok(n > 0 ? expectedVersion + 1 : null);
      }),

    remove: (kind, id) =>
      runStorageOp("signing-session-store.remove", async () => ok(affected(await db.em().execute(`delete from ${sessions} where kind = ? and id = ?`, [kind, id], "run")) > 0)),

    removeExpired: (at) =>
      runStorageOp("signing-session-store.removeExpired", async () => ok(affected(await db.em().execute(`delete from ${sessions} where expires_at_ms <= ?`, [at.getTime()], "run")))),

    healthCheck: () =>
      runStorageOp("signing-session-store.healthCheck", async () => {
        await db.em().execute(`select 1 from ${sessions} where 1 = 0`);
        return ok(undefined);
      }),
  };
};
