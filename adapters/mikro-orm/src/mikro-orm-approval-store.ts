import { err, ok, type Result } from "neverthrow";
import {
  APPROVAL_STATUSES,
  APPROVAL_STORE_CONTRACT,
  decodeApprovalSubject,
  isApprovalKind,
  storageError,
  type ApprovalRequest,
  type ApprovalStatus,
  type ApprovalStore,
  type AuditEntryDraft,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

type Ms = number | string | null;

interface ApprovalRow {
  readonly id: string;
  readonly kind: string;
  readonly subject_json: string;
  readonly requested_by: string;
  readonly requested_at_ms: Ms;
  readonly expires_at_ms: Ms;
  readonly status: string;
  readonly decided_by: string | null;
  readonly decided_at_ms: Ms;
  readonly usable_until_ms: Ms;
  readonly used_at_ms: Ms;
  readonly version: number | string;
}

const COLUMNS = "id, kind, subject_json, requested_by, requested_at_ms, expires_at_ms, status, decided_by, decided_at_ms, usable_until_ms, used_at_ms, version";

const dateOf = (ms: Ms): Date | null => (ms === null ? null : new Date(Number(ms)));
const msOf = (d: Date | null): number | null => (d === null ? null : d.getTime());

/** A row as a request: kind, status and subject checked with core's rules, so a hand-edited row fails closed as `corrupt`. */
const requestOf = (operation: string, row: ApprovalRow): Result<ApprovalRequest, StorageError> => {
  const corrupt = () => err(storageError(operation, "corrupt", "a stored approval request is not valid"));
  if (!isApprovalKind(row.kind) || !(APPROVAL_STATUSES as readonly string[]).includes(row.status)) return corrupt();
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.subject_json);
  } catch {
    return corrupt();
  }
  const subject = decodeApprovalSubject(row.kind, parsed);
  if (subject.isErr()) return corrupt();
  return ok({
    id: row.id,
    kind: row.kind,
    subject: subject.value,
    requestedBy: row.requested_by,
    requestedAt: dateOf(row.requested_at_ms)!,
    expiresAt: dateOf(row.expires_at_ms)!,
    status: row.status as ApprovalStatus,
    decidedBy: row.decided_by,
    decidedAt: dateOf(row.decided_at_ms),
    usableUntil: dateOf(row.usable_until_ms),
    usedAt: dateOf(row.used_at_ms),
    version: Number(row.version),
  });
};

/**
 * {@link ApprovalStore} on MikroORM (SQLite and PostgreSQL), migration 0009. Each write is one
 * transaction: the row (an insert that does nothing on an existing id, or an update conditional on the
 * version) and then, only if the row was written, its audit drafts with {@link appendAuditEntries} —
 * the row's lock first and the audit lock after, as the other stores do, so no lock-order cycle. On
 * PostgreSQL a second updater waits for the first's row lock and then finds the version moved: one winner.
 */
export const mikroOrmApprovalStore = (db: OpenedOrm): ApprovalStore => {
  const approvals = table(db, "approval_requests");
  const conflict = (operation: string, message: string) => err(storageError(operation, "conflict", message));
  return {
    meta: { contract: APPROVAL_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    insert: (request, audit: readonly AuditEntryDraft[]) =>
      runStorageOp("approval-store.insert", () =>
        db.em().transactional(async (tx): Promise<Result<ApprovalRequest, StorageError>> => {
          if (request.version !== 1) return conflict("approval-store.insert", "a new approval request has version 1");
          const written = await tx.execute(
            `insert into ${approvals} (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
            [
              request.id,
              request.kind,
              JSON.stringify(request.subject),
              request.requestedBy,
              request.requestedAt.getTime(),
              request.expiresAt.getTime(),
              request.status,
              request.decidedBy,
              msOf(request.decidedAt),
              msOf(request.usableUntil),
              msOf(request.usedAt),
              request.version,
            ],
            "run",
          );
          if (affected(written) === 0) return conflict("approval-store.insert", "an approval request with this id exists");
          await appendAuditEntries(tx, db.dialect, audit);
          return ok(request);
        }),
      ),

    get: (id) =>
      runStorageOp("approval-store.get", async (): Promise<Result<ApprovalRequest | null, StorageError>> => {
        const rows = await db.em().execute<ApprovalRow[]>(`select ${COLUMNS} from ${approvals} where id = ?`, [id]);
        const row = rows[0];
        return row === undefined ? ok(null) : requestOf("approval-store.get", row);
      }),

    update: (next, audit) =>
      runStorageOp("approval-store.update", () =>
        db.em().transactional(async (tx): Promise<Result<ApprovalRequest, StorageError>> => {
          // Only what a step changes; kind, subject and requester are fixed at creation.
          const written = await tx.execute(
            `update ${approvals} set status = ?, decided_by = ?, decided_at_ms = ?, usable_until_ms = ?, used_at_ms = ?, version = ? where id = ? and version = ?`,
            [next.status, next.decidedBy, msOf(next.decidedAt), msOf(next.usableUntil), msOf(next.usedAt), next.version, next.id, next.version - 1],
            "run",
          );
          if (affected(written) === 0) return conflict("approval-store.update", "the approval request was changed meanwhile");
          await appendAuditEntries(tx, db.dialect, audit);
          return ok(next);
        }),
      ),

    list: (query) =>
      runStorageOp("approval-store.list", async (): Promise<Result<readonly ApprovalRequest[], StorageError>> => {
        if (query.statuses.length === 0 || query.limit <= 0) return ok([]);
        const marks = query.statuses.map(() => "?").join(", ");
        const rows = await db
          .em()
          .execute<ApprovalRow[]>(`select ${COLUMNS} from ${approvals} where status in (${marks}) order by requested_at_ms, id limit ?`, [...query.statuses, Math.floor(query.limit)]);
        const out: ApprovalRequest[] = [];
        for (const row of rows) {
          const r = requestOf("approval-store.list", row);
          if (r.isErr()) return err(r.error);
          out.push(r.value);
        }
        return ok(out);
      }),

    healthCheck: () =>
      runStorageOp("approval-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${approvals} where 1 = 0`);
        return ok(undefined);
      }),
  };
};
