import {
  ConnectionException,
  DeadlockException,
  DriverException,
  ForeignKeyConstraintViolationException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from "@mikro-orm/core";
import { storageError, type KeyStoreError, type StorageError } from "@madoguchi/core";

/** Unique-key violations by code: PostgreSQL SQLSTATE and SQLite extended result codes. */
const UNIQUE_CODES = new Set(["23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/** Network failures of the PostgreSQL client (Node error codes). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN"]);

/**
 * PostgreSQL SQLSTATEs that mean "the server cannot serve us now": connection exceptions (08…),
 * insufficient resources (53…), operator intervention (57P…), serialization failure (40001).
 */
const isUnavailableSqlState = (code: string): boolean => /^(08|53|57P)/.test(code) || code === "40001" || code === "40P01";

/** Configuration mistakes: retrying does not help, an operator must act. */
const MISCONFIGURED_CODES = new Set(["28P01", "28000", "3D000", "3F000", "42501", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"]);

const codeOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/** What we keep of a driver exception: its class and code. Its message may quote row values. */
const safeCause = (e: unknown): { readonly name: string; readonly code?: string } => {
  const name = e instanceof Error ? e.constructor.name : typeof e;
  const code = codeOf(e);
  return code === undefined ? { name } : { name, code };
};

/**
 * THE boundary where driver and ORM exceptions become {@link StorageError}s. Messages are fixed
 * texts: driver messages can quote the offending values (e.g. PostgreSQL's "Key (…)=(…) already
 * exists"), so they are never copied; `cause` keeps only the exception's class and code.
 */
export const toStorageError = (operation: string, e: unknown): StorageError => {
  const cause = safeCause(e);
  const code = cause.code ?? "";
  // Raw connection calls surface the driver's own error, so codes are checked as well as classes.
  if (e instanceof UniqueConstraintViolationException || UNIQUE_CODES.has(code)) return storageError(operation, "conflict", "a unique key already exists", cause);
  if (e instanceof ForeignKeyConstraintViolationException) return storageError(operation, "conflict", "a referenced row does not exist", cause);
  if (MISCONFIGURED_CODES.has(code)) {
    return { ...storageError(operation, "unavailable", `database refused access or does not exist (${code})`, cause), retryable: false };
  }
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return storageError(operation, "corrupt", "the database file is damaged", cause);
  if (
    e instanceof ConnectionException ||
    e instanceof LockWaitTimeoutException ||
    e instanceof DeadlockException ||
    NETWORK_CODES.has(code) ||
    isUnavailableSqlState(code) ||
    code.startsWith("SQLITE_BUSY") ||
    code.startsWith("SQLITE_LOCKED") ||
    code.startsWith("SQLITE_IOERR") ||
    code === "SQLITE_FULL"
  ) {
    return storageError(operation, "unavailable", "the database is unreachable or busy", cause);
  }
  if (e instanceof DriverException || e instanceof Error) {
    // pg reports lost connections without a code.
    if (/connection (terminated|error)|not queryable|timeout exceeded when trying to connect/i.test(e.message)) {
      return storageError(operation, "unavailable", "the database connection was lost", cause);
    }
  }
  return storageError(operation, "unknown", "unexpected database error", cause);
};

/**
 * A KeyStore failure seen by the store. A data key that cannot be unwrapped, or whose KEK version
 * was destroyed, makes the record unreadable: `corrupt` (after a crypto-erase that is the intent).
 */
export const keyStoreToStorageError = (operation: string, e: KeyStoreError): StorageError => {
  switch (e.reason) {
    case "unavailable":
      return { ...storageError(operation, "unavailable", `key store unavailable: ${e.message}`), retryable: e.retryable };
    case "unwrap_failed":
      return storageError(operation, "corrupt", "the record's data key does not unwrap");
    case "key_destroyed":
      return storageError(operation, "corrupt", "the record's key-encryption key was destroyed (crypto-erased)");
  }
};
