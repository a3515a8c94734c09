import { createHmac } from "node:crypto";
import { err, ok, type Result, type ResultAsync } from "neverthrow";
import {
  RESIDENT_ACCOUNT_STORE_CONTRACT,
  RESIDENT_SECOND_FACTORS,
  ResidentAccountId,
  storageError,
  type KeyStore,
  type ResidentAccount,
  type ResidentAccountStore,
  type ResidentSecondFactor,
  type StorageError,
} from "@madoguchi/core";
import { ResidentAccountEntity, ResidentIndexKeyEntity, type ResidentAccountRow } from "./entities/resident-account.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { openPersonal, sealPersonal } from "./personal-data-cipher.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

/** KeyStore context of an account's data key, and of the blind-index key. */
const keyContext = (id: string): string => `resident-account:${id}`;
const INDEX_KEY_ID = "resident-email";
const INDEX_KEY_CONTEXT = "resident-index:resident-email";

/** The sealed part of a row: everything that is or reveals the address. */
interface SealedPart {
  readonly email: string;
  readonly emailVerification: { readonly tokenHash: string; readonly expiresAt: string } | null;
  readonly pendingEmailChange: { readonly tokenHash: string; readonly expiresAt: string; readonly email: string } | null;
  /** Absent in rows written before unlock links existed. */
  readonly pendingUnlock?: { readonly tokenHash: string; readonly expiresAt: string } | null;
}

const seal = (account: ResidentAccount): Uint8Array => {
  const part: SealedPart = {
    email: account.email,
    emailVerification: account.emailVerification === null ? null : { tokenHash: account.emailVerification.tokenHash, expiresAt: account.emailVerification.expiresAt.toISOString() },
    pendingEmailChange:
      account.pendingEmailChange === null
        ? null
        : { tokenHash: account.pendingEmailChange.tokenHash, expiresAt: account.pendingEmailChange.expiresAt.toISOString(), email: account.pendingEmailChange.email },
    pendingUnlock: account.pendingUnlock === null ? null : { tokenHash: account.pendingUnlock.tokenHash, expiresAt: account.pendingUnlock.expiresAt.toISOString() },
  };
  return new TextEncoder().encode(JSON.stringify(part));
};

const isSecondFactor = (s: string): s is ResidentSecondFactor => (RESIDENT_SECOND_FACTORS as readonly string[]).includes(s);

/**
 * {@link ResidentAccountStore} on MikroORM (SQLite or PostgreSQL). Each account gets its own data key
 * from the KeyStore (as applications do); the blind-index key is one data key made on first use and
 * stored wrapped, so neither a copy of the database nor its backups can test a guessed address
 * without the KeyStore. Updates are `UPDATE … WHERE id = ? AND version = ?`.
 */
