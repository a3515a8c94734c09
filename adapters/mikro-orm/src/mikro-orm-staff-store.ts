import { ok, type Result, type ResultAsync } from "neverthrow";
import { STAFF_STORE_CONTRACT, StaffId, type StaffAccount, type StaffStore, type StorageError } from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import { StaffAccountEntity } from "./entities/staff-account.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

const accountOf = (row: { readonly id: string; readonly loginId: string; readonly displayName: string; readonly passwordHash: string; readonly createdAt: Date; readonly notificationEmail?: string | null | undefined }): StaffAccount => ({
  id: StaffId(row.id),
  loginId: row.loginId,
  displayName: row.displayName,
  passwordHash: row.passwordHash,
  createdAt: row.createdAt,
  notificationEmail: row.notificationEmail ?? null,
});

/**
 * {@link StaffStore} on MikroORM. A duplicate id or login id violates a unique key: `conflict`. Each
 * write and its audit drafts run in one transaction: the row first, then {@link appendAuditEntries}
 * (on PostgreSQL the audit lock after the row's lock, as every store does); if the append throws, the
 * row's change is rolled back with it.
 */
export const mikroOrmStaffStore = (db: OpenedOrm): StaffStore => ({
  meta: { contract: STAFF_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

  insert: (account, audit = []): ResultAsync<void, StorageError> =>
    runStorageOp("staff-store.insert", () =>
      db.em().transactional(async (tx): Promise<Result<void, StorageError>> => {
        await tx.insert(StaffAccountEntity, { ...account, notificationEmail: account.notificationEmail ?? null });
        await appendAuditEntries(tx, db.dialect, audit);
        return ok(undefined);
      }),
    ),

  findByLoginId: (loginId: string): ResultAsync<StaffAccount | null, StorageError> =>
    runStorageOp("staff-store.findByLoginId", async (): Promise<Result<StaffAccount | null, StorageError>> => {
      const row = await db.em().findOne(StaffAccountEntity, { loginId });
      return ok(row === null ? null : accountOf(row));
    }),

  findById: (id) =>
    runStorageOp("staff-store.findById", async (): Promise<Result<StaffAccount | null, StorageError>> => {
      const row = await db.em().findOne(StaffAccountEntity, { id });
      return ok(row === null ? null : accountOf(row));
    }),

  updatePasswordHash: (id, passwordHash, audit = []) =>
    runStorageOp("staff-store.updatePasswordHash", () =>
      db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
        const found = (await tx.nativeUpdate(StaffAccountEntity, { id }, { passwordHash })) > 0;
        // Only a write that changed an account is audited.
        if (found) await appendAuditEntries(tx, db.dialect, audit);
        return ok(found);
      }),
    ),

  updateNotificationEmail: (id, email, audit = []) =>
    runStorageOp("staff-store.updateNotificationEmail", () =>
      db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
        const found = (await tx.nativeUpdate(StaffAccountEntity, { id }, { notificationEmail: email })) > 0;
        if (found) await appendAuditEntries(tx, db.dialect, audit);
        return ok(found);
      }),
    ),

  count: (): ResultAsync<number, StorageError> =>
    runStorageOp("staff-store.count", async (): Promise<Result<number, StorageError>> => ok(await db.em().count(StaffAccountEntity))),

  healthCheck: () =>
    runStorageOp("staff-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
      await db.em().count(StaffAccountEntity, { id: "" });
      return ok(undefined);
    }),
});
