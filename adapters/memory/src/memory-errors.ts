import { storageError, type StorageError } from "@madoguchi/core";

/** The store was closed: like a closed connection pool, nothing more can be read or written. */
export const closedError = (operation: string): StorageError => storageError(operation, "unavailable", "the memory store is closed");

/** A unique key is taken. Names the key's kind, never its value. */
export const conflictError = (operation: string, what: string): StorageError =>
  storageError(operation, "conflict", `${what} already exists`);