export const mikroOrmResidentAccountStore = (db: OpenedOrm, keyStore: KeyStore): ResidentAccountStore => {
  let indexKey: Uint8Array | null = null;

  const loadIndexKey = async (operation: string): Promise<Result<Uint8Array, StorageError>> => {
    if (indexKey !== null) return ok(indexKey);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const row = await db.em().findOne(ResidentIndexKeyEntity, { id: INDEX_KEY_ID });
      if (row !== null) {
        const key = await keyStore.unwrapDataKey(row.wrappedKey, row.keyVersion, INDEX_KEY_CONTEXT);
        if (key.isErr()) return err(keyStoreToStorageError(operation, key.error));
        indexKey = key.value;
        return ok(key.value);
      }
      const made = await keyStore.generateDataKey(INDEX_KEY_CONTEXT);
      if (made.isErr()) return err(keyStoreToStorageError(operation, made.error));
      try {
        await db.em().insert(ResidentIndexKeyEntity, { id: INDEX_KEY_ID, keyVersion: made.value.keyVersion, wrappedKey: made.value.wrapped });
        indexKey = made.value.plaintext;
        return ok(made.value.plaintext);
      } catch {
        // Another instance made it first: read theirs.
        made.value.plaintext.fill(0);
      }
    }
    return err(storageError(operation, "unavailable", "the blind-index key could not be made"));
  };

  const emailIndex = async (operation: string, email: string): Promise<Result<string, StorageError>> =>
    (await loadIndexKey(operation)).map((key) => createHmac("sha256", key).update(`resident-email\u0000${email}`, "utf8").digest("hex"));

  const decrypt = async (operation: string, row: ResidentAccountRow): Promise<Result<ResidentAccount, StorageError>> => {
    const key = await keyStore.unwrapDataKey(row.wrappedKey, row.keyVersion, keyContext(row.id));
    if (key.isErr()) return err(keyStoreToStorageError(operation, key.error));
    const plain = openPersonal(key.value, row.id, row.keyVersion, row.sealed);
    key.value.fill(0);
    if (plain === null || !isSecondFactor(row.secondFactor) || (row.locale !== "ja" && row.locale !== "en")) {
      return err(storageError(operation, "corrupt", "stored resident account is unreadable"));
    }
    const part = JSON.parse(new TextDecoder().decode(plain)) as SealedPart;
    return ok({
      id: ResidentAccountId(row.id),
      email: part.email,
      passwordHash: row.passwordHash,
      emailVerifiedAt: row.emailVerifiedAt ?? null,
      emailVerification: part.emailVerification === null ? null : { tokenHash: part.emailVerification.tokenHash, expiresAt: new Date(part.emailVerification.expiresAt) },
      pendingEmailChange:
        part.pendingEmailChange === null
          ? null
          : { tokenHash: part.pendingEmailChange.tokenHash, expiresAt: new Date(part.pendingEmailChange.expiresAt), email: part.pendingEmailChange.email },
      pendingUnlock:
        part.pendingUnlock === undefined || part.pendingUnlock === null
          ? null
          : { tokenHash: part.pendingUnlock.tokenHash, expiresAt: new Date(part.pendingUnlock.expiresAt) },
      secondFactor: row.secondFactor,
      locale: row.locale,
      createdAt: row.createdAt,
      version: row.version,
    });
  };

  const columns = (account: ResidentAccount, index: string, dataKey: Uint8Array, keyVersion: number) => ({
    emailIndex: index,
    passwordHash: account.passwordHash,
    emailVerifiedAt: account.emailVerifiedAt,
    secondFactor: account.secondFactor,
    locale: account.locale,
    createdAt: account.createdAt,
    version: account.version,
    sealed: sealPersonal(dataKey, account.id, keyVersion, seal(account)),
  });

  return {
    meta: { contract: RESIDENT_ACCOUNT_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    insert: (account: ResidentAccount): ResultAsync<void, StorageError> => {
      const op = "resident-account-store.insert";
      return runStorageOp(op, async (): Promise<Result<void, StorageError>> => {
        const index = await emailIndex(op, account.email);
        if (index.isErr()) return err(index.error);
        const key = await keyStore.generateDataKey(keyContext(account.id));
        if (key.isErr()) return err(keyStoreToStorageError(op, key.error));
        const { plaintext, wrapped, keyVersion } = key.value;
        const row = { id: account.id, keyVersion, wrappedKey: wrapped, ...columns(account, index.value, plaintext, keyVersion) };
        plaintext.fill(0);
        await db.em().insert(ResidentAccountEntity, row);
        return ok(undefined);
      });
    },

    findById: (id) =>
      runStorageOp("resident-account-store.findById", async (): Promise<Result<ResidentAccount | null, StorageError>> => {
        const row = await db.em().findOne(ResidentAccountEntity, { id });
        return row === null ? ok(null) : decrypt("resident-account-store.findById", row);
      }),

    findByEmail: (email) => {
      const op = "resident-account-store.findByEmail";
      return runStorageOp(op, async (): Promise<Result<ResidentAccount | null, StorageError>> => {
        const index = await emailIndex(op, email);
        if (index.isErr()) return err(index.error);
        const row = await db.em().findOne(ResidentAccountEntity, { emailIndex: index.value });
        return row === null ? ok(null) : decrypt(op, row);
      });
    },

    update: (account: ResidentAccount, expectedVersion: number): ResultAsync<boolean, StorageError> => {
      if (account.version !== expectedVersion + 1) throw new RangeError("account.version must be expectedVersion + 1");
      const op = "resident-account-store.update";
      return runStorageOp(op, async (): Promise<Result<boolean, StorageError>> => {
        const keyRow = await db.em().findOne(ResidentAccountEntity, { id: account.id }, { fields: ["id", "wrappedKey", "keyVersion"] });
        if (keyRow === null) return ok(false);
        const index = await emailIndex(op, account.email);
        if (index.isErr()) return err(index.error);
        const key = await keyStore.unwrapDataKey(keyRow.wrappedKey, keyRow.keyVersion, keyContext(account.id));
        if (key.isErr()) return err(keyStoreToStorageError(op, key.error));
        const values = columns(account, index.value, key.value, keyRow.keyVersion);
        key.value.fill(0);
        const affected = await db.em().nativeUpdate(ResidentAccountEntity, { id: account.id, version: expectedVersion }, values);
        return ok(affected === 1);
      });
    },

    healthCheck: () =>
      runStorageOp("resident-account-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().count(ResidentAccountEntity);
        const keys = await keyStore.healthCheck();
        return keys.isErr() ? err(keyStoreToStorageError("resident-account-store.healthCheck", keys.error)) : ok(undefined);
      }),
  };
};
