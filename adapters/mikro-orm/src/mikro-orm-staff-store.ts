import { ok, type Result, type ResultAsync } from "neverthrow";
import { StaffId, type StaffAccount, type StaffStore, type StorageError } from "@madoguchi/core";
import { StaffAccountEntity } from "./entities/staff-account.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** {@link StaffStore} on MikroORM. A duplicate id or login id violates a unique key: `conflict`. */
export const mikroOrmStaffStore = (db: OpenedOrm): StaffStore => ({
  insert: (account: StaffAccount): ResultAsync<void, StorageError> =>
    runStorageOp("staff-store.insert", async (): Promise<Result<void, StorageError>> => {
      await db.em().insert(StaffAccountEntity, { ...account });
      return ok(undefined);
    }),

  findByLoginId: (loginId: string): ResultAsync<StaffAccount | null, StorageError> =>
    runStorageOp("staff-store.findByLoginId", async (): Promise<Result<StaffAccount | null, StorageError>> => {
      const row = await db.em().findOne(StaffAccountEntity, { loginId });
      return ok(
        row === null
          ? null
          : { id: StaffId(row.id), loginId: row.loginId, displayName: row.displayName, passwordHash: row.passwordHash, createdAt: row.createdAt },
      );
    }),

  findById: (id) =>
    runStorageOp("staff-store.findById", async (): Promise<Result<StaffAccount | null, StorageError>> => {
      const row = await db.em().findOne(StaffAccountEntity, { id });
      return ok(
        row === null
          ? null
          : { id: StaffId(row.id), loginId: row.loginId, displayName: row.displayName, passwordHash: row.passwordHash, createdAt: row.createdAt },
      );
    }),

  updatePasswordHash: (id, passwordHash) =>
    runStorageOp("staff-store.updatePasswordHash", async (): Promise<Result<boolean, StorageError>> => ok((await db.em().nativeUpdate(StaffAccountEntity, { id }, { passwordHash })) > 0)),

  count: (): ResultAsync<number, StorageError> =>
    runStorageOp("staff-store.count", async (): Promise<Result<number, StorageError>> => ok(await db.em().count(StaffAccountEntity))),
});
