import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import {
  decodeLoginStateValue,
  encodeLoginStateValue,
  LOGIN_STATE_STORE_CONTRACT,
  storageError,
  type AuditEntryDraft,
  type KeyStore,
  type LoginStateFacet,
  type LoginStateKey,
  type LoginStateStore,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { openPersonal, sealPersonal } from "./personal-data-cipher.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);
const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/** Facets sealed at rest: the TOTP secret would let anyone holding a copy of the database make codes. */
const SEALED: ReadonlySet<LoginStateFacet> = new Set(["totp"]);

/** The row's identity, bound into the seal (AAD) and the data key's context: a sealed value moved to another row does not open. */
const rowId = (key: LoginStateKey, facet: LoginStateFacet): string => `login-state:${key.kind}:${key.accountId}:${facet}`;

const Bytes = Schema.Unknown;
const Row = Schema.Struct({
  version: Schema.Union([Schema.Number, Schema.String]),
  value_text: Schema.NullOr(Schema.String),
  sealed_value: Schema.NullOr(Bytes),
  wrapped_key: Schema.NullOr(Bytes),
  key_version: Schema.NullOr(Schema.Union([Schema.Number, Schema.String])),
});
const decodeRow = Schema.decodeUnknownSync(Row);
const ThrottleRow = Schema.Struct({ tokens: Schema.Union([Schema.Number, Schema.String]), updated_at_ms: Schema.Union([Schema.Number, Schema.String]) });
const decodeThrottleRow = Schema.decodeUnknownSync(ThrottleRow);

const asBytes = (v: unknown): Uint8Array | null => (v instanceof Uint8Array ? v : null);

/**
 * {@link LoginStateStore} on MikroORM (SQLite and PostgreSQL), migration 0003. One row per account
 * and facet with a version: writes are conditional updates (`where version = ?`) or inserts that do
 * nothing when the row exists, so two concurrent writers at one version cannot both win. The TOTP
 * facet is sealed with AES-256-GCM under its own data key from the KeyStore.
 *
 * A write with audit drafts runs in one transaction: the row first, then — only when it changed a row —
 * {@link appendAuditEntries} (on PostgreSQL the audit lock is taken after the row's lock, as every store
 * does); if the append throws, the row's change is rolled back with it. Without drafts a write is one
 * statement, as before. The TOTP value is sealed before the transaction opens (the KeyStore is slow).
 */
export const mikroOrmLoginStateStore = (db: OpenedOrm, keyStore: KeyStore): LoginStateStore => {
  const state = table(db, "login_state");
  const throttles = table(db, "login_throttles");

  /** The columns holding a value: plain JSON, or sealed JSON with its wrapped data key. */
  const encode = async (key: LoginStateKey, facet: LoginStateFacet, value: unknown, op: string): Promise<Result<unknown[], StorageError>> => {
    const json = encodeLoginStateValue(facet, value as never);
    if (!SEALED.has(facet)) return ok([json, null, null, null]);
    const dataKey = await keyStore.generateDataKey(rowId(key, facet));
    if (dataKey.isErr()) return err(keyStoreToStorageError(op, dataKey.error));
    const { plaintext, wrapped, keyVersion } = dataKey.value;
    const sealed = sealPersonal(plaintext, rowId(key, facet), keyVersion, new TextEncoder().encode(json));
    plaintext.fill(0);
    return ok([null, Buffer.from(sealed), Buffer.from(wrapped), keyVersion]);
  };

  const decode = async (key: LoginStateKey, facet: LoginStateFacet, raw: unknown, op: string): Promise<Result<{ value: unknown; version: number }, StorageError>> => {
    const corrupt = () => err(storageError(op, "corrupt", "a login state row is unreadable"));
    try {
      const r = decodeRow(raw);
      if (!SEALED.has(facet)) return r.value_text === null ? corrupt() : ok({ value: decodeLoginStateValue(facet, r.value_text), version: Number(r.version) });
      const sealed = asBytes(r.sealed_value);
      const wrapped = asBytes(r.wrapped_key);
      if (sealed === null || wrapped === null || r.key_version === null) return corrupt();
      const dataKey = await keyStore.unwrapDataKey(wrapped, Number(r.key_version), rowId(key, facet));
      if (dataKey.isErr()) return err(keyStoreToStorageError(op, dataKey.error));
      const opened = openPersonal(dataKey.value, rowId(key, facet), Number(r.key_version), sealed);
      dataKey.value.fill(0);
      if (opened === null) return corrupt();
      return ok({ value: decodeLoginStateValue(facet, new TextDecoder().decode(opened)), version: Number(r.version) });
    } catch {
      return corrupt();
    }
  };

  type Em = ReturnType<OpenedOrm["em"]>;
  /**
   * Runs `write` (answering whether it changed a row, and what to answer) alone, or with `audit` in one
   * transaction, the drafts appended only when a row changed.
   */
  const withAudit = async <T>(audit: readonly AuditEntryDraft[] | undefined, write: (em: Em) => Promise<{ readonly changed: boolean; readonly answer: T }>): Promise<T> => {
    if (audit === undefined || audit.length === 0) return (await write(db.em())).answer;
    return db.em().transactional(async (tx) => {
      const done = await write(tx);
      if (done.changed) await appendAuditEntries(tx, db.dialect, audit);
      return done.answer;
    });
  };

  return {
    meta: { contract: LOGIN_STATE_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },
    get: (key, facet) =>
      runStorageOp("login-state-store.get", async () => {
        const rows: unknown[] = await db
          .em()
          .execute(`select version, value_text, sealed_value, wrapped_key, key_version from ${state} where account_kind = ? and account_id = ? and facet = ?`, [key.kind, key.accountId, facet]);
        if (rows[0] === undefined) return ok(null);
        return (await decode(key, facet, rows[0], "login-state-store.get")) as Result<never, StorageError>;
      }),
    put: (key, facet, value, expectedVersion, audit) =>
      runStorageOp("login-state-store.put", async (): Promise<Result<number | null, StorageError>> => {
        const cols = await encode(key, facet, value, "login-state-store.put");
        if (cols.isErr()) return err(cols.error);
        const version = await withAudit(audit, async (em) => {
          const n =
            expectedVersion === null
              ? affected(
                  await em.execute(
                    `insert into ${state} (account_kind, account_id, facet, version, value_text, sealed_value, wrapped_key, key_version) values (?, ?, ?, 1, ?, ?, ?, ?)
                     on conflict (account_kind, account_id, facet) do nothing`,
                    [key.kind, key.accountId, facet, ...cols.value],
                    "run",
                  ),
                )
              : affected(
                  await em.execute(
                    `update ${state} set version = ?, value_text = ?, sealed_value = ?, wrapped_key = ?, key_version = ? where account_kind = ? and account_id = ? and facet = ? and version = ?`,
                    [expectedVersion + 1, ...cols.value, key.kind, key.accountId, facet, expectedVersion],
                    "run",
                  ),
                );
          return { changed: n > 0, answer: n > 0 ? (expectedVersion ?? 0) + 1 : null };
        });
        return ok(version);
      }),
    delete: (key, facet, audit) =>
      runStorageOp("login-state-store.delete", async () =>
        ok(
          await withAudit(audit, async (em) => {
            const n = affected(await em.execute(`delete from ${state} where account_kind = ? and account_id = ? and facet = ?`, [key.kind, key.accountId, facet], "run"));
            return { changed: n > 0, answer: n > 0 };
          }),
        ),
      ),
    deleteAccount: (key, audit) =>
      runStorageOp("login-state-store.deleteAccount", async () =>
        ok(
          await withAudit(audit, async (em) => {
            const n = affected(await em.execute(`delete from ${state} where account_kind = ? and account_id = ?`, [key.kind, key.accountId], "run"));
            return { changed: n > 0, answer: n };
          }),
        ),
      ),
    loadThrottle: (bucketKey) =>
      runStorageOp("login-state-store.loadThrottle", async () => {
        const rows: unknown[] = await db.em().execute(`select tokens, updated_at_ms from ${throttles} where bucket_key = ?`, [bucketKey]);
        if (rows[0] === undefined) return ok(null);
        try {
          const r = decodeThrottleRow(rows[0]);
          return ok({ tokens: Number(r.tokens), updatedAt: new Date(Number(r.updated_at_ms)) });
        } catch {
          return err(storageError("login-state-store.loadThrottle", "corrupt", "a throttle row is unreadable"));
        }
      }),
    saveThrottle: (bucketKey, bucket) =>
      runStorageOp("login-state-store.saveThrottle", async () => {
        await db
          .em()
          .execute(
            `insert into ${throttles} (bucket_key, tokens, updated_at_ms) values (?, ?, ?)
             on conflict (bucket_key) do update set tokens = excluded.tokens, updated_at_ms = excluded.updated_at_ms`,
            [bucketKey, bucket.tokens, bucket.updatedAt.getTime()],
            "run",
          );
        return ok(undefined);
      }),
    healthCheck: () =>
      runStorageOp("login-state-store.healthCheck", async () => {
        await db.em().execute(`select count(*) as n from ${state} where 1 = 0`);
        return ok(undefined);
      }),
  };
};
