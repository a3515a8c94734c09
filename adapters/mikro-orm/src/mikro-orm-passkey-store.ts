import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import { storageError, type Passkey, type PasskeyOwner, type PasskeyStore, type StorageError } from "@madoguchi/core";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

/** A row as the drivers return it: PostgreSQL gives bigint columns as strings. */
const Row = Schema.Struct({
  credential_id: Schema.String,
  owner_kind: Schema.Literals(["staff", "resident"]),
  owner_id: Schema.String,
  public_key: Schema.String,
  sign_count: Schema.Union([Schema.Number, Schema.String]),
  transports_json: Schema.String,
  backup_eligible: Schema.Union([Schema.Number, Schema.String, Schema.Boolean]),
  label: Schema.String,
  created_at_ms: Schema.Union([Schema.Number, Schema.String]),
  last_used_at_ms: Schema.NullOr(Schema.Union([Schema.Number, Schema.String])),
});
const decodeRow = Schema.decodeUnknownSync(Row);
const decodeTransports = Schema.decodeUnknownSync(Schema.Array(Schema.String));

const fromRow = (raw: unknown, operation: string): Result<{ owner: PasskeyOwner; passkey: Passkey }, StorageError> => {
  try {
    const r = decodeRow(raw);
    return ok({
      owner: { kind: r.owner_kind, accountId: r.owner_id },
      passkey: {
        credentialId: r.credential_id,
        publicKey: r.public_key,
        signCount: Number(r.sign_count),
        transports: decodeTransports(JSON.parse(r.transports_json)),
        backupEligible: Number(r.backup_eligible) === 1 || r.backup_eligible === true,
        label: r.label,
        createdAt: new Date(Number(r.created_at_ms)),
        lastUsedAt: r.last_used_at_ms === null ? null : new Date(Number(r.last_used_at_ms)),
      },
    });
  } catch {
    // A hand-edited row must not become a credential that verifies something it should not.
    return err(storageError(operation, "corrupt", "a passkey row is unreadable"));
  }
};

const COLUMNS = "credential_id, owner_kind, owner_id, public_key, sign_count, transports_json, backup_eligible, label, created_at_ms, last_used_at_ms";

/**
 * {@link PasskeyStore} on MikroORM (SQLite and PostgreSQL), migration 0006. Raw SQL with bound
 * parameters: one table, a conditional update for uses. A duplicate credential id violates the
 * primary key, which the storage boundary reports as `conflict`.
 */
export const mikroOrmPasskeyStore = (db: OpenedOrm): PasskeyStore => {
  const passkeys = table(db, "passkeys");
  return {
    add: (owner, p) =>
      runStorageOp("passkey-store.add", async () => {
        await db
          .em()
          .execute(
            `insert into ${passkeys} (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [p.credentialId, owner.kind, owner.accountId, p.publicKey, p.signCount, JSON.stringify(p.transports), p.backupEligible ? 1 : 0, p.label, p.createdAt.getTime(), p.lastUsedAt?.getTime() ?? null],
            "run",
          );
        return ok(undefined);
      }),

    list: (owner) =>
      runStorageOp("passkey-store.list", async (): Promise<Result<readonly Passkey[], StorageError>> => {
        const rows: unknown[] = await db.em().execute(`select ${COLUMNS} from ${passkeys} where owner_kind = ? and owner_id = ? order by created_at_ms, credential_id`, [owner.kind, owner.accountId]);
        const out: Passkey[] = [];
        for (const raw of rows) {
          const row = fromRow(raw, "passkey-store.list");
          if (row.isErr()) return err(row.error);
          out.push(row.value.passkey);
        }
        return ok(out);
      }),

    findByCredentialId: (credentialId) =>
      runStorageOp("passkey-store.findByCredentialId", async () => {
        const rows: unknown[] = await db.em().execute(`select ${COLUMNS} from ${passkeys} where credential_id = ?`, [credentialId]);
        return rows[0] === undefined ? ok(null) : fromRow(rows[0], "passkey-store.findByCredentialId");
      }),

    recordUse: (credentialId, expectedSignCount, use) =>
      runStorageOp("passkey-store.recordUse", async () =>
        ok(
          affected(
            await db
              .em()
              .execute(`update ${passkeys} set sign_count = ?, last_used_at_ms = ? where credential_id = ? and sign_count = ?`, [use.signCount, use.usedAt.getTime(), credentialId, expectedSignCount], "run"),
          ) > 0,
        ),
      ),

    remove: (owner, credentialId) =>
      runStorageOp("passkey-store.remove", async () =>
        ok(affected(await db.em().execute(`delete from ${passkeys} where credential_id = ? and owner_kind = ? and owner_id = ?`, [credentialId, owner.kind, owner.accountId], "run")) > 0),
      ),
  };
};
