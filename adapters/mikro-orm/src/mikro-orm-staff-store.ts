import { err, ok, type Result, type ResultAsync } from "neverthrow";
import { STAFF_STORE_CONTRACT, StaffId, storageError, type KeyStore, type StaffAccount, type StaffStore, type StorageError } from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import { StaffAccountEntity, type StaffAccountRow } from "./entities/staff-account.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { openPersonal, sealPersonal } from "./personal-data-cipher.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

/** KeyStore context of the data key that seals a staff member's notification address. */
const keyContext = (id: string): string => `staff-account:${id}`;

/** The notification columns of a row: sealed under a fresh data key, or all null (no address). */
type NotificationColumns = Pick<StaffAccountRow, "notificationEmail" | "notificationSealed" | "notificationWrappedKey" | "notificationKeyVersion">;

const NO_ADDRESS: NotificationColumns = { notificationEmail: null, notificationSealed: null, notificationWrappedKey: null, notificationKeyVersion: null };

const sealAddress = async (keyStore: KeyStore, operation: string, id: string, email: string | null): Promise<Result<NotificationColumns, StorageError>> => {
  if (email === null) return ok(NO_ADDRESS);
  const key = await keyStore.generateDataKey(keyContext(id));
  if (key.isErr()) return err(keyStoreToStorageError(operation, key.error));
  const { plaintext, wrapped, keyVersion } = key.value;
  const sealed = sealPersonal(plaintext, id, keyVersion, new TextEncoder().encode(email));
  plaintext.fill(0);
  return ok({ notificationEmail: null, notificationSealed: sealed, notificationWrappedKey: wrapped, notificationKeyVersion: keyVersion });
};

const openAddress = async (keyStore: KeyStore, operation: string, row: StaffAccountRow): Promise<Result<string | null, StorageError>> => {
  const { notificationSealed: sealed, notificationWrappedKey: wrapped, notificationKeyVersion: keyVersion } = row;
  if (sealed === null || sealed === undefined || wrapped === null || wrapped === undefined || keyVersion === null || keyVersion === undefined) {
    return ok(row.notificationEmail ?? null);
  }
  const key = await keyStore.unwrapDataKey(wrapped, keyVersion, keyContext(row.id));
  if (key.isErr()) return err(keyStoreToStorageError(operation, key.error));
  const plain = openPersonal(key.value, row.id, keyVersion, sealed);
  key.value.fill(0);
  if (plain === null) return err(storageError(operation, "corrupt", "a staff notification address did not authenticate"));
  return ok(new TextDecoder().decode(plain));
};

const accountOf = async (keyStore: KeyStore, operation: string, row: StaffAccountRow | null): Promise<Result<StaffAccount | null, StorageError>> => {
  if (row === null) return ok(null);
  return (await openAddress(keyStore, operation, row)).map((notificationEmail) => ({
    id: StaffId(row.id),
    loginId: row.loginId,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    createdAt: row.createdAt,
    notificationEmail,
  }));
};

/**
 * Seals the notification addresses still kept in plaintext (written before migration 0015) and empties the
 * plaintext column; run when the store opens. Idempotent: a row is sealed and emptied in one update.
 */
export const sealLegacyStaffEmails = async (db: OpenedOrm, keyStore: KeyStore): Promise<Result<number, StorageError>> => {
  const operation = "staff-store.sealLegacy";
  const rows = await db.em().find(StaffAccountEntity, { notificationEmail: { $ne: null } });
  for (const row of rows) {
    const columns = await sealAddress(keyStore, operation, row.id, row.notificationEmail ?? null);
    if (columns.isErr()) return err(columns.error);
    await db.em().nativeUpdate(StaffAccountEntity, { id: row.id }, columns.value);
  }
  return ok(rows.length);
};

/**
 * {@link StaffStore} on MikroORM. The notification address is personal data: sealed with AES-256-GCM under a
 * data key of its own row from the KeyStore (a new one on each change), never stored in plaintext. A duplicate
 * id or login id violates a unique key: `conflict`. Each write and its audit drafts run in one transaction: the
 * row first, then {@link appendAuditEntries} (on PostgreSQL the audit lock after the row's lock, as every store
 * does); if the append throws, the row's change is rolled back with it.
 */
export const mikroOrmStaffStore = (db: OpenedOrm, keyStore: KeyStore): StaffStore => ({
  meta: { contract: STAFF_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

  insert: (account, audit = []): ResultAsync<void, StorageError> =>
    runStorageOp("staff-store.insert", async (): Promise<Result<void, StorageError>> => {
      const { notificationEmail, ...rest } = account;
      const columns = await sealAddress(keyStore, "staff-store.insert", account.id, notificationEmail ?? null);
      if (columns.isErr()) return err(columns.error);
      return db.em().transactional(async (tx): Promise<Result<void, StorageError>> => {
        await tx.insert(StaffAccountEntity, { ...rest, ...columns.value });
        await appendAuditEntries(tx, db.dialect, audit);
        return ok(undefined);
      });
    }),

  findByLoginId: (loginId: string): ResultAsync<StaffAccount | null, StorageError> =>
    runStorageOp("staff-store.findByLoginId", async () => accountOf(keyStore, "staff-store.findByLoginId", await db.em().findOne(StaffAccountEntity, { loginId }))),

  findById: (id) => runStorageOp("staff-store.findById", async () => accountOf(keyStore, "staff-store.findById", await db.em().findOne(StaffAccountEntity, { id }))),

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
    runStorageOp("staff-store.updateNotificationEmail", async (): Promise<Result<boolean, StorageError>> => {
      const columns = await sealAddress(keyStore, "staff-store.updateNotificationEmail", id, email);
      if (columns.isErr()) return err(columns.error);
      return db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
        const found = (await tx.nativeUpdate(StaffAccountEntity, { id }, columns.value)) > 0;
        if (found) await appendAuditEntries(tx, db.dialect, audit);
        return ok(found);
      });
    }),

  count: (): ResultAsync<number, StorageError> =>
    runStorageOp("staff-store.count", async (): Promise<Result<number, StorageError>> => ok(await db.em().count(StaffAccountEntity))),

  healthCheck: () =>
    runStorageOp("staff-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
      await db.em().count(StaffAccountEntity, { id: "" });
      return ok(undefined);
    }),
});
