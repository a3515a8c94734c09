import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import { SESSION_STORE_CONTRACT, storageError, type SessionRecord, type SessionStage, type SessionStore, type StorageError } from "@madoguchi/core";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);
const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

const Millis = Schema.Union([Schema.Number, Schema.String]);
/** A row as the drivers return it: PostgreSQL gives bigint columns as strings. */
const Row = Schema.Struct({
  id_hash: Schema.String,
  principal_kind: Schema.Literals(["staff", "resident"]),
  principal_id: Schema.String,
  stage: Schema.Literals(["active", "pending:second_factor", "pending:totp_enrolment"]),
  csrf_token: Schema.String,
  created_at_ms: Millis,
  last_seen_at_ms: Millis,
  expires_at_ms: Millis,
  step_up_at_ms: Schema.NullOr(Millis),
  attempt_id: Schema.NullOr(Schema.String),
});
const decodeRow = Schema.decodeUnknownSync(Row);

const stageText = (s: SessionStage): string => (s.kind === "active" ? "active" : `pending:${s.due}`);
const stageOf = (t: (typeof Row.Type)["stage"]): SessionStage =>
  t === "active" ? { kind: "active" } : { kind: "pending", due: t === "pending:second_factor" ? "second_factor" : "totp_enrolment" };

const fromRow = (raw: unknown, operation: string): Result<SessionRecord, StorageError> => {
  try {
    const r = decodeRow(raw);
    return ok({
      idHash: r.id_hash,
      principal: { kind: r.principal_kind, id: r.principal_id },
      stage: stageOf(r.stage),
      csrfToken: r.csrf_token,
      createdAt: new Date(Number(r.created_at_ms)),
      lastSeenAt: new Date(Number(r.last_seen_at_ms)),
      expiresAt: new Date(Number(r.expires_at_ms)),
      stepUpAt: r.step_up_at_ms === null ? null : new Date(Number(r.step_up_at_ms)),
      attemptId: r.attempt_id,
    });
  } catch {
    // An unreadable row never becomes a session.
    return err(storageError(operation, "corrupt", "a session row is unreadable"));
  }
};

const COLUMNS = "id_hash, principal_kind, principal_id, stage, csrf_token, created_at_ms, last_seen_at_ms, expires_at_ms, step_up_at_ms, attempt_id";
const values = (r: SessionRecord) => [
  r.idHash,
  r.principal.kind,
  r.principal.id,
  stageText(r.stage),
  r.csrfToken,
  r.createdAt.getTime(),
  r.lastSeenAt.getTime(),
  r.expiresAt.getTime(),
  r.stepUpAt?.getTime() ?? null,
  r.attemptId,
];

/**
 * {@link SessionStore} on MikroORM (SQLite and PostgreSQL), migration 0003. Raw SQL with bound
 * parameters; `replace` deletes the old row and inserts the new one in one transaction, and only
 * when the delete found the old row, so a rotated id is dead for every instance at once.
 */
export const mikroOrmSessionStore = (db: OpenedOrm): SessionStore => {
  const sessions = table(db, "sessions");
  const insertSql = `insert into ${sessions} (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  return {
    meta: { contract: SESSION_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },
    insert: (record) =>
      runStorageOp("session-store.insert", async () => {
        await db.em().execute(insertSql, values(record), "run");
        return ok(undefined);
      }),
    find: (idHash) =>
      runStorageOp("session-store.find", async () => {
        const rows: unknown[] = await db.em().execute(`select ${COLUMNS} from ${sessions} where id_hash = ?`, [idHash]);
        return rows[0] === undefined ? ok(null) : fromRow(rows[0], "session-store.find");
      }),
    touch: (idHash, lastSeenAt) =>
      runStorageOp("session-store.touch", async () =>
        ok(affected(await db.em().execute(`update ${sessions} set last_seen_at_ms = ? where id_hash = ?`, [lastSeenAt.getTime(), idHash], "run")) > 0),
      ),
    replace: (oldIdHash, record) =>
      runStorageOp("session-store.replace", async () =>
        ok(
          await db.em().transactional(async (tx) => {
            const gone = affected(await tx.execute(`delete from ${sessions} where id_hash = ?`, [oldIdHash], "run"));
            if (gone === 0) return false;
            await tx.execute(insertSql, values(record), "run");
            return true;
          }),
        ),
      ),
    delete: (idHash) =>
      runStorageOp("session-store.delete", async () => ok(affected(await db.em().execute(`delete from ${sessions} where id_hash = ?`, [idHash], "run")) > 0)),
    deleteAllOf: (principal) =>
      runStorageOp("session-store.deleteAllOf", async () =>
        ok(affected(await db.em().execute(`delete from ${sessions} where principal_kind = ? and principal_id = ?`, [principal.kind, principal.id], "run"))),
      ),
    listOf: (principal) =>
      runStorageOp("session-store.listOf", async (): Promise<Result<readonly SessionRecord[], StorageError>> => {
        const rows: unknown[] = await db
          .em()
          .execute(`select ${COLUMNS} from ${sessions} where principal_kind = ? and principal_id = ? order by created_at_ms, id_hash`, [principal.kind, principal.id]);
        const out: SessionRecord[] = [];
        for (const raw of rows) {
          const r = fromRow(raw, "session-store.listOf");
          if (r.isErr()) return err(r.error);
          out.push(r.value);
        }
        return ok(out);
      }),
    purgeExpired: (now, idleBefore) =>
      runStorageOp("session-store.purgeExpired", async () =>
        ok(
          affected(
            await db
              .em()
              .execute(
                `delete from ${sessions} where expires_at_ms <= ? or (principal_kind = 'staff' and last_seen_at_ms <= ?) or (principal_kind = 'resident' and last_seen_at_ms <= ?)`,
                [now.getTime(), idleBefore.staff.getTime(), idleBefore.resident.getTime()],
                "run",
              ),
          ),
        ),
      ),
    healthCheck: () =>
      runStorageOp("session-store.healthCheck", async () => {
        await db.em().execute(`select count(*) as n from ${sessions} where 1 = 0`);
        return ok(undefined);
      }),
  };
};
